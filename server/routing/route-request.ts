import type { Types } from 'mongoose';
import { findQueue } from '../../models/queue-repository';
import type { RoutingDecision } from '../../routing-rules/routing-decision';
import type { RoutingInput } from '../../routing-rules/routing-input';
import type { ActiveRuleSet } from './active-rule-set';
import { pickAgent } from './pick-agent';

/** Where a new ticket goes: the rules' decision, then pilot mode and assignment applied to it. */
export interface TicketRouting {
  decision: RoutingDecision;
  ruleSetVersion: number;
  queue: string;
  /** Pilot mode: the queue the rules chose, while the ticket waits in `queue` for an agent's confirmation. */
  suggestedQueue?: string;
  assigneeId?: Types.ObjectId;
}

/**
 * Routes a request with the published rules. If the chosen queue is in `suggest` (pilot) mode the ticket waits in
 * the reception queue with the suggestion, unassigned; otherwise an `assign` action picks an agent now.
 */
export async function routeRequest(
  active: ActiveRuleSet,
  receptionQueue: string,
  input: RoutingInput,
): Promise<TicketRouting> {
  const { decision, ruleSetVersion } = active.decide(input);
  const target = await findQueue(decision.queue);
  if (target?.mode === 'suggest' && decision.queue !== receptionQueue) {
    return { decision, ruleSetVersion, queue: receptionQueue, suggestedQueue: decision.queue };
  }
  const assigneeId = decision.assignment ? await pickAgent(decision.queue, decision.assignment.strategy) : undefined;
  return { decision, ruleSetVersion, queue: decision.queue, ...(assigneeId ? { assigneeId } : {}) };
}
