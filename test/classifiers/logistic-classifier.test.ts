import { LogisticLexicalClassifier } from '../../classifiers/lexical/logistic-classifier';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';

const example = (text: string, queue: string, intent: string) => ({ subject: '', text, queue, intent });
const examples = [
  example('Je voudrais une copie de mon acte de naissance', 'etat-civil', 'copie-acte-naissance'),
  example('Bonjour, il me faut un extrait d’acte de naissance, merci', 'etat-civil', 'copie-acte-naissance'),
  example('Acte de naissance de mon fils svp', 'etat-civil', 'copie-acte-naissance'),
  example('Bonjour, le lampadaire devant chez moi est éteint, merci', 'voirie', 'eclairage-public'),
  example('Un réverbère ne fonctionne plus dans ma rue', 'voirie', 'eclairage-public'),
  example('Lampadaire en panne, la rue est dans le noir', 'voirie', 'eclairage-public'),
  example('Bonjour, mes voisins font du bruit toute la nuit, merci', 'police-municipale', 'nuisances-sonores'),
  example('Tapage nocturne chez le voisin', 'police-municipale', 'nuisances-sonores'),
  example('Le chien du voisin aboie, trop de bruit', 'police-municipale', 'nuisances-sonores'),
];

describe('LogisticLexicalClassifier', () => {
  const classifier = LogisticLexicalClassifier.train(defaultTaxonomy, examples);

  it('recognises requests that share stems with its training examples', () => {
    expect(classifier.classifySync({ subject: '', text: 'le lampadaire de la rue Pasteur est éteint' })).toMatchObject({
      classifier: 'lexical-logistic',
      queue: 'voirie',
      intent: 'eclairage-public',
    });
    expect(classifier.classifySync({ subject: 'Bruit', text: 'bonjour, les voisins font la fête, merci' }).intent).toBe('nuisances-sonores');
  });

  it('learns that words found in every intent carry no signal', () => {
    const politeOnly = classifier.classifySync({ subject: '', text: 'Bonjour, merci' });
    const specific = classifier.classifySync({ subject: '', text: 'acte de naissance' });
    expect(politeOnly.confidence).toBeLessThan(specific.confidence);
  });

  it('trains reproducibly from a seed', () => {
    const again = LogisticLexicalClassifier.train(defaultTaxonomy, examples);
    const input = { subject: '', text: 'réverbère en panne et bruit' };
    expect(again.classifySync(input)).toEqual(classifier.classifySync(input));
  });

  it('keeps its ranking when calibrated, changing only how sure it is', () => {
    const calibrated = classifier.calibrated(examples);
    const input = { subject: '', text: 'copie acte de naissance' };
    expect(calibrated.classifySync(input).intentScores.map((entry) => entry.label)).toEqual(
      classifier.classifySync(input).intentScores.map((entry) => entry.label),
    );
  });

  it('refuses examples whose intent is not in their queue', () => {
    expect(() => LogisticLexicalClassifier.train(defaultTaxonomy, [example('acte', 'voirie', 'copie-acte-naissance')])).toThrow(
      /unknown queue\/intent/,
    );
  });
});
