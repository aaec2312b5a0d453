const parisMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });

/** The budget month (`yyyy-mm`) a moment falls in, on the town hall's calendar rather than UTC's. */
export function budgetMonthOf(moment: Date): string {
  const parts = Object.fromEntries(parisMonth.formatToParts(moment).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}`;
}
