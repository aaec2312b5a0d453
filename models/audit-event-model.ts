import { Schema, model, type InferSchemaType } from 'mongoose';

/** Who did what to which object, and when. Never holds personal data itself, only ids. */
const auditEventSchema = new Schema({
  at: { type: Date, required: true },
  actorId: { type: Schema.Types.ObjectId, ref: 'User' },
  action: { type: String, required: true },
  objectType: { type: String, required: true },
  objectId: { type: String, required: true },
  details: { type: Schema.Types.Mixed },
});

auditEventSchema.index({ objectType: 1, objectId: 1, at: 1 });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema>;
export const AuditEventModel = model('AuditEvent', auditEventSchema);
