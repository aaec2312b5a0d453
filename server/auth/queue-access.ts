import type { UserDocument } from '../../models/user-model';

/** Least privilege: an agent sees only the queues they serve; supervisors and admins see every queue; a DPO none. */
export function visibleQueues(user: Pick<UserDocument, 'role' | 'queues'>, allQueueIds: readonly string[]): string[] {
  switch (user.role) {
    case 'agent':
      return allQueueIds.filter((queueId) => user.queues.includes(queueId));
    case 'supervisor':
    case 'admin':
      return [...allQueueIds];
    case 'dpo':
      return [];
  }
}

export function canSeeQueue(user: Pick<UserDocument, 'role' | 'queues'>, queueId: string, allQueueIds: readonly string[]): boolean {
  return visibleQueues(user, allQueueIds).includes(queueId);
}
