import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';

import { SentenceEncoder } from '../../classifiers/transformer/sentence-encoder';

/** Written by training/export_onnx.py from the Python tokenizer and the PyTorch encoder the model was exported from. */
const reference = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'aiguillage-fr-mini-reference.json'), 'utf8')) as {
  model: string;
  texts: string[];
  input_ids: number[][];
  pooled_embeddings: number[][];
};

function cosine(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    dot += left[index] * right[index];
    leftNorm += left[index] ** 2;
    rightNorm += right[index] ** 2;
  }
  return dot / Math.sqrt(leftNorm * rightNorm);
}

describe('shipped encoder against its PyTorch origin', () => {
  it('tokenizes exactly as the Python tokenizer it was trained with', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = path.join(__dirname, '..', '..', 'classifiers', 'transformer', 'model') + path.sep;
    const tokenizer = await AutoTokenizer.from_pretrained(reference.model);
    const ids = reference.texts.map((text) => Array.from(tokenizer(text, { truncation: true }).input_ids.data as BigInt64Array, Number));
    expect(ids).toEqual(reference.input_ids);
  });

  it('gives int8 embeddings close to the full-precision PyTorch ones', async () => {
    const encoder = await SentenceEncoder.load({ model: reference.model });
    const embeddings = await encoder.embed(reference.texts);
    await encoder.dispose();
    const similarities = embeddings.map((embedding, index) => cosine(embedding, reference.pooled_embeddings[index]));
    expect(Math.min(...similarities)).toBeGreaterThan(0.98);
  });
});
