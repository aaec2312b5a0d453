import type { Entity } from '../../classifiers/entities/entity';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import { extractRequestEntities } from '../../classifiers/entities/extract-request-entities';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { saveChecklistState } from '../../models/checklists/ticket-assistance-repository';
import type { RequestDocument } from '../../models/request/request-model';
import { conversationOf } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { evaluateChecklist } from '../../routing-rules/checklists/evaluate-checklist';
import { messageEvidence, type CitizenMessage } from '../../routing-rules/checklists/message-evidence';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import type { ActiveChecklistSet } from './active-checklist-set';

export interface ReassessParts {
  active: ActiveChecklistSet;
  /** The town hall's time zone, for the dates a reply mentions. */
  timeZone: string;
  now: () => Date;
  logger: Logger;
}

/**
 * When the citizen writes again (a mail reply, or a message from the status page, which threads the same way), the
 * ticket's checklist is evaluated on the whole conversation: what they have written since can complete it. Nothing
 * is asked again: the missing-information request went once, and re-evaluation only updates what agents see.
 */
export function reassessChecklistsOnReplies(events: TicketEvents, parts: ReassessParts, inFlight: Set<Promise<unknown>>): void {
  events.on('ticket.updated', ({ ticket, request, followUp }) => {
    if (!followUp || !ticket.assistance?.checklist || !request) return;
    const handled = reassess(parts, events, ticket, request)
      .catch((error: unknown) => parts.logger.error({ err: error, ticketId: ticket.id }, 'checklist re-evaluation failed'))
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
}

async function reassess(parts: ReassessParts, events: TicketEvents, ticket: TicketDocument, request: RequestDocument): Promise<void> {
  const assistance = ticket.assistance!;
  const checklist = (await parts.active.current(ticket.commune ?? null)).compiled.checklists.get(assistance.intent);
  if (!checklist) return;
  const replies = (await conversationOf(request._id)).filter(
    (message) => message.direction === 'inbound' && (!message.ticketId || message.ticketId.equals(ticket._id)),
  );
  const context = { timeZone: parts.timeZone, requesterName: request.requester?.name ?? undefined };
  const messages: CitizenMessage[] = [
    { subject: request.subject ?? '', text: request.text, entities: ticket.entities.map((entity) => entity.toObject() as Entity) },
    ...replies.map((reply) => ({
      text: reply.text,
      entities: extractRequestEntities(reply.text, { ...context, receivedAt: reply.at }, extractEntities),
    })),
  ];
  const result = evaluateChecklist(checklist, messageEvidence(messages));
  if (!result) return;
  const now = parts.now();
  const previous = assistance.checklist!;
  const completedNow = result.status === 'complete' && previous.status !== 'complete';
  const saved = await saveChecklistState(ticket._id, {
    status: result.status,
    items: result.items,
    evaluatedAt: now,
    ...(completedNow ? { completedAt: now } : previous.completedAt ? { completedAt: previous.completedAt } : {}),
  });
  if (!saved) return;
  if (completedNow) {
    await recordAuditEvent({
      action: 'checklist.completed',
      objectType: 'Ticket',
      objectId: ticket._id.toString(),
      commune: ticket.commune,
      at: now,
      details: { intent: assistance.intent, replies: replies.length },
    });
  }
  events.emit('ticket.updated', { ticket: saved, request });
}
