import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';

import { findRequestById } from '../../models/request/request-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { composeTicketMail, queueTicketMail, type TicketMailParts } from './queue-ticket-mail';

/** The one template agents' replies are written into: what is sent and what the composer previews agree. */
const agentReplyTemplate = { templateId: 'reponse-agent', fallbackTemplateId: 'reponse-agent' } as const;

async function requestOf(ticket: TicketDocument) {
  const request = await findRequestById(ticket.requestId);
  if (!request) throw new Error(`ticket ${ticket._id.toString()} has no request`);
  return request;
}

/** An agent's answer from the ticket: written into the agent-reply template, threaded, queued, kept in history. */
export async function replyToCitizen(parts: TicketMailParts, ticket: TicketDocument, authorId: Types.ObjectId, text: string) {
  return queueTicketMail(parts, {
    ticket,
    request: await requestOf(ticket),
    kind: 'agent-reply',
    ...agentReplyTemplate,
    values: { message: text },
    dedupeKey: `agent-reply:${randomUUID()}`,
    authorId,
  });
}

/** The mail replyToCitizen would queue with this text, as the citizen will read it; nothing is queued. */
export async function previewReplyToCitizen(parts: TicketMailParts, ticket: TicketDocument, text: string) {
  const {
    recipient,
    subject,
    text: body,
  } = await composeTicketMail(parts, { ticket, request: await requestOf(ticket), ...agentReplyTemplate, values: { message: text } });
  return { to: recipient, subject, text: body };
}
