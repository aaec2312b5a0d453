import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { holidayCalendars } from '../../routing-rules/public-holidays';
import { encryptedFields } from '../encryption/encrypted-fields';

/** The commune's own mailbox, read over IMAP (its credentials are encrypted like personal data). */
const communeMailboxSchema = new Schema(
  {
    host: { type: String, required: true },
    port: { type: Number, default: 993 },
    tls: { type: Boolean, default: true },
    user: { type: String, required: true },
    password: { type: String },
    oauth2Token: { type: String },
    folder: { type: String, default: 'INBOX' },
    processedFolder: { type: String },
  },
  { _id: false },
);

/**
 * A commune the service works for: the tenant every request, ticket and setting belongs to. Its id is its INSEE
 * code. `epci` is the SIREN of the intercommunality it belongs to (none for a commune on its own).
 */
const communeSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    epci: { type: String },
    /** An inactive commune keeps its data but accepts no new request. */
    active: { type: Boolean, default: true },
    timeZone: { type: String, required: true },
    holidayCalendar: { type: String, enum: holidayCalendars, required: true },
    /** Opening slots per weekday, as a working schedule's `week` (routing-rules/working-schedule). */
    openingHours: { type: Schema.Types.Mixed, required: true },
    /** The addresses citizens write to: the SMTP recipient decides the commune. Lower case, unique across communes. */
    inboxAddresses: { type: [String], default: [] },
    /** Signs the acknowledgements and replies sent in its name. */
    acknowledgementSignature: { type: String, default: '' },
    /** Retention rules of its own, checked before the service's policy (same shape as the policy's rules). */
    retentionOverrides: { type: Schema.Types.Mixed, default: () => [] },
    mailbox: { type: communeMailboxSchema },
  },
  { timestamps: true },
);

communeSchema.index({ inboxAddresses: 1 });
communeSchema.plugin(encryptedFields, { paths: ['mailbox.password', 'mailbox.oauth2Token'] });

export type CommuneRecord = InferSchemaType<typeof communeSchema>;
export type CommuneDocument = HydratedDocument<CommuneRecord>;
export const CommuneModel = model('Commune', communeSchema);

/** An intercommunality (EPCI): its SIREN, its name. Its communes name it. */
const epciSchema = new Schema({ _id: { type: String, required: true }, name: { type: String, required: true } }, { timestamps: true });
export const EpciModel = model('Epci', epciSchema);
