import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { moveAssistedReply } from '../../models/checklists/ticket-assistance-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { acknowledgementAnswerText } from '../../routing-rules/checklists/assistance-text';

/** The acknowledgement's paragraphs an automatic-mode intent adds: what is missing, or the answer. */
export function assistedAcknowledgementValues(ticket: TicketDocument): { complements: string; reponse: string } {
  const reply = ticket.assistance?.reply;
  if (!reply || reply.status !== 'in-acknowledgement') return { complements: '', reponse: '' };
  return reply.kind === 'missing-information'
    ? { complements: reply.text, reponse: '' }
    : { complements: '', reponse: acknowledgementAnswerText(reply.text) };
}

/**
 * Once the acknowledgement is queued with the paragraph in it, the reply counts as sent: on the ticket (so that its
 * items are never asked again) and in the audit trail, as every automatic answer is. A mail suppressed, or a
 * supervisor's template without the paragraph, leaves it for the agent to send.
 */
export async function recordAssistedAcknowledgement(
  ticket: TicketDocument,
  queued: { message: { _id: unknown; text: string }; suppressedReason?: string | null } | null,
  now: Date,
): Promise<void> {
  const reply = ticket.assistance?.reply;
  if (!queued || queued.suppressedReason || !reply || reply.status !== 'in-acknowledgement') return;
  if (!queued.message.text.includes(reply.text)) return;
  const moved = await moveAssistedReply(ticket._id, ['in-acknowledgement'], { status: 'sent', at: now });
  if (!moved) return;
  await recordAuditEvent({
    action: 'assistance.sent',
    objectType: 'Ticket',
    objectId: ticket._id.toString(),
    commune: ticket.commune,
    at: now,
    details: {
      channel: 'acknowledgement',
      intent: ticket.assistance!.intent,
      kind: reply.kind,
      checklistSetVersion: ticket.assistance!.checklistSetVersion,
      items: reply.items ?? null,
      variant: reply.variant ?? null,
      source: reply.source?.url ?? null,
      messageId: String(queued.message._id),
    },
  });
}
