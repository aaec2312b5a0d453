import { createHash } from 'node:crypto';

import { storeAttachment } from '../../models/request/attachment-store';
import { attachmentVerdicts, type AttachmentLimits } from './attachment-policy';
import type { InboundAttachment } from './parse-email';

export interface KeptAttachment {
  filename: string;
  contentType: string;
  size: number;
  storageId?: string;
  refusedReason?: string;
}

/**
 * Stores the attachments the policy accepts and describes the refused ones (with the reason) without their
 * content. Storage ids derive from the message and the content, so a retried import rewrites nothing.
 */
export async function keepAttachments(
  messageId: string,
  attachments: readonly InboundAttachment[],
  limits: AttachmentLimits,
): Promise<KeptAttachment[]> {
  const verdicts = attachmentVerdicts(
    attachments.map(({ filename, contentType, size, content }) => ({ filename, contentType, size, head: content.subarray(0, 8) })),
    limits,
  );
  const kept: KeptAttachment[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const verdict = verdicts[index];
    const { filename, contentType, size } = attachment;
    if (!verdict.accepted) {
      kept.push({ filename, contentType, size, refusedReason: verdict.reason });
      continue;
    }
    const contentHash = createHash('sha256').update(attachment.content).digest('hex');
    const storageId = createHash('sha256').update(`${messageId}\0${index}\0${contentHash}`).digest('hex');
    await storeAttachment(storageId, attachment.content, { contentType });
    kept.push({ filename, contentType, size, storageId });
  }
  return kept;
}

/**
 * Why each refused attachment would be refused, in French (« name » : reason), without keeping any: for a form, where
 * the citizen is still there to choose another file before anything is stored.
 */
export function attachmentRefusals(attachments: readonly InboundAttachment[], limits: AttachmentLimits): string[] {
  const verdicts = attachmentVerdicts(
    attachments.map(({ filename, contentType, size, content }) => ({ filename, contentType, size, head: content.subarray(0, 8) })),
    limits,
  );
  return verdicts.flatMap((verdict, index) => (verdict.accepted ? [] : [`« ${attachments[index].filename} » : ${verdict.reason}`]));
}
