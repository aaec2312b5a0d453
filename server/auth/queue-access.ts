import type { UserDocument } from '../../models/accounts/user-model';

/**
 * Least privilege: an agent sees only the queues they serve and a supervisor every queue; an admin (accounts) and
 * a DPO (audit, retention, data subjects' requests, through their own API) see no queue, hence no ticket.
 */
export function visibleQueues(user: Pick<UserDocument, 'role' | 'queues'>, allQueueIds: readonly string[]): string[] {
  switch (user.role) {
    case 'agent':
      return allQueueIds.filter((queueId) => user.queues.includes(queueId));
    case 'supervisor':
      return [...allQueueIds];
    case 'admin':
    case 'dpo':
      return [];
  }
}

export function canSeeQueue(user: Pick<UserDocument, 'role' | 'queues'>, queueId: string, allQueueIds: readonly string[]): boolean {
  return visibleQueues(user, allQueueIds).includes(queueId);
}
