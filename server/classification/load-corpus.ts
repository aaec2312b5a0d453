import { readFileSync } from 'node:fs';
import path from 'node:path';
import { labelledExampleSchema, type LabelledExample } from '../../classifiers/lexical/lexical-classifier';

export const corpusDirectory = path.join(__dirname, '..', '..', 'classifiers', 'corpus');

/** Reads a JSON-lines file of labelled requests; a bad line stops with its line number. */
export function readLabelledExamples(file: string): LabelledExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = labelledExampleSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export function readCorpusSplit(split: 'train' | 'validation' | 'test'): LabelledExample[] {
  return readLabelledExamples(path.join(corpusDirectory, `${split}.jsonl`));
}
