import type { Types } from 'mongoose';

import { ReplyDraftModel, type ReplyDraftKind } from './reply-draft-model';

interface DraftKey {
  userId: Types.ObjectId;
  ticketId: Types.ObjectId;
  kind: ReplyDraftKind;
}

export async function findReplyDrafts(userId: Types.ObjectId, ticketId: Types.ObjectId) {
  return ReplyDraftModel.find({ userId, ticketId });
}

/** Keeps the latest text of a draft (an empty text removes it). */
export async function saveReplyDraft(key: DraftKey & { requestId: Types.ObjectId }, text: string): Promise<void> {
  const { requestId, ...unique } = key;
  if (text.trim() === '') {
    await ReplyDraftModel.deleteOne(unique);
    return;
  }
  await ReplyDraftModel.findOneAndUpdate(unique, { $set: { text, requestId } }, { upsert: true });
}

export async function deleteReplyDraft(key: DraftKey): Promise<void> {
  await ReplyDraftModel.deleteOne(key);
}

/** Erasure and retention: the drafts written on a request's tickets go with it. */
export async function deleteReplyDraftsOfRequest(requestId: Types.ObjectId): Promise<void> {
  await ReplyDraftModel.deleteMany({ requestId });
}
