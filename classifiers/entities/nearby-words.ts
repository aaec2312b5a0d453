/** Whether `words` occurs within `window` characters before `start` or after `end` (for patterns ambiguous alone). */
export function hasNearbyWords(text: string, start: number, end: number, words: RegExp, window: number): boolean {
  const around = `${text.slice(Math.max(0, start - window), start)} ${text.slice(end, end + window)}`;
  return words.test(around);
}
