import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { listQueuesByIds } from '../../models/queue/queue-repository';
import type { RequestDocument } from '../../models/request/request-model';
import { recordTicketEvent } from '../../models/ticket/ticket-conversation-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import type { ticketMessageKinds } from '../../models/ticket/ticket-message-model';
import { conversationOf, queueOutboundMessage } from '../../models/ticket/ticket-message-repository';
import { mairieWorkingSchedule } from '../../routing-rules/working-schedule';
import type { Logger } from '../logger';
import type { MailOutbox } from './mail-outbox';
import { automaticMailRefusal } from './recipient-policy';
import { effectiveMailTemplate } from './templates/mail-template-catalog';
import { describeOpeningHours } from './templates/opening-hours-text';
import { renderMailTemplate, type MailTemplateValues } from './templates/render-mail-template';
import { subjectWithReference } from './thread-reference';

export interface TicketMailParts {
  outbox: MailOutbox;
  /** The shared mailbox: From of every mail, so that citizens' replies come back to the intake. */
  inboxAddress: string;
  logger: Logger;
}

export interface TicketMail {
  ticket: TicketDocument;
  request: RequestDocument;
  kind: Exclude<(typeof ticketMessageKinds)[number], 'follow-up'>;
  templateId: string;
  fallbackTemplateId: string;
  values?: MailTemplateValues;
  /** Queued once per key: a replayed event or a restart cannot send the same mail twice. */
  dedupeKey: string;
  authorId?: Types.ObjectId;
}

const longFrenchDate = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: mairieWorkingSchedule.timeZone });

/**
 * Writes a mail about a ticket from its template and queues it in the outbox, threaded under the conversation
 * (In-Reply-To the citizen's latest message, References the whole thread) with the ticket reference in the
 * subject, which is what lets the citizen's answer find its ticket again. A mail that must not go out is
 * stored as suppressed, with the reason, so the decision is on the ticket's record.
 */
export async function queueTicketMail(parts: TicketMailParts, mail: TicketMail) {
  const { ticket, request } = mail;
  const [template, [queue], conversation] = await Promise.all([
    effectiveMailTemplate(mail.templateId, mail.fallbackTemplateId),
    listQueuesByIds([ticket.queue]),
    conversationOf(request._id),
  ]);
  const rendered = renderMailTemplate(template, {
    nom: request.requester?.name ?? 'Madame, Monsieur',
    reference: ticket.reference,
    objet: request.subject || '(sans objet)',
    file: queue?.label ?? ticket.queue,
    delai: responseDelay(ticket),
    horaires: describeOpeningHours(mairieWorkingSchedule),
    ...mail.values,
  });
  const subject = rendered.subject.includes(`[${ticket.reference}]`) ? rendered.subject : subjectWithReference(ticket.reference, rendered.subject);
  const thread = [request.messageId, ...conversation.map((message) => message.messageId)].filter((id): id is string => Boolean(id));
  const latestFromCitizen = [...conversation].reverse().find((message) => message.direction === 'inbound')?.messageId ?? request.messageId ?? undefined;
  const recipient = request.requester?.email ?? '';
  const refusal = mail.authorId ? basicAddressProblem(recipient) : automaticMailRefusal(recipient, [parts.inboxAddress]);
  const { message, created } = await queueOutboundMessage(
    {
      requestId: request._id,
      ticketId: ticket._id,
      kind: mail.kind,
      messageId: `<${ticket.reference}.${mail.kind}.${randomBytes(8).toString('hex')}@${parts.inboxAddress.split('@')[1]}>`,
      inReplyTo: latestFromCitizen,
      references: [...new Set([...request.references, ...thread])].slice(-20),
      from: parts.inboxAddress,
      to: recipient || '(aucune adresse)',
      subject,
      text: rendered.text,
      at: new Date(),
      dedupeKey: mail.dedupeKey,
      authorId: mail.authorId,
    },
    refusal ?? undefined,
  );
  if (created) {
    await recordTicketEvent({
      ticketId: ticket._id,
      type: refusal ? 'mail-suppressed' : 'mail-queued',
      actorId: mail.authorId,
      to: mail.kind,
      reason: refusal ?? undefined,
      messageId: message._id,
    });
    if (!refusal) void parts.outbox.kick();
    parts.logger.info({ ticket: ticket.reference, kind: mail.kind, suppressed: Boolean(refusal) }, refusal ? 'mail to citizen suppressed' : 'mail to citizen queued');
  }
  return { message, created, suppressedReason: refusal };
}

/** When the citizen may expect an answer on a ticket, as the mails say it. */
export function responseDelay(ticket: Pick<TicketDocument, 'dueAt'>): string {
  return ticket.dueAt ? `d’ici le ${longFrenchDate.format(ticket.dueAt)}` : 'dans les meilleurs délais';
}

function basicAddressProblem(address: string): string | null {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) ? null : "Le demandeur n'a pas laissé d'adresse e-mail valide.";
}
