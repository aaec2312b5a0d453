import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { mongo } from 'mongoose';
import { z } from 'zod';

const manifestSchema = z.object({
  format: z.literal('aiguillage-backup/1'),
  createdAt: z.string(),
  collections: z.array(z.object({ name: z.string(), file: z.string(), documents: z.number().int().min(0), sha256: z.string() })),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/**
 * Every collection as gzipped canonical Extended JSON, one document per line (types survive: dates, ids, binary
 * GridFS chunks), with a manifest of counts and checksums. Personal fields stay encrypted in the backup: keep the
 * encryption keys in escrow apart from it, or it cannot be read back.
 */
export async function backupDatabase(
  database: mongo.Db,
  directory: string,
  collectionNames: readonly string[],
  now = new Date(),
): Promise<BackupManifest> {
  await mkdir(directory, { recursive: true });
  const manifest: BackupManifest = { format: 'aiguillage-backup/1', createdAt: now.toISOString(), collections: [] };
  for (const name of [...collectionNames].sort()) {
    const file = `${name}.ejson.gz`;
    const hash = createHash('sha256');
    const gzip = createGzip();
    const written = gzip.pipe(createWriteStream(path.join(directory, file)));
    let documents = 0;
    for await (const document of database.collection(name).find({}).sort({ _id: 1 })) {
      const line = `${mongo.BSON.EJSON.stringify(document, { relaxed: false })}\n`;
      hash.update(line);
      if (!gzip.write(line)) await once(gzip, 'drain');
      documents += 1;
    }
    gzip.end();
    await once(written, 'finish');
    manifest.collections.push({ name, file, documents, sha256: hash.digest('hex') });
  }
  await writeFile(path.join(directory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Loads a backup into a database. Every file is checked against its manifest (count and checksum) before anything
 * is written. Refuses a database that already holds documents in the backup's collections unless `replace` is set
 * (their documents are then deleted first).
 */
export async function restoreDatabase(
  database: mongo.Db,
  directory: string,
  options: { replace: boolean; batchSize?: number },
): Promise<BackupManifest> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8')));
  for (const entry of manifest.collections) {
    const hash = createHash('sha256');
    let documents = 0;
    for await (const line of backupLines(directory, entry.file)) {
      hash.update(`${line}\n`);
      documents += 1;
    }
    if (documents !== entry.documents || hash.digest('hex') !== entry.sha256) {
      throw new Error(`collection "${entry.name}": the backup file does not match its manifest (damaged or altered); nothing was restored`);
    }
    if (!options.replace && (await database.collection(entry.name).countDocuments({}, { limit: 1 })) > 0) {
      throw new Error(`collection "${entry.name}" is not empty: restore into an empty database, or pass --replace`);
    }
  }
  for (const entry of manifest.collections) {
    const collection = database.collection(entry.name);
    if (options.replace) await collection.deleteMany({});
    let batch: mongo.Document[] = [];
    for await (const line of backupLines(directory, entry.file)) {
      batch.push(mongo.BSON.EJSON.parse(line, { relaxed: false }) as mongo.Document);
      if (batch.length >= (options.batchSize ?? 500)) {
        await collection.insertMany(batch, { ordered: true });
        batch = [];
      }
    }
    if (batch.length > 0) await collection.insertMany(batch, { ordered: true });
  }
  return manifest;
}

async function* backupLines(directory: string, file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path.join(directory, file)).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') yield line;
}

/** Every collection of the database; on the test emulator, which cannot list them, the application's own. */
export async function collectionsToBackUp(database: mongo.Db, modelCollections: readonly string[]): Promise<string[]> {
  try {
    const listed = await database.listCollections({}, { nameOnly: true }).toArray();
    return listed.map((collection) => collection.name).filter((name) => !name.startsWith('system.'));
  } catch {
    // GridFS keeps attachment contents in two collections of its own, named after the bucket (models/request/attachment-store).
    return [...new Set([...modelCollections, 'attachments.files', 'attachments.chunks'])];
  }
}
