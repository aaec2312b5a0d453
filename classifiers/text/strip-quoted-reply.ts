const quoteHeaders = [
  /^le .{3,120}a écrit\s*:\s*$/i,
  /^on .{3,120}wrote\s*:\s*$/i,
  /^-{2,}\s*(message d'origine|original message|message transféré|forwarded message)\s*-{2,}$/i,
  /^(de|from)\s*:\s.+$/i,
];

/**
 * The part of an email the citizen actually wrote: everything before the first quoted block ("> …" lines or a
 * "Le … a écrit :" header). Keeps the whole text when nothing would be left.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.split(/\r?\n/);
  const end = lines.findIndex((line) => line.trimStart().startsWith('>') || quoteHeaders.some((header) => header.test(line.trim())));
  if (end <= 0) return end === 0 ? text : text.trim();
  const kept = lines.slice(0, end).join('\n').trim();
  return kept.length > 0 ? kept : text.trim();
}
