import type { UserDocument } from '../../models/accounts/user-model';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { moveAssistedReply, recentResolvedPilotReplies } from '../../models/checklists/ticket-assistance-repository';
import { findRequestById } from '../../models/request/request-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { agreementRate, type Agreement } from '../../routing-rules/pilot-mode';
import { ApplicationError } from '../application-error';
import type { TicketEvents } from '../events/ticket-events';
import type { TicketMailParts } from '../mail/queue-ticket-mail';
import { replyToCitizen } from '../mail/reply-to-citizen';
import type { TicketWorkflow } from '../tickets/ticket-workflow';

type Actor = Pick<UserDocument, '_id' | 'role' | 'queues'>;

export interface AssistedReplyParts {
  /** Its one visibility check decides who may act on a ticket. */
  tickets: Pick<TicketWorkflow, 'visibleTicket'>;
  ticketMail: TicketMailParts;
  events: TicketEvents;
  now: () => Date;
}

const pending = ['suggested', 'in-acknowledgement'] as const;
const alreadyHandled = 'Cette suggestion a déjà été envoyée ou écartée.';

/**
 * What an agent does with a prepared missing-information request or answer: send it in one click (possibly edited,
 * which then does not count as agreeing with it), or dismiss it. Each is kept on the ticket, audited and pushed live.
 * (Ticket actions of their own, beside the ticket workflow, which decides who may see the ticket.)
 */
export class AssistedReplies {
  constructor(private readonly parts: AssistedReplyParts) {}

  async send(actor: Actor, ticketId: string, editedText?: string) {
    const ticket = await this.parts.tickets.visibleTicket(actor, ticketId);
    const reply = ticket.assistance?.reply;
    if (!reply || !(pending as readonly string[]).includes(reply.status)) throw new ApplicationError('conflict', alreadyHandled);
    const text = editedText?.trim() || reply.text;
    const now = this.parts.now();
    // Claimed before the mail is queued: two clicks, or two agents, send it once.
    const claimed = await moveAssistedReply(ticket._id, pending, { status: 'sent', at: now, by: actor._id, edited: text !== reply.text });
    if (!claimed) throw new ApplicationError('conflict', alreadyHandled);
    const queued = await replyToCitizen(this.parts.ticketMail, claimed, actor._id, text);
    if (queued.suppressedReason) {
      await moveAssistedReply(ticket._id, ['sent'], { status: reply.status as (typeof pending)[number], at: now });
      throw new ApplicationError('rejected', `La suggestion ne peut pas être envoyée : ${queued.suppressedReason}`);
    }
    await this.audit(
      actor,
      'assistance.sent',
      ticket,
      {
        channel: 'agent',
        intent: claimed.assistance!.intent,
        kind: reply.kind,
        mode: claimed.assistance!.mode,
        edited: text !== reply.text,
        items: reply.items ?? null,
        variant: reply.variant ?? null,
        source: reply.source?.url ?? null,
        messageId: queued.message._id.toString(),
      },
      now,
    );
    return this.announce(claimed);
  }

  async dismiss(actor: Actor, ticketId: string) {
    const ticket = await this.parts.tickets.visibleTicket(actor, ticketId);
    const now = this.parts.now();
    const dismissed = await moveAssistedReply(ticket._id, pending, { status: 'dismissed', at: now, by: actor._id });
    if (!dismissed) throw new ApplicationError('conflict', alreadyHandled);
    await this.audit(
      actor,
      'assistance.dismissed',
      ticket,
      { intent: dismissed.assistance!.intent, kind: dismissed.assistance!.reply!.kind, mode: dismissed.assistance!.mode },
      now,
    );
    return this.announce(dismissed);
  }

  /** In the trail of the ticket's commune: another commune's DPO does not read it. */
  private async audit(actor: Actor, action: string, ticket: TicketDocument, details: Record<string, unknown>, at: Date) {
    await recordAuditEvent({ actor, action, objectType: 'Ticket', objectId: ticket.id as string, commune: ticket.commune, details, at });
  }

  private async announce(ticket: NonNullable<Awaited<ReturnType<typeof moveAssistedReply>>>) {
    this.parts.events.emit('ticket.updated', { ticket, request: await findRequestById(ticket.requestId) });
    return ticket;
  }
}

export type IntentAgreement = Agreement & { intent: string; kind: string };

/**
 * Per intent, how often agents sent the pilot suggestion as it was, over its last `window` suggestions they sent
 * or dismissed in the tickets of `communes`: the figure that tells a supervisor when an intent may go automatic,
 * as for the queues (a commune's own figure for a commune's own mode).
 */
export async function agreementByIntent(window: number, communes: readonly string[]): Promise<IntentAgreement[]> {
  const replies = await recentResolvedPilotReplies(window, communes);
  const intents = [...new Set(replies.map((reply) => reply.intent))].sort();
  return intents.map((intent) => {
    const own = replies.filter((reply) => reply.intent === intent);
    // Newest first from the repository; agreementRate reads oldest first.
    const suggestions = [...own]
      .reverse()
      .map((reply) => ({ suggested: 'tel quel', confirmed: reply.status === 'sent' && !reply.edited ? 'tel quel' : 'autre' }));
    return { intent, kind: own[0].kind, ...agreementRate(suggestions, window) };
  });
}
