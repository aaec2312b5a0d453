import { stripQuotedReply } from '../text/strip-quoted-reply';

/** What a request asks, as the sources are searched with it: its subject and its text without quoted history. */
export function askedText(subject: string, text: string): string {
  return `${subject}\n${stripQuotedReply(text)}`;
}
