import type { Types } from 'mongoose';

import { QueueModel, type QueueMode } from './queue-model';

export async function listQueuesByIds(ids: readonly string[]) {
  return QueueModel.find({ _id: { $in: ids } })
    .sort({ _id: 1 })
    .lean();
}

/**
 * Creates the queues that do not exist yet (the taxonomy's, a commune's own desk, an EPCI's shared service); never
 * overwrites a supervisor's changes.
 */
export async function ensureQueues(
  queues: ReadonlyArray<{ id: string; label: string; description: string; commune?: string }>,
): Promise<void> {
  for (const queue of queues) {
    await QueueModel.updateOne(
      { _id: queue.id },
      {
        $setOnInsert: {
          label: queue.label,
          description: queue.description,
          mode: 'auto',
          active: true,
          ...(queue.commune ? { commune: queue.commune } : {}),
        },
      },
      { upsert: true },
    );
  }
}

/** Every queue's id, the given ones (the taxonomy's) first in their order, then the others (created since) by id. */
export async function allQueueIds(first: readonly string[]): Promise<string[]> {
  const stored = (await QueueModel.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((queue) => queue._id);
  return [...first, ...stored.filter((id) => !first.includes(id))];
}

export async function findQueue(queueId: string) {
  return QueueModel.findById(queueId).lean();
}

export async function setQueueMode(queueId: string, mode: QueueMode): Promise<QueueMode | null> {
  const before = await QueueModel.findOneAndUpdate({ _id: queueId }, { $set: { mode } }, { returnDocument: 'before' }).lean();
  return before ? (before.mode as QueueMode) : null;
}

export async function recordLastAssignee(queueId: string, assigneeId: Types.ObjectId): Promise<void> {
  await QueueModel.updateOne({ _id: queueId }, { $set: { lastAssigneeId: assigneeId } });
}

/** The service's signature under its agents' replies; null when there is no such queue. */
export async function setQueueSignature(queueId: string, signature: string): Promise<string | null> {
  const before = await QueueModel.findOneAndUpdate({ _id: queueId }, { $set: { signature } }, { returnDocument: 'before' }).lean();
  return before ? (before.signature ?? '') : null;
}
