import { modelCipher } from '../../models/encryption/model-cipher';
import type { NewRequest } from '../../models/request/request-repository';
import type { CommuneDirectory } from '../communes/commune-directory';
import { acceptRequest, type AcceptedRequest } from './accept-request';
import type { ProcessingWorker } from './processing-worker';

/** A web form's fields, from the API (JSON) or the public page (/demande), once checked. */
export interface FormSubmission {
  /** Who filled it in: the citizen (`form`, the default), or an agent for a citizen on the phone or at the counter. */
  channel?: 'form' | 'telephone' | 'guichet';
  /** The commune the form names (INSEE code); none on a single-commune service's forms. */
  commune?: string;
  subject?: string;
  text: string;
  requester: NewRequest['requester'];
  attachments: NonNullable<NewRequest['attachments']>;
}

/**
 * A web form's request into the one intake path. With an idempotency key (the API's header, or the key the
 * public page puts in each form it shows), the same key and body get the request already stored, so a retry or a
 * double click makes one request; only a keyed hash of the body is kept to tell. The same key with another body
 * throws IdempotencyKeyReusedError. A commune the service does not serve (or no commune where it serves several) is
 * refused with an ApplicationError before anything is stored.
 */
export async function acceptFormRequest(
  worker: ProcessingWorker,
  form: FormSubmission,
  options: { idempotencyKey?: string; receivedAt: Date; communes: Pick<CommuneDirectory, 'intakeCommune'> },
): Promise<AcceptedRequest> {
  const commune = options.communes.intakeCommune(form.commune);
  return acceptRequest(worker, {
    commune,
    channel: form.channel ?? 'form',
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
