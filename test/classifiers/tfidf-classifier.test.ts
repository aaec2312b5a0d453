import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { charNgrams, foldText, wordNgrams } from '../../classifiers/tfidf/ngram-terms';
import { defaultTfidfOptions, TfidfClassifier } from '../../classifiers/tfidf/tfidf-classifier';
import { loadTfidfClassifier, saveTfidfClassifier } from '../../classifiers/tfidf/tfidf-model-files';
import { TfidfVectorizer } from '../../classifiers/tfidf/tfidf-vectorizer';

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
const options = { ...defaultTfidfOptions, minDocumentFrequency: 1, epochs: 30 };

describe('TF-IDF n-grams', () => {
  const collect = (extract: (text: string, emit: (term: string) => void) => void, text: string) => {
    const terms: string[] = [];
    extract(foldText(text), (term) => terms.push(term));
    return terms;
  };

  it('folds accents and case, so that "Etat civil" and "état civil" are the same text', () => {
    expect(foldText('État Civil, déjà')).toBe('etat civil, deja');
  });

  it('cuts character n-grams inside padded words, as scikit-learn char_wb does', () => {
    expect(collect(charNgrams, 'Rue a')).toEqual([' r', 'ru', 'ue', 'e ', ' ru', 'rue', 'ue ', ' rue', 'rue ', ' rue ', ' a', 'a ', ' a ']);
  });

  it('counts words of two letters or more and their bigrams', () => {
    expect(collect(wordNgrams, "L'acte de naissance")).toEqual(['acte', 'de', 'acte de', 'naissance', 'de naissance']);
  });

  it('weighs terms by sublinear tf × smoothed idf, each block normalised to length 1', () => {
    const vectorizer = TfidfVectorizer.fit(['aa bb', 'aa'], { minDocumentFrequency: 1, maxCharTerms: 0, maxWordTerms: 10 });
    const vector = vectorizer.transform('bb bb aa');
    // idf(aa) = ln(3/3)+1 = 1, idf(bb) = ln(3/2)+1; tf(bb) = 1+ln 2; bigrams "bb bb" and "bb aa" are unknown.
    const [aa, bb] = [1, (1 + Math.log(2)) * (Math.log(1.5) + 1)];
    const norm = Math.hypot(aa, bb);
    expect([...vector.values].map((value) => Number(value.toFixed(6)))).toEqual(
      [aa / norm, bb / norm].map((value) => Number(value.toFixed(6))),
    );
  });
});

describe('TfidfClassifier', () => {
  const classifier = TfidfClassifier.train(defaultTaxonomy, examples, options);

  it('recognises requests that share words or spellings with its training examples, typos and missing accents included', () => {
    expect(classifier.classifySync({ subject: '', text: 'le lampadaire de la rue Pasteur est éteint' })).toMatchObject({
      classifier: 'tfidf',
      queue: 'voirie',
      intent: 'eclairage-public',
    });
    expect(classifier.classifySync({ subject: '', text: 'lampadere eteint rue pasteur' }).queue).toBe('voirie');
    expect(classifier.classifySync({ subject: 'Bruit', text: 'bonjour, les voisins font la fête, merci' }).intent).toBe(
      'nuisances-sonores',
    );
  });

  it('learns that words found in every intent carry no signal', () => {
    const politeOnly = classifier.classifySync({ subject: '', text: 'Bonjour, merci' });
    const specific = classifier.classifySync({ subject: '', text: 'acte de naissance' });
    expect(politeOnly.confidence).toBeLessThan(specific.confidence);
  });

  it('trains reproducibly from a seed', () => {
    const again = TfidfClassifier.train(defaultTaxonomy, examples, options);
    const input = { subject: '', text: 'réverbère en panne et bruit' };
    expect(again.classifySync(input)).toEqual(classifier.classifySync(input));
  });

  it('counts weighted examples more', () => {
    const ambiguous = example('bruit du lampadaire', 'police-municipale', 'nuisances-sonores');
    const heavy = TfidfClassifier.train(
      defaultTaxonomy,
      [...examples, { ...ambiguous, queue: 'voirie', intent: 'eclairage-public', weight: 20 }],
      options,
    );
    expect(heavy.classifySync({ subject: '', text: 'bruit du lampadaire' }).queue).toBe('voirie');
  });

  it('keeps its ranking when calibrated, changing only how sure it is', () => {
    const calibrated = classifier.calibrated(examples);
    const input = { subject: '', text: 'copie acte de naissance' };
    expect(calibrated.classifySync(input).intentScores.map((entry) => entry.label)).toEqual(
      classifier.classifySync(input).intentScores.map((entry) => entry.label),
    );
  });

  it('saves its weights in int8 and loads them back with the same answers, give or take a rounding', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'tfidf-'));
    saveTfidfClassifier(classifier, directory, { note: 'test' });
    const loaded = loadTfidfClassifier(defaultTaxonomy, directory);
    for (const text of ['acte de naissance svp', 'lampadaire éteint', 'le voisin fait du bruit']) {
      const [before, after] = [classifier.classifySync({ subject: '', text }), loaded.classifySync({ subject: '', text })];
      expect(after.intent).toBe(before.intent);
      expect(Math.abs(after.confidence - before.confidence)).toBeLessThan(0.01);
    }
  });

  it('refuses examples whose intent is not in their queue', () => {
    expect(() => TfidfClassifier.train(defaultTaxonomy, [example('acte', 'voirie', 'copie-acte-naissance')], options)).toThrow(
      /unknown queue\/intent/,
    );
  });
});
