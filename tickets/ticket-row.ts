/**
 * What a list row shows of the citizen's request, so that rows tell requests apart: who wrote and the start of
 * what they wrote. Shared by the API's list and the web app's rows pushed live, so both read the same.
 */

export const excerptLength = 160;

/** The citizen's words on one line, cut at a word and marked « … » when longer than `length`. */
export function requestExcerpt(text: string, length = excerptLength): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= length) return line;
  const cut = line.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** The name given, else the e-mail address, else the phone number; null for a request erased or sent without any. */
export function requesterLabel(
  requester: { name?: string | null; email?: string | null; phone?: string | null } | null | undefined,
): string | null {
  return requester?.name?.trim() || requester?.email?.trim() || requester?.phone?.trim() || null;
}

/** The text a ticket handles: its own part's excerpt when its request was split, else the whole message. */
export function ticketText(
  ticket: { split?: boolean | null; part: number; parts?: ReadonlyArray<{ text: string }> | null },
  requestText: string,
): string {
  return (ticket.split ? ticket.parts?.[ticket.part]?.text : undefined) ?? requestText;
}
