import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { findRequestById } from '../../models/request/request-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { queueTicketMail, type TicketMailParts } from './queue-ticket-mail';

/** An agent's answer from the ticket: written into the agent-reply template, threaded, queued, kept in history. */
export async function replyToCitizen(parts: TicketMailParts, ticket: TicketDocument, authorId: Types.ObjectId, text: string) {
  const request = await findRequestById(ticket.requestId);
  if (!request) throw new Error(`ticket ${ticket._id.toString()} has no request`);
  return queueTicketMail(parts, {
    ticket,
    request,
    kind: 'agent-reply',
    templateId: 'reponse-agent',
    fallbackTemplateId: 'reponse-agent',
    values: { message: text },
    dedupeKey: `agent-reply:${randomUUID()}`,
    authorId,
  });
}
