import express, { Router } from 'express';
import { z } from 'zod';

import { listAgentSettings, updateAgentSettings } from '../../../models/accounts/agent-settings-repository';
import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const settingsSchema = z
  .strictObject({
    available: z.boolean().optional(),
    capacity: z
      .number()
      .int('nombre entier attendu')
      .min(0, 'la capacité ne peut pas être négative')
      .max(500, '500 demandes au plus')
      .optional(),
  })
  .refine((settings) => settings.available !== undefined || settings.capacity !== undefined, 'indiquez la disponibilité ou la capacité');

/**
 * Supervisors set how many open tickets automatic assignment may give each agent, and who is away: the agents of
 * their communes only.
 */
export function agentSettingsRoutes(
  mayManageAccount: (manager: TicketViewer, account: Pick<TicketViewer, 'communes' | 'epci'>) => boolean,
): Router {
  const router = Router();
  router.use('/api/agents', requireUser, requireRole('supervisor'));

  router.get('/api/agents', async (_request, response) => {
    const supervisor = currentUser(response);
    response.json({ agents: await listAgentSettings((agent) => mayManageAccount(supervisor, agent)) });
  });

  router.put('/api/agents/:id/settings', express.json({ limit: '1kb' }), async (request, response) => {
    const settings = parseInput(settingsSchema, request.body, 'Réglages de l’agent');
    const supervisor = currentUser(response);
    const before = await updateAgentSettings(request.params.id as string, settings, (agent) => mayManageAccount(supervisor, agent));
    if (!before) throw new HttpError(404, 'Agent introuvable.');
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'agent.settings-changed',
      objectType: 'User',
      objectId: before._id.toString(),
      details: { from: { available: before.available ?? true, capacity: before.capacity ?? 0 }, to: settings },
    });
    response.json({ agent: { id: before._id.toString(), ...settings } });
  });
  return router;
}

export const agentSettingsOperations: ApiOperationGroup = {
  tag: 'Agents',
  operations: [
    { method: 'GET', path: '/api/agents', summary: 'Agents with their availability and automatic assignment capacity' },
    { method: 'PUT', path: '/api/agents/:id/settings', summary: "Set an agent's availability or capacity", body: settingsSchema },
  ],
};
