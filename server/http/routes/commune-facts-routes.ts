import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';

import type { TicketViewer } from '../../../tickets/ticket-visibility';
import { communeFactsFor, removeCommuneFacts, updateCommuneFacts } from '../../answers/commune-facts';
import { duties } from '../../auth/duties';
import type { SettingsScope } from '../../communes/setting-level-access';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';
import { settingLevelOf, settingLevelQuery } from '../setting-level-request';

const fact = (label: string, max: number) => z.string().trim().max(max, `${label} : ${max} caractères au plus`);
const communeFactsSchema = z.strictObject({
  commune: fact('Nom de la commune', 120),
  horaires: fact("Heures d'ouverture", 500),
  fermetures: fact('Fermetures exceptionnelles', 500),
  adresse: fact('Adresse', 200),
  telephone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+ ().-]*$/, 'Téléphone : chiffres, espaces, points, tirets et + seulement'),
  courriel: z.union([z.literal(''), z.email('Courriel : adresse e-mail invalide')]),
  siteWeb: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Site web : adresse complète en http(s)://' })]),
});

/**
 * The settings page of the commune's own facts: immediate answers quote them (opening hours, address, phone) and
 * never make them up. Supervisors and the admin read and change them, at the service's level (which every commune
 * inherits) or, with `?commune=INSEE`, at a commune's; each change is audited. The answer says the `level` the facts
 * shown come from.
 */
export function communeFactsRoutes(settingsScopeOf: (viewer: TicketViewer) => SettingsScope): Router {
  const router = Router();
  router.use('/api/commune-facts', requireUser, requireRole(...duties.communeFacts));
  const levelOf = (request: Request, response: Response, access: 'read' | 'change') =>
    settingLevelOf(request, response, settingsScopeOf, access);
  const view = ({ level, ...facts }: Awaited<ReturnType<typeof communeFactsFor>>) => ({ facts, level });

  router.get('/api/commune-facts', async (request, response) => {
    response.json(view(await communeFactsFor(levelOf(request, response, 'read'))));
  });

  router.put('/api/commune-facts', express.json({ limit: '16kb' }), async (request, response) => {
    const commune = levelOf(request, response, 'change');
    const facts = parseInput(communeFactsSchema, request.body, 'Informations de la commune');
    response.json(view(await updateCommuneFacts(currentUser(response), commune, facts)));
  });

  router.delete('/api/commune-facts', async (request, response) => {
    response.json(view(await removeCommuneFacts(currentUser(response), levelOf(request, response, 'change'))));
  });
  return router;
}

export const communeFactsOperations: ApiOperationGroup = {
  tag: 'Commune facts',
  operations: [
    {
      method: 'GET',
      path: '/api/commune-facts',
      summary: "The facts immediate answers quote, at the service's level or a commune's, and the level they come from",
      query: settingLevelQuery,
    },
    {
      method: 'PUT',
      path: '/api/commune-facts',
      summary: "Replace the facts of the service's level or a commune's (audited)",
      query: settingLevelQuery,
      body: communeFactsSchema,
    },
    {
      method: 'DELETE',
      path: '/api/commune-facts',
      summary: "A commune's own facts removed: it takes the service's again (audited)",
      query: settingLevelQuery,
    },
  ],
};
