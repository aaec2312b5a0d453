import type { Types } from 'mongoose';

import { MailTemplateModel } from './mail-template-model';

export interface StoredMailTemplate {
  id: string;
  subject: string;
  body: string;
  updatedAt: Date | null;
}

export async function findStoredMailTemplate(id: string): Promise<StoredMailTemplate | null> {
  const stored = await MailTemplateModel.findById(id).lean();
  return stored ? { id: stored._id, subject: stored.subject, body: stored.body, updatedAt: stored.updatedAt ?? null } : null;
}

export async function listStoredMailTemplates(): Promise<StoredMailTemplate[]> {
  const stored = await MailTemplateModel.find({}).lean();
  return stored.map((template) => ({
    id: template._id,
    subject: template.subject,
    body: template.body,
    updatedAt: template.updatedAt ?? null,
  }));
}

export async function saveMailTemplate(id: string, template: { subject: string; body: string }, updatedBy: Types.ObjectId): Promise<void> {
  await MailTemplateModel.updateOne({ _id: id }, { $set: { ...template, updatedBy } }, { upsert: true });
}

/** Back to the shipped default. */
export async function deleteStoredMailTemplate(id: string): Promise<boolean> {
  return (await MailTemplateModel.deleteOne({ _id: id })).deletedCount > 0;
}
