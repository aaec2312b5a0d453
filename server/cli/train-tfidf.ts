/**
 * Trains the TF-IDF model on the corpus train split (templates and fiche titles weighted down, realistic
 * messages and the parts of demandes-multiples messages in full), fits its temperature on the realistic
 * validation messages, and writes classifiers/tfidf/model/ (or --out).
 *
 *   npm run train:tfidf [-- --out DIR]
 */
import { parseArgs } from 'node:util';

import { defaultSourceWeights, trainingExamples } from '../../classifiers/corpus/training-examples';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { defaultTfidfOptions, TfidfClassifier } from '../../classifiers/tfidf/tfidf-classifier';
import { saveTfidfClassifier, shippedTfidfDirectory } from '../../classifiers/tfidf/tfidf-model-files';
import { readCorpusRecords } from '../classification/load-corpus';
import { realisticValidation } from '../classification/realistic-validation';

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const started = performance.now();
  const examples = trainingExamples(readCorpusRecords('train'));
  const validation = realisticValidation();
  const classifier = TfidfClassifier.train(defaultTaxonomy, examples, defaultTfidfOptions).calibrated(validation);
  const correct = validation.filter((example) => classifier.classifySync(example).queue === example.queue).length;
  const training = {
    examples: examples.length,
    sourceWeights: defaultSourceWeights,
    options: defaultTfidfOptions,
    features: classifier.vectorizer.size,
    validation: { requests: validation.length, queueAccuracy: Number((correct / validation.length).toFixed(4)) },
  };
  const out = values.out ?? shippedTfidfDirectory;
  saveTfidfClassifier(classifier, out, training);
  console.log(
    JSON.stringify(
      { out, seconds: Math.round((performance.now() - started) / 1000), temperature: classifier.temperature, training },
      null,
      2,
    ),
  );
}

main();
