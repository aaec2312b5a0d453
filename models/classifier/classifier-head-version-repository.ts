import type { Types } from 'mongoose';

import type { PlattParameters } from '../../classifiers/calibration/platt-scaling';
import { softmaxHeadSchema, type SoftmaxHead } from '../../classifiers/transformer/softmax-head';
import { nextSequenceValue } from '../ticket/counter-model';
import {
  ClassifierHeadVersionModel,
  type ClassifierHeadVersionDocument,
  type ClassifierHeadVersionRecord,
} from './classifier-head-version-model';
import { ClassifierHeadWeightsModel } from './classifier-head-weights-model';

export type NewHeadVersion = Omit<ClassifierHeadVersionRecord, 'version' | 'encoder' | 'createdAt' | 'activation'>;

/** The models a version holds besides its head; absent, the version uses the shipped ones. */
export interface VersionModels {
  tfidf?: { weights: Buffer; temperature: number; vocabularySha256: string };
  calibration?: PlattParameters;
}

const duplicateKeyCode = 11000;

/** Numbers and stores a version with its models; the models go first, so that a listed version always has them. */
export async function createHeadVersion(
  head: SoftmaxHead,
  version: NewHeadVersion,
  models: VersionModels = {},
  now = new Date(),
): Promise<ClassifierHeadVersionDocument> {
  const number = await nextSequenceValue('classifier-head-version');
  await ClassifierHeadWeightsModel.create({ version: number, head: JSON.stringify(head), ...models });
  try {
    return await ClassifierHeadVersionModel.create({ ...version, version: number, encoder: head.encoder, createdAt: now });
  } catch (error) {
    await ClassifierHeadWeightsModel.deleteOne({ version: number });
    throw error;
  }
}

/**
 * The version of the head shipped with the model, stored and activated the first time a process sees it: on a
 * fresh database, and after a release that ships a new head. Several processes starting at once store it once.
 */
export async function registerShippedHead(
  head: SoftmaxHead,
  sha256: string,
  now = new Date(),
): Promise<{ version: ClassifierHeadVersionDocument; registered: boolean }> {
  const existing = await ClassifierHeadVersionModel.findOne({ shippedHeadSha256: sha256 });
  if (existing) return { version: existing, registered: false };
  try {
    const version = await createHeadVersion(
      head,
      { origin: 'shipped', shippedHeadSha256: sha256, validation: head.training.validation },
      {},
      now,
    );
    return { version: (await activateHeadVersion(version.version, null, now)) ?? version, registered: true };
  } catch (error) {
    if ((error as { code?: number }).code !== duplicateKeyCode) throw error;
    const winner = await ClassifierHeadVersionModel.findOne({ shippedHeadSha256: sha256 });
    if (!winner) throw error;
    return { version: winner, registered: false };
  }
}

/** Makes a version the active one (the last activated wins); null when there is no such version. */
export async function activateHeadVersion(
  version: number,
  by: Types.ObjectId | null,
  now = new Date(),
): Promise<ClassifierHeadVersionDocument | null> {
  const sequence = await nextSequenceValue('classifier-head-activation');
  return ClassifierHeadVersionModel.findOneAndUpdate(
    { version },
    { $set: { activation: { sequence, at: now, ...(by ? { by } : {}) } } },
    { returnDocument: 'after' },
  );
}

export async function findActiveHeadVersion(): Promise<ClassifierHeadVersionDocument | null> {
  return ClassifierHeadVersionModel.findOne({ activation: { $ne: null } }).sort({ 'activation.sequence': -1 });
}

export async function listHeadVersions(): Promise<ClassifierHeadVersionDocument[]> {
  return ClassifierHeadVersionModel.find({}).sort({ version: -1 });
}

export async function readModelsOfVersion(version: number): Promise<(VersionModels & { head: SoftmaxHead }) | null> {
  const stored = await ClassifierHeadWeightsModel.findOne({ version }).lean();
  if (!stored) return null;
  const { tfidf, calibration } = stored;
  return {
    head: softmaxHeadSchema.parse(JSON.parse(stored.head)),
    ...(tfidf && {
      tfidf: {
        weights: Buffer.from(tfidf.weights.buffer ?? tfidf.weights),
        temperature: tfidf.temperature,
        vocabularySha256: tfidf.vocabularySha256,
      },
    }),
    ...(calibration && { calibration: { slope: calibration.slope, intercept: calibration.intercept } }),
  };
}
