import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { agentNoticeKinds } from '../../tickets/agent-notices';

/**
 * Something an agent is told about a ticket: assigned to them, a mention, the citizen's new message, a near due
 * date. It names the ticket by reference and never carries what the citizen wrote. `dedupeKey` makes each notice
 * once whatever the number of runs (the due-date job runs every minute, on every instance).
 */
const agentNotificationSchema = new Schema({
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  kind: { type: String, enum: agentNoticeKinds, required: true },
  ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
  reference: { type: String, required: true },
  /** Who caused it (a colleague's assignment or mention); absent for the system. */
  actorId: { type: Schema.Types.ObjectId, ref: 'User' },
  at: { type: Date, required: true },
  readAt: { type: Date },
  dedupeKey: { type: String, required: true },
});

agentNotificationSchema.index({ dedupeKey: 1 }, { unique: true });
agentNotificationSchema.index({ userId: 1, at: -1 });
agentNotificationSchema.index({ userId: 1, readAt: 1 });

export type AgentNotificationRecord = InferSchemaType<typeof agentNotificationSchema>;
export type AgentNotificationDocument = HydratedDocument<AgentNotificationRecord>;
export const AgentNotificationModel = model('AgentNotification', agentNotificationSchema);
