import type { Types } from 'mongoose';

import type { CommuneFactName } from '../../routing-rules/checklists/choose-answer';
import { CommuneFactsModel } from './commune-facts-model';

export type CommuneFacts = Record<CommuneFactName, string>;

const empty: CommuneFacts = { commune: '', horaires: '', fermetures: '', adresse: '', telephone: '', courriel: '', siteWeb: '' };

export async function readCommuneFacts(): Promise<CommuneFacts & { updatedAt: Date | null }> {
  const stored = await CommuneFactsModel.findById('commune').lean();
  return {
    commune: stored?.commune ?? empty.commune,
    horaires: stored?.horaires ?? empty.horaires,
    fermetures: stored?.fermetures ?? empty.fermetures,
    adresse: stored?.adresse ?? empty.adresse,
    telephone: stored?.telephone ?? empty.telephone,
    courriel: stored?.courriel ?? empty.courriel,
    siteWeb: stored?.siteWeb ?? empty.siteWeb,
    updatedAt: stored?.updatedAt ?? null,
  };
}

/** Replaces the facts; returns the names of those that changed (for the audit trail, which keeps no values). */
export async function saveCommuneFacts(facts: CommuneFacts, updatedBy: Types.ObjectId, now = new Date()): Promise<CommuneFactName[]> {
  const before = await readCommuneFacts();
  await CommuneFactsModel.updateOne({ _id: 'commune' }, { $set: { ...facts, updatedAt: now, updatedBy } }, { upsert: true });
  return (Object.keys(facts) as CommuneFactName[]).filter((name) => before[name] !== facts[name]);
}
