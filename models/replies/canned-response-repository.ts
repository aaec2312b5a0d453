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

/** A service's canned responses, by title. */
export async function listCannedResponses(queues: readonly string[]): Promise<CannedResponseDocument[]> {
  return CannedResponseModel.find({ queue: { $in: [...queues] } }).sort({ queue: 1, title: 1 });
}

export async function findCannedResponse(id: string): Promise<CannedResponseDocument | null> {
  return Types.ObjectId.isValid(id) ? CannedResponseModel.findById(id) : null;
}

/** Null when the service already has a response with that title. */
export async function createCannedResponse(fields: CannedResponseFields, by: Types.ObjectId): Promise<CannedResponseDocument | null> {
  try {
    return await CannedResponseModel.create({ ...fields, updatedBy: by });
  } catch (error) {
    if ((error as { code?: number }).code === duplicateKeyCode) return null;
    throw error;
  }
}

/** `undefined` when there is no such response, null when the new title is another response's. */
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
