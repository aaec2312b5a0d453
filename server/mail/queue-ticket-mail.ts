import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';

import type { NotificationKind } from '../../models/citizen/notification-settings-model';
import { listQueuesByIds } from '../../models/queue/queue-repository';
import type { RequestDocument } from '../../models/request/request-model';
import { recordTicketEvent } from '../../models/ticket/ticket-conversation-repository';
import type { ticketMessageKinds } from '../../models/ticket/ticket-message-model';
import { conversationOf, queueOutboundMessage } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { communeWorkingSchedule } from '../../routing-rules/communes/commune-schedule';
import { mairieWorkingSchedule } from '../../routing-rules/working-schedule';
import type { FollowUpPolicy } from '../citizen/follow-up-policy';
import type { CitizenLinks } from '../citizen/status-link';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { Logger } from '../logger';
import type { MailOutbox } from './mail-outbox';
import { automaticMailRefusal } from './recipient-policy';
import { defaultSignature } from './templates/default-mail-templates';
import { effectiveMailTemplate } from './templates/mail-template-catalog';
import { describeOpeningHours } from './templates/opening-hours-text';
import { renderMailTemplate, type MailTemplateValues } from './templates/render-mail-template';
import { subjectWithReference } from './thread-reference';

export interface TicketMailParts {
  outbox: MailOutbox;
  /** The shared mailbox: From of the mail of a commune with no address of its own. */
  inboxAddress: string;
  /** The ticket's commune writes: from its address, with its signature, opening hours and clock. */
  communes: Pick<CommuneDirectory, 'of'>;
  logger: Logger;
  /** The citizen's status page and one-click opt-out, linked from every mail. */
  links?: CitizenLinks;
  /** Opt-outs, supervisors' choices per intent and one notification a day (closing messages and notifications). */
  followUps?: FollowUpPolicy;
}

export interface TicketMail {
  ticket: TicketDocument;
  request: RequestDocument;
  kind: Exclude<(typeof ticketMessageKinds)[number], 'follow-up' | 'note'>;
  templateId: string;
  fallbackTemplateId: string;
  values?: MailTemplateValues;
  /** Queued once per key: a replayed event or a restart cannot send the same mail twice. */
  dedupeKey: string;
  authorId?: Types.ObjectId;
  /** For `notification` mails: which follow-up it is (a closing message is the `answered` one). */
  notificationKind?: NotificationKind;
}

const longFrenchDates = new Map<string, Intl.DateTimeFormat>();
/** « jeudi 2 avril 2026 », on the commune's clock. */
function longFrenchDate(timeZone: string): Intl.DateTimeFormat {
  let format = longFrenchDates.get(timeZone);
  if (!format)
    longFrenchDates.set(
      timeZone,
      (format = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone })),
    );
  return format;
}

/**
 * Writes a mail about a ticket from its template and queues it in the outbox, threaded under the conversation
 * (In-Reply-To the citizen's latest message, References the whole thread) with the ticket reference in the
 * subject, which is what lets the citizen's answer find its ticket again. A mail that must not go out is
 * stored as suppressed, with the reason, so the decision is on the ticket's record.
 */
