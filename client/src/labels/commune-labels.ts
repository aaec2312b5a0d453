import type { HolidayCalendar } from '../../../routing-rules/public-holidays';

/** The time zones of French communes, metropolitan and overseas, as an admin picks one (IANA names are sent). */
export const frenchTimeZones: ReadonlyArray<{ zone: string; label: string }> = [
  { zone: 'Europe/Paris', label: 'France métropolitaine (Europe/Paris)' },
  { zone: 'Indian/Reunion', label: 'La Réunion (Indian/Reunion)' },
  { zone: 'America/Guadeloupe', label: 'Guadeloupe (America/Guadeloupe)' },
  { zone: 'America/Martinique', label: 'Martinique (America/Martinique)' },
  { zone: 'America/Cayenne', label: 'Guyane (America/Cayenne)' },
  { zone: 'Indian/Mayotte', label: 'Mayotte (Indian/Mayotte)' },
  { zone: 'America/Miquelon', label: 'Saint-Pierre-et-Miquelon (America/Miquelon)' },
  { zone: 'Pacific/Noumea', label: 'Nouvelle-Calédonie (Pacific/Noumea)' },
  { zone: 'Pacific/Tahiti', label: 'Polynésie française (Pacific/Tahiti)' },
];

export function timeZoneLabel(zone: string): string {
  return frenchTimeZones.find((entry) => entry.zone === zone)?.label ?? zone;
}

/** Every calendar the commune schema accepts (a Record: a new calendar there fails the type check until named here). */
export const holidayCalendarLabels: Readonly<Record<HolidayCalendar, string>> = {
  metropole: 'France métropolitaine',
  'alsace-moselle': 'Alsace-Moselle (avec Vendredi saint et 26 décembre)',
  guadeloupe: 'Guadeloupe',
  martinique: 'Martinique',
  guyane: 'Guyane',
  reunion: 'La Réunion',
  mayotte: 'Mayotte',
};
