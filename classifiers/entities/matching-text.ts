/**
 * Citizens write "décès", "deces" or "DÉCÈS", and typographic apostrophes and non-breaking spaces come from word
 * processors. Extractors match against this simplified copy, built one UTF-16 unit at a time so that every offset in
 * it is the same offset in the original text (entities must point at the citizen's own characters).
 */
export function toMatchingText(text: string): string {
  let simplified = '';
  for (const unit of text.split('')) simplified += simplifyUnit(unit);
  return simplified;
}

const typographicEquivalents: Record<string, string> = {
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2013': '-',
};

function simplifyUnit(unit: string): string {
  const equivalent = typographicEquivalents[unit];
  if (equivalent) return equivalent;
  const base = unit.normalize('NFD').charAt(0);
  return base.length === 1 && base !== unit && /[\p{L}]/u.test(base) ? base : unit;
}
