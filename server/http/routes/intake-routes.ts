import express, { Router } from 'express';
import { z } from 'zod';

import { IdempotencyKeyReusedError } from '../../../models/request/request-repository';
import type { Clock } from '../../clock';
import type { CommuneDirectory } from '../../communes/commune-directory';
import type { Config } from '../../config';
import type { MailChannel } from '../../mail/mail-channel';
import { MalformedEmailError } from '../../mail/parse-email';
import { acceptFormRequest } from '../../pipeline/accept-form-request';
import { formRequestSchema } from '../../pipeline/intake-schemas';
import type { ProcessingWorker } from '../../pipeline/processing-worker';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const receivedMessage = 'Votre demande a bien été enregistrée. Elle va être transmise au service concerné.';
const emailOutcomeMessages = {
  request: receivedMessage,
  'follow-up': 'Ce message a été rattaché à la demande à laquelle il répond.',
  'set-aside': 'Ce message a été enregistré comme message automatique (absence, retour d’erreur, liste) : il ne crée pas de demande.',
} as const;

/** A client-chosen token, typically a UUID made when the form is shown: printable ASCII, no spaces. */
const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, "L'en-tête Idempotency-Key doit contenir de 8 à 200 caractères ASCII visibles (par exemple un UUID).")
  .optional();

/**
 * Public intake: answers 2xx only once the request is stored. A form sent with an `Idempotency-Key` header can be
 * retried when its answer was lost: the same key and body get the same answer and one request. Raw emails take the
 * shared mailbox's path (their Message-ID plays that part).
 */
export function intakeRoutes(
  config: Config,
  worker: ProcessingWorker,
  receiveEmail: MailChannel['receive'],
  now: Clock,
  communes: Pick<CommuneDirectory, 'intakeCommune'>,
): Router {
  const router = Router();

  router.post('/api/requests', express.json({ limit: config.maxFormBytes, strict: true }), async (request, response) => {
    if (!request.is('application/json')) throw new HttpError(415, 'La demande doit être envoyée en JSON (Content-Type: application/json).');
    const form = parseInput(formRequestSchema, request.body, 'Demande');
    const idempotencyKey = parseInput(idempotencyKeySchema, request.get('Idempotency-Key'), 'Idempotency-Key');
    const accepted = await acceptFormRequest(worker, form, { idempotencyKey, receivedAt: now(), communes }).catch((error: unknown) => {
      throw error instanceof IdempotencyKeyReusedError
        ? new HttpError(
            422,
            'Cette clé Idempotency-Key a déjà servi pour une demande différente : une nouvelle demande doit être envoyée avec une nouvelle clé.',
          )
        : error;
    });
    if (accepted.duplicate) response.setHeader('Idempotent-Replayed', 'true');
    response.status(201).json({ id: accepted.id, reference: accepted.reference, status: 'received', message: receivedMessage });
  });

  router.post(
    '/api/requests/email',
    express.raw({ type: ['message/rfc822', 'text/plain', 'application/octet-stream'], limit: config.maxEmailBytes }),
    async (request, response) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw new HttpError(415, 'Envoyez le message brut (RFC 822) avec Content-Type: message/rfc822.');
      }
      const received = await receiveEmail(request.body).catch((error: unknown) => {
        throw error instanceof MalformedEmailError ? new HttpError(400, error.message) : error;
      });
      response.status(received.duplicate ? 200 : 201).json({
        id: received.requestId,
        status: 'received',
        outcome: received.outcome,
        duplicate: received.duplicate,
        message: received.duplicate
          ? 'Ce message a déjà été reçu ; il n’a pas été enregistré une seconde fois.'
          : emailOutcomeMessages[received.outcome],
      });
    },
  );
  return router;
}

export const intakeOperations: ApiOperationGroup = {
  tag: 'Intake',
  operations: [
    {
      method: 'POST',
      path: '/api/requests',
      summary: "Submit a citizen's request from a form; answered once it is stored",
      body: formRequestSchema,
      headers: z.object({ 'Idempotency-Key': idempotencyKeySchema }),
      success: { status: 201 },
    },
    {
      method: 'POST',
      path: '/api/requests/email',
      summary: 'Submit a raw mail (RFC 822) as the shared mailbox would',
      body: { mediaTypes: ['message/rfc822', 'text/plain', 'application/octet-stream'] },
      success: { status: 201, description: 'Stored (200 when the same Message-ID was already received).' },
    },
  ],
};
