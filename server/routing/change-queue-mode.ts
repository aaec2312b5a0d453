import type { Types } from 'mongoose';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import type { QueueMode } from '../../models/queue/queue-model';
import { setQueueMode } from '../../models/queue/queue-repository';

/** Switches a queue between pilot (`suggest`) and automatic routing, audited; null when the queue does not exist. */
export async function changeQueueMode(queueId: string, mode: QueueMode, actorId: Types.ObjectId): Promise<QueueMode | null> {
  const previous = await setQueueMode(queueId, mode);
  if (previous === null) return null;
  await AuditEventModel.create({
    at: new Date(),
    actorId,
    action: 'queue.mode-changed',
    objectType: 'Queue',
    objectId: queueId,
    details: { from: previous, to: mode },
  });
  return previous;
}
