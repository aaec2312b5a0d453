import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoModel, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from '@huggingface/transformers';
import { z } from 'zod';

import { meanPool } from './mean-pool';

export const sentenceEncoderOptionsSchema = z.object({
  /** Folder name under modelRoot (the shipped model), or a Hugging Face hub id when remote models are allowed. */
  model: z.string().min(1).default('aiguillage-fr-mini'),
  modelRoot: z.string().min(1).default(path.join(__dirname, 'model')),
  /** Off by default: the shipped model must load with no network; a hub model is downloaded once into the cache. */
  allowRemoteModels: z.boolean().default(false),
  dtype: z.enum(['q8', 'fp32']).default('q8'),
  /** Small batches: per token, batches of 32 ran slower than batches of 8 on 2 cores (bigger activations). */
  batchSize: z.number().int().positive().default(8),
  /**
   * onnxruntime threads per run. One thread per run, with runs in parallel, beat multi-threaded runs on a busy
   * 2-core machine by far (threads waiting for a descheduled sibling); 0 lets onnxruntime choose.
   */
  threads: z.number().int().min(0).default(1),
  /** Batches run at the same time by embed(). */
  concurrency: z.number().int().positive().default(Math.min(os.availableParallelism(), 4)),
});
export type SentenceEncoderOptions = z.input<typeof sentenceEncoderOptionsSchema>;

/** Turns texts into mean-pooled sentence embeddings with an ONNX encoder run by transformers.js. */
export class SentenceEncoder {
  private constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly batchSize: number,
    private readonly concurrency: number,
    readonly modelName: string,
  ) {}

  static async load(options: SentenceEncoderOptions = {}): Promise<SentenceEncoder> {
    const settings = sentenceEncoderOptionsSchema.parse(options);
    if (!settings.allowRemoteModels && !existsSync(path.join(settings.modelRoot, settings.model, 'config.json'))) {
      throw new Error(`Transformer model ${settings.model} not found in ${settings.modelRoot} (remote models are disabled)`);
    }
    env.allowRemoteModels = settings.allowRemoteModels;
    env.allowLocalModels = true;
    env.localModelPath = `${settings.modelRoot}${path.sep}`;
    const [tokenizer, model] = await Promise.all([
      AutoTokenizer.from_pretrained(settings.model),
      AutoModel.from_pretrained(settings.model, {
        dtype: settings.dtype,
        session_options: settings.threads > 0 ? { intraOpNumThreads: settings.threads, interOpNumThreads: 1 } : {},
      }),
    ]);
    return new SentenceEncoder(tokenizer, model, settings.batchSize, settings.concurrency, settings.model);
  }

  /**
   * Embeds texts in batches of similar length, so that little time goes into padding, several batches at a time;
   * returns them in input order.
   */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((_, index) => index).sort((left, right) => texts[left].length - texts[right].length);
    const batches: number[][] = [];
    for (let start = 0; start < order.length; start += this.batchSize) batches.push(order.slice(start, start + this.batchSize));
    const embeddings = new Array<Float32Array>(texts.length);
    const worker = async (): Promise<void> => {
      for (let indices = batches.shift(); indices; indices = batches.shift()) {
        const batch = await this.embedBatch(indices.map((index) => texts[index]));
        indices.forEach((index, position) => (embeddings[index] = batch[position]));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batches.length) }, worker));
    return embeddings;
  }

  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const inputs = this.tokenizer(texts, { padding: true, truncation: true });
    const outputs = (await this.model(inputs)) as { last_hidden_state: Tensor };
    const hidden = outputs.last_hidden_state;
    const mask = inputs.attention_mask as Tensor;
    try {
      return meanPool(hidden.data as Float32Array, mask.data as BigInt64Array, hidden.dims);
    } finally {
      for (const tensor of [hidden, mask, inputs.input_ids as Tensor, inputs.token_type_ids as Tensor | undefined]) tensor?.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
