import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * How far the import of one IMAP folder went: every message up to `lastUid` of the folder's current
 * `uidValidity` is stored and marked (or moved) on the server. A new UIDVALIDITY makes the UIDs meaningless, so
 * the import starts over and relies on Message-IDs to skip what it already has.
 */
const mailboxStateSchema = new Schema(
  {
    /** "user@host:port/folder": one document per imported folder. */
    _id: { type: String, required: true },
    uidValidity: { type: String, required: true },
    lastUid: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);

export type MailboxStateRecord = InferSchemaType<typeof mailboxStateSchema>;
export const MailboxStateModel = model('MailboxState', mailboxStateSchema);
