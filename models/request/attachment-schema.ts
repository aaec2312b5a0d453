import { Schema } from 'mongoose';

/**
 * A file received with a request or a follow-up: its metadata; the content is in the attachment store. A new schema
 * for each model that holds attachments: each model's encryption plugin adds its setter and getter to the paths,
 * and on one shared schema they would be added twice (filenames encrypted twice, decrypted once by lean queries).
 */
export const attachmentSchema = () =>
  new Schema(
    {
      filename: { type: String, required: true },
      contentType: { type: String, required: true },
      size: { type: Number, required: true },
      /** Where the content is kept (attachment store id); absent when the attachment was refused. */
      storageId: { type: String },
      /** Why the attachment was not kept, in French for the agents. */
      refusedReason: { type: String },
    },
    { _id: false },
  );
