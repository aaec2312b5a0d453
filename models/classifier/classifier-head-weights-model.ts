import { model, Schema } from 'mongoose';

/**
 * The models of a ClassifierHeadVersion: the transformer's softmax head (the JSON of classifiers/transformer's
 * softmaxHeadSchema) and, for a version learnt from corrections, the TF-IDF model's weights (the int8 layout of
 * weights.bin, about 5 MB, over the vocabulary named by its digest) and the confidence calibration. A version
 * without them uses the shipped ones.
 */
const classifierHeadWeightsSchema = new Schema({
  version: { type: Number, required: true },
  head: { type: String, required: true },
  tfidf: {
    type: new Schema(
      {
        weights: { type: Buffer, required: true },
        temperature: { type: Number, required: true },
        vocabularySha256: { type: String, required: true },
      },
      { _id: false },
    ),
  },
  calibration: {
    type: new Schema({ slope: { type: Number, required: true }, intercept: { type: Number, required: true } }, { _id: false }),
  },
});

classifierHeadWeightsSchema.index({ version: 1 }, { unique: true });

export const ClassifierHeadWeightsModel = model('ClassifierHeadWeights', classifierHeadWeightsSchema);
