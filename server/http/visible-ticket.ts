import type { Response } from 'express';
import { findTicketById } from '../../models/ticket/ticket-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { canSeeQueue } from '../auth/queue-access';
import { currentUser } from './authenticate';
import { HttpError } from './http-error';

/** 404 for a ticket that does not exist and for one in a queue the user does not serve: no existence leak. */
export async function visibleTicket(id: string, response: Response, queueIds: readonly string[]): Promise<TicketDocument> {
  const ticket = await findTicketById(id);
  if (!ticket || !canSeeQueue(currentUser(response), ticket.queue, queueIds)) throw new HttpError(404, 'Ticket introuvable.');
  return ticket;
}
