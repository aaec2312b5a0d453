import type { Types } from 'mongoose';

import { deleteSatisfactionComments } from '../../models/citizen/satisfaction-comment-model';
import { deleteReplyDraftsOfRequest } from '../../models/replies/reply-draft-repository';
import { deleteAttachment } from '../../models/request/attachment-store';
import { RequestModel } from '../../models/request/request-model';
import { countDeletedRequest } from '../../models/statistics/retention-statistic-model';
import { TicketEventModel } from '../../models/ticket/ticket-event-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';

export const erasedText = '[Contenu effacé : données personnelles supprimées]';
const erasedFilename = 'pièce jointe effacée';
const erasedAddress = 'adresse-effacee@invalid';

export interface ErasureCount {
  requests: number;
  tickets: number;
  messages: number;
  attachments: number;
}

/**
 * Removes everything personal about one request, wherever it is kept: the request, its tickets' extracted
 * entities and excerpts, the agents' free-text reasons in its history, its mail conversation and internal notes, the
 * agents' drafts on its tickets, the citizen's satisfaction comment and the attachments' content.
 * Each ticket keeps its routing facts (queue, intent, dates, status, rating) for the statistics.
 */
export async function anonymiseRequestData(requestId: Types.ObjectId, now = new Date()): Promise<ErasureCount> {
  const request = await RequestModel.findById(requestId);
  if (!request) return { requests: 0, tickets: 0, messages: 0, attachments: 0 };
  const storageIds = request.attachments.flatMap((attachment) => (attachment.storageId ? [attachment.storageId] : []));
  request.subject = '';
  request.text = erasedText;
  request.set('requester', undefined);
  request.set('requesterEmailHash', undefined);
  request.set('requesterPhoneHash', undefined);
  request.set('attachments', request.attachments.map(erasedAttachment));
  request.anonymisedAt = now;
  await request.save();

  const tickets = await TicketModel.find({ requestId });
  for (const ticket of tickets) {
    const parts = ticket.parts?.map(({ queue, intent, confidence, start, end, ticketId, reference }) => ({
      queue,
      intent,
      confidence,
      start,
      end,
      ticketId,
      reference,
      text: erasedText,
    }));
    await TicketModel.updateOne({ _id: ticket._id }, { $set: { entities: [], ...(parts ? { parts } : {}) } });
    await TicketEventModel.updateMany({ ticketId: ticket._id }, { $unset: { reason: 1 } });
  }
  await deleteSatisfactionComments(tickets.map((ticket) => ticket._id));
  await deleteReplyDraftsOfRequest(requestId);
  const messages = await TicketMessageModel.find({ requestId });
  for (const message of messages) {
    storageIds.push(...message.attachments.flatMap((attachment) => (attachment.storageId ? [attachment.storageId] : [])));
    message.from = erasedAddress;
    message.to = erasedAddress;
    message.subject = '';
    message.text = erasedText;
    message.set('attachments', message.attachments.map(erasedAttachment));
    await message.save();
  }
  await Promise.all(storageIds.map((storageId) => deleteAttachment(storageId)));
  return { requests: 1, tickets: tickets.length, messages: messages.length, attachments: storageIds.length };
}

/** Whole arrays are replaced rather than edited in place (positional updates are not available everywhere). */
function erasedAttachment(attachment: { contentType: string; size: number; refusedReason?: string | null }) {
  return {
    filename: erasedFilename,
    contentType: attachment.contentType,
    size: attachment.size,
    refusedReason: attachment.refusedReason ?? undefined,
  };
}

/** Deletes the request and everything attached to it, counting it first in the anonymous statistics. */
export async function deleteRequestData(requestId: Types.ObjectId): Promise<ErasureCount> {
  const request = await RequestModel.findById(requestId);
  if (!request) return { requests: 0, tickets: 0, messages: 0, attachments: 0 };
  const tickets = await TicketModel.find({ requestId });
  const messages = await TicketMessageModel.find({ requestId });
  const storageIds = [request, ...messages].flatMap((document) =>
    document.attachments.flatMap((attachment) => (attachment.storageId ? [attachment.storageId] : [])),
  );
  // Counted per ticket, so that each service of a split request keeps its share of the statistics.
  for (const ticket of tickets.length > 0 ? tickets : [null]) {
    await countDeletedRequest({
      commune: request.commune,
      receivedAt: request.receivedAt,
      queue: ticket?.queue ?? 'non-routé',
      intent: ticket?.intent ?? 'non-routé',
      channel: request.channel,
    });
  }
  await Promise.all(storageIds.map((storageId) => deleteAttachment(storageId)));
  await TicketMessageModel.deleteMany({ requestId });
  await deleteReplyDraftsOfRequest(requestId);
  await deleteSatisfactionComments(tickets.map((ticket) => ticket._id));
  for (const ticket of tickets) {
    await TicketEventModel.deleteMany({ ticketId: ticket._id });
    await TicketModel.deleteOne({ _id: ticket._id });
  }
  await RequestModel.deleteOne({ _id: requestId });
  return { requests: 1, tickets: tickets.length, messages: messages.length, attachments: storageIds.length };
}
