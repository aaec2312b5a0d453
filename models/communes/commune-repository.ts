import type { Commune, CommuneSettings } from '../../routing-rules/communes/commune-schema';
import { CommuneModel, EpciModel } from './commune-model';

type StoredCommune = { _id: string } & Record<string, unknown>;

function toCommune(stored: StoredCommune): Commune {
  return {
    insee: stored._id,
    name: stored.name as string,
    epci: (stored.epci as string | undefined) ?? null,
    active: stored.active !== false,
    timeZone: stored.timeZone as string,
    holidayCalendar: stored.holidayCalendar as Commune['holidayCalendar'],
    openingHours: (stored.openingHours as Commune['openingHours']) ?? {},
    inboxAddresses: (stored.inboxAddresses as string[] | undefined) ?? [],
    acknowledgementSignature: (stored.acknowledgementSignature as string | undefined) ?? '',
    retentionOverrides: (stored.retentionOverrides as Commune['retentionOverrides'] | undefined) ?? [],
    mailbox: (stored.mailbox as Commune['mailbox'] | undefined) ?? null,
  };
}

/** Every commune, active or not, in INSEE order. */
export async function listCommunes(): Promise<Commune[]> {
  return (await CommuneModel.find({}).sort({ _id: 1 }).lean<StoredCommune[]>()).map(toCommune);
}

export async function findCommune(insee: string): Promise<Commune | null> {
  const stored = await CommuneModel.findById(insee).lean<StoredCommune>();
  return stored ? toCommune(stored) : null;
}

export async function countCommunes(): Promise<number> {
  return CommuneModel.countDocuments({});
}

/** Creates or replaces a commune's settings (its id, the INSEE code, never changes). */
export async function saveCommune(insee: string, settings: CommuneSettings): Promise<Commune> {
  const { epci, mailbox, ...rest } = settings;
  const stored = await CommuneModel.findOneAndUpdate(
    { _id: insee },
    {
      $set: { ...rest, ...(epci ? { epci } : {}), ...(mailbox ? { mailbox } : {}) },
      $unset: { ...(epci ? {} : { epci: 1 }), ...(mailbox ? {} : { mailbox: 1 }) },
    },
    { upsert: true, returnDocument: 'after', runValidators: true },
  ).lean<StoredCommune>();
  return toCommune(stored!);
}

/** Creates the commune unless one with this INSEE code exists; never overwrites an administrator's settings. */
export async function insertCommuneIfAbsent(insee: string, settings: CommuneSettings): Promise<boolean> {
  if (await CommuneModel.exists({ _id: insee })) return false;
  const { epci, mailbox, ...rest } = settings;
  try {
    await CommuneModel.create({ _id: insee, ...rest, ...(epci ? { epci } : {}), ...(mailbox ? { mailbox } : {}) });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

export async function saveEpci(siren: string, name: string): Promise<void> {
  await EpciModel.updateOne({ _id: siren }, { $set: { name } }, { upsert: true });
}

export async function listEpcis(): Promise<Array<{ siren: string; name: string }>> {
  return (await EpciModel.find({}).sort({ _id: 1 }).lean()).map((epci) => ({ siren: epci._id, name: epci.name }));
}
