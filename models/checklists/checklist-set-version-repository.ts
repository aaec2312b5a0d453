import type { Types } from 'mongoose';

import type { ChecklistSet } from '../../routing-rules/checklists/checklist-schema';
import type { StoredSetting } from '../../routing-rules/communes/setting-levels';
import { nextSequenceValue } from '../ticket/counter-model';
import { ChecklistSetVersionModel, type ChecklistSetVersionDocument, type ChecklistSetVersionStatus } from './checklist-set-version-model';

export interface NewChecklistSetVersion {
  status: Extract<ChecklistSetVersionStatus, 'draft' | 'published'>;
  /** The commune whose own set it is; null or absent: the service's. */
  commune?: string | null;
  checklistSet: ChecklistSet;
  authorId?: Types.ObjectId;
  basedOnVersion?: number;
  restoredFromVersion?: number;
  changes: string[];
}

/** A level as queried: `commune: null` matches the service's versions, which have none. */
const atLevel = (commune: string | null) => ({ commune: commune ?? null });
/** The service's level and, for a commune, its own: what settingForCommune chooses from. */
const levelsOf = (commune: string | null) => ({ commune: { $in: commune === null ? [null] : [null, commune] } });
const newestFirst = { publishedAt: -1, version: -1 } as const;

/** The version published at one level (null: the service's), the commune's own only. */
export async function findPublishedChecklistSetVersion(commune: string | null = null): Promise<ChecklistSetVersionDocument | null> {
  return ChecklistSetVersionModel.findOne({ status: 'published', ...atLevel(commune) }).sort(newestFirst);
}

/** The versions published at the service's level and at the commune's. */
export async function findPublishedChecklistSetVersions(commune: string | null): Promise<StoredSetting<ChecklistSetVersionDocument>[]> {
  const published = await ChecklistSetVersionModel.find({ status: 'published', ...levelsOf(commune) }).sort(newestFirst);
  return published.map((version) => ({ commune: version.commune ?? null, value: version }));
}

/** Only the numbers: what every request's assessment checks before using its compiled copy. */
export async function publishedChecklistSetVersionNumbers(commune: string | null): Promise<StoredSetting<number>[]> {
  const published = await ChecklistSetVersionModel.find({ status: 'published', ...levelsOf(commune) }, { version: 1, commune: 1 })
    .sort(newestFirst)
    .lean();
  return published.map((version) => ({ commune: version.commune ?? null, value: version.version }));
}

export async function findChecklistSetVersion(version: number): Promise<ChecklistSetVersionDocument | null> {
  return ChecklistSetVersionModel.findOne({ version });
}

/** The versions of one level (null: the service's), newest first. */
export async function listChecklistSetVersions(commune: string | null = null): Promise<ChecklistSetVersionDocument[]> {
  return ChecklistSetVersionModel.find(atLevel(commune)).sort({ version: -1 });
}

/** Numbers the version and stores it; the set's own `version` field is made to say the same number. */
export async function createChecklistSetVersion(version: NewChecklistSetVersion, now = new Date()): Promise<ChecklistSetVersionDocument> {
  const number = await nextSequenceValue('checklist-set-version');
  const { commune, ...rest } = version;
  const created = await ChecklistSetVersionModel.create({
    ...rest,
    ...(commune ? { commune } : {}),
    version: number,
    checklistSet: { ...version.checklistSet, version: String(number) },
    createdAt: now,
    updatedAt: now,
    ...(version.status === 'published' ? { publishedAt: now, publishedBy: version.authorId } : {}),
  });
  if (version.status === 'published') await archivePublishedChecklistSets(commune ?? null, now, number);
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

/** Publishes a draft and archives what its level published before; two concurrent publications publish it once. */
export async function publishDraftChecklistSet(version: number, publishedBy: Types.ObjectId, now = new Date()) {
  const published = await ChecklistSetVersionModel.findOneAndUpdate(
    { version, status: 'draft' },
    { $set: { status: 'published', publishedAt: now, publishedBy, updatedAt: now } },
    { returnDocument: 'after' },
  );
  if (published) await archivePublishedChecklistSets(published.commune ?? null, now, version);
  return published;
}

/**
 * Archives what one level publishes, but `keptVersion`; without it, a commune's own set is withdrawn and the
 * commune takes the service's again. Returns how many were archived.
 */
export async function archivePublishedChecklistSets(commune: string | null, now = new Date(), keptVersion?: number): Promise<number> {
  const archived = await ChecklistSetVersionModel.updateMany(
    { status: 'published', ...atLevel(commune), ...(keptVersion === undefined ? {} : { version: { $ne: keptVersion } }) },
    { $set: { status: 'archived', archivedAt: now, updatedAt: now } },
  );
  return archived.modifiedCount;
}
