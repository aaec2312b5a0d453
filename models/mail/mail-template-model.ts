import { model, Schema, type InferSchemaType } from 'mongoose';

/** A supervisor's version of a citizen-facing mail template; the shipped default applies where there is none. */
const mailTemplateSchema = new Schema(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    body: { type: String, required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);

export type MailTemplateRecord = InferSchemaType<typeof mailTemplateSchema>;
export const MailTemplateModel = model('MailTemplate', mailTemplateSchema);
