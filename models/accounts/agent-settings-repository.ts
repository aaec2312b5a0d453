import { Types } from 'mongoose';

import { countOpenTicketsAssignedTo } from '../ticket/ticket-repository';
import { UserModel, type UserRecord } from './user-model';

/**
 * The active agents with what automatic assignment looks at: availability, capacity, tickets they hold; only those
 * `manageable` by whoever asks (the agents of their communes).
 */
export async function listAgentSettings(manageable: (agent: UserRecord) => boolean) {
  const agents = (await UserModel.find({ role: 'agent', active: true }).sort({ displayName: 1, _id: 1 }).lean()).filter(manageable);
  return Promise.all(
    agents.map(async (agent) => ({
      id: agent._id.toString(),
      displayName: agent.displayName,
      queues: [...agent.queues],
      available: agent.available ?? true,
      capacity: agent.capacity ?? 0,
      openTickets: await countOpenTicketsAssignedTo(agent._id),
    })),
  );
}

/** Null when there is no such active agent, or none `manageable` by whoever asks. */
export async function updateAgentSettings(
  agentId: string,
  settings: { available?: boolean; capacity?: number },
  manageable: (agent: UserRecord) => boolean,
) {
  if (!Types.ObjectId.isValid(agentId)) return null;
  const agent = await UserModel.findOne({ _id: agentId, role: 'agent', active: true }).lean();
  if (!agent || !manageable(agent)) return null;
  return UserModel.findOneAndUpdate({ _id: agentId, role: 'agent', active: true }, { $set: settings }, { returnDocument: 'before' }).lean();
}
