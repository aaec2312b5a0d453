let dateTime: Intl.DateTimeFormat | null = null;
const calendarDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Every date on screen is read on the town hall's calendar, in the time zone the server gives (GET /api/calendar),
 * whatever the browser's own zone: an agent working from elsewhere sees the dates the citizens and colleagues mean.
 */
export function showDatesIn(timeZone: string): void {
  dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone });
}

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** An instant (ISO 8601) as the town hall's clock read it: "16/01/2026 00:30". */
export function formatDateTime(iso: string): string {
  if (!dateTime) throw new Error('Dates are shown once the town hall’s time zone is known (showDatesIn).');
  return dateTime.format(new Date(iso));
}

/** A calendar date (`yyyy-mm-dd`, already the town hall's) as "16 janv.": no zone may move it to another day. */
export function formatDay(isoDate: string): string {
  return calendarDay.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatPercent(ratio: number): string {
  return percent.format(ratio);
}

/** A classifier's confidence, rounded down: 0.996 reads « 99 % », never a certainty (« 100 % ») it does not have. */
export function formatConfidence(ratio: number): string {
  return percent.format(Math.floor(ratio * 100) / 100);
}

export function formatNumber(value: number): string {
  return decimal.format(value);
}

/** "2 h 05", "3 j 4 h": processing times as a supervisor reads them. */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} Ko`;
  return `${decimal.format(bytes / 1024 / 1024)} Mo`;
}
