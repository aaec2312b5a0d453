import express, { Router } from 'express';
import { z } from 'zod';

import { defaultTaxonomy } from '../../../classifiers/taxonomy/taxonomy';
import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { notificationChoicesOf, notificationKinds, saveNotificationChoices } from '../../../models/citizen/notification-settings-model';
import { duties } from '../../auth/duties';
import { notificationKindLabels } from '../../citizen/follow-up-policy';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const choicesSchema = z.strictObject({
  choices: z.strictObject(
    Object.fromEntries(
      notificationKinds.map((kind) => [kind, z.boolean({ error: `Indiquez vrai ou faux pour « ${notificationKindLabels[kind]} ».` })]),
    ) as Record<(typeof notificationKinds)[number], z.ZodBoolean>,
  ),
});

/** Which follow-up mails citizens receive, intent by intent: the supervisors' choice (all on until they say otherwise). */
export function notificationSettingsRoutes(): Router {
  const router = Router();
  const supervisors = [requireUser, requireRole(...duties.steering)];
  const intents = defaultTaxonomy.queues.flatMap((queue) =>
    queue.intents.map((intent) => ({ intent: intent.id, label: intent.label, queue: queue.id })),
  );

  router.get('/api/notification-settings', ...supervisors, async (_request, response) => {
    const choices = await notificationChoicesOf(intents.map((entry) => entry.intent));
    response.json({
      kinds: notificationKinds.map((kind) => ({ kind, label: notificationKindLabels[kind] })),
      intents: intents.map((entry) => ({ ...entry, choices: choices.get(entry.intent) })),
    });
  });

  router.put('/api/notification-settings/:intent', ...supervisors, express.json({ limit: '2kb' }), async (request, response) => {
    const intent = intents.find((entry) => entry.intent === request.params.intent);
    if (!intent) throw new HttpError(404, `Le motif « ${String(request.params.intent)} » n'existe pas.`);
    const { choices } = parseInput(choicesSchema, request.body, 'Notifications');
    await saveNotificationChoices(intent.intent, choices, currentUser(response)._id);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'notification-settings.changed',
      objectType: 'Intent',
      objectId: intent.intent,
      details: { choices },
    });
    response.json({ ...intent, choices });
  });
  return router;
}

export const notificationSettingsOperations: ApiOperationGroup = {
  tag: 'Citizen notifications',
  operations: [
    { method: 'GET', path: '/api/notification-settings', summary: 'Which follow-up mails citizens receive, intent by intent' },
    {
      method: 'PUT',
      path: '/api/notification-settings/:intent',
      summary: "Choose an intent's follow-up mails (audited)",
      params: z.object({ intent: z.string() }),
      body: choicesSchema,
    },
  ],
};
