import { TicketModel } from '../ticket/ticket-model';

export const waitingStatuses = ['new', 'open', 'pending'] as const;
export type WaitingCounts = Record<(typeof waitingStatuses)[number], number>;

/**
 * How many tickets of these communes wait in each queue, by status: the live counts of the agents' workspace and
 * the backlog.
 */
export async function countWaitingTickets(
  queueIds: readonly string[],
  communes: readonly string[],
): Promise<Record<string, WaitingCounts>> {
  const entries = await Promise.all(
    queueIds.map(async (queue) => {
      const counts = await Promise.all(
        waitingStatuses.map((status) => TicketModel.countDocuments({ commune: { $in: communes }, queue, status })),
      );
      return [queue, { new: counts[0], open: counts[1], pending: counts[2] }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Tickets of these communes still waiting (new, open or pending), per commune and queue: a dashboard's backlogs. */
export async function countWaitingTicketsByCommune(communes: readonly string[]): Promise<Map<string, Record<string, number>>> {
  // One grouping per commune: the emulated database groups on a single field only.
  const counts = await Promise.all(
    communes.map(async (commune) => {
      const groups = await TicketModel.aggregate<{ _id: string; count: number }>([
        { $match: { commune, status: { $in: [...waitingStatuses] } } },
        { $group: { _id: '$queue', count: { $sum: 1 } } },
      ]);
      return [commune, Object.fromEntries(groups.map(({ _id, count }) => [_id, count]))] as const;
    }),
  );
  return new Map(counts);
}
