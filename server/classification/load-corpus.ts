import path from 'node:path';
import { labelledExampleSchema, type LabelledExample } from '../../classifiers/lexical/lexical-classifier';
import { readJsonLines } from './read-json-lines';

export const corpusDirectory = path.join(__dirname, '..', '..', 'classifiers', 'corpus');

export function readLabelledExamples(file: string): LabelledExample[] {
  return readJsonLines(file, labelledExampleSchema);
}

export function readCorpusSplit(split: 'train' | 'validation' | 'test'): LabelledExample[] {
  return readLabelledExamples(path.join(corpusDirectory, `${split}.jsonl`));
}
