import { Schema, model } from 'mongoose';

/** The softmax head of a ClassifierHeadVersion, as the JSON of classifiers/transformer's softmaxHeadSchema. */
const classifierHeadWeightsSchema = new Schema({
  version: { type: Number, required: true },
  head: { type: String, required: true },
});

classifierHeadWeightsSchema.index({ version: 1 }, { unique: true });

export const ClassifierHeadWeightsModel = model('ClassifierHeadWeights', classifierHeadWeightsSchema);
