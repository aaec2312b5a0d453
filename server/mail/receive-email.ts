import { findRequestByMessageId } from '../../models/request/mail-request-repository';
import { findRequestById, insertRequest } from '../../models/request/request-repository';
import { findMessagesByMessageIds, insertInboundMessage } from '../../models/ticket/ticket-message-repository';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { Logger } from '../logger';
import { acceptRequest } from '../pipeline/accept-request';
import type { ProcessingWorker } from '../pipeline/processing-worker';
import type { TicketWorkflow } from '../tickets/ticket-workflow';
import type { AttachmentLimits } from './attachment-policy';
import { findThread, type ThreadMatch } from './find-thread';
import { keepAttachments } from './keep-attachments';
import { noiseVerdict } from './noise-verdict';
import { parseInboundEmail } from './parse-email';

export interface ReceiveEmailParts {
  worker: ProcessingWorker;
  /** Notes a citizen's follow-up on its ticket (and announces it): the ticket workflow. */
  tickets: Pick<TicketWorkflow, 'noteFollowUp'>;
  attachmentLimits: AttachmentLimits;
  /** The shared mailbox's address: the recipient recorded on follow-ups. */
  inboxAddress: string;
  logger: Logger;
  /** Which commune a mail is for, from the addresses it was written to. */
  communes: Pick<CommuneDirectory, 'communeOfRecipient' | 'defaultCommune'>;
}

interface Received {
  messageId: string;
  /** The mail was stored before (same Message-ID): nothing was stored or announced again. */
  duplicate: boolean;
  refusedAttachments: number;
}
export type ReceivedEmail = Received &
  (
    | { outcome: 'request'; requestId: string }
    | { outcome: 'follow-up'; requestId: string; ticketMessageId: string; ticketId: string | null }
    | { outcome: 'set-aside'; requestId: string; reason: string }
  );

/**
 * Every mail that reaches the shared mailbox, whatever brought it (IMAP import, SMTP relay), goes through here:
 * noise is stored aside and never routed or answered, a reply joins its ticket (re-opening it), anything else
 * becomes a request through the one durable intake path. Throws MalformedEmailError for what is not a mail.
 * `commune`: the commune the mail was delivered for (the SMTP recipient, a commune's own mailbox); otherwise the
 * first address of a commune it was written to, else the default commune (whose mailbox the configured one is).
 */
export async function receiveEmail(
  parts: ReceiveEmailParts,
  raw: Buffer,
  receivedAt = new Date(),
  deliveredFor?: string,
): Promise<ReceivedEmail> {
  const email = await parseInboundEmail(raw, receivedAt);
  const commune =
    deliveredFor ??
    email.recipients.map((address) => parts.communes.communeOfRecipient(address)).find((found) => found !== null)?.insee ??
    parts.communes.defaultCommune;
  const request = { ...email.request, commune };
  const known = await alreadyReceived(commune, request.messageId);
  if (known) return known;

  const verdict = noiseVerdict({
    headers: email.headers,
    contentType: email.contentType,
    subject: request.subject,
    senderAddress: request.requester.email,
  });
  if (verdict) {
    // Noise keeps its attachments' descriptions only: nobody is going to open a bounce's attachments.
    const stored = await insertRequest({ ...request, setAside: verdict });
    parts.logger.info({ requestId: stored.request._id.toString(), kind: verdict.kind }, 'mail set aside as noise');
    return {
      outcome: 'set-aside',
      requestId: stored.request._id.toString(),
      reason: verdict.reason,
      messageId: request.messageId,
      duplicate: stored.duplicate,
      refusedAttachments: 0,
    };
  }

  const attachments = await keepAttachments(request.messageId, email.attachments, parts.attachmentLimits);
  const refusedAttachments = attachments.filter((attachment) => attachment.refusedReason).length;
  const found = await findThread({ ...request, senderAddress: request.requester.email });
  // A mail only continues a conversation of the commune it was written to: another commune's ticket is not its.
  const thread = found && (await threadCommune(found)) === commune ? found : null;
  if (thread) {
    const { message, created } = await insertInboundMessage({
      requestId: thread.requestId,
      commune,
      ticketId: thread.ticket?._id,
      kind: 'follow-up',
      messageId: request.messageId,
      inReplyTo: request.inReplyTo,
      references: request.references,
      from: request.requester.email,
      to: parts.inboxAddress,
      subject: request.subject,
      text: request.text,
      attachments,
      at: receivedAt,
    });
    if (created && thread.ticket) await parts.tickets.noteFollowUp(thread.ticket, message._id);
    parts.logger.info({ requestId: thread.requestId.toString(), via: thread.via, refusedAttachments }, 'follow-up joined its ticket');
    return {
      outcome: 'follow-up',
      requestId: thread.requestId.toString(),
      ticketMessageId: message._id.toString(),
      ticketId: thread.ticket?._id.toString() ?? null,
      messageId: request.messageId,
      duplicate: !created,
      refusedAttachments,
    };
  }

  const accepted = await acceptRequest(parts.worker, { ...request, attachments });
  return { outcome: 'request', requestId: accepted.id, messageId: request.messageId, duplicate: accepted.duplicate, refusedAttachments };
}

async function threadCommune(thread: ThreadMatch): Promise<string | undefined> {
  return thread.ticket?.commune ?? (await findRequestById(thread.requestId))?.commune ?? undefined;
}

async function alreadyReceived(commune: string, messageId: string): Promise<ReceivedEmail | null> {
  const [request, [message]] = await Promise.all([findRequestByMessageId(commune, messageId), findMessagesByMessageIds([messageId])]);
  const common = { messageId, duplicate: true, refusedAttachments: 0 };
  if (request) {
    return request.status === 'set-aside'
      ? { ...common, outcome: 'set-aside', requestId: request._id.toString(), reason: request.setAside?.reason ?? '' }
      : { ...common, outcome: 'request', requestId: request._id.toString() };
  }
  if (message?.direction === 'inbound' && (message.commune ?? commune) === commune) {
    return {
      ...common,
      outcome: 'follow-up',
      requestId: message.requestId.toString(),
      ticketMessageId: message._id.toString(),
      ticketId: message.ticketId?.toString() ?? null,
    };
  }
  return null;
}
