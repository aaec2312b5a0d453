import express, { Router } from 'express';
import { z } from 'zod';

import { readCommuneFacts } from '../../../models/commune-facts/commune-facts-repository';
import { updateCommuneFacts } from '../../answers/commune-facts';
import { duties } from '../../auth/duties';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

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
 * never make them up. Supervisors and the admin read and change them; each change is audited.
 */
export function communeFactsRoutes(): Router {
  const router = Router();
  router.use('/api/commune-facts', requireUser, requireRole(...duties.communeFacts));

  router.get('/api/commune-facts', async (_request, response) => {
    response.json({ facts: await readCommuneFacts() });
  });

  router.put('/api/commune-facts', express.json({ limit: '16kb' }), async (request, response) => {
    const facts = parseInput(communeFactsSchema, request.body, 'Informations de la commune');
    response.json({ facts: await updateCommuneFacts(currentUser(response), facts) });
  });
  return router;
}

export const communeFactsOperations: ApiOperationGroup = {
  tag: 'Commune facts',
  operations: [
    { method: 'GET', path: '/api/commune-facts', summary: "The commune's facts that immediate answers quote" },
    { method: 'PUT', path: '/api/commune-facts', summary: "Replace the commune's facts (audited)", body: communeFactsSchema },
  ],
};
