import type { NotificationKind } from '../../models/citizen/notification-settings-model';
import { latestMilestoneId } from '../../models/citizen/ticket-milestone-repository';
import type { RequestDocument } from '../../models/request/request-model';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import type { TicketEvents } from '../events/ticket-events';
import { queueTicketMail } from '../mail/queue-ticket-mail';
import { satisfactionSurvey } from '../mail/satisfaction-link';
import type { ClosingParts } from '../mail/send-closing-messages';

/** What happened to a ticket, as far as notifications care. */
export interface TicketChangeFacts {
  status: string;
  queue: string;
  previousQueue?: string;
  /** The change is the citizen's own message: nothing to tell them. */
  followUp?: unknown;
}

type Milestone = { kind: NotificationKind; event: { type: 'status-changed' | 'rerouted'; to: string }; templateId: string };

/**
 * The notification a change calls for, if any. A ticket resolved is told by the closing message (the `answered`
 * notification, see send-closing-messages), so it is not decided here.
 */
export function milestoneOf(change: TicketChangeFacts, receptionQueue: string): Milestone | null {
  if (change.followUp) return null;
  if (change.previousQueue && change.previousQueue !== change.queue && change.queue !== receptionQueue) {
    return { kind: 'sent-to-service', event: { type: 'rerouted', to: change.queue }, templateId: 'suivi-transmise' };
  }
  if (change.status === 'pending')
    return { kind: 'information-needed', event: { type: 'status-changed', to: 'pending' }, templateId: 'suivi-complement' };
  if (change.status === 'closed') return { kind: 'closed', event: { type: 'status-changed', to: 'closed' }, templateId: 'suivi-close' };
  return null;
}

/**
 * Tells the citizen by mail when their request reaches a service, when the mairie needs something from them and
 * when it is closed, under the follow-up policy (opt-out, supervisors' choices per intent, one a day).
 */
export function sendFollowUpNotifications(
  events: TicketEvents,
  parts: ClosingParts & { receptionQueue: string },
  inFlight: Set<Promise<unknown>>,
): void {
  events.on('ticket.updated', (change) => {
    const milestone = milestoneOf({ ...change, status: change.ticket.status, queue: change.ticket.queue }, parts.receptionQueue);
    if (!milestone || !change.request?.requester?.email) return;
    const handled = notify(parts, change.ticket, change.request, milestone)
      .catch((error: unknown) =>
        parts.logger.error({ err: error, ticketId: change.ticket.id, kind: milestone.kind }, 'follow-up notification failed'),
      )
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
}

async function notify(parts: ClosingParts, ticket: TicketDocument, request: RequestDocument, milestone: Milestone) {
  const eventId = await latestMilestoneId(ticket._id, milestone.event.type, milestone.event.to);
  if (!eventId) return null;
  return queueTicketMail(parts, {
    ticket,
    request,
    kind: 'notification',
    notificationKind: milestone.kind,
    templateId: milestone.templateId,
    fallbackTemplateId: milestone.templateId,
    values: milestone.kind === 'closed' ? { lienSatisfaction: satisfactionSurvey(ticket, parts.publicBaseUrl, parts.signingSecret) } : {},
    dedupeKey: `notification:${milestone.kind}:${ticket._id.toString()}:${eventId.toString()}`,
  });
}
