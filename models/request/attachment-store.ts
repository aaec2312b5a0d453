import { Readable } from 'node:stream';
import mongoose from 'mongoose';

import { modelCipher } from '../encryption/model-cipher';

const bucketName = 'attachments';

/** Exported for key rotation, which rewrites the stored (encrypted) files. */
export function attachmentBucket() {
  return bucket();
}

function bucket() {
  const database = mongoose.connection.db;
  if (!database) throw new Error('attachment store used before the database connection');
  return new mongoose.mongo.GridFSBucket(database, { bucketName });
}

/**
 * Keeps an attachment's content in GridFS under an id the caller derives from the message, so that storing the
 * same message again (a retried import) finds the file already there instead of writing a second copy.
 */
export async function storeAttachment(storageId: string, content: Buffer, metadata: { contentType: string }): Promise<void> {
  const files = bucket();
  if (
    (
      await files
        .find({ _id: storageId as never })
        .limit(1)
        .toArray()
    ).length > 0
  )
    return;
  await new Promise<void>((resolve, reject) => {
    const upload = files.openUploadStreamWithId(storageId as never, storageId, { metadata });
    upload.once('finish', () => resolve());
    upload.once('error', reject);
    // Encrypted at rest like every personal field (AES-256-GCM, key id in the header).
    upload.end(modelCipher().encryptBuffer(content));
  });
}

export function openAttachment(storageId: string): Readable {
  const stored = bucket().openDownloadStream(storageId as never);
  return Readable.from(
    (async function* decrypt() {
      const chunks: Buffer[] = [];
      for await (const chunk of stored) chunks.push(chunk as Buffer);
      yield modelCipher().decryptBuffer(Buffer.concat(chunks));
    })(),
  );
}

/** Erasure and retention: removes the content; a file already gone is not an error. */
export async function deleteAttachment(storageId: string): Promise<void> {
  await bucket()
    .delete(storageId as never)
    .catch((error: unknown) => {
      if (!/not found/i.test((error as Error).message)) throw error;
    });
}
