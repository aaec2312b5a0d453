import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { encryptedFields } from '../encryption/encrypted-fields';

/**
 * A list view a user saved for themselves: a name and the filter it applies (server/tickets/ticket-list). A name
 * or a search may name a citizen (« Dossiers Martin »): both are encrypted like any personal data.
 */
const savedViewSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    name: { type: String, required: true },
    filter: {
      type: new Schema(
        { queue: String, status: String, view: { type: String, required: true }, q: String, sort: { type: String, required: true } },
        { _id: false },
      ),
      required: true,
    },
  },
  { timestamps: true },
);

savedViewSchema.index({ userId: 1, createdAt: 1 });
savedViewSchema.plugin(encryptedFields, { paths: ['name', 'filter.q'] });

export type SavedViewDocument = HydratedDocument<InferSchemaType<typeof savedViewSchema>>;
export const SavedViewModel = model('SavedView', savedViewSchema);
