import type { ClassifierOutput, RequestPart } from '../classification';
import type { Taxonomy } from '../taxonomy/taxonomy';
import { opinionFromIntents } from '../transformer/opinion-from-intents';
import { segmentSentences, type TextSegment } from './segment-sentences';

export interface PartDetectionSettings {
  /** A sentence counts as a request for a service when the segment classifier is at least this sure of it. */
  sentenceConfidence: number;
  /** How likely the whole message must be a demandes-multiples one, for sentences alone are easily misled by context. */
  messageSupport: number;
  /** Above this message-level likelihood, parts are reported with a lower sentence confidence. */
  strongMessageSupport: number;
}

/** Chosen on the realistic validation messages, for the best queue accuracy (training/README.md, "Several requests"). */
export const defaultPartDetectionSettings: PartDetectionSettings = {
  sentenceConfidence: 0.8,
  messageSupport: 0.02,
  strongMessageSupport: 0.1,
};

export const multipleRequestsIntent = 'demandes-multiples';

/**
 * Finds the requests for different services in one message: each sentence is classified alone, and the sentences
 * sure of a department queue make a part each (the surest sentence of each queue gives the excerpt). A message
 * holds parts only when at least two queues are found and the whole message also looks like several requests:
 * a parent asking for a school place who mentions the birth certificate the school wants asks one thing.
 */
export function detectParts(
  taxonomy: Taxonomy,
  text: string,
  message: ClassifierOutput,
  classifySentence: (sentence: string) => ClassifierOutput,
  settings: PartDetectionSettings = defaultPartDetectionSettings,
): RequestPart[] | undefined {
  const support = message.intentScores.find((entry) => entry.label === multipleRequestsIntent)?.score ?? 0;
  if (support < settings.messageSupport) return undefined;
  const threshold = support >= settings.strongMessageSupport ? settings.sentenceConfidence / 1.5 : settings.sentenceConfidence;
  const best = new Map<string, { segment: TextSegment; output: ClassifierOutput }>();
  for (const segment of segmentSentences(text)) {
    const output = classifySentence(segment.text);
    if (output.queue === taxonomy.fallbackQueue || output.confidence < threshold) continue;
    const current = best.get(output.queue);
    if (!current || output.confidence > current.output.confidence) best.set(output.queue, { segment, output });
  }
  if (best.size < 2) return undefined;
  return [...best.values()]
    .sort((a, b) => a.segment.start - b.segment.start)
    .map(({ segment, output }) => ({
      queue: output.queue,
      intent: output.intent,
      confidence: output.confidence,
      text: segment.text,
      start: segment.start,
      end: segment.end,
    }));
}

/**
 * The decision when no two requests for different services could be found in the message: the whole-message
 * models' "several requests" score alone is too often fooled (a long message, a foreign language), so the best
 * other intent is taken, with the confidence it has on its own.
 */
export function withoutUnfoundParts(taxonomy: Taxonomy, decision: ClassifierOutput): ClassifierOutput {
  if (decision.intent !== multipleRequestsIntent) return decision;
  const others = decision.intentScores.filter((entry) => entry.label !== multipleRequestsIntent);
  return opinionFromIntents(taxonomy, decision.classifier, others);
}
