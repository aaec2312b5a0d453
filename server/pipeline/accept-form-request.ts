import type { NewRequest } from '../../models/request/request-repository';
import { modelCipher } from '../../models/encryption/model-cipher';
import { acceptRequest, type AcceptedRequest } from './accept-request';
import type { ProcessingWorker } from './processing-worker';

/** A web form's fields, from the API (JSON) or the public page (/demande), once checked. */
export interface FormSubmission {
  subject?: string;
  text: string;
  requester: NewRequest['requester'];
  attachments: NonNullable<NewRequest['attachments']>;
}

/**
 * A web form's request into the one intake path. With an idempotency key (the API's header, or the key the
 * public page puts in each form it shows), the same key and body get the request already stored, so a retry or a
 * double click makes one request; only a keyed hash of the body is kept to tell. The same key with another body
 * throws IdempotencyKeyReusedError.
 */
export async function acceptFormRequest(
  worker: ProcessingWorker,
  form: FormSubmission,
  options: { idempotencyKey?: string; receivedAt: Date },
): Promise<AcceptedRequest> {
  return acceptRequest(worker, {
    channel: 'form',
    subject: form.subject ?? '',
    text: form.text,
    requester: form.requester,
    attachments: form.attachments,
    receivedAt: options.receivedAt,
    ...(options.idempotencyKey
      ? { idempotencyKey: options.idempotencyKey, idempotencyFingerprint: modelCipher().contentHash(JSON.stringify(form)) }
      : {}),
  });
}
