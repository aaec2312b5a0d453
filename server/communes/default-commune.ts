import { countCommunes, findCommune, insertCommuneIfAbsent } from '../../models/communes/commune-repository';
import { townHallOpeningHours } from '../../routing-rules/working-schedule';
import type { Config } from '../config';

/**
 * A service with no commune yet gets its default commune from the configuration (COMMUNE_INSEE, COMMUNE_NAME,
 * TIME_ZONE, INBOX_ADDRESS, COMMUNE_HOLIDAY_CALENDAR), so that a single-commune deployment works as it always did.
 * Once communes exist, COMMUNE_INSEE must name one of them.
 */
export async function ensureDefaultCommune(
  config: Pick<Config, 'communeInsee' | 'communeName' | 'timeZone' | 'inboxAddress' | 'communeHolidayCalendar'>,
): Promise<void> {
  if ((await countCommunes()) === 0) {
    await insertCommuneIfAbsent(config.communeInsee, {
      name: config.communeName,
      epci: null,
      active: true,
      timeZone: config.timeZone,
      holidayCalendar: config.communeHolidayCalendar,
      openingHours: townHallOpeningHours(config.timeZone).week,
      inboxAddresses: [config.inboxAddress.toLowerCase()],
      acknowledgementSignature: '',
      retentionOverrides: [],
      mailbox: null,
    });
    return;
  }
  if (!(await findCommune(config.communeInsee))) {
    throw new Error(
      `COMMUNE_INSEE ${config.communeInsee} names no commune of this database: set it to the INSEE code of one of its communes`,
    );
  }
}
