import { z } from 'zod';

import type { AssignmentStrategy } from './rule-schema';

export const assignableAgentSchema = z.object({
  id: z.string(),
  available: z.boolean(),
  openTickets: z.number().int().min(0),
  capacity: z.number().int().min(0),
});
export type AssignableAgent = z.infer<typeof assignableAgentSchema>;

/**
 * Picks the agent of a queue who gets a new ticket, or undefined when every agent is away or full.
 * `round-robin` takes the next eligible agent after `lastAssignedId` in the list order; `least-loaded` takes
 * the lowest share of capacity in use (then the fewest open tickets, then list order), so that a part-time
 * agent with a small capacity is not loaded like a full-time one.
 */
export function chooseAssignee(
  strategy: AssignmentStrategy,
  agents: readonly AssignableAgent[],
  lastAssignedId?: string,
): string | undefined {
  const eligible = (agent: AssignableAgent) => agent.available && agent.openTickets < agent.capacity;
  if (strategy === 'round-robin') {
    const start = agents.findIndex((agent) => agent.id === lastAssignedId) + 1;
    for (let step = 0; step < agents.length; step += 1) {
      const agent = agents[(start + step) % agents.length];
      if (eligible(agent)) return agent.id;
    }
    return undefined;
  }
  let best: AssignableAgent | undefined;
  for (const agent of agents) {
    if (!eligible(agent)) continue;
    if (!best || lighter(agent, best)) best = agent;
  }
  return best?.id;
}

function lighter(candidate: AssignableAgent, current: AssignableAgent): boolean {
  const candidateLoad = candidate.openTickets / candidate.capacity;
  const currentLoad = current.openTickets / current.capacity;
  if (candidateLoad !== currentLoad) return candidateLoad < currentLoad;
  return candidate.openTickets < current.openTickets;
}
