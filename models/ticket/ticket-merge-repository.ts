import type { Types } from 'mongoose';
import { TicketEventModel } from './ticket-event-model';
import { TicketModel, type TicketDocument } from './ticket-model';

export const mergedTag = 'fusionnee';

export async function findTicketByReference(reference: string): Promise<TicketDocument | null> {
  return TicketModel.findOne({ reference });
}

/**
 * Folds a duplicate into the ticket that is kept: the duplicate is closed and tagged, and both histories say
 * where the other one is, so that nothing said by the citizen is lost from view.
 */
export async function mergeTicket(duplicate: TicketDocument, kept: TicketDocument, actorId: Types.ObjectId, now = new Date()): Promise<TicketDocument> {
  const previousStatus = duplicate.status;
  duplicate.status = 'closed';
  // Reassigned rather than pushed: the update is then a plain $set.
  duplicate.tags = [...new Set([...duplicate.tags, mergedTag])];
  await duplicate.save();
  await TicketEventModel.create([
    { ticketId: duplicate._id, at: now, type: 'merged', actorId, to: kept.reference },
    { ticketId: duplicate._id, at: now, type: 'status-changed', actorId, from: previousStatus, to: 'closed' },
    { ticketId: kept._id, at: now, type: 'merged', actorId, from: duplicate.reference },
  ]);
  return duplicate;
}
