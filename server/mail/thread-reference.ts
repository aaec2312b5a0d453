/** Ticket references as the acknowledgement puts them in subjects: `[AIG-2026-000123]`. */
const ticketReferencePattern = /\bAIG-(\d{4})-(\d{6})\b/i;

export function ticketReferenceInSubject(subject: string): string | null {
  const match = ticketReferencePattern.exec(subject);
  return match ? `AIG-${match[1]}-${match[2]}` : null;
}

/** The Message-IDs a reply points at, nearest first (In-Reply-To, then References from the newest). */
export function quotedMessageIds(email: { inReplyTo?: string; references?: readonly string[] }): string[] {
  const ids = [email.inReplyTo, ...[...(email.references ?? [])].reverse()].filter((id): id is string => Boolean(id?.trim()));
  return [...new Set(ids.map((id) => id.trim()))];
}

/** `[AIG-…] Re: subject` for our replies, without stacking `Re:` or the reference. */
export function subjectWithReference(reference: string, subject: string, prefix = ''): string {
  const withoutReference = subject
    .replace(/\[?\bAIG-\d{4}-\d{6}\b\]?/gi, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const withoutPrefixes = withoutReference.replace(/^((re|tr|fwd?|aw)\s*:\s*)+/i, '').trim();
  return `[${reference}] ${prefix}${withoutPrefixes}`.trim();
}
