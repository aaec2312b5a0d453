import { Types } from 'mongoose';
import { countOpenTicketsAssignedTo } from '../ticket/ticket-repository';
import { UserModel } from './user-model';

/** The active agents with what automatic assignment looks at: availability, capacity, tickets they hold. */
export async function listAgentSettings() {
  const agents = await UserModel.find({ role: 'agent', active: true }).sort({ displayName: 1, _id: 1 }).lean();
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

/** Null when there is no such active agent. */
export async function updateAgentSettings(agentId: string, settings: { available?: boolean; capacity?: number }) {
  if (!Types.ObjectId.isValid(agentId)) return null;
  return UserModel.findOneAndUpdate({ _id: agentId, role: 'agent', active: true }, { $set: settings }, { returnDocument: 'before' }).lean();
}
