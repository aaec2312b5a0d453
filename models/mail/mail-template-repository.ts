import type { Collection, Types } from 'mongoose';

import { MailTemplateModel } from './mail-template-model';

export interface StoredMailTemplate {
  id: string;
  /** The commune whose own version this is; null: the service's. */
  commune: string | null;
  subject: string;
  body: string;
  updatedAt: Date | null;
}

/** The stored versions that may apply to `commune` (its own and the service's; null: the service's alone), of one template or all. */
export async function listStoredMailTemplates(commune: string | null, id?: string): Promise<StoredMailTemplate[]> {
  const stored = await MailTemplateModel.find({
    ...(id === undefined ? {} : { template: id }),
    commune: { $in: commune === null ? [null] : [null, commune] },
  }).lean();
  return stored.map((template) => ({
    id: template.template,
    commune: template.commune ?? null,
    subject: template.subject,
    body: template.body,
    updatedAt: template.updatedAt ?? null,
  }));
}

export async function saveMailTemplate(
  id: string,
  commune: string | null,
  template: { subject: string; body: string },
  updatedBy: Types.ObjectId,
): Promise<void> {
  await MailTemplateModel.updateOne({ template: id, commune }, { $set: { ...template, updatedBy } }, { upsert: true });
}

/** Back to the level above: a commune's to the service's version, the service's to the shipped default. */
export async function deleteStoredMailTemplate(id: string, commune: string | null): Promise<boolean> {
  return (await MailTemplateModel.deleteOne({ template: id, commune })).deletedCount > 0;
}

/** Versions stored before communes were keyed by their `_id` alone: they get `template`, and stay the service's. */
export async function keyMailTemplatesFromBeforeCommunes(options: { dryRun?: boolean } = {}): Promise<number> {
  // The driver's collection: mongoose would cast these string `_id`s to the ObjectIds new versions have.
  const legacy = MailTemplateModel.collection as unknown as Collection<{ _id: string; template?: string; commune?: null }>;
  const unkeyed = await legacy.find({ template: { $exists: false } }).toArray();
  if (options.dryRun) return unkeyed.length;
  for (const { _id } of unkeyed) await legacy.updateOne({ _id }, { $set: { template: _id, commune: null } });
  return unkeyed.length;
}
