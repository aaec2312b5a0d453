import type { Types } from 'mongoose';

import { TicketModel, type TicketDocument } from '../ticket/ticket-model';
import type { assistedReplyStatuses } from './ticket-assistance-schema';

type ReplyStatus = (typeof assistedReplyStatuses)[number];

/**
 * Moves a ticket's prepared reply on, only from the statuses given: two agents clicking « Envoyer » at once, or an
 * acknowledgement replayed after a crash, change it once. Null when it was not in one of those statuses.
 */
export async function moveAssistedReply(
  ticketId: Types.ObjectId,
  from: readonly ReplyStatus[],
  change: { status: ReplyStatus; at: Date; by?: Types.ObjectId; edited?: boolean },
): Promise<TicketDocument | null> {
  const set: Record<string, unknown> = { 'assistance.reply.status': change.status };
  if (change.status === 'sent') {
    set['assistance.reply.sentAt'] = change.at;
    if (change.by) set['assistance.reply.sentBy'] = change.by;
    set['assistance.reply.edited'] = change.edited ?? false;
  }
  if (change.status === 'dismissed') {
    set['assistance.reply.dismissedAt'] = change.at;
    if (change.by) set['assistance.reply.dismissedBy'] = change.by;
  }
  return TicketModel.findOneAndUpdate(
    { _id: ticketId, 'assistance.reply.status': { $in: from } },
    { $set: set },
    { returnDocument: 'after' },
  );
}

export async function saveChecklistState(
  ticketId: Types.ObjectId,
  checklist: {
    status: 'complete' | 'missing';
    items: Array<{ id: string; label: string; question: string; present: boolean; toVerify?: boolean }>;
    evaluatedAt: Date;
    completedAt?: Date;
  },
): Promise<TicketDocument | null> {
  return TicketModel.findOneAndUpdate(
    { _id: ticketId, assistance: { $exists: true } },
    { $set: { 'assistance.checklist': checklist } },
    { returnDocument: 'after' },
  );
}

export interface ResolvedPilotReply {
  intent: string;
  kind: string;
  status: 'sent' | 'dismissed';
  edited: boolean;
}

/** How many resolved replies are read at most: the latest, enough for every intent's window. */
const resolvedRepliesRead = 5000;

/** The latest pilot-mode replies agents sent or dismissed in `communes`' tickets, newest first, at most `limit` per intent. */
export async function recentResolvedPilotReplies(limit: number, communes: readonly string[]): Promise<ResolvedPilotReply[]> {
  const tickets = await TicketModel.find({
    commune: { $in: communes },
    'assistance.mode': 'pilot',
    'assistance.reply.status': { $in: ['sent', 'dismissed'] },
  })
    .select({ 'assistance.intent': 1, 'assistance.reply': 1 })
    .sort({ updatedAt: -1 })
    .limit(resolvedRepliesRead)
    .lean();
  const resolved = tickets
    .map(({ assistance }) => ({
      intent: assistance!.intent,
      kind: assistance!.reply!.kind,
      status: assistance!.reply!.status as 'sent' | 'dismissed',
      edited: assistance!.reply!.edited === true,
      at: (assistance!.reply!.sentAt ?? assistance!.reply!.dismissedAt ?? new Date(0)).getTime(),
    }))
    .sort((left, right) => right.at - left.at);
  const perIntent = new Map<string, number>();
  return resolved
    .filter((reply) => {
      const seen = perIntent.get(reply.intent) ?? 0;
      perIntent.set(reply.intent, seen + 1);
      return seen < limit;
    })
    .map(({ intent, kind, status, edited }) => ({ intent, kind, status, edited }));
}
