import type { Types } from 'mongoose';

import { findThreadableRequestsByMessageIds } from '../../models/request/mail-request-repository';
import { findRequestById } from '../../models/request/request-repository';
import { findTicketByReference, findTicketByRequestId } from '../../models/ticket/ticket-conversation-repository';
import { findMessagesByMessageIds } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { findTicketById } from '../../models/ticket/ticket-repository';
import { quotedMessageIds, ticketReferenceInSubject } from './thread-reference';

export interface ThreadMatch {
  requestId: Types.ObjectId;
  ticket: TicketDocument | null;
  via: 'headers' | 'subject';
}

/**
 * The conversation a mail continues, if any. Headers first: In-Reply-To/References that name a mail of ours or
 * of the citizen's are proof of a reply. A reference typed in the subject is easy to copy, so it only counts
 * when the mail comes from the address the ticket's request came from.
 */
export async function findThread(email: {
  messageId: string;
  inReplyTo?: string;
  references?: readonly string[];
  subject: string;
  senderAddress: string;
}): Promise<ThreadMatch | null> {
  const quoted = quotedMessageIds(email).filter((id) => id !== email.messageId);
  if (quoted.length > 0) {
    const [messages, requests] = await Promise.all([findMessagesByMessageIds(quoted), findThreadableRequestsByMessageIds(quoted)]);
    const byMessageId = new Map<string, { requestId: Types.ObjectId; ticketId?: Types.ObjectId | null }>([
      ...requests.map((request) => [request.messageId!, { requestId: request._id }] as const),
      ...messages.map((message) => [message.messageId, { requestId: message.requestId, ticketId: message.ticketId }] as const),
    ]);
    const nearest = quoted.map((id) => byMessageId.get(id)).find((match) => match !== undefined);
    if (nearest) {
      // A split request has a ticket per part: a reply to one service's mail goes to that service's ticket.
      const ticket =
        (nearest.ticketId ? await findTicketById(nearest.ticketId.toString()) : null) ?? (await findTicketByRequestId(nearest.requestId));
      return { requestId: nearest.requestId, ticket, via: 'headers' };
    }
  }
  const reference = ticketReferenceInSubject(email.subject);
  if (!reference) return null;
  const ticket = await findTicketByReference(reference);
  if (!ticket) return null;
  const request = await findRequestById(ticket.requestId);
  const requesterAddress = request?.requester?.email?.toLowerCase();
  if (!requesterAddress || requesterAddress !== email.senderAddress.toLowerCase()) return null;
  return { requestId: ticket.requestId, ticket, via: 'subject' };
}
