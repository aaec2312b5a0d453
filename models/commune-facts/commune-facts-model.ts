import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * The commune's own facts that immediate answers quote (opening hours, address, phone…), kept as its staff wrote
 * them on the settings page: one document per level. Nothing in it is personal data.
 */
const communeFactsSchema = new Schema({
  /** The level: a commune's INSEE code, or serviceFactsId for the service's facts, which communes inherit. */
  _id: { type: String, required: true },
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

/** The service's document keeps the id of the single document of before communes: that one is read as the service's. */
export const serviceFactsId = 'commune';

export type CommuneFactsRecord = InferSchemaType<typeof communeFactsSchema>;
export type CommuneFactsDocument = HydratedDocument<CommuneFactsRecord>;
export const CommuneFactsModel = model('CommuneFacts', communeFactsSchema);
