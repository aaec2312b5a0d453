import { NlpjsClassifier } from '../../classifiers/peers/nlpjs-classifier';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';

const examples = [
  ['Je voudrais une copie de mon acte de naissance', 'etat-civil', 'copie-acte-naissance'],
  ['Pouvez-vous m’envoyer un extrait d’acte de naissance ?', 'etat-civil', 'copie-acte-naissance'],
  ['Il me faut l’acte de naissance de mon fils', 'etat-civil', 'copie-acte-naissance'],
  ['Le lampadaire devant chez moi est éteint', 'voirie', 'eclairage-public'],
  ['Un réverbère ne fonctionne plus dans ma rue', 'voirie', 'eclairage-public'],
  ['La rue est plongée dans le noir, lampadaire en panne', 'voirie', 'eclairage-public'],
  ['Mes voisins font du bruit toute la nuit', 'police-municipale', 'nuisances-sonores'],
  ['Tapage nocturne chez le voisin du dessus', 'police-municipale', 'nuisances-sonores'],
  ['Le chien du voisin aboie sans arrêt, trop de bruit', 'police-municipale', 'nuisances-sonores'],
].map(([text, queue, intent]) => ({ subject: '', text: text!, queue: queue!, intent: intent! }));

describe('NlpjsClassifier', () => {
  let classifier: NlpjsClassifier;
  beforeAll(async () => {
    classifier = await NlpjsClassifier.train(defaultTaxonomy, examples);
  });

  it('recognises requests worded like its training examples', async () => {
    const lamp = await classifier.classify({ subject: '', text: 'lampadaire éteint rue Pasteur', channel: 'form' });
    expect(lamp).toMatchObject({ classifier: 'nlpjs', queue: 'voirie', intent: 'eclairage-public' });
    const noise = await classifier.classify({ subject: 'Bruit', text: 'le voisin fait du bruit la nuit', channel: 'email' });
    expect(noise.intent).toBe('nuisances-sonores');
  });

  it('returns distributions that sum to one, with the confidence of the chosen queue', async () => {
    const output = await classifier.classify({ subject: '', text: 'acte de naissance', channel: 'form' });
    expect(output.intentScores.reduce((sum, entry) => sum + entry.score, 0)).toBeCloseTo(1);
    expect(output.queueScores[0]).toEqual({ label: output.queue, score: output.confidence });
  });

  it('spreads its scores evenly when it knows none of the words', async () => {
    const output = await classifier.classify({ subject: '', text: 'xylophone quantique', channel: 'form' });
    expect(output.intentScores.map((entry) => entry.score)).toEqual([1 / 3, 1 / 3, 1 / 3].map((score) => expect.closeTo(score)));
  });
});
