import { model, Schema, type Types } from 'mongoose';

import { encryptedFields } from '../encryption/encrypted-fields';

/**
 * The free text a citizen may add to their rating. Kept apart from the ticket (which holds the rating) and
 * encrypted like any text a citizen writes: it may name people. Supervisors read it on their dashboard.
 */
const satisfactionCommentSchema = new Schema({
  ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
  reference: { type: String, required: true },
  /** The ticket's commune: only its supervisors read the comment. */
  commune: { type: String },
  queue: { type: String, required: true },
  rating: { type: Number, min: 1, max: 5, required: true },
  comment: { type: String, required: true },
  at: { type: Date, required: true },
});

satisfactionCommentSchema.index({ ticketId: 1 }, { unique: true });
satisfactionCommentSchema.index({ queue: 1, at: -1 });
satisfactionCommentSchema.plugin(encryptedFields, { paths: ['comment'] });

const SatisfactionCommentModel = model('SatisfactionComment', satisfactionCommentSchema);

export async function recordSatisfactionComment(comment: {
  ticketId: Types.ObjectId;
  reference: string;
  commune?: string;
  queue: string;
  rating: number;
  comment: string;
  at: Date;
}): Promise<void> {
  await SatisfactionCommentModel.create(comment);
}

/** The latest comments of the given queues and communes since a date, newest first. */
export async function satisfactionComments(scope: { queues: readonly string[]; communes: readonly string[] }, since: Date, limit: number) {
  const comments = await SatisfactionCommentModel.find({
    commune: { $in: scope.communes },
    queue: { $in: scope.queues },
    at: { $gte: since },
  })
    .sort({ at: -1 })
    .limit(limit);
  return comments.map((entry) => ({
    reference: entry.reference,
    queue: entry.queue,
    rating: entry.rating,
    comment: entry.comment,
    at: entry.at,
  }));
}

/** Erasure and retention remove a ticket's comment with the rest of the citizen's words. */
export async function deleteSatisfactionComments(ticketIds: readonly Types.ObjectId[]): Promise<void> {
  await SatisfactionCommentModel.deleteMany({ ticketId: { $in: ticketIds } });
}
