import type { Types } from 'mongoose';

import type { RequestDocument } from '../../models/request/request-model';
import { findTicketByRequestId } from '../../models/ticket/ticket-conversation-repository';
import { insertInboundMessage } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import type { AttachmentLimits } from '../mail/attachment-policy';
import { attachmentRefusals, keepAttachments } from '../mail/keep-attachments';
import type { InboundAttachment } from '../mail/parse-email';

export interface CitizenMessageParts {
  attachmentLimits: AttachmentLimits;
  /** The shared mailbox: the recipient recorded on follow-ups, as for a mail reply. */
  inboxAddress: string;
  /** The ticket workflow's note of a follow-up: the very step a mail reply takes (history, re-opening, live push). */
  noteFollowUp(ticket: TicketDocument, messageId: Types.ObjectId): Promise<unknown>;
}

export type CitizenMessageOutcome = { added: true; created: boolean } | { added: false; refusals: string[] };

/**
 * A message or document the citizen adds from the status page. It joins the request's conversation exactly as a
 * mail reply does (stored as an inbound follow-up, its attachments kept under the mail policy, then noted on the
 * ticket through the workflow), so agents see it where they see mail. The form's key makes its Message-ID:
 * a double click stores it once. Attachments the policy refuses are refused before anything is stored, so the
 * citizen can send the message again without them.
 */
export async function addCitizenMessage(
  parts: CitizenMessageParts,
  request: RequestDocument,
  message: { key: string; text: string; files: InboundAttachment[]; at: Date },
): Promise<CitizenMessageOutcome> {
  const refusals = attachmentRefusals(message.files, parts.attachmentLimits);
  if (refusals.length > 0) return { added: false, refusals };
  const messageId = `<suivi.${message.key}@${parts.inboxAddress.split('@')[1]}>`;
  const attachments = await keepAttachments(messageId, message.files, parts.attachmentLimits);
  const ticket = await findTicketByRequestId(request._id);
  const { message: stored, created } = await insertInboundMessage({
    requestId: request._id,
    ticketId: ticket?._id,
    kind: 'follow-up',
    messageId,
    from: request.requester?.email || 'page de suivi en ligne',
    to: parts.inboxAddress,
    subject: 'Message ajouté depuis la page de suivi',
    text: message.text,
    attachments,
    at: message.at,
  });
  if (created && ticket) await parts.noteFollowUp(ticket, stored._id);
  return { added: true, created };
}
