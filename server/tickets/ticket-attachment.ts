import { findRequestById } from '../../models/request/request-repository';
import { conversationOf } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';

/** An attachment of the ticket's request or of its mail conversation, by storage id; null when it has none such. */
export async function findTicketAttachment(ticket: TicketDocument, storageId: string) {
  const [request, messages] = await Promise.all([findRequestById(ticket.requestId), conversationOf(ticket.requestId)]);
  return (
    [...(request?.attachments ?? []), ...messages.flatMap((message) => message.attachments)].find(
      (candidate) => candidate.storageId === storageId,
    ) ?? null
  );
}
