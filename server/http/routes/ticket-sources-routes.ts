import { Router } from 'express';

import { extractiveAnswer } from '../../../classifiers/sources/extractive-answer';
import { duties } from '../../auth/duties';
import type { TicketSources } from '../../sources/ticket-sources';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';

/**
 * The official sources of a ticket: the service-public.fr fiches most relevant to the citizen's request, each with
 * the section that answers it and a suggested reply quoting that section; `drafting` says whether a reply drafted by
 * the LLM can be asked for (POST …/draft). Same visibility rule as the ticket.
 */
export function ticketSourcesRoutes(sources: TicketSources): Router {
  const router = Router();
  const staff = [requireUser, requireRole(...duties.tickets)];

  router.get('/api/tickets/:id/sources', ...staff, async (request, response) => {
    const hits = await sources.list(currentUser(response), request.params.id as string);
    response.json({
      drafting: sources.drafting,
      sources: hits.map((hit) => ({
        id: hit.id,
        title: hit.title,
        url: hit.url,
        date: hit.date,
        section: hit.section,
        excerpt: hit.excerpt,
        suggestedAnswer: extractiveAnswer(hit),
      })),
    });
  });

  router.post('/api/tickets/:id/sources/:ficheId/draft', ...staff, async (request, response) => {
    // Any fiche id is looked for among the ticket's sources, after the visibility check: a wrong one is not found.
    const { source, answer } = await sources.draft(currentUser(response), request.params.id as string, request.params.ficheId as string);
    response.json({
      source: { id: source.id, title: source.title, url: source.url },
      draft: answer.text,
      origin: answer.origin,
      notice: answer.notice,
    });
  });
  return router;
}

export const ticketSourcesOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/tickets/:id/sources',
      summary: 'The service-public.fr fiches most relevant to the request, with the answering section and a suggested reply',
    },
    {
      method: 'POST',
      path: '/api/tickets/:id/sources/:ficheId/draft',
      summary:
        'A reply grounded on one of the sources: drafted by the LLM from the masked request when enabled and citing the fiche, else extractive',
    },
  ],
};
