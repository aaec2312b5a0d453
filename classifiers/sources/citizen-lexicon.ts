import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { z } from 'zod';

import { foldAccents } from '../lexical/french-terms';

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** Lower-case words without accents, split as the search index splits them (apostrophes and hyphens included). */
function foldedWords(text: string): string[] {
  return tokenize(foldAccents(text)).filter((word) => word.length > 0);
}

/**
 * Citizens' words next to the fiches' own: a citizen writes « mon fils s'est fait mordre », the fiche says
 * « morsure »; « maison de retraite », the fiche « Ehpad ». Stems cannot bridge these, so a hand-written lexicon
 * adds the official words to the question before it is searched.
 */
export const citizenLexiconSchema = z.strictObject({
  about: z.string(),
  entries: z.array(
    z.strictObject({
      /** What the entry is about, for the people who review the file. */
      topic: z.string().min(1),
      /** Words or phrases as citizens write them; matched as whole words, accents and case ignored. */
      citizen: z.array(z.string().refine((phrase) => foldedWords(phrase).length > 0, 'a phrase needs at least one word')).min(1),
      /** The fiches' words for the same thing, added to a question that contains one of the citizen phrases. */
      official: z.string().min(1),
    }),
  ),
});
export type CitizenLexiconFile = z.infer<typeof citizenLexiconSchema>;

/** Each entry's phrases as word sequences, ready to be looked for in a question. */
export interface CitizenLexicon {
  readonly entries: readonly { phrases: readonly (readonly string[])[]; official: string }[];
}

export const emptyCitizenLexicon: CitizenLexicon = { entries: [] };

export const shippedCitizenLexiconPath = path.join(__dirname, 'citizen-lexicon.json');

export function citizenLexicon(file: CitizenLexiconFile): CitizenLexicon {
  return { entries: file.entries.map((entry) => ({ phrases: entry.citizen.map(foldedWords), official: entry.official })) };
}

export function loadCitizenLexicon(file: string = shippedCitizenLexiconPath): CitizenLexicon {
  return citizenLexicon(citizenLexiconSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
}

/** The official words of every entry one of whose phrases the text contains, in the lexicon's order. */
export function officialWordsFor(lexicon: CitizenLexicon, text: string): string[] {
  const words = foldedWords(text);
  const contains = (phrase: readonly string[]) => {
    for (let start = 0; start + phrase.length <= words.length; start++) {
      if (phrase.every((word, offset) => words[start + offset] === word)) return true;
    }
    return false;
  };
  return lexicon.entries.filter((entry) => entry.phrases.some(contains)).map((entry) => entry.official);
}

/** The question as it is searched: the citizen's text, then the official words of the phrases it contains. */
export function expandQuestion(lexicon: CitizenLexicon, text: string): string {
  return [text, ...officialWordsFor(lexicon, text)].join('\n');
}
