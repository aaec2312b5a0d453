import type { Types } from 'mongoose';

import type { CommuneFactName } from '../../routing-rules/checklists/choose-answer';
import type { StoredSetting } from '../../routing-rules/communes/setting-levels';
import { CommuneFactsModel, serviceFactsId } from './commune-facts-model';

export type CommuneFacts = Record<CommuneFactName, string>;
export type StoredCommuneFacts = CommuneFacts & { updatedAt: Date | null };

const idOf = (commune: string | null) => commune ?? serviceFactsId;

/** The facts stored at the service's level and, for a commune, at its own: what settingForCommune chooses from. */
export async function findCommuneFactsLevels(commune: string | null): Promise<StoredSetting<StoredCommuneFacts>[]> {
  const ids = commune === null ? [serviceFactsId] : [serviceFactsId, commune];
  const stored = await CommuneFactsModel.find({ _id: { $in: ids } }).lean();
  return stored.map((document) => ({
    commune: document._id === serviceFactsId ? null : document._id,
    value: {
      commune: document.commune ?? '',
      horaires: document.horaires ?? '',
      fermetures: document.fermetures ?? '',
      adresse: document.adresse ?? '',
      telephone: document.telephone ?? '',
      courriel: document.courriel ?? '',
      siteWeb: document.siteWeb ?? '',
      updatedAt: document.updatedAt ?? null,
    },
  }));
}

/** Replaces the facts of one level (updatedBy null: the demonstration's seed); returns the names of those that changed there. */
export async function saveCommuneFacts(
  commune: string | null,
  facts: CommuneFacts,
  updatedBy: Types.ObjectId | null,
  now = new Date(),
): Promise<CommuneFactName[]> {
  const before = await CommuneFactsModel.findById(idOf(commune)).lean();
  const author = updatedBy ? { updatedBy } : {};
  await CommuneFactsModel.updateOne({ _id: idOf(commune) }, { $set: { ...facts, ...author, updatedAt: now } }, { upsert: true });
  return (Object.keys(facts) as CommuneFactName[]).filter((name) => (before?.[name] ?? '') !== facts[name]);
}

/** Removes a commune's own facts, which then inherits the service's; false when it had none. */
export async function deleteCommuneFacts(commune: string): Promise<boolean> {
  return (await CommuneFactsModel.deleteOne({ _id: commune })).deletedCount > 0;
}
