import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Taxonomy } from '../taxonomy/taxonomy';
import type { SoftmaxRegression } from './softmax-regression';
import { TfidfClassifier, tfidfMetadataSchema } from './tfidf-classifier';
import { TfidfVectorizer } from './tfidf-vectorizer';

export const shippedTfidfDirectory = path.join(__dirname, 'model');

/**
 * The model on disk: `tfidf.json` (labels, temperature, vocabulary and idf, how it was trained) and `weights.bin`,
 * the weights quantized to int8 with one scale per n-gram row (a quarter of the float size; the rounding moves
 * probabilities by well under a percent, see test/classifiers/tfidf-classifier.test.ts).
 * weights.bin layout: biases (float32 × classes), scales (float32 × features), weights (int8 × features × classes).
 */
export function saveTfidfClassifier(classifier: TfidfClassifier, directory: string, training: Record<string, unknown>): void {
  mkdirSync(directory, { recursive: true });
  const metadata = {
    intents: classifier.intents,
    temperature: classifier.temperature,
    vectorizer: classifier.vectorizer.toState(),
    training,
  };
  writeFileSync(path.join(directory, 'tfidf.json'), JSON.stringify(metadata));
  writeFileSync(path.join(directory, 'weights.bin'), encodeTfidfWeights(classifier.regression));
}

export function loadTfidfClassifier(taxonomy: Taxonomy, directory = shippedTfidfDirectory): TfidfClassifier {
  const metadataFile = path.join(directory, 'tfidf.json');
  if (!existsSync(metadataFile)) throw new Error(`no TF-IDF model in ${directory} (npm run train:tfidf makes one)`);
  const metadata = tfidfMetadataSchema.parse(JSON.parse(readFileSync(metadataFile, 'utf8')));
  const vectorizer = TfidfVectorizer.fromState(metadata.vectorizer);
  const regression = decodeTfidfWeights(readFileSync(path.join(directory, 'weights.bin')), metadata.intents.length, vectorizer.size);
  return new TfidfClassifier(taxonomy, metadata.intents, vectorizer, regression, metadata.temperature);
}

/** The weights as stored in weights.bin (and in a model version learnt from corrections). */
export function encodeTfidfWeights(model: SoftmaxRegression): Buffer {
  const { classes, features } = model;
  const buffer = Buffer.alloc(4 * classes + 4 * features + classes * features);
  model.biases.forEach((bias, c) => buffer.writeFloatLE(bias, 4 * c));
  const scalesOffset = 4 * classes;
  const weightsOffset = scalesOffset + 4 * features;
  for (let feature = 0; feature < features; feature++) {
    const row = model.weights.subarray(feature * classes, (feature + 1) * classes);
    const scale = row.reduce((max, weight) => Math.max(max, Math.abs(weight)), 0) / 127 || 1;
    buffer.writeFloatLE(scale, scalesOffset + 4 * feature);
    row.forEach((weight, c) => buffer.writeInt8(Math.round(weight / scale), weightsOffset + feature * classes + c));
  }
  return buffer;
}

export function decodeTfidfWeights(buffer: Buffer, classes: number, features: number): SoftmaxRegression {
  const expected = 4 * classes + 4 * features + classes * features;
  if (buffer.length !== expected) throw new Error(`weights.bin holds ${buffer.length} bytes, expected ${expected}`);
  const biases = new Float32Array(classes).map((_, c) => buffer.readFloatLE(4 * c));
  const weights = new Float32Array(classes * features);
  const scalesOffset = 4 * classes;
  const weightsOffset = scalesOffset + 4 * features;
  for (let feature = 0; feature < features; feature++) {
    const scale = buffer.readFloatLE(scalesOffset + 4 * feature);
    for (let c = 0; c < classes; c++) weights[feature * classes + c] = buffer.readInt8(weightsOffset + feature * classes + c) * scale;
  }
  return { classes, features, weights, biases };
}
