import { listQueuesByIds } from '../../models/queue/queue-repository';
import { recentResolvedSuggestions } from '../../models/ticket/ticket-repository';
import { agreementRate, type Agreement } from '../../routing-rules/pilot-mode';

export type QueueAgreement = Agreement & { queue: string; mode: string; window: number };

/** Per queue, how often agents kept the suggested queue over its last `window` resolved suggestions in these communes. */
export async function agreementByQueue(
  queueIds: readonly string[],
  communes: readonly string[],
  window: number,
): Promise<QueueAgreement[]> {
  const queues = await listQueuesByIds(queueIds);
  return Promise.all(
    queues.map(async (queue) => ({
      queue: queue._id,
      mode: queue.mode,
      window,
      ...agreementRate(await recentResolvedSuggestions(queue._id, communes, window), window),
    })),
  );
}
