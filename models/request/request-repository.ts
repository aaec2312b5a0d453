import { Types } from 'mongoose';
import { z } from 'zod';

import { requestChannels } from '../../classifiers/classification';
import { modelCipher } from '../encryption/model-cipher';
import { attachmentMetadataSchema, RequestModel, type RequestDocument } from './request-model';

export const newRequestSchema = z.object({
  /** The commune (INSEE code) it was written to, decided by the intake (form field, mail recipient, mailbox). */
  commune: z.string().min(1),
  channel: z.enum(requestChannels),
  messageId: z.string().optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).default([]),
  subject: z.string(),
  text: z.string().min(1),
  requester: z.object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() }),
  attachments: z
    .array(attachmentMetadataSchema.extend({ storageId: z.string().optional(), refusedReason: z.string().optional() }))
    .default([]),
  receivedAt: z.date(),
  /** Mail recognised as noise: stored with status `set-aside`, never processed. */
  setAside: z.object({ kind: z.string(), reason: z.string() }).optional(),
  /** A form's Idempotency-Key with the keyed hash of its body (see insertRequest). */
  idempotencyKey: z.string().optional(),
  idempotencyFingerprint: z.string().optional(),
  /** The ticket reference reserved for the request (see acceptRequest). */
  reference: z.string().optional(),
});
export type NewRequest = z.input<typeof newRequestSchema>;

const duplicateKeyCode = 11000;

/** An Idempotency-Key already used for a request with another body: a client bug, never a retry. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('idempotency key already used with another body');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Stores a new request (it is acknowledged only after this resolves). The same email delivered twice (same
 * Message-ID), or the same form retried with the same Idempotency-Key and body, yields the request already stored,
 * thanks to the unique indexes, even when both arrive at once. The same key with another body throws
 * IdempotencyKeyReusedError.
 */
export async function insertRequest(request: NewRequest): Promise<{ request: RequestDocument; duplicate: boolean }> {
  try {
    const parsed = newRequestSchema.parse(request);
    return { request: await RequestModel.create({ ...parsed, ...(parsed.setAside ? { status: 'set-aside' } : {}) }), duplicate: false };
  } catch (error) {
    if ((error as { code?: number }).code !== duplicateKeyCode) throw error;
    const existing = request.idempotencyKey
      ? await RequestModel.findOne({ idempotencyKey: request.idempotencyKey })
      : request.messageId
        ? await RequestModel.findOne({ commune: request.commune, messageId: request.messageId })
        : null;
    if (!existing) throw error;
    if (request.idempotencyKey && existing.idempotencyFingerprint !== request.idempotencyFingerprint) throw new IdempotencyKeyReusedError();
    return { request: existing, duplicate: true };
  }
}

/**
 * Takes a request for processing unless another worker holds an unexpired lease on it. A worker that crashed
 * leaves a lease that expires, so its request is taken again later: processing is at least once, and ticket
 * creation is idempotent, so the outcome is exactly once.
 */
export async function claimRequest(requestId: Types.ObjectId | string, leaseMs: number, now = new Date()): Promise<RequestDocument | null> {
  return RequestModel.findOneAndUpdate(
    {
      _id: requestId,
      $or: [{ status: 'received' }, { status: 'processing', leaseUntil: { $lt: now } }],
    },
    { $set: { status: 'processing', leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { processingAttempts: 1 } },
    { returnDocument: 'after' },
  );
}

export async function markRequestProcessed(requestId: Types.ObjectId): Promise<void> {
  await RequestModel.updateOne({ _id: requestId }, { $set: { status: 'processed' }, $unset: { leaseUntil: 1, lastError: 1 } });
}

export async function markRequestFailed(requestId: Types.ObjectId, reason: string, retryable: boolean): Promise<void> {
  await RequestModel.updateOne(
    { _id: requestId },
    retryable
      ? { $set: { status: 'received', lastError: reason }, $unset: { leaseUntil: 1 } }
      : { $set: { status: 'failed', lastError: reason }, $unset: { leaseUntil: 1 } },
  );
}

/** Ids of requests that still need processing: never started, or abandoned by a worker whose lease expired. */
export async function findUnprocessedRequestIds(limit: number, now = new Date()): Promise<Types.ObjectId[]> {
  const requests = await RequestModel.find(
    { $or: [{ status: 'received' }, { status: 'processing', leaseUntil: { $lt: now } }] },
    { _id: 1 },
  )
    .sort({ receivedAt: 1 })
    .limit(limit)
    .lean();
  return requests.map((request) => request._id);
}

export async function findRequestById(requestId: Types.ObjectId | string): Promise<RequestDocument | null> {
  return Types.ObjectId.isValid(requestId) ? RequestModel.findById(requestId) : null;
}

/** A citizen's requests, found by the keyed hash of their e-mail address or phone number (values are encrypted). */
/** The person's requests to these communes, found by the keyed hashes of their address or phone. */
export async function findRequestsOfRequester(
  requester: { email?: string; phone?: string },
  communes: readonly string[],
): Promise<RequestDocument[]> {
  const cipher = modelCipher();
  const conditions = [
    ...(requester.email ? [{ requesterEmailHash: cipher.lookupHash('email', requester.email) }] : []),
    ...(requester.phone ? [{ requesterPhoneHash: cipher.lookupHash('phone', requester.phone) }] : []),
  ];
  return conditions.length === 0 ? [] : RequestModel.find({ commune: { $in: communes }, $or: conditions }).sort({ receivedAt: 1, _id: 1 });
}

export async function findRequestsByIds(requestIds: readonly Types.ObjectId[]): Promise<RequestDocument[]> {
  return RequestModel.find({ _id: { $in: requestIds } });
}
