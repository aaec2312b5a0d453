import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * A supervisor's version of a citizen-facing mail template, at the service's level (`commune` null: every commune's
 * unless it has its own) or at one commune's; the shipped default applies where there is none. Versions stored
 * before communes have their template's id as `_id` and no `commune`: the migration gives them `template`, and they
 * stay the service's.
 */
const mailTemplateSchema = new Schema(
  {
    template: { type: String, required: true },
    commune: { type: String, default: null },
    subject: { type: String, required: true },
    body: { type: String, required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);

// One version per template and level. Partial: a version from before communes has no `template` until migrated.
mailTemplateSchema.index({ template: 1, commune: 1 }, { unique: true, partialFilterExpression: { template: { $type: 'string' } } });

export type MailTemplateRecord = InferSchemaType<typeof mailTemplateSchema>;
export const MailTemplateModel = model('MailTemplate', mailTemplateSchema);
