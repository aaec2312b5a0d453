import { foldAccents, stem, stopWords } from '../../classifiers/lexical/french-terms';

/** Distinct words indexed per document: a long mail stays searchable by its first pages without a huge index. */
export const maxIndexedWords = 1000;

/**
 * The words a search matches, seen the same way by the index and by the query: case and accents folded, function
 * words left out, French stems (« lampadaires » finds « lampadaire »), numbers kept as written, each word once.
 */
export function searchWords(text: string): string[] {
  const words = new Set<string>();
  for (const token of foldAccents(text).split(/[^\p{L}\p{N}]+/u)) {
    if (token.length < 2 || stopWords.has(token)) continue;
    words.add(/^\d+$/.test(token) ? token : stem(token));
    if (words.size === maxIndexedWords) break;
  }
  return [...words];
}
