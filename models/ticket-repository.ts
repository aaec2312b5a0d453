import { Types } from 'mongoose';
import type { Entity } from '../classifiers/entities/entity';
import { nextSequenceValue } from './counter-model';
import { TicketEventModel } from './ticket-event-model';
import { TicketModel, type TicketDocument, type TicketRecord, ticketStatuses } from './ticket-model';

export type NewTicket = Omit<TicketRecord, 'reference' | 'status' | 'assigneeId' | 'createdAt' | 'updatedAt' | 'entities' | 'tags'> & {
  entities: Entity[];
  tags: string[];
};
export type TicketStatus = (typeof ticketStatuses)[number];

const duplicateKeyCode = 11000;

/** "AIG-2026-000123": yearly sequence, so that citizens and agents can quote a short, stable reference. */
async function nextTicketReference(receivedAt: Date): Promise<string> {
  const year = receivedAt.getUTCFullYear();
  const sequence = await nextSequenceValue(`ticket-${year}`);
  return `AIG-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Creates the request's ticket, or returns the one a previous (crashed or concurrent) attempt already created:
 * the unique index on requestId makes routing happen exactly once.
 */
export async function createTicketOnce(ticket: NewTicket): Promise<{ ticket: TicketDocument; created: boolean }> {
  const existing = await TicketModel.findOne({ requestId: ticket.requestId });
  if (existing) return { ticket: existing, created: false };
  try {
    const created = await TicketModel.create({ ...ticket, reference: await nextTicketReference(ticket.receivedAt) });
    await TicketEventModel.create({ ticketId: created._id, at: new Date(), type: 'created', to: created.queue });
    return { ticket: created, created: true };
  } catch (error) {
    if ((error as { code?: number }).code !== duplicateKeyCode) throw error;
    const winner = await TicketModel.findOne({ requestId: ticket.requestId });
    if (!winner) throw error;
    return { ticket: winner, created: false };
  }
}

export async function findTicketById(ticketId: string): Promise<TicketDocument | null> {
  return Types.ObjectId.isValid(ticketId) ? TicketModel.findById(ticketId) : null;
}

export async function listTickets(filter: { queues: string[]; status?: TicketStatus; page: number; pageSize: number }) {
  const query = { queue: { $in: filter.queues }, ...(filter.status ? { status: filter.status } : {}) };
  const [tickets, total] = await Promise.all([
    TicketModel.find(query)
      .sort({ receivedAt: -1, _id: -1 })
      .skip((filter.page - 1) * filter.pageSize)
      .limit(filter.pageSize),
    TicketModel.countDocuments(query),
  ]);
  return { tickets, total };
}

export async function changeTicketStatus(ticket: TicketDocument, status: TicketStatus, actorId: Types.ObjectId): Promise<TicketDocument> {
  const from = ticket.status;
  ticket.status = status;
  await ticket.save();
  await TicketEventModel.create({ ticketId: ticket._id, at: new Date(), type: 'status-changed', actorId, from, to: status });
  return ticket;
}

export async function rerouteTicket(
  ticket: TicketDocument,
  queue: string,
  reason: string,
  actorId: Types.ObjectId,
): Promise<TicketDocument> {
  const from = ticket.queue;
  ticket.queue = queue;
  ticket.assigneeId = undefined;
  await ticket.save();
  await TicketEventModel.create({ ticketId: ticket._id, at: new Date(), type: 'rerouted', actorId, from, to: queue, reason });
  return ticket;
}

export async function ticketHistory(ticketId: Types.ObjectId) {
  return TicketEventModel.find({ ticketId }).sort({ at: 1, _id: 1 }).lean();
}
