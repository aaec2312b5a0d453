/**
 * The terms a TF-IDF model counts in a text: character n-grams inside word boundaries (robust to typos, missing
 * accents and inflections, and language-independent) and word unigrams and bigrams (the ask's exact wording).
 * Accents are folded and case is lowered first, since citizens type "etat civil" as often as "État civil".
 * Character n-grams follow scikit-learn's `char_wb` analyzer: each whitespace-separated word is padded with one
 * space on each side, and a word shorter than n yields itself once.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export const charNgramRange = { min: 2, max: 5 } as const;

export function charNgrams(folded: string, emit: (term: string) => void): void {
  for (const word of folded.split(/\s+/)) {
    if (word.length === 0) continue;
    const padded = ` ${word} `;
    for (let n = charNgramRange.min; n <= charNgramRange.max; n++) {
      if (padded.length <= n) {
        emit(padded);
        break;
      }
      for (let start = 0; start + n <= padded.length; start++) emit(padded.slice(start, start + n));
    }
  }
}

const wordPattern = /[\p{L}\p{N}_]{2,}/gu;

export function wordNgrams(folded: string, emit: (term: string) => void): void {
  const words = folded.match(wordPattern) ?? [];
  words.forEach((word, position) => {
    emit(word);
    if (position > 0) emit(`${words[position - 1]} ${word}`);
  });
}
