import { randomBytes } from 'node:crypto';
import request from 'supertest';

import type { UserRole } from '../../models/accounts/user-model';
import { createUser } from '../../models/accounts/user-repository';
import { saveCommune, saveEpci } from '../../models/communes/commune-repository';
import type { CommuneSettings } from '../../routing-rules/communes/commune-schema';
import { townHallOpeningHours } from '../../routing-rules/working-schedule';
import type { RunningApplication } from '../../server/application';
import { hashPassword } from '../../server/auth/password-hashing';

export const epciSiren = '246700001';

/** Two communes of one EPCI besides the default commune (00000, not in the EPCI): one in Alsace, one in Réunion. */
export const obernai = { insee: '67348', name: 'Obernai', address: 'mairie@obernai.example' };
export const saintDenis = { insee: '97411', name: 'Saint-Denis', address: 'contact@saintdenis.example' };

export function communeSettings(name: string, overrides: Partial<CommuneSettings> = {}): CommuneSettings {
  return {
    name,
    epci: epciSiren,
    active: true,
    timeZone: 'Europe/Paris',
    holidayCalendar: 'metropole',
    openingHours: townHallOpeningHours('Europe/Paris').week,
    inboxAddresses: [],
    acknowledgementSignature: '',
    retentionOverrides: [],
    mailbox: null,
    ...overrides,
  };
}

/** Obernai and Saint-Denis in the EPCI, then the running application's list reloaded (as its refresh would). */
export async function addEpciCommunes(application: RunningApplication): Promise<void> {
  await saveEpci(epciSiren, 'Communauté de communes de test');
  await saveCommune(obernai.insee, communeSettings(obernai.name, { holidayCalendar: 'alsace-moselle', inboxAddresses: [obernai.address] }));
  await saveCommune(
    saintDenis.insee,
    communeSettings(saintDenis.name, {
      timeZone: 'Indian/Reunion',
      holidayCalendar: 'reunion',
      openingHours: townHallOpeningHours('Indian/Reunion').week,
      inboxAddresses: [saintDenis.address, 'accueil@saintdenis.example'],
    }),
  );
  await application.communes.load();
}

/** A user of some communes (or of the whole EPCI): their email and password. */
export async function createScopedUser(role: UserRole, scope: { queues?: string[]; communes?: string[]; epci?: string }) {
  const password = randomBytes(12).toString('base64url');
  const email = `${role}.${randomBytes(4).toString('hex')}@communes.example`;
  await createUser({
    email,
    displayName: `${role} de test`,
    role,
    queues: scope.queues ?? [],
    passwordHash: await hashPassword(password),
    communes: scope.communes ?? [],
    ...(scope.epci ? { epci: scope.epci } : {}),
  });
  return { email, password };
}

/** A user of some communes (or of the whole EPCI), signed in through the real API: its bearer token. */
export async function signedInFor(
  application: RunningApplication,
  role: UserRole,
  scope: { queues?: string[]; communes?: string[]; epci?: string },
): Promise<string> {
  const response = await request(application.url)
    .post('/api/auth/sign-in')
    .send(await createScopedUser(role, scope))
    .expect(200);
  return response.body.token as string;
}
