import { deleteReplyDraft } from '../../models/replies/reply-draft-repository';
import type { FollowThrough } from '../../tickets/reply-follow-through';
import { ApplicationError } from '../application-error';
import type { TicketMailParts } from '../mail/queue-ticket-mail';
import { previewReplyToCitizen, replyToCitizen } from '../mail/reply-to-citizen';
import type { TicketView } from '../presenters/ticket-view';
import type { TicketActor, TicketWorkflow } from './ticket-workflow';

export interface TicketReplyParts {
  tickets: TicketWorkflow;
  ticketMail: TicketMailParts;
}

/**
 * An agent's answer to the citizen: the exact mail previewed, then sent with what it does to the ticket in the
 * same action (« Répondre et mettre en attente », a macro's status and tags). The ticket change goes through the
 * ticket workflow (decided before the mail is queued, applied after); the reply draft is gone once sent.
 */
export class TicketReplies {
  constructor(private readonly parts: TicketReplyParts) {}

  async preview(actor: TicketActor, ticketId: string, text: string) {
    const ticket = await this.parts.tickets.visibleTicket(actor, ticketId);
    return previewReplyToCitizen(this.parts.ticketMail, ticket, text);
  }

  async reply(actor: TicketActor, ticketId: string, text: string, then: FollowThrough = {}) {
    const ticket = await this.parts.tickets.visibleTicket(actor, ticketId);
    const change = this.parts.tickets.planFollowThrough(actor, ticket, then);
    const queued = await replyToCitizen(this.parts.ticketMail, ticket, actor._id, text);
    if (queued.suppressedReason) throw new ApplicationError('rejected', `La réponse ne peut pas être envoyée : ${queued.suppressedReason}`);
    await deleteReplyDraft({ userId: actor._id, ticketId: ticket._id, kind: 'reply' });
    let updated: TicketView | null = null;
    if (change) {
      updated = await this.parts.tickets.applyFollowThrough(actor, ticket, change).catch((error: unknown) => {
        // The mail is on its way: say so, and that the status was not changed, rather than a bare conflict.
        if (error instanceof ApplicationError && error.kind === 'conflict') {
          throw new ApplicationError(
            'conflict',
            'La réponse est partie, mais la demande venait d’être modifiée par quelqu’un d’autre : son statut n’a pas été changé.',
            { replied: true },
          );
        }
        throw error;
      });
    }
    return { message: queued.message, ticket: updated };
  }
}
