import { QueueModel } from './queue-model';

export async function listQueuesByIds(ids: readonly string[]) {
  return QueueModel.find({ _id: { $in: ids } }).sort({ _id: 1 }).lean();
}

/** Creates the taxonomy's queues that do not exist yet; never overwrites a supervisor's changes. */
export async function ensureQueues(queues: ReadonlyArray<{ id: string; label: string; description: string }>): Promise<void> {
  for (const queue of queues) {
    await QueueModel.updateOne(
      { _id: queue.id },
      { $setOnInsert: { label: queue.label, description: queue.description, mode: 'auto', active: true } },
      { upsert: true },
    );
  }
}
