// Its own declarations, for every program that reaches this module (the web app reaches it through the models).
/// <reference path="./natural-french.d.ts" />
import porterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr';
import AggressiveTokenizerFr from 'natural/lib/natural/tokenizers/aggressive_tokenizer_fr';

const tokenizer = new AggressiveTokenizerFr();

// Stemming dominates training time and the same words recur endlessly; the vocabulary of a mairie is bounded.
const stemCache = new Map<string, string>();
const stemCacheLimit = 200_000;

/** natural's French Porter stem, cached. */
export function stem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = porterStemmerFr.stem(token);
    if (stemCache.size < stemCacheLimit) stemCache.set(token, stemmed);
  }
  return stemmed;
}

/** Function words and letter formulas that say nothing about what a message is about. */
export const stopWords: ReadonlySet<string> = new Set(
  (
    'a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ' +
    'ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l ' +
    'm n s t y est suis sont ai as avons avez ont etre avoir bonjour madame monsieur merci cordialement svp stp bjr slt'
  ).split(' '),
);

/** Lowercases and removes accents, so that SMS-style text without accents meets the same terms as formal text. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** French stems of the meaningful words, plus word bigrams so that "acte de naissance" differs from "acte de décès". */
export function frenchTerms(text: string): string[] {
  const stems = tokenizer
    .tokenize(foldAccents(text))
    .filter((token) => token.length > 1 && !stopWords.has(token) && !/^\d+$/.test(token))
    .map(stem);
  const bigrams = stems.slice(1).map((stem, index) => `${stems[index]}_${stem}`);
  return [...stems, ...bigrams];
}
