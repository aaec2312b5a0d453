import type { Types } from 'mongoose';

import type { RuleSetDiff } from '../../routing-rules/diff-rule-sets';
import type { RuleSet } from '../../routing-rules/rule-schema';
import { nextSequenceValue } from '../ticket/counter-model';
import { RuleSetVersionModel, type RuleSetVersionDocument, type RuleSetVersionStatus } from './rule-set-version-model';

export interface NewRuleSetVersion {
  status: Extract<RuleSetVersionStatus, 'draft' | 'published'>;
  ruleSet: RuleSet;
  authorId?: Types.ObjectId;
  basedOnVersion?: number;
  restoredFromVersion?: number;
  diff: RuleSetDiff;
}

export async function findPublishedRuleSetVersion(): Promise<RuleSetVersionDocument | null> {
  return RuleSetVersionModel.findOne({ status: 'published' }).sort({ publishedAt: -1, version: -1 });
}

export async function findRuleSetVersion(version: number): Promise<RuleSetVersionDocument | null> {
  return RuleSetVersionModel.findOne({ version });
}

export async function listRuleSetVersions(): Promise<RuleSetVersionDocument[]> {
  return RuleSetVersionModel.find({}).sort({ version: -1 });
}

/** Numbers the version and stores it; the rule set's own `version` field is made to say the same number. */
export async function createRuleSetVersion(version: NewRuleSetVersion, now = new Date()): Promise<RuleSetVersionDocument> {
  const number = await nextSequenceValue('rule-set-version');
  return RuleSetVersionModel.create({
    ...version,
    version: number,
    ruleSet: { ...version.ruleSet, version: String(number) },
    createdAt: now,
    updatedAt: now,
    ...(version.status === 'published' ? { publishedAt: now, publishedBy: version.authorId } : {}),
  });
}

/** Replaces a draft's content; null when the version is not (or no longer) a draft. */
export async function updateDraftRuleSet(
  version: number,
  ruleSet: RuleSet,
  diff: RuleSetDiff,
  now = new Date(),
): Promise<RuleSetVersionDocument | null> {
  return RuleSetVersionModel.findOneAndUpdate(
    { version, status: 'draft' },
    { $set: { ruleSet: { ...ruleSet, version: String(version) }, diff, updatedAt: now }, $inc: { revision: 1 } },
    { returnDocument: 'after' },
  );
}

/**
 * Publishes a draft of the given revision and archives whatever was published before it. The conditional update
 * makes two concurrent publications of the same draft publish it once.
 */
export async function publishDraftRuleSet(
  version: number,
  revision: number,
  publishedBy: Types.ObjectId,
  diff: RuleSetDiff,
  now = new Date(),
): Promise<RuleSetVersionDocument | null> {
  const published = await RuleSetVersionModel.findOneAndUpdate(
    { version, status: 'draft', revision },
    { $set: { status: 'published', publishedAt: now, publishedBy, diff, updatedAt: now } },
    { returnDocument: 'after' },
  );
  if (published) await archiveOtherPublishedVersions(version, now);
  return published;
}

export async function archiveOtherPublishedVersions(keptVersion: number, now = new Date()): Promise<void> {
  await RuleSetVersionModel.updateMany(
    { status: 'published', version: { $ne: keptVersion } },
    { $set: { status: 'archived', archivedAt: now, updatedAt: now } },
  );
}
