import type { Types } from 'mongoose';

import type { ChecklistSet } from '../../routing-rules/checklists/checklist-schema';
import { nextSequenceValue } from '../ticket/counter-model';
import { ChecklistSetVersionModel, type ChecklistSetVersionDocument, type ChecklistSetVersionStatus } from './checklist-set-version-model';

export interface NewChecklistSetVersion {
  status: Extract<ChecklistSetVersionStatus, 'draft' | 'published'>;
  checklistSet: ChecklistSet;
  authorId?: Types.ObjectId;
  basedOnVersion?: number;
  restoredFromVersion?: number;
  changes: string[];
}

export async function findPublishedChecklistSetVersion(): Promise<ChecklistSetVersionDocument | null> {
  return ChecklistSetVersionModel.findOne({ status: 'published' }).sort({ publishedAt: -1, version: -1 });
}

/** Only the number: what every request's assessment checks before using its compiled copy. */
export async function publishedChecklistSetVersionNumber(): Promise<number | null> {
  const found = await ChecklistSetVersionModel.findOne({ status: 'published' }, { version: 1 })
    .sort({ publishedAt: -1, version: -1 })
    .lean();
  return found?.version ?? null;
}

export async function findChecklistSetVersion(version: number): Promise<ChecklistSetVersionDocument | null> {
  return ChecklistSetVersionModel.findOne({ version });
}

export async function listChecklistSetVersions(): Promise<ChecklistSetVersionDocument[]> {
  return ChecklistSetVersionModel.find({}).sort({ version: -1 });
}

/** Numbers the version and stores it; the set's own `version` field is made to say the same number. */
export async function createChecklistSetVersion(version: NewChecklistSetVersion, now = new Date()): Promise<ChecklistSetVersionDocument> {
  const number = await nextSequenceValue('checklist-set-version');
  const created = await ChecklistSetVersionModel.create({
    ...version,
    version: number,
    checklistSet: { ...version.checklistSet, version: String(number) },
    createdAt: now,
    updatedAt: now,
    ...(version.status === 'published' ? { publishedAt: now, publishedBy: version.authorId } : {}),
  });
  if (version.status === 'published') await archiveOtherPublishedChecklistSets(number, now);
  return created;
}

/** Replaces a draft's content; null when the version is not (or no longer) a draft. */
export async function updateDraftChecklistSet(version: number, checklistSet: ChecklistSet, changes: string[], now = new Date()) {
  return ChecklistSetVersionModel.findOneAndUpdate(
    { version, status: 'draft' },
    { $set: { checklistSet: { ...checklistSet, version: String(version) }, changes, updatedAt: now } },
    { returnDocument: 'after' },
  );
}

/** Publishes a draft and archives what was published before; two concurrent publications publish it once. */
export async function publishDraftChecklistSet(version: number, publishedBy: Types.ObjectId, now = new Date()) {
  const published = await ChecklistSetVersionModel.findOneAndUpdate(
    { version, status: 'draft' },
    { $set: { status: 'published', publishedAt: now, publishedBy, updatedAt: now } },
    { returnDocument: 'after' },
  );
  if (published) await archiveOtherPublishedChecklistSets(version, now);
  return published;
}

async function archiveOtherPublishedChecklistSets(keptVersion: number, now: Date): Promise<void> {
  await ChecklistSetVersionModel.updateMany(
    { status: 'published', version: { $ne: keptVersion } },
    { $set: { status: 'archived', archivedAt: now, updatedAt: now } },
  );
}
