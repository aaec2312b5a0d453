import type { Types } from 'mongoose';
import { findRequestById, findRequestsByIds } from '../../models/request-repository';
import { findTicketsCreatedSince, recordTicketEvent } from '../../models/ticket-conversation-repository';
import { findTicketById } from '../../models/ticket-repository';
import type { TicketDocument } from '../../models/ticket-model';
import { findMessagesByDedupeKeys } from '../../models/ticket-message-repository';
import type { TicketEvents } from '../events/ticket-events';
import { queueTicketMail, type TicketMailParts } from './queue-ticket-mail';

export interface AcknowledgementParts extends TicketMailParts {
  enabled: boolean;
}

const acknowledgementKey = (ticketId: Types.ObjectId | string) => `acknowledgement:${ticketId.toString()}`;

/**
 * Acknowledges each new ticket that came by e-mail, once routed (so the mail can name the queue and the delay).
 * Web-form requests are not acknowledged by mail: their address is unverified, and a form that mails any address
 * typed into it is a tool for sending spam in the mairie's name; the form answers on screen instead.
 */
export function acknowledgeNewTickets(events: TicketEvents, parts: AcknowledgementParts, inFlight: Set<Promise<unknown>>): void {
  events.on('ticket.created', (view) => {
    const handled = handleNewTicket(parts, view.id)
      .catch((error: unknown) => parts.logger.error({ err: error, ticketId: view.id }, 'acknowledgement failed'))
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
}

async function handleNewTicket(parts: AcknowledgementParts, ticketId: string): Promise<void> {
  const ticket = await findTicketById(ticketId);
  if (!ticket) return;
  const request = await findRequestById(ticket.requestId);
  if (!request) return;
  for (const attachment of request.attachments) {
    if (attachment.refusedReason) await recordTicketEvent({ ticketId: ticket._id, type: 'attachment-refused', reason: attachment.refusedReason });
  }
  await acknowledgeTicket(parts, ticket);
}

export async function acknowledgeTicket(parts: AcknowledgementParts, ticket: TicketDocument) {
  if (!parts.enabled) return null;
  const request = await findRequestById(ticket.requestId);
  if (!request || request.channel !== 'email') return null;
  const refused = request.attachments.filter((attachment) => attachment.refusedReason);
  const refusedText = refused.length === 0
    ? ''
    : `Attention, ${refused.length === 1 ? "une pièce jointe n'a pas été acceptée" : `${refused.length} pièces jointes n'ont pas été acceptées`} :\n${refused
        .map((attachment) => `- « ${attachment.filename} » : ${attachment.refusedReason}`)
        .join('\n')}`;
  return queueTicketMail(parts, {
    ticket,
    request,
    kind: 'acknowledgement',
    templateId: ticket.acknowledgementTemplate ?? 'accuse-reception',
    fallbackTemplateId: 'accuse-reception',
    values: { piecesRefusees: refusedText },
    dedupeKey: acknowledgementKey(ticket._id),
  });
}

/**
 * A crash between a ticket's creation and its acknowledgement being queued would leave the citizen without one:
 * at start-up, the e-mail tickets of the last `since` without an acknowledgement get it.
 */
export async function acknowledgeMissedTickets(parts: AcknowledgementParts, since: Date): Promise<number> {
  if (!parts.enabled) return 0;
  const tickets = await findTicketsCreatedSince(since, 5000);
  if (tickets.length === 0) return 0;
  const acknowledged = new Set((await findMessagesByDedupeKeys(tickets.map((ticket) => acknowledgementKey(ticket._id)))).map((message) => message.dedupeKey));
  const missing = tickets.filter((ticket) => !acknowledged.has(acknowledgementKey(ticket._id)));
  const emailRequests = new Set(
    (await findRequestsByIds(missing.map((ticket) => ticket.requestId)))
      .filter((request) => request.channel === 'email')
      .map((request) => request._id.toString()),
  );
  let queued = 0;
  for (const ticket of missing.filter((candidate) => emailRequests.has(candidate.requestId.toString()))) {
    if ((await acknowledgeTicket(parts, ticket))?.created) queued += 1;
  }
  return queued;
}
