import type { Types } from 'mongoose';
import { deleteAttachment } from '../../models/attachment-store';
import { RequestModel } from '../../models/request-model';
import { countDeletedRequest } from '../../models/retention-statistic-model';
import { TicketEventModel } from '../../models/ticket-event-model';
import { TicketMessageModel } from '../../models/ticket-message-model';
import { TicketModel } from '../../models/ticket-model';

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
 * Removes everything personal about one request, wherever it is kept: the request, its ticket's extracted
 * entities, the agents' free-text reasons in its history, its mail conversation and the attachments' content.
 * The ticket keeps its routing facts (queue, intent, dates, status, rating) for the statistics.
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

  const ticket = await TicketModel.findOne({ requestId });
  if (ticket) {
    await TicketModel.updateOne({ _id: ticket._id }, { $set: { entities: [] } });
    await TicketEventModel.updateMany({ ticketId: ticket._id }, { $unset: { reason: 1 } });
  }
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
  return { requests: 1, tickets: ticket ? 1 : 0, messages: messages.length, attachments: storageIds.length };
}

/** Whole arrays are replaced rather than edited in place (positional updates are not available everywhere). */
function erasedAttachment(attachment: { contentType: string; size: number; refusedReason?: string | null }) {
  return { filename: erasedFilename, contentType: attachment.contentType, size: attachment.size, refusedReason: attachment.refusedReason ?? undefined };
}

/** Deletes the request and everything attached to it, counting it first in the anonymous statistics. */
export async function deleteRequestData(requestId: Types.ObjectId): Promise<ErasureCount> {
  const request = await RequestModel.findById(requestId);
  if (!request) return { requests: 0, tickets: 0, messages: 0, attachments: 0 };
  const ticket = await TicketModel.findOne({ requestId });
  const messages = await TicketMessageModel.find({ requestId });
  const storageIds = [request, ...messages].flatMap((document) =>
    document.attachments.flatMap((attachment) => (attachment.storageId ? [attachment.storageId] : [])),
  );
  await countDeletedRequest({
    receivedAt: request.receivedAt,
    queue: ticket?.queue ?? 'non-routé',
    intent: ticket?.intent ?? 'non-routé',
    channel: request.channel,
  });
  await Promise.all(storageIds.map((storageId) => deleteAttachment(storageId)));
  await TicketMessageModel.deleteMany({ requestId });
  if (ticket) {
    await TicketEventModel.deleteMany({ ticketId: ticket._id });
    await TicketModel.deleteOne({ _id: ticket._id });
  }
  await RequestModel.deleteOne({ _id: requestId });
  return { requests: 1, tickets: ticket ? 1 : 0, messages: messages.length, attachments: storageIds.length };
}
