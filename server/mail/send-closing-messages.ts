import type { RequestDocument } from '../../models/request/request-model';
import { latestResolutionEventId } from '../../models/ticket/ticket-conversation-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import type { TicketEvents } from '../events/ticket-events';
import { queueTicketMail, type TicketMailParts } from './queue-ticket-mail';
import { satisfactionSurvey } from './satisfaction-link';

export interface ClosingParts extends TicketMailParts {
  enabled: boolean;
  publicBaseUrl: string;
  signingSecret: string;
}

/** When an agent resolves a ticket, the citizen is told, with a one-click rating unless they already rated it. */
export function sendClosingMessages(events: TicketEvents, parts: ClosingParts, inFlight: Set<Promise<unknown>>): void {
  events.on('ticket.updated', ({ ticket, request }) => {
    if (ticket.status !== 'resolved' || !parts.enabled || !request) return;
    const handled = sendClosingMessage(parts, ticket, request)
      .catch((error: unknown) => parts.logger.error({ err: error, ticketId: ticket.id }, 'closing message failed'))
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
}

async function sendClosingMessage(parts: ClosingParts, ticket: TicketDocument, request: RequestDocument) {
  const resolutionId = await latestResolutionEventId(ticket._id);
  if (!request.requester?.email || !resolutionId) return null;
  const survey = satisfactionSurvey(ticket, parts.publicBaseUrl, parts.signingSecret);
  return queueTicketMail(parts, {
    ticket,
    request,
    kind: 'closing',
    templateId: 'cloture',
    fallbackTemplateId: 'cloture',
    values: { lienSatisfaction: survey },
    // One closing message per resolution: a re-opened and again resolved ticket gets a new one.
    dedupeKey: `closing:${ticket._id.toString()}:${resolutionId.toString()}`,
  });
}
