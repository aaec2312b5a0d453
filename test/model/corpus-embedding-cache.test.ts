import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { CorpusEmbeddingCache } from '../../server/classification/corpus-embedding-cache';

/** An encoder whose embedding of a text is its length and first character code, and that counts what it embeds. */
function fakeEncoder(modelName = 'fake', offset = 0) {
  const embedded: string[] = [];
  return {
    embedded,
    modelName,
    async embed(texts: string[]) {
      embedded.push(...texts);
      return texts.map((text) => Float32Array.from([text.length + offset, text.charCodeAt(0)]));
    },
  };
}

describe('CorpusEmbeddingCache', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'embedding-cache-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('embeds each text once, in input order, and reads stored embeddings back after a restart', async () => {
    const encoder = fakeEncoder();
    const cache = await CorpusEmbeddingCache.open(encoder, directory);
    const first = await cache.embed(['abc', 'de', 'abc']);
    expect(first.map((vector) => Array.from(vector))).toEqual([
      [3, 97],
      [2, 100],
      [3, 97],
    ]);
    // After the probe sentence that fingerprints the encoder: each distinct text once.
    expect(encoder.embedded.slice(1)).toEqual(['abc', 'de']);

    const restarted = fakeEncoder();
    const reopened = await CorpusEmbeddingCache.open(restarted, directory);
    const again = await reopened.embed(['de', 'fgh', 'abc']);
    expect(again.map((vector) => Array.from(vector))).toEqual([
      [2, 100],
      [3, 102],
      [3, 97],
    ]);
    expect(restarted.embedded.slice(1)).toEqual(['fgh']);
  });

  it('starts a new file for an encoder that computes something else', async () => {
    await (await CorpusEmbeddingCache.open(fakeEncoder('fake', 0), directory)).embed(['abc']);
    const other = fakeEncoder('fake', 1);
    const vectors = await (await CorpusEmbeddingCache.open(other, directory)).embed(['abc']);
    expect(Array.from(vectors[0])).toEqual([4, 97]);
    expect(await readdir(directory)).toHaveLength(2);
  });

  it('drops a record cut short by a crash, so that later records stay readable', async () => {
    await (await CorpusEmbeddingCache.open(fakeEncoder(), directory)).embed(['abc', 'de']);
    const [file] = await readdir(directory);
    const whole = await readFile(path.join(directory, file));
    await writeFile(path.join(directory, file), whole.subarray(0, whole.length - 3));

    const encoder = fakeEncoder();
    const vectors = await (await CorpusEmbeddingCache.open(encoder, directory)).embed(['abc', 'de', 'xyz']);
    expect(vectors.map((vector) => Array.from(vector))).toEqual([
      [3, 97],
      [2, 100],
      [3, 120],
    ]);
    expect(encoder.embedded.slice(1)).toEqual(['de', 'xyz']);
    const reread = fakeEncoder();
    await (await CorpusEmbeddingCache.open(reread, directory)).embed(['abc', 'de', 'xyz']);
    expect(reread.embedded.slice(1)).toEqual([]);
    expect((await stat(path.join(directory, file))).size % (32 + 2 * 4)).toBe(0);
  });
});
