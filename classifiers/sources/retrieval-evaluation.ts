import { z } from 'zod';

import { searchFiches, type FicheSearchIndex, type SearchField } from './search-fiches';

/** A citizen's question and the fiche that answers it (training/answers/questions.jsonl). */
export const labelledQuestionSchema = z.strictObject({
  text: z.string().min(1),
  fiche: z.string().regex(/^F\d+$/),
  /** Who wrote it (a voice: "sms", "formelle"...), to see which way of writing retrieval misses. */
  writer: z.string().min(1),
  /** `test` questions are never looked at while tuning; `validation` and `tune` ones are (tune: written for it). */
  split: z.enum(['test', 'validation', 'tune']),
});
export type LabelledQuestion = z.infer<typeof labelledQuestionSchema>;

export interface RetrievalScore {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  misses: { text: string; expected: string; found: string[] }[];
}

/** Share of questions whose fiche is the first result (hit@1) or among the first three (hit@3). */
export function scoreRetrieval(
  index: FicheSearchIndex,
  questions: readonly { text: string; fiche: string }[],
  fields?: readonly SearchField[],
): RetrievalScore {
  let first = 0;
  let topThree = 0;
  const misses: RetrievalScore['misses'] = [];
  for (const question of questions) {
    const found = searchFiches(index, question.text, 3, fields).map((hit) => hit.id);
    if (found[0] === question.fiche) first += 1;
    if (found.includes(question.fiche)) topThree += 1;
    else misses.push({ text: question.text, expected: question.fiche, found });
  }
  const share = (count: number) => (questions.length === 0 ? 0 : count / questions.length);
  return { questions: questions.length, hitAt1: share(first), hitAt3: share(topThree), misses };
}
