import { quotedHistoryStart } from './quote-headers';

/**
 * The part of an email the citizen actually wrote: everything before the first quoted block ("> …" lines or a quote
 * header such as "Le … a écrit :", "On … wrote:", "De : … / Envoyé : …", see quote-headers). Keeps the whole text when
 * nothing would be left. Only the end is trimmed, so that the result is always a prefix of the text and offsets in
 * it are offsets in the whole message.
 */
export function stripQuotedReply(text: string): string {
  const start = quotedHistoryStart(text);
  if (start === undefined || start === 0) return start === 0 ? text : text.trimEnd();
  const kept = text.slice(0, start).trimEnd();
  return kept.trim().length > 0 ? kept : text.trimEnd();
}
