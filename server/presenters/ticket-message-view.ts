import type { TicketMessageDocument } from '../../models/ticket/ticket-message-model';

/** A message of the ticket's conversation as agents see it, field by field (no internal dedupe keys or leases). */
export function toTicketMessageView(message: TicketMessageDocument) {
  return {
    id: message._id.toString(),
    direction: message.direction,
    kind: message.kind,
    at: message.at.toISOString(),
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    authorId: message.authorId?.toString() ?? null,
    attachments: message.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      storageId: attachment.storageId ?? null,
      refusedReason: attachment.refusedReason ?? null,
    })),
    delivery: message.delivery
      ? {
          status: message.delivery.status,
          attempts: message.delivery.attempts ?? 0,
          sentAt: message.delivery.sentAt?.toISOString() ?? null,
          lastError: message.delivery.lastError ?? null,
          suppressedReason: message.delivery.suppressedReason ?? null,
        }
      : null,
  };
}
