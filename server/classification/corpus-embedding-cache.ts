import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { SentenceEncoder } from '../../classifiers/transformer/sentence-encoder';

type Encoder = Pick<SentenceEncoder, 'embed' | 'modelName'>;

const digestBytes = 32;
/** Any fixed sentence: its embedding identifies the encoder's weights and tokenizer together. */
const probeText = 'Bonjour, je souhaite obtenir une copie intégrale de mon acte de naissance auprès de la mairie.';

/**
 * Embeddings of the shipped corpus kept on disk, so that retraining the head takes seconds instead of running the
 * encoder over thousands of requests again. Only corpus texts go here, never citizens' requests: those are
 * embedded afresh at each retraining, so that erasing a request leaves nothing behind.
 *
 * One file per encoder, named after a fingerprint of what the encoder computes (a new model starts a new file);
 * records are a text's SHA-256 followed by its embedding, so that an edited corpus only embeds the changed texts.
 */
export class CorpusEmbeddingCache {
  private constructor(
    private readonly encoder: Encoder,
    private readonly file: string,
    private readonly entries: Map<string, Float32Array>,
  ) {}

  static async open(encoder: Encoder, directory: string): Promise<CorpusEmbeddingCache> {
    const [probe] = await encoder.embed([probeText]);
    // Rounded, so that the last bits of float arithmetic (thread scheduling, SIMD paths) do not change the name.
    const fingerprint = createHash('sha256')
      .update(Array.from(probe, (value) => value.toFixed(3)).join(','))
      .digest('hex')
      .slice(0, 16);
    const file = path.join(directory, `${encoder.modelName.replace(/[^\w.-]/g, '_')}-${fingerprint}.bin`);
    return new CorpusEmbeddingCache(encoder, file, await readEntries(file, probe.length));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Embeddings of `texts` in order: stored ones read back, the others computed once and stored. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const keys = texts.map((text) => createHash('sha256').update(text).digest('hex'));
    const missing = [...new Set(keys.filter((key) => !this.entries.has(key)))];
    if (missing.length > 0) {
      const textOfKey = new Map(keys.map((key, index) => [key, texts[index]]));
      const embeddings = await this.encoder.embed(missing.map((key) => textOfKey.get(key)!));
      missing.forEach((key, index) => this.entries.set(key, embeddings[index]));
      await mkdir(path.dirname(this.file), { recursive: true });
      // One append of whole records: a concurrent writer's records land before or after, never inside.
      await appendFile(this.file, Buffer.concat(missing.map((key, index) => record(key, embeddings[index]))));
    }
    return keys.map((key) => this.entries.get(key)!);
  }
}

function record(key: string, embedding: Float32Array): Buffer {
  return Buffer.concat([Buffer.from(key, 'hex'), Buffer.from(embedding.buffer, embedding.byteOffset, embedding.byteLength)]);
}

async function readEntries(file: string, width: number): Promise<Map<string, Float32Array>> {
  const entries = new Map<string, Float32Array>();
  const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  });
  const size = digestBytes + width * Float32Array.BYTES_PER_ELEMENT;
  const whole = content.length - (content.length % size);
  for (let offset = 0; offset < whole; offset += size) {
    const vector = new Float32Array(width);
    Buffer.from(vector.buffer).set(content.subarray(offset + digestBytes, offset + size));
    entries.set(content.toString('hex', offset, offset + digestBytes), vector);
  }
  // A record cut short by a crash mid-write is dropped, so that the next appends stay aligned.
  if (whole !== content.length) await writeFile(file, content.subarray(0, whole));
  return entries;
}
