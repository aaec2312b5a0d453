import type { Types } from 'mongoose';

import type { UserDocument } from '../../models/accounts/user-model';
import { findAgentsOfQueue } from '../../models/accounts/user-repository';
import { findQueue, recordLastAssignee } from '../../models/queue/queue-repository';
import { countOpenTicketsAssignedTo } from '../../models/ticket/ticket-repository';
import { chooseAssignee } from '../../routing-rules/choose-assignee';
import type { AssignmentStrategy } from '../../routing-rules/rule-schema';

/**
 * The agent of `queueId` who takes a new ticket, chosen by the engine from each agent's availability, capacity
 * and open tickets; undefined when all are away or full (the ticket then waits in the queue, unassigned). Only
 * agents who `mayHandle` the ticket (it is of a commune they work for) are considered.
 */
export async function pickAgent(
  queueId: string,
  strategy: AssignmentStrategy,
  mayHandle: (agent: UserDocument) => boolean,
): Promise<Types.ObjectId | undefined> {
  const [servingQueue, queue] = await Promise.all([findAgentsOfQueue(queueId), findQueue(queueId)]);
  const agents = servingQueue.filter(mayHandle);
  if (agents.length === 0) return undefined;
  const assignable = await Promise.all(
    agents.map(async (agent) => ({
      id: agent._id.toString(),
      available: agent.available ?? true,
      capacity: agent.capacity ?? 0,
      openTickets: await countOpenTicketsAssignedTo(agent._id),
    })),
  );
  const chosenId = chooseAssignee(strategy, assignable, queue?.lastAssigneeId?.toString());
  const chosen = agents.find((agent) => agent._id.toString() === chosenId);
  if (!chosen) return undefined;
  if (strategy === 'round-robin') await recordLastAssignee(queueId, chosen._id);
  return chosen._id;
}
