import { findRequestByMessageId } from '../../models/request/mail-request-repository';
import { insertRequest } from '../../models/request/request-repository';
import { findMessagesByMessageIds, insertInboundMessage } from '../../models/ticket/ticket-message-repository';
import type { Logger } from '../logger';
import { acceptRequest } from '../pipeline/accept-request';
import type { ProcessingWorker } from '../pipeline/processing-worker';
import type { AttachmentLimits } from './attachment-policy';
import { findThread } from './find-thread';
import { keepAttachments } from './keep-attachments';
import { noiseVerdict } from './noise-verdict';
import { parseInboundEmail } from './parse-email';
import type { TicketWorkflow } from '../tickets/ticket-workflow';

export interface ReceiveEmailParts {
  worker: ProcessingWorker;
  /** Notes a citizen's follow-up on its ticket (and announces it): the ticket workflow. */
  tickets: Pick<TicketWorkflow, 'noteFollowUp'>;
  attachmentLimits: AttachmentLimits;
  /** The shared mailbox's address: the recipient recorded on follow-ups. */
  inboxAddress: string;
  logger: Logger;
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
 */
export async function receiveEmail(parts: ReceiveEmailParts, raw: Buffer, receivedAt = new Date()): Promise<ReceivedEmail> {
  const email = await parseInboundEmail(raw, receivedAt);
  const { request } = email;
  const known = await alreadyReceived(request.messageId);
  if (known) return known;

  const verdict = noiseVerdict({ headers: email.headers, contentType: email.contentType, subject: request.subject, senderAddress: request.requester.email });
  if (verdict) {
    // Noise keeps its attachments' descriptions only: nobody is going to open a bounce's attachments.
    const stored = await insertRequest({ ...request, setAside: verdict });
    parts.logger.info({ requestId: stored.request._id.toString(), kind: verdict.kind }, 'mail set aside as noise');
    return { outcome: 'set-aside', requestId: stored.request._id.toString(), reason: verdict.reason, messageId: request.messageId, duplicate: stored.duplicate, refusedAttachments: 0 };
  }

  const attachments = await keepAttachments(request.messageId, email.attachments, parts.attachmentLimits);
  const refusedAttachments = attachments.filter((attachment) => attachment.refusedReason).length;
  const thread = await findThread({ ...request, senderAddress: request.requester.email });
  if (thread) {
    const { message, created } = await insertInboundMessage({
      requestId: thread.requestId,
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
      outcome: 'follow-up', requestId: thread.requestId.toString(), ticketMessageId: message._id.toString(),
      ticketId: thread.ticket?._id.toString() ?? null, messageId: request.messageId, duplicate: !created, refusedAttachments,
    };
  }

  const accepted = await acceptRequest(parts.worker, { ...request, attachments });
  return { outcome: 'request', requestId: accepted.id, messageId: request.messageId, duplicate: accepted.duplicate, refusedAttachments };
}

async function alreadyReceived(messageId: string): Promise<ReceivedEmail | null> {
  const [request, [message]] = await Promise.all([findRequestByMessageId(messageId), findMessagesByMessageIds([messageId])]);
  const common = { messageId, duplicate: true, refusedAttachments: 0 };
  if (request) {
    return request.status === 'set-aside'
      ? { ...common, outcome: 'set-aside', requestId: request._id.toString(), reason: request.setAside?.reason ?? '' }
      : { ...common, outcome: 'request', requestId: request._id.toString() };
  }
  if (message?.direction === 'inbound') {
    return { ...common, outcome: 'follow-up', requestId: message.requestId.toString(), ticketMessageId: message._id.toString(), ticketId: message.ticketId?.toString() ?? null };
  }
  return null;
}
