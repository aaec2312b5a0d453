import type { RequestDocument } from '../../models/request/request-model';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import type { WebhookPersonalField } from '../../routing-rules/rule-schema';

/**
 * What a webhook call carries about a ticket: by default what a business application needs to act and nothing
 * personal (ids, reference, queue, intent, priority, dates); personal fields only as the rule opted into them, by
 * name. `fields` lists everything carried, for the audit trail.
 */
export function webhookPayload(ticket: TicketDocument, request: RequestDocument | null, personalFields: readonly WebhookPersonalField[]) {
  const ticketFields = {
    id: ticket._id.toString(),
    reference: ticket.reference,
    requestId: ticket.requestId.toString(),
    queue: ticket.queue,
    intent: ticket.intent,
    priority: ticket.priority,
    status: ticket.status,
    receivedAt: ticket.receivedAt.toISOString(),
    createdAt: (ticket.get('createdAt') as Date | undefined)?.toISOString() ?? null,
    dueAt: ticket.dueAt?.toISOString() ?? null,
  };
  const personal: Partial<Record<WebhookPersonalField, string | null>> = {};
  for (const field of personalFields) personal[field] = personalValue(request, field);
  return {
    ticket: ticketFields,
    ...(personalFields.length > 0 ? { personalData: personal } : {}),
    fields: [...Object.keys(ticketFields).map((field) => `ticket.${field}`), ...personalFields.map((field) => `personalData.${field}`)],
  };
}

function personalValue(request: RequestDocument | null, field: WebhookPersonalField): string | null {
  switch (field) {
    case 'requesterName':
      return request?.requester?.name ?? null;
    case 'requesterEmail':
      return request?.requester?.email ?? null;
    case 'requesterPhone':
      return request?.requester?.phone ?? null;
    case 'subject':
      return request?.subject ?? null;
    case 'text':
      return request?.text ?? null;
  }
}
