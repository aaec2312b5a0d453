import type { Types } from 'mongoose';
import { findThreadableRequestsByMessageIds } from '../../models/mail-request-repository';
import { findRequestById } from '../../models/request-repository';
import { findTicketByReference, findTicketByRequestId } from '../../models/ticket-conversation-repository';
import type { TicketDocument } from '../../models/ticket-model';
import { findMessagesByMessageIds } from '../../models/ticket-message-repository';
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
    const byMessageId = new Map<string, Types.ObjectId>([
      ...requests.map((request) => [request.messageId!, request._id] as const),
      ...messages.map((message) => [message.messageId, message.requestId] as const),
    ]);
    const nearest = quoted.map((id) => byMessageId.get(id)).find((requestId) => requestId !== undefined);
    if (nearest) return { requestId: nearest, ticket: await findTicketByRequestId(nearest), via: 'headers' };
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
