import { Types } from 'mongoose';

import type { TicketStatus } from '../../tickets/ticket-status';
import { CannedResponseModel, type CannedResponseDocument } from './canned-response-model';

export interface CannedResponseFields {
  queue: string;
  title: string;
  body: string;
  status?: TicketStatus;
  tags: string[];
}

const duplicateKeyCode = 11000;

/** The canned responses of these queues at the service's level and at these communes', by title. */
export async function listCannedResponses(queues: readonly string[], communes: readonly string[]): Promise<CannedResponseDocument[]> {
  return CannedResponseModel.find({ queue: { $in: [...queues] }, commune: { $in: [null, ...communes] } }).sort({ queue: 1, title: 1 });
}

export async function findCannedResponse(id: string): Promise<CannedResponseDocument | null> {
  return Types.ObjectId.isValid(id) ? CannedResponseModel.findById(id) : null;
}

/** At `commune`'s level (null: the service's). Null when the queue has a response with that title at that level. */
export async function createCannedResponse(
  fields: CannedResponseFields,
  commune: string | null,
  by: Types.ObjectId,
): Promise<CannedResponseDocument | null> {
  try {
    return await CannedResponseModel.create({ ...fields, commune, updatedBy: by });
  } catch (error) {
    if ((error as { code?: number }).code === duplicateKeyCode) return null;
    throw error;
  }
}

/** `undefined` when there is no such response, null when the new title is another response's. Its level stays. */
export async function updateCannedResponse(
  id: string,
  fields: CannedResponseFields,
  by: Types.ObjectId,
): Promise<CannedResponseDocument | null | undefined> {
  if (!Types.ObjectId.isValid(id)) return undefined;
  const { status, ...rest } = fields;
  try {
    const updated = await CannedResponseModel.findOneAndUpdate(
      { _id: id },
      { $set: { ...rest, updatedBy: by, ...(status ? { status } : {}) }, ...(status ? {} : { $unset: { status: 1 } }) },
      { returnDocument: 'after' },
    );
    return updated ?? undefined;
  } catch (error) {
    if ((error as { code?: number }).code === duplicateKeyCode) return null;
    throw error;
  }
}

/** The deleted response (for the audit trail), null when there was none. */
export async function deleteCannedResponse(id: string): Promise<CannedResponseDocument | null> {
  const found = await findCannedResponse(id);
  if (found) await CannedResponseModel.deleteOne({ _id: found._id });
  return found;
}
