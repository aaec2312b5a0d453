import type { Types } from 'mongoose';

import { openStatuses } from '../../tickets/ticket-status';
import { TicketModel } from '../ticket/ticket-model';
import { UserModel, type UserDocument } from './user-model';

/**
 * The active agents and supervisors, by name: who may be given a ticket, mentioned in a note or told about one.
 * Which of them may see a given ticket is decided by tickets/ticket-visibility, not here.
 */
export async function listActiveStaff(): Promise<UserDocument[]> {
  return UserModel.find({ active: true, role: { $in: ['agent', 'supervisor'] } }).sort({ displayName: 1, _id: 1 });
}

/** How many open tickets each of these users holds (absent: none), counted in the database in one pass. */
export async function openTicketCountsOf(userIds: readonly Types.ObjectId[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const counts = await TicketModel.aggregate<{ _id: Types.ObjectId; open: number }>([
    { $match: { assigneeId: { $in: [...userIds] }, status: { $in: [...openStatuses] } } },
    { $group: { _id: '$assigneeId', open: { $sum: 1 } } },
  ]);
  return new Map(counts.map((count) => [count._id.toString(), count.open]));
}
