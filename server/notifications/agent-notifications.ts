import { EventEmitter } from 'node:events';
import { Types } from 'mongoose';

import { findAgentsOfQueue, findUserById } from '../../models/accounts/user-repository';
import type { AgentNotificationDocument } from '../../models/notifications/agent-notification-model';
import { insertAgentNotification } from '../../models/notifications/agent-notification-repository';
import { findTicketsDueBetween } from '../../models/notifications/near-due-tickets';
import {
  agentNoticeLabels,
  noticesOfAssignment,
  noticesOfFollowUp,
  noticesOfMentions,
  noticesOfNearDueDate,
  type AgentNotice,
} from '../../tickets/agent-notices';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import type { TicketWorkflow } from '../tickets/ticket-workflow';

export interface AgentNotificationParts {
  events: TicketEvents;
  /** The one visibility rule: an agent of the same queue in another commune is not told of the ticket. */
  tickets: Pick<TicketWorkflow, 'canSee'>;
  now: () => Date;
  logger: Logger;
}

/** What a user is shown of a notice: a French sentence naming the ticket by reference, never the citizen's words. */
export interface AgentNotificationView {
  id: string;
  kind: AgentNotice['kind'];
  message: string;
  ticketId: string;
  reference: string;
  at: string;
  read: boolean;
}

interface About {
  ticketId: string;
  reference: string;
  actorId?: string | null;
}

/**
 * Turns what happens to tickets into notices for the agents concerned (tickets/agent-notices decides who):
 * stored once each, then announced (`notification.created`) for live push to that user only.
 */
export class AgentNotifications extends EventEmitter<{ 'notification.created': [userId: string, view: AgentNotificationView] }> {
  constructor(private readonly parts: AgentNotificationParts) {
    super();
    const { events } = parts;
    events.on('ticket.created', ({ ticket }) => {
      const assignee = ticket.assigneeId?.toString() ?? null;
      this.later(noticesOfAssignment(assignee, null), about(ticket), (notice) => `assigned:${ticket.id}:${notice.userId}:created`);
    });
    events.on('ticket.assigned', (assigned) => {
      const at = parts.now().getTime();
      this.later(
        noticesOfAssignment(assigned.assigneeId, assigned.actorId),
        assigned,
        (notice) => `assigned:${assigned.ticketId}:${notice.userId}:${at}`,
      );
    });
    events.on('ticket.noted', (noted) => {
      this.later(noticesOfMentions(noted.mentioned, noted.actorId), noted, (notice) => `mentioned:${noted.noteId}:${notice.userId}`);
    });
    events.on('ticket.updated', ({ ticket, followUp }) => {
      if (!followUp) return;
      const notices = noticesOfFollowUp(ticket.assigneeId?.toString() ?? null);
      this.later(notices, about(ticket), (notice) => `citizen-replied:${followUp.messageId}:${notice.userId}`);
    });
  }

  /** Tells who should know that a ticket's due date is within `withinMinutes`; once per ticket, due date and person. */
  async warnOfNearDueDates(now: Date, withinMinutes: number): Promise<number> {
    let told = 0;
    for (const ticket of await findTicketsDueBetween(now, new Date(now.getTime() + withinMinutes * 60_000), 500)) {
      const assignee = ticket.assigneeId?.toString() ?? null;
      const queueAgents = assignee
        ? []
        : (await findAgentsOfQueue(ticket.queue))
            .filter((agent) => agent.available !== false && this.parts.tickets.canSee(agent, ticket))
            .map((agent) => agent.id);
      const dueAt = ticket.dueAt!.getTime();
      told += await this.notify(
        noticesOfNearDueDate(assignee, queueAgents),
        about(ticket),
        (notice) => `sla-soon:${ticket.id}:${dueAt}:${notice.userId}`,
      );
    }
    return told;
  }

  private later(notices: AgentNotice[], subject: About, key: (notice: AgentNotice) => string): void {
    if (notices.length === 0) return;
    this.notify(notices, subject, key).catch((error: unknown) =>
      this.parts.logger.error({ err: error, ticketId: subject.ticketId }, 'agent notification failed'),
    );
  }

  private async notify(notices: AgentNotice[], subject: About, key: (notice: AgentNotice) => string): Promise<number> {
    const actorName = subject.actorId ? (await findUserById(subject.actorId))?.displayName : undefined;
    let stored = 0;
    for (const notice of notices) {
      const created = await insertAgentNotification({
        userId: new Types.ObjectId(notice.userId),
        kind: notice.kind,
        ticketId: new Types.ObjectId(subject.ticketId),
        reference: subject.reference,
        ...(subject.actorId ? { actorId: new Types.ObjectId(subject.actorId) } : {}),
        at: this.parts.now(),
        dedupeKey: key(notice),
      });
      if (!created) continue;
      stored += 1;
      this.emit('notification.created', notice.userId, agentNotificationView(created, actorName));
    }
    return stored;
  }
}

function about(ticket: { id: string; reference: string }): About {
  return { ticketId: ticket.id, reference: ticket.reference };
}

export function agentNotificationView(notification: AgentNotificationDocument, actorName?: string): AgentNotificationView {
  const by = actorName && (notification.kind === 'assigned' || notification.kind === 'mentioned') ? ` (${actorName})` : '';
  return {
    id: notification.id,
    kind: notification.kind,
    message: `${notification.reference} : ${agentNoticeLabels[notification.kind]}${by}`,
    ticketId: notification.ticketId.toString(),
    reference: notification.reference,
    at: notification.at.toISOString(),
    read: Boolean(notification.readAt),
  };
}
