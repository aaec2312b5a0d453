import { Types } from 'mongoose';
import { z } from 'zod';

import { RequestModel } from '../request/request-model';
import { ticketMessageKinds, TicketMessageModel, type deliveryStatuses, type TicketMessageDocument } from './ticket-message-model';

const attachmentSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  storageId: z.string().optional(),
  refusedReason: z.string().optional(),
});

export const newTicketMessageSchema = z.object({
  requestId: z.instanceof(Types.ObjectId),
  /** Its request's commune; read from the request when the caller does not say. */
  commune: z.string().optional(),
  ticketId: z.instanceof(Types.ObjectId).optional(),
  kind: z.enum(ticketMessageKinds),
  messageId: z.string().min(3),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).default([]),
  from: z.string().min(1),
  to: z.string().min(1),
  subject: z.string().default(''),
  text: z.string().min(1),
  attachments: z.array(attachmentSchema).default([]),
  at: z.date(),
});
export type NewTicketMessage = z.input<typeof newTicketMessageSchema>;

const duplicateKeyCode = 11000;

/** A message belongs to its request's commune, like everything about the request. */
async function withCommune<T extends { requestId: Types.ObjectId; commune?: string }>(message: T): Promise<T> {
  if (message.commune) return message;
  const request = await RequestModel.findById(message.requestId, { commune: 1 }).lean<{ commune?: string }>();
  return request?.commune ? { ...message, commune: request.commune } : message;
}

async function insertOnce(
  document: Record<string, unknown>,
  existingFilter: Record<string, unknown>,
): Promise<{ message: TicketMessageDocument; created: boolean }> {
  try {
    return { message: await TicketMessageModel.create(document), created: true };
  } catch (error) {
    if ((error as { code?: number }).code !== duplicateKeyCode) throw error;
    const existing = await TicketMessageModel.findOne(existingFilter);
    if (!existing) throw error;
    return { message: existing, created: false };
  }
}

/** Stores a citizen's follow-up; the same mail fetched twice (same Message-ID) yields the one already stored. */
export async function insertInboundMessage(message: NewTicketMessage) {
  const parsed = await withCommune(newTicketMessageSchema.parse(message));
  return insertOnce({ ...parsed, direction: 'inbound' }, { messageId: parsed.messageId });
}

/**
 * Queues a mail to send, once per dedupe key: a second attempt (a replayed event, a restart) returns the message
 * already queued. A suppressed message is stored too, so that the decision not to send is on record.
 */
export async function queueOutboundMessage(
  message: NewTicketMessage & { dedupeKey: string; authorId?: Types.ObjectId },
  suppressedReason?: string,
  now = new Date(),
) {
  const parsed = await withCommune(newTicketMessageSchema.parse(message));
  const delivery = suppressedReason
    ? { status: 'suppressed', attempts: 0, suppressedReason }
    : { status: 'pending', attempts: 0, nextAttemptAt: now };
  return insertOnce(
    { ...parsed, direction: 'outbound', dedupeKey: message.dedupeKey, authorId: message.authorId, delivery },
    { dedupeKey: message.dedupeKey },
  );
}

/**
 * Takes the next mail due for delivery, pushing its next attempt back by `leaseMs` so that another sender (or this
 * one after a crash) only retries it once that lease has run out. At least once: a crash between the SMTP server's
 * acceptance and `markMessageSent` sends it again.
 */
export async function claimDueOutboundMessage(leaseMs: number, now = new Date()): Promise<TicketMessageDocument | null> {
  return TicketMessageModel.findOneAndUpdate(
    { 'delivery.status': 'pending', 'delivery.nextAttemptAt': { $lte: now } },
    { $set: { 'delivery.nextAttemptAt': new Date(now.getTime() + leaseMs) }, $inc: { 'delivery.attempts': 1 } },
    { sort: { 'delivery.nextAttemptAt': 1 }, returnDocument: 'after' },
  );
}

export async function markMessageSent(messageId: Types.ObjectId, now = new Date()): Promise<void> {
  await TicketMessageModel.updateOne(
    { _id: messageId },
    { $set: { 'delivery.status': 'sent', 'delivery.sentAt': now }, $unset: { 'delivery.nextAttemptAt': 1, 'delivery.lastError': 1 } },
  );
}

export async function markDeliveryFailed(messageId: Types.ObjectId, reason: string, retryAt: Date | null): Promise<void> {
  await TicketMessageModel.updateOne(
    { _id: messageId },
    retryAt
      ? { $set: { 'delivery.nextAttemptAt': retryAt, 'delivery.lastError': reason } }
      : { $set: { 'delivery.status': 'failed', 'delivery.lastError': reason }, $unset: { 'delivery.nextAttemptAt': 1 } },
  );
}

/** Where each of these outgoing mails stands now (waiting, sent, failed, not sent), by message id. */
export async function deliveryStatusesOf(messageIds: readonly Types.ObjectId[]): Promise<Map<string, (typeof deliveryStatuses)[number]>> {
  if (messageIds.length === 0) return new Map();
  const messages = await TicketMessageModel.find({ _id: { $in: messageIds } }).lean();
  return new Map(messages.flatMap((message) => (message.delivery ? [[message._id.toString(), message.delivery.status] as const] : [])));
}

/**
 * The mail conversation of a request in the order it was stored: `at` (a mail server's date, to the second) cannot
 * order a reply and the message it answers when both fall in the same second. Agents' internal notes are left out
 * here, once for every use (mail threading, the citizen's status page): they never reach the citizen.
 */
export async function conversationOf(requestId: Types.ObjectId): Promise<TicketMessageDocument[]> {
  return TicketMessageModel.find({ requestId, kind: { $ne: 'note' } }).sort({ createdAt: 1, _id: 1 });
}

/** What agents read on a ticket: the mail conversation and their internal notes, in the order stored. */
export async function ticketTimelineOf(requestId: Types.ObjectId): Promise<TicketMessageDocument[]> {
  return TicketMessageModel.find({ requestId }).sort({ createdAt: 1, _id: 1 });
}

/** An agents' note on a ticket: kept with the conversation (so erasure and retention treat it alike), never sent. */
export async function insertInternalNote(note: {
  requestId: Types.ObjectId;
  ticketId: Types.ObjectId;
  authorId: Types.ObjectId;
  text: string;
  mentions: readonly Types.ObjectId[];
  at: Date;
}): Promise<TicketMessageDocument> {
  return TicketMessageModel.create({
    ...(await withCommune(note)),
    mentions: [...note.mentions],
    direction: 'internal',
    kind: 'note',
    // Unique like a mail's Message-ID, in a domain no mail uses, so that no mail can ever thread under a note.
    messageId: `<note.${new Types.ObjectId().toString()}@aiguillage.invalid>`,
    from: 'note interne',
    to: 'équipe',
  });
}

/** Messages of ours or of the citizen's that a reply may quote in In-Reply-To/References. */
export async function findMessagesByMessageIds(messageIds: readonly string[]): Promise<TicketMessageDocument[]> {
  return messageIds.length === 0 ? [] : TicketMessageModel.find({ messageId: { $in: messageIds } });
}

export async function findMessagesByDedupeKeys(dedupeKeys: readonly string[]): Promise<TicketMessageDocument[]> {
  return dedupeKeys.length === 0 ? [] : TicketMessageModel.find({ dedupeKey: { $in: dedupeKeys } });
}
