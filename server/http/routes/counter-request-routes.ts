import express, { Router } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { duties } from '../../auth/duties';
import type { FormSubmission } from '../../pipeline/accept-form-request';
import type { AcceptedRequest } from '../../pipeline/accept-request';
import { formRequestSchema } from '../../pipeline/intake-schemas';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

/** What an agent takes down for a citizen on the phone or at the counter: the web form's fields, no attachment. */
const counterRequestSchema = formRequestSchema.omit({ attachments: true }).extend({
  channel: z.enum(['telephone', 'guichet'], 'Indiquez si la demande est reçue par téléphone ou au guichet.'),
});

/**
 * Requests that did not come by mail or form: an agent writes down what a citizen asks on the phone or at the
 * counter, and the request goes through the same intake as a form (stored first, the same classification and
 * rules, its reference given at once). Who took it down is in the audit trail.
 */
export function counterRequestRoutes(accept: (form: FormSubmission) => Promise<AcceptedRequest>): Router {
  const router = Router();
  router.post(
    '/api/counter-requests',
    requireUser,
    requireRole(...duties.tickets),
    express.json({ limit: '64kb' }),
    async (request, response) => {
      const form = parseInput(counterRequestSchema, request.body, 'Demande');
      const accepted = await accept({ ...form, attachments: [] });
      await recordAuditEvent({
        actor: currentUser(response),
        action: 'request.taken-down',
        objectType: 'Request',
        objectId: accepted.id,
        commune: accepted.commune,
        details: { channel: form.channel },
      });
      response.status(201).json({ id: accepted.id, reference: accepted.reference });
    },
  );
  return router;
}

export const counterRequestOperations: ApiOperationGroup = {
  tag: 'Intake',
  operations: [
    {
      method: 'POST',
      path: '/api/counter-requests',
      summary: 'Take down a citizen’s request received by phone or at the counter (same intake, classification and rules)',
      body: counterRequestSchema,
      success: { status: 201 },
    },
  ],
};