export async function queueTicketMail(parts: TicketMailParts, mail: TicketMail) {
  const { ticket, request } = mail;
  const commune = parts.communes.of(ticket.commune);
  // The commune's own address, so that the citizen's answer comes back to its intake.
  const sender = commune.inboxAddresses[0] ?? parts.inboxAddress;
  const { recipient, subject, text, conversation } = await composeTicketMail(parts, mail);
  const thread = [request.messageId, ...conversation.map((message) => message.messageId)].filter((id): id is string => Boolean(id));
  const latestFromCitizen =
    [...conversation].reverse().find((message) => message.direction === 'inbound')?.messageId ?? request.messageId ?? undefined;
  const addressRefusal = mail.authorId
    ? basicAddressProblem(recipient)
    : automaticMailRefusal(recipient, [parts.inboxAddress, ...commune.inboxAddresses]);
  const followUpKind = mail.kind === 'closing' ? 'answered' : mail.notificationKind;
  const followUp =
    !addressRefusal && followUpKind && parts.followUps
      ? await parts.followUps.decide({ requestId: request._id, intent: ticket.intent, kind: followUpKind })
      : null;
  const refusal = addressRefusal ?? (followUp && 'suppressedReason' in followUp ? followUp.suppressedReason : null);
  const deferredUntil = followUp && 'deferredUntil' in followUp ? followUp.deferredUntil : null;
  const { message, created } = await queueOutboundMessage(
    {
      requestId: request._id,
      ticketId: ticket._id,
      kind: mail.kind,
      messageId: `<${ticket.reference}.${mail.kind}.${randomBytes(8).toString('hex')}@${sender.split('@')[1]}>`,
      inReplyTo: latestFromCitizen,
      references: [...new Set([...request.references, ...thread])].slice(-20),
      from: sender,
      to: recipient || '(aucune adresse)',
      subject,
      text,
      at: new Date(),
      dedupeKey: mail.dedupeKey,
      authorId: mail.authorId,
    },
    refusal ?? undefined,
    deferredUntil ?? undefined,
  );
  if (created) {
    await recordTicketEvent({
      ticketId: ticket._id,
      type: refusal ? 'mail-suppressed' : 'mail-queued',
      actorId: mail.authorId,
      to: mail.kind,
      reason:
        refusal ??
        (deferredUntil
          ? `envoi différé au ${longFrenchDate(commune.timeZone).format(deferredUntil)} : une notification par jour au plus`
          : undefined),
      messageId: message._id,
    });
    if (followUp && !refusal) await parts.followUps!.queued(request._id, message._id);
    if (!refusal) void parts.outbox.kick();
    parts.logger.info(
      { ticket: ticket.reference, kind: mail.kind, suppressed: Boolean(refusal) },
      refusal ? 'mail to citizen suppressed' : 'mail to citizen queued',
    );
  }
  return { message, created, suppressedReason: refusal };
}

/**
 * The mail exactly as it will go out (recipient, subject with the reference, text from the template with the
 * citizen's links), without queuing it: what queueTicketMail sends and what an agent's composer previews.
 */
export async function composeTicketMail(
  parts: Pick<TicketMailParts, 'links' | 'communes'>,
  mail: Pick<TicketMail, 'ticket' | 'request' | 'templateId' | 'fallbackTemplateId' | 'values'>,
) {
  const { ticket, request } = mail;
  const commune = parts.communes.of(ticket.commune);
  const [template, [queue], conversation] = await Promise.all([
    // The ticket's commune's own version of the template, else the service's.
    effectiveMailTemplate(mail.templateId, ticket.commune ?? null, mail.fallbackTemplateId),
    listQueuesByIds([ticket.queue]),
    conversationOf(request._id),
  ]);
  const rendered = renderMailTemplate(template, {
    nom: request.requester?.name ?? 'Madame, Monsieur',
    reference: ticket.reference,
    objet: request.subject || '(sans objet)',
    file: queue?.label ?? ticket.queue,
    delai: responseDelay(ticket, commune.timeZone),
    horaires: describeOpeningHours(communeWorkingSchedule(commune)),
    signature: queue?.signature?.trim() || commune.acknowledgementSignature.trim() || defaultSignature,
    ...mail.values,
  });
  return {
    recipient: request.requester?.email ?? '',
    subject: rendered.subject.includes(`[${ticket.reference}]`)
      ? rendered.subject
      : subjectWithReference(ticket.reference, rendered.subject),
    text: parts.links ? withCitizenLinks(rendered.text, parts.links, request._id.toString()) : rendered.text,
    conversation,
  };
}

/** When the citizen may expect an answer on a ticket, as the mails say it, on its commune's clock (Paris's unless told). */
export function responseDelay(ticket: Pick<TicketDocument, 'dueAt'>, timeZone = mairieWorkingSchedule.timeZone): string {
  return ticket.dueAt ? `d’ici le ${longFrenchDate(timeZone).format(ticket.dueAt)}` : 'dans les meilleurs délais';
}

/** Every mail ends with the citizen's status page and the one-click end of follow-up notifications. */
function withCitizenLinks(text: string, links: CitizenLinks, requestId: string): string {
  return `${text.trimEnd()}

--
Suivre votre demande en ligne : ${links.statusUrl(requestId)}
Ne plus recevoir les e-mails de suivi de cette demande : ${links.unsubscribeUrl(requestId)}
`;
}

function basicAddressProblem(address: string): string | null {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) ? null : "Le demandeur n'a pas laissé d'adresse de courriel valide.";
}
