import path from 'node:path';

import { corpusRecordSchema, type CorpusRecord } from '../../classifiers/corpus/corpus-record';
import { labelledExampleSchema, type LabelledExample } from '../../classifiers/lexical/lexical-classifier';
import { readJsonLines } from './read-json-lines';

export const corpusDirectory = path.join(__dirname, '..', '..', 'classifiers', 'corpus');

export type CorpusSplit = 'train' | 'validation' | 'test' | 'blind';

export function readLabelledExamples(file: string): LabelledExample[] {
  return readJsonLines(file, labelledExampleSchema);
}

export function readCorpusSplit(split: Exclude<CorpusSplit, 'blind'>): LabelledExample[] {
  return readLabelledExamples(path.join(corpusDirectory, `${split}.jsonl`));
}

/** The split's lines with their provenance (source, language, kind), for weighting and breakdowns. */
export function readCorpusRecords(split: CorpusSplit): CorpusRecord[] {
  return readJsonLines(path.join(corpusDirectory, `${split}.jsonl`), corpusRecordSchema);
}
