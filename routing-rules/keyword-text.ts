/**
 * Keyword matching works on a folded copy of the text: accents and case removed, ligatures spelled out,
 * every run of non-alphanumeric characters turned into one space, and a space at both ends, so that
 * " fuite de gaz " found in it means the words appear in this order as whole words.
 */
export function foldForKeywords(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${folded} `;
}

/**
 * The substring to look for in folded text. A keyword ending with `*` matches words starting with it
 * ("inond*" finds "inondation", "inondé").
 */
export function keywordNeedle(keyword: string): string {
  const isPrefix = keyword.trim().endsWith('*');
  const folded = foldForKeywords(isPrefix ? keyword.trim().slice(0, -1) : keyword);
  return isPrefix ? folded.trimEnd() : folded;
}

export function hasFoldedContent(keyword: string): boolean {
  return keywordNeedle(keyword).trim().length > 0;
}
