import type { Types } from 'mongoose';

import type { UserDocument } from '../../models/accounts/user-model';
import { findQueue } from '../../models/queue/queue-repository';
import type { RoutingDecision } from '../../routing-rules/routing-decision';
import type { RoutingInput } from '../../routing-rules/routing-input';
import type { CompiledWorkingSchedule } from '../../routing-rules/working-schedule';
import type { ActiveRuleSet } from './active-rule-set';
import { pickAgent } from './pick-agent';

/** Where one ticket waits: its queue, the pilot-mode suggestion it waits with, and the agent it went to. */
export interface TicketPlacement {
  queue: string;
  /** Pilot mode: the queue the rules chose, while the ticket waits in `queue` for an agent's confirmation. */
  suggestedQueue?: string;
  assigneeId?: Types.ObjectId;
}

/** Where a new ticket goes: the rules' decision, then pilot mode and assignment applied to it. */
export interface TicketRouting extends TicketPlacement {
  decision: RoutingDecision;
  ruleSetVersion: number;
  /** Places another ticket of the same request (a part of a split message) in `queue`, the same way. */
  place(queue: string): Promise<TicketPlacement>;
}

/**
 * Routes a request with the published rules. If the chosen queue is in `suggest` (pilot) mode the ticket waits in
 * the reception queue with the suggestion, unassigned; otherwise an `assign` action picks an agent now.
 */
export async function routeRequest(
  active: ActiveRuleSet,
  receptionQueue: string,
  input: RoutingInput,
  mayHandle: (agent: UserDocument, queue: string) => boolean,
  schedule?: CompiledWorkingSchedule,
): Promise<TicketRouting> {
  const { decision, ruleSetVersion } = active.decide(input, schedule);
  const place = async (queue: string): Promise<TicketPlacement> => {
    const target = await findQueue(queue);
    // Another commune's own desk never receives this commune's request, whatever a rule says: reception sorts it.
    if (target?.commune && target.commune !== input.commune) return { queue: receptionQueue };
    if (target?.mode === 'suggest' && queue !== receptionQueue) return { queue: receptionQueue, suggestedQueue: queue };
    const assigneeId = decision.assignment
      ? await pickAgent(queue, decision.assignment.strategy, (agent) => mayHandle(agent, queue))
      : undefined;
    return { queue, ...(assigneeId ? { assigneeId } : {}) };
  };
  return { decision, ruleSetVersion, place, ...(decision.split ? { queue: decision.queue } : await place(decision.queue)) };
}
