import type { Query, Schema, SchemaType, UpdateQuery } from 'mongoose';

import type { FieldCipher, LookupKind } from './field-cipher';
import { modelCipher } from './model-cipher';
import { searchWords } from './search-words';

export interface EncryptedFieldsOptions {
  /** String paths holding personal data, through sub-document arrays too ("attachments.filename"). */
  paths: string[];
  /** Keyed hashes kept next to an encrypted path so that exact-match lookups still work. */
  lookups?: Array<{ path: string; kind: LookupKind; hashPath: string }>;
  /**
   * Word search over encrypted paths: the keyed hashes of their words (searchWords), kept as an indexed array at
   * `tokenPath` and recomputed whenever one of them changes through a document. What it reveals: SECURITY.md.
   */
  searchIndex?: { paths: string[]; tokenPath: string };
}

const optionsBySchema = new WeakMap<Schema, EncryptedFieldsOptions>();

/** What a schema encrypts, for the commands that re-encrypt or inspect raw documents (key rotation). */
export function encryptedFieldsOf(schema: Schema): EncryptedFieldsOptions | undefined {
  return optionsBySchema.get(schema);
}

/**
 * Always encrypts, even a value that is already a ciphertext: a citizen pasting a ciphertext copied from a leaked
 * backup must get it stored as text, never have it decrypted for them (in an acknowledgement, say).
 */
function encryptForStorage(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? modelCipher().encrypt(value) : value;
}

function decryptForUse(value: unknown): unknown {
  return typeof value === 'string' ? modelCipher().decrypt(value) : value;
}

/** The schema paths encrypted so far, so that none is encrypted twice. */
const encryptedTypes = new WeakSet<SchemaType>();

/**
 * Encryption at rest, transparent to the code using the model: a setter encrypts on assignment (documents,
 * `create`, `$set` updates), a getter decrypts on read, and lean query results are decrypted after the query.
 * Documents in memory therefore hold ciphertext and never leak plaintext through `toObject` without getters.
 * Queries cannot match encrypted values: exact-match lookups go through the keyed hash paths.
 */
export function encryptedFields(schema: Schema, options: EncryptedFieldsOptions): void {
  optionsBySchema.set(schema, options);
  for (const path of options.paths) {
    const type: SchemaType | undefined = schema.path(path);
    if (!type || type.instance !== 'String') throw new Error(`encryptedFields: "${path}" is not a string path of the schema`);
    // A sub-schema shared by two models would get the setter twice and store its values encrypted twice.
    if (encryptedTypes.has(type)) throw new Error(`encryptedFields: "${path}" is already encrypted (a shared sub-schema?)`);
    encryptedTypes.add(type);
    type.set(encryptForStorage);
    type.get(decryptForUse);
  }
  for (const lookup of options.lookups ?? []) {
    schema.path(lookup.hashPath, { type: String });
    schema.index({ [lookup.hashPath]: 1 });
  }
  if (options.searchIndex) {
    schema.path(options.searchIndex.tokenPath, { type: [String], default: undefined });
    schema.index({ [options.searchIndex.tokenPath]: 1 });
  }
  for (const target of [schema, ...schema.childSchemas.map((child) => child.schema)]) {
    target.set('toObject', { getters: true, virtuals: false });
    target.set('toJSON', { getters: true, virtuals: false });
  }

  schema.pre('validate', function computeLookupHashes() {
    for (const lookup of options.lookups ?? []) {
      if (!this.isNew && !this.isModified(lookup.path)) continue;
      const value: unknown = this.get(lookup.path);
      this.set(lookup.hashPath, typeof value === 'string' && value !== '' ? modelCipher().lookupHash(lookup.kind, value) : undefined);
    }
  });

  schema.pre('validate', function indexSearchedWords() {
    const index = options.searchIndex;
    if (!index || (!this.isNew && !index.paths.some((path) => this.isModified(path)))) return;
    this.set(index.tokenPath, searchTokensOfDocument(this, index.paths));
  });

  // An update query cannot see the other indexed paths, so it could not recompute the index: refused outright,
  // lest an erased message stay findable by its old words.
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function refuseUnindexedUpdates(this: Query<unknown, unknown>) {
    const update = this.getUpdate() as UpdateQuery<Record<string, unknown>> | null;
    const touched = options.searchIndex?.paths.find((path) => [update, update?.$set, update?.$unset].some((part) => updates(part, path)));
    if (touched)
      throw new Error(`encryptedFields: "${touched}" is search-indexed: change it on a document (save) so that its index follows`);
  });

  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function hashUpdatedLookups(this: Query<unknown, unknown>) {
    const update = this.getUpdate() as UpdateQuery<Record<string, unknown>> | null;
    if (!update) return;
    for (const lookup of options.lookups ?? []) {
      const set = valueAt(update.$set, lookup.path) ?? valueAt(update, lookup.path);
      if (typeof set === 'string' && set !== '') {
        update.$set = { ...update.$set, [lookup.hashPath]: modelCipher().lookupHash(lookup.kind, set) };
      } else if (set === null || (update.$unset && lookup.path in update.$unset)) {
        update.$unset = { ...update.$unset, [lookup.hashPath]: 1 };
      }
    }
  });

  schema.post(
    ['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete'],
    function decryptLeanResults(this: Query<unknown, unknown>, result: unknown) {
      if (!this.mongooseOptions().lean || !result) return;
      for (const document of Array.isArray(result) ? result : [result]) {
        for (const path of options.paths) mapPath(document, path.split('.'), decryptForUse);
      }
    },
  );
}

/** The keyed hashes of the words of a text, as the search index stores them and as a query must look for them. */
export function searchTokens(text: string, cipher: FieldCipher = modelCipher()): string[] {
  return searchWords(text).map((word) => cipher.wordHash(word));
}

/** The search index of a document: the words of its indexed paths (read decrypted, through the getters). */
export function searchTokensOfDocument(
  document: { get(path: string): unknown },
  paths: readonly string[],
  cipher: FieldCipher = modelCipher(),
): string[] {
  return searchTokens(
    paths
      .map((path) => document.get(path))
      .filter((value): value is string => typeof value === 'string')
      .join('\n'),
    cipher,
  );
}

/** Whether an update document writes `path`, or one of the objects above it ("requester" for "requester.name"). */
function updates(part: unknown, path: string): boolean {
  if (!part || typeof part !== 'object') return false;
  const keys = path.split('.');
  return valueAt(part, path) !== undefined || keys.some((_, index) => keys.slice(0, index + 1).join('.') in part);
}

function valueAt(object: unknown, path: string): unknown {
  if (!object || typeof object !== 'object') return undefined;
  const record = object as Record<string, unknown>;
  if (path in record) return record[path];
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), record);
}

/** Rewrites the strings found at a dotted path of a plain document, stepping into arrays on the way. */
export function mapPath(node: unknown, keys: string[], transform: (value: unknown) => unknown): void {
  if (Array.isArray(node)) {
    node.forEach((item) => mapPath(item, keys, transform));
    return;
  }
  if (!node || typeof node !== 'object' || keys.length === 0) return;
  const record = node as Record<string, unknown>;
  const [key, ...rest] = keys;
  if (!(key in record)) return;
  if (rest.length === 0) {
    if (Array.isArray(record[key])) record[key] = (record[key] as unknown[]).map(transform);
    else record[key] = transform(record[key]);
    return;
  }
  mapPath(record[key], rest, transform);
}
