import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * The commune's own facts that immediate answers quote (opening hours, address, phone…), kept as its staff wrote
 * them on the settings page: one document. Nothing in it is personal data.
 */
const communeFactsSchema = new Schema({
  _id: { type: String, default: 'commune' },
  commune: { type: String, default: '' },
  horaires: { type: String, default: '' },
  fermetures: { type: String, default: '' },
  adresse: { type: String, default: '' },
  telephone: { type: String, default: '' },
  courriel: { type: String, default: '' },
  siteWeb: { type: String, default: '' },
  updatedAt: { type: Date },
  updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
});

export type CommuneFactsRecord = InferSchemaType<typeof communeFactsSchema>;
export type CommuneFactsDocument = HydratedDocument<CommuneFactsRecord>;
export const CommuneFactsModel = model('CommuneFacts', communeFactsSchema);
