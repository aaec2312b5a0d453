import { keyIdOfBuffer, type FieldCipher } from '../../models/encryption/field-cipher';
import { attachmentBucket } from '../../models/request/attachment-store';

const copySuffix = '.rotating';

/**
 * Key rotation for attachment contents. GridFS files cannot be rewritten in place, so each one is first copied
 * under a temporary id, then replaced; a run interrupted at any point is completed by the next one, which
 * restores any original still missing from its copy.
 */
export async function reencryptAttachments(cipher: FieldCipher): Promise<{ examined: number; reencrypted: number }> {
  const files = attachmentBucket();
  const count = { examined: 0, reencrypted: 0 };
  const all = await files.find({}).sort({ _id: 1 }).toArray();
  const ids = new Set(all.map((file) => String(file._id)));
  for (const file of all.filter((candidate) => String(candidate._id).endsWith(copySuffix))) {
    const originalId = String(file._id).slice(0, -copySuffix.length);
    if (!ids.has(originalId)) await upload(originalId, await read(String(file._id)), file.metadata);
    await files.delete(file._id);
  }
  for (const file of all.filter((candidate) => !String(candidate._id).endsWith(copySuffix))) {
    count.examined += 1;
    const stored = await read(String(file._id));
    if (keyIdOfBuffer(stored) === cipher.activeKeyId) continue;
    const replacement = cipher.encryptBuffer(cipher.decryptBuffer(stored));
    const copyId = `${String(file._id)}${copySuffix}`;
    await upload(copyId, replacement, file.metadata);
    await files.delete(file._id);
    await upload(String(file._id), replacement, file.metadata);
    await files.delete(copyId as never);
    count.reencrypted += 1;
  }
  return count;
}

async function read(id: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of attachmentBucket().openDownloadStream(id as never)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function upload(id: string, content: Buffer, metadata: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = attachmentBucket().openUploadStreamWithId(id as never, id, { metadata: metadata as Record<string, unknown> });
    stream.once('finish', () => resolve());
    stream.once('error', reject);
    stream.end(content);
  });
}
