import { Schema } from 'mongoose';

export const assistedReplyKinds = ['missing-information', 'answer'] as const;
/**
 * `suggested`: waiting for an agent (pilot mode); `in-acknowledgement`: to be written into the acknowledgement
 * (automatic mode); `sent` and `dismissed` are final.
 */
export const assistedReplyStatuses = ['suggested', 'in-acknowledgement', 'sent', 'dismissed'] as const;

const sourceSchema = new Schema({ fiche: String, title: String, url: String }, { _id: false });

const checklistItemStateSchema = new Schema(
  { id: { type: String, required: true }, label: String, question: String, present: { type: Boolean, required: true }, toVerify: Boolean },
  { _id: false },
);

/**
 * What the service could do for a ticket at once (see routing-rules/checklists): its checklist's state, and the
 * missing-information request or the answer it prepared, with what became of it. No personal data: the items,
 * the questions and the answers are the checklist set's words and the commune's facts.
 */
export const ticketAssistanceSchema = new Schema(
  {
    intent: { type: String, required: true },
    checklistSetVersion: { type: Number, required: true },
    kind: { type: String, enum: ['checklist', 'answer'], required: true },
    /** The intent's mode when the reply was prepared: pilot replies count in the agreement rate. */
    mode: { type: String, enum: ['off', 'pilot', 'automatic'], required: true },
    checklist: {
      type: new Schema(
        {
          status: { type: String, enum: ['complete', 'missing'], required: true },
          items: { type: [checklistItemStateSchema], default: [] },
          evaluatedAt: { type: Date, required: true },
          /** When a citizen's reply completed it. */
          completedAt: { type: Date },
        },
        { _id: false },
      ),
    },
    reply: {
      type: new Schema(
        {
          kind: { type: String, enum: assistedReplyKinds, required: true },
          text: { type: String, required: true },
          /** The checklist items asked for: never asked a second time. */
          items: { type: [String], default: undefined },
          variant: { type: String },
          source: { type: sourceSchema },
          status: { type: String, enum: assistedReplyStatuses, required: true },
          preparedAt: { type: Date, required: true },
          sentAt: { type: Date },
          /** The agent who sent it; absent when it went in the acknowledgement. */
          sentBy: { type: Schema.Types.ObjectId, ref: 'User' },
          /** The agent changed the text before sending: not an agreement with the suggestion. */
          edited: { type: Boolean },
          dismissedAt: { type: Date },
          dismissedBy: { type: Schema.Types.ObjectId, ref: 'User' },
        },
        { _id: false },
      ),
    },
  },
  { _id: false },
);
