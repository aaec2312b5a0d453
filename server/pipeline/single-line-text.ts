/**
 * Control characters (CR, LF, tab, NUL…), Unicode line and paragraph separators, and the bidirectional overrides
 * that reorder what a reader sees. In a name or a subject they have no meaning; in the greeting line or the subject
 * of a mail written from them, a line break starts a line the citizen never wrote.
 */
const lineBreakingOrHidden = /[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]+/gu;

/** One line of text: what breaks or hides a line becomes a space, runs of spaces one space, ends trimmed. */
export function singleLine(text: string): string {
  return text
    .replace(lineBreakingOrHidden, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
