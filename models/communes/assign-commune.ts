import type { Collection, Model } from 'mongoose';

import { UserModel } from '../accounts/user-model';
import { ClassifierCorrectionModel } from '../classifier/classifier-correction-model';
import { keyMailTemplatesFromBeforeCommunes } from '../mail/mail-template-repository';
import { CannedResponseModel } from '../replies/canned-response-model';
import { RequestModel } from '../request/request-model';
import { TicketMessageModel } from '../ticket/ticket-message-model';
import { TicketModel } from '../ticket/ticket-model';
import { WebhookDeliveryModel } from '../ticket/webhook-delivery-model';

/** Collections whose documents belong to one commune, by name as the migration reports them. */
const communeData: ReadonlyArray<readonly [string, Model<any>]> = [
  ['requests', RequestModel],
  ['tickets', TicketModel],
  ['ticket messages', TicketMessageModel],
  ['classifier corrections', ClassifierCorrectionModel],
  ['webhook deliveries', WebhookDeliveryModel],
];

export interface CommuneAssignment {
  /** Documents (or accounts) given to the commune, per collection. */
  assigned: Record<string, number>;
  /**
   * Whether the index that made a Message-ID unique across communes is gone (or never was). The jongodb emulator
   * cannot drop an index: there it stays, and the same mail sent to two communes is stored for the first only.
   */
  singleCommuneIndexDropped: boolean;
}

/**
 * Gives the documents written before communes existed (no `commune`) to `insee`, and the accounts that name no
 * commune and no EPCI to it as well; keys the mail templates of before at the service's level; drops the indexes that
 * made a Message-ID unique across communes and a canned response's title unique across the service. Idempotent: a
 * second run finds nothing left to assign. With `dryRun`, only counts.
 */
export async function assignUnassignedToCommune(insee: string, options: { dryRun?: boolean } = {}): Promise<CommuneAssignment> {
  const counts: Record<string, number> = {};
  for (const [name, model] of communeData) {
    const unassigned = { commune: { $exists: false } };
    counts[name] = options.dryRun
      ? await model.countDocuments(unassigned)
      : (await model.updateMany(unassigned, { $set: { commune: insee } })).modifiedCount;
  }
  const unscoped = {
    $and: [
      { $or: [{ communes: { $exists: false } }, { communes: { $size: 0 } }] },
      { $or: [{ epci: { $exists: false } }, { epci: null }] },
    ],
  };
  counts.accounts = options.dryRun
    ? await UserModel.countDocuments(unscoped)
    : (await UserModel.updateMany(unscoped, { $set: { communes: [insee] } })).modifiedCount;
  // Mail templates and canned responses from before communes stay the service's (every commune's unless its own).
  counts['mail templates (service level)'] = await keyMailTemplatesFromBeforeCommunes(options);
  if (options.dryRun) return { assigned: counts, singleCommuneIndexDropped: false };
  let dropped = true;
  for (const [collection, name] of singleCommuneIndexes) dropped = (await dropIndexIfPresent(collection, name)) && dropped;
  return { assigned: counts, singleCommuneIndexDropped: dropped };
}

/** Unique indexes of the single-commune version, which communes replaced with ones that start with `commune`. */
const singleCommuneIndexes: ReadonlyArray<readonly [Collection, string]> = [
  [RequestModel.collection, 'messageId_1'],
  [RequestModel.db.collection('retentionstatistics'), 'month_1_queue_1_intent_1_channel_1'],
  // A commune's canned response may have the title of the service's.
  [CannedResponseModel.collection, 'queue_1_title_1'],
];

/** False when the database cannot drop an index (the jongodb emulator has no dropIndexes command). */
async function dropIndexIfPresent(collection: Collection, name: string): Promise<boolean> {
  const indexes = await collection.indexes().catch(() => []);
  if (!indexes.some((index) => index.name === name)) return true;
  try {
    await collection.dropIndex(name);
    return true;
  } catch (error) {
    if ((error as { codeName?: string }).codeName === 'CommandNotFound' || /no such command/.test((error as Error).message)) return false;
    throw error;
  }
}
