import { Types } from 'mongoose';

import { RequestModel, type RequestDocument } from './request-model';

/** Requests whose original mail a reply quotes (In-Reply-To/References); set-aside noise never starts a thread. */
export async function findThreadableRequestsByMessageIds(messageIds: readonly string[]): Promise<RequestDocument[]> {
  return messageIds.length === 0 ? [] : RequestModel.find({ messageId: { $in: messageIds }, status: { $ne: 'set-aside' } });
}

export async function listSetAsideRequests(communes: readonly string[], page: number, pageSize: number) {
  const query = { commune: { $in: communes }, status: 'set-aside' as const };
  const [requests, total] = await Promise.all([
    RequestModel.find(query)
      .sort({ receivedAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize),
    RequestModel.countDocuments(query),
  ]);
  return { requests, total };
}

/** A supervisor's "this was not noise": the message goes through classification and routing like any request. */
export async function releaseSetAsideRequest(requestId: string, communes: readonly string[]): Promise<RequestDocument | null> {
  if (!Types.ObjectId.isValid(requestId)) return null;
  return RequestModel.findOneAndUpdate(
    { _id: requestId, commune: { $in: communes }, status: 'set-aside' },
    { $set: { status: 'received' } },
    { returnDocument: 'after' },
  );
}

export async function findRequestByMessageId(commune: string, messageId: string): Promise<RequestDocument | null> {
  return RequestModel.findOne({ commune, messageId });
}
