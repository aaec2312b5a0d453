import taxonomy from '../../../classifiers/taxonomy/taxonomy.json';

const queueLabels = new Map<string, string>(taxonomy.queues.map((queue) => [queue.id, queue.label]));
const intentLabels = new Map<string, string>(
  taxonomy.queues.flatMap((queue) => queue.intents.map((intent) => [intent.id, intent.label] as const)),
);

/** Labels the server sends (GET /api/queues) win over the taxonomy's: a supervisor may have renamed a queue. */
export function rememberQueueLabels(queues: ReadonlyArray<{ id: string; label: string }>): void {
  for (const queue of queues) queueLabels.set(queue.id, queue.label);
}

export function queueLabel(queueId: string): string {
  return queueLabels.get(queueId) ?? queueId;
}

export function intentLabel(intentId: string): string {
  return intentLabels.get(intentId) ?? intentId;
}

export const allQueueIds: readonly string[] = taxonomy.queues.map((queue) => queue.id);
export const allIntents: ReadonlyArray<{ id: string; label: string; queue: string }> = taxonomy.queues.flatMap((queue) =>
  queue.intents.map((intent) => ({ id: intent.id, label: intent.label, queue: queue.id })),
);
export const fallbackQueueId: string = taxonomy.fallbackQueue;
