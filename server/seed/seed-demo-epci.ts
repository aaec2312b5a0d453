import { randomBytes } from 'node:crypto';

import { createUser, findUserByEmail } from '../../models/accounts/user-repository';
import { saveCommuneFacts, type CommuneFacts } from '../../models/commune-facts/commune-facts-repository';
import { countCommunes, insertCommuneIfAbsent, saveEpci } from '../../models/communes/commune-repository';
import { ensureQueues } from '../../models/queue/queue-repository';
import type { CommuneSettings } from '../../routing-rules/communes/commune-schema';
import { townHallOpeningHours } from '../../routing-rules/working-schedule';
import { hashPassword } from '../auth/password-hashing';
import type { DemoAccount } from './seed-demo-data';

/** The demonstration's intercommunality: three communes, one overseas, and a shared building-permit service. */
export const demoEpci = { siren: '200099999', name: 'Communauté de communes de démonstration' };

export const demoCommunes: ReadonlyArray<{ insee: string; settings: CommuneSettings; domain: string }> = [
  {
    insee: '67348',
    domain: 'obernai.example',
    settings: commune(
      'Obernai',
      'Europe/Paris',
      'alsace-moselle',
      ['mairie@obernai.example', 'contact@mairie.example'],
      'La mairie d’Obernai',
    ),
  },
  {
    insee: '69264',
    domain: 'villefranche.example',
    settings: commune(
      'Villefranche-sur-Saône',
      'Europe/Paris',
      'metropole',
      ['mairie@villefranche.example'],
      'La mairie de Villefranche-sur-Saône',
    ),
  },
  {
    insee: '97411',
    domain: 'saintdenis.example',
    settings: commune('Saint-Denis (La Réunion)', 'Indian/Reunion', 'reunion', ['mairie@saintdenis.example'], 'La mairie de Saint-Denis'),
  },
];

/**
 * Each demonstration commune's own facts, which its immediate answers quote (Obernai's hours in an Obernai
 * request's answer, Saint-Denis's in a Saint-Denis one); fictitious, as are the communes' addresses.
 */
export const demoCommuneFacts: Readonly<Record<string, CommuneFacts>> = {
  '67348': demoFacts('Obernai', 'du lundi au vendredi de 8 h 30 à 12 h et de 14 h à 17 h 30, et le samedi de 9 h à 12 h', '03 88 00 00 01'),
  '69264': demoFacts('Villefranche-sur-Saône', 'du lundi au vendredi de 8 h 30 à 17 h', '04 74 00 00 02'),
  '97411': demoFacts('Saint-Denis', 'du lundi au vendredi de 7 h 45 à 16 h (heure de La Réunion)', '02 62 00 00 03'),
};

function demoFacts(name: string, horaires: string, telephone: string): CommuneFacts {
  return { commune: name, horaires, fermetures: '', adresse: `Hôtel de ville, ${name}`, telephone, courriel: '', siteWeb: '' };
}

/** The default commune of the demonstration (COMMUNE_INSEE): the accounts printed @mairie.example are its own. */
export const demoDefaultCommune = demoCommunes[0].insee;

function commune(
  name: string,
  timeZone: string,
  holidayCalendar: CommuneSettings['holidayCalendar'],
  inboxAddresses: string[],
  signature: string,
): CommuneSettings {
  return {
    name,
    epci: demoEpci.siren,
    active: true,
    timeZone,
    holidayCalendar,
    openingHours: townHallOpeningHours(timeZone).week,
    inboxAddresses,
    acknowledgementSignature: signature,
    retentionOverrides: [],
    mailbox: null,
  };
}

/**
 * On an empty database, the demonstration's EPCI and communes with their own facts, and its building-permit queue
 * labelled as the EPCI's shared service (ADS). A database that has communes already is left as it is.
 */
export async function seedDemoEpci(): Promise<void> {
  if ((await countCommunes()) > 0) return;
  await saveEpci(demoEpci.siren, demoEpci.name);
  for (const { insee, settings } of demoCommunes) {
    await insertCommuneIfAbsent(insee, settings);
    await saveCommuneFacts(insee, demoCommuneFacts[insee]!, null);
  }
  await ensureQueues([
    {
      id: 'urbanisme',
      label: 'Urbanisme (service ADS de l’EPCI)',
      description: "Autorisations d'urbanisme de toutes les communes, instruites par le service mutualisé de l'EPCI",
    },
  ]);
}

/**
 * The staff of the other communes and of the EPCI, with fresh random passwords: each commune's agent (every
 * service but building permits, which the EPCI examines) and supervisor; the EPCI's building-permit agent, who sees
 * the three communes' permits, and its supervisor, admin and DPO.
 */
export async function seedDemoEpciAccounts(queueIds: readonly string[]): Promise<DemoAccount[]> {
  const communeServices = queueIds.filter((queue) => queue !== 'urbanisme');
  const wanted = [
    ...demoCommunes.slice(1).flatMap(({ insee, domain, settings }) => [
      {
        email: `agent@${domain}`,
        displayName: `Agent de ${settings.name}`,
        role: 'agent' as const,
        queues: communeServices,
        communes: [insee],
      },
      {
        email: `superviseur@${domain}`,
        displayName: `Superviseur de ${settings.name}`,
        role: 'supervisor' as const,
        queues: [],
        communes: [insee],
      },
    ]),
    {
      email: 'agent.ads@epci.example',
      displayName: 'Instructeur ADS de l’EPCI',
      role: 'agent' as const,
      queues: ['urbanisme'],
      epci: demoEpci.siren,
    },
    {
      email: 'superviseur@epci.example',
      displayName: 'Superviseur de l’EPCI',
      role: 'supervisor' as const,
      queues: [],
      epci: demoEpci.siren,
    },
    { email: 'admin@epci.example', displayName: 'Administrateur de l’EPCI', role: 'admin' as const, queues: [], epci: demoEpci.siren },
    { email: 'dpo@epci.example', displayName: 'DPO de l’EPCI', role: 'dpo' as const, queues: [], epci: demoEpci.siren },
  ];
  const created: DemoAccount[] = [];
  for (const account of wanted) {
    if (await findUserByEmail(account.email)) continue;
    const password = randomBytes(9).toString('base64url');
    await createUser({ ...account, passwordHash: await hashPassword(password) });
    created.push({ email: account.email, password, role: account.role, queues: account.queues });
  }
  return created;
}
