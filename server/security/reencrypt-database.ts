import mongoose, { type Model } from 'mongoose';

import { encryptedFieldsOf, mapPath, searchTokensOfDocument } from '../../models/encryption/encrypted-fields';
import { keyIdOf, type FieldCipher } from '../../models/encryption/field-cipher';

export interface ReencryptionCount {
  collection: string;
  examined: number;
  reencrypted: number;
  /** Changed by the application while being re-encrypted: left for the next run. */
  skipped: number;
}

/**
 * Key rotation: every encrypted value not under the active key (or written before encryption existed) is
 * re-encrypted with it, and lookup hashes and search indexes are recomputed (so that the hash key can be rotated too), in batches
 * through the raw collections. A document is only rewritten if the fields being rewritten have not changed in the
 * meantime, so running it while the application serves is safe; run it again until nothing is skipped.
 */
export async function reencryptDatabase(
  cipher: FieldCipher,
  batchSize = 500,
  onBatch?: (count: ReencryptionCount) => void,
): Promise<ReencryptionCount[]> {
  const counts: ReencryptionCount[] = [];
  for (const model of Object.values(mongoose.models)) {
    const options = encryptedFieldsOf(model.schema);
    if (options) counts.push(await reencryptCollection(model, options, cipher, batchSize, onBatch));
  }
  return counts;
}

async function reencryptCollection(
  model: Model<unknown>,
  options: NonNullable<ReturnType<typeof encryptedFieldsOf>>,
  cipher: FieldCipher,
  batchSize: number,
  onBatch?: (count: ReencryptionCount) => void,
): Promise<ReencryptionCount> {
  const collection = model.collection;
  const count: ReencryptionCount = { collection: collection.collectionName, examined: 0, reencrypted: 0, skipped: 0 };
  let after: unknown = null;
  for (;;) {
    const documents = await collection
      .find(after === null ? {} : { _id: { $gt: after as never } })
      .sort({ _id: 1 })
      .limit(batchSize)
      .toArray();
    if (documents.length === 0) return count;
    after = documents.at(-1)!._id;
    for (const document of documents) {
      count.examined += 1;
      const original = structuredClone(document) as Record<string, unknown>;
      const touched = new Set<string>();
      for (const path of options.paths) {
        mapPath(document, path.split('.'), (value) => {
          if (typeof value !== 'string' || value === '' || keyIdOf(value) === cipher.activeKeyId) return value;
          touched.add(path.split('.')[0]);
          return cipher.encrypt(cipher.decrypt(value));
        });
      }
      for (const lookup of options.lookups ?? []) {
        const value = valueAtPath(document, lookup.path);
        const hash = typeof value === 'string' && value !== '' ? cipher.lookupHash(lookup.kind, cipher.decrypt(value)) : undefined;
        if (hash !== undefined && hash !== document[lookup.hashPath]) {
          document[lookup.hashPath] = hash;
          touched.add(lookup.hashPath);
        }
      }
      const index = options.searchIndex;
      if (index) {
        const decrypted = {
          get: (path: string) => {
            const value = valueAtPath(document, path);
            return typeof value === 'string' ? cipher.decrypt(value) : value;
          },
        };
        const tokens = searchTokensOfDocument(decrypted, index.paths, cipher);
        if (JSON.stringify(tokens) !== JSON.stringify(document[index.tokenPath])) {
          document[index.tokenPath] = tokens;
          touched.add(index.tokenPath);
        }
      }
      if (touched.size === 0) continue;
      const fields = [...touched];
      const result = await collection.updateOne(
        { _id: document._id, ...Object.fromEntries(fields.map((field) => [field, original[field] ?? null])) },
        { $set: Object.fromEntries(fields.map((field) => [field, document[field]])) },
      );
      if (result.modifiedCount === 1) count.reencrypted += 1;
      else count.skipped += 1;
    }
    onBatch?.(count);
  }
}

function valueAtPath(document: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), document);
}
