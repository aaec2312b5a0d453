import { Router } from 'express';
import { askedText } from '../../../classifiers/sources/asked-text';
import { extractiveAnswer } from '../../../classifiers/sources/extractive-answer';
import { findRequestById } from '../../../models/request/request-repository';
import type { TicketDocument } from '../../../models/ticket/ticket-model';
import { duties } from '../../auth/duties';
import type { FicheSources } from '../../sources/fiche-sources';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';

/** How many fiches the agent is shown: enough to choose, few enough to read. */
const sourcesShown = 3;

/**
 * The official sources of a ticket: the service-public.fr fiches most relevant to the citizen's request, each with
 * the section that answers it and a suggested reply quoting that section. Same visibility rule as the ticket.
 */
export function ticketSourcesRoutes(workflow: TicketWorkflow, sources: FicheSources): Router {
  const router = Router();

  router.get('/api/tickets/:id/sources', requireUser, requireRole(...duties.tickets), async (request, response) => {
    const ticket = await workflow.visibleTicket(currentUser(response), request.params.id as string);
    const hits = sources.search(await ticketQuestion(ticket), sourcesShown);
    response.json({
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
  return router;
}

/** What the citizen asks in this ticket: its own part of a split message, else the message without quoted history. */
async function ticketQuestion(ticket: TicketDocument): Promise<string> {
  const part = ticket.split ? ticket.parts?.[ticket.part] : undefined;
  if (part) return part.text;
  const citizenRequest = await findRequestById(ticket.requestId);
  return citizenRequest ? askedText(citizenRequest.subject, citizenRequest.text) : '';
}

export const ticketSourcesOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/tickets/:id/sources',
      summary: 'The service-public.fr fiches most relevant to the request, with the answering section and a suggested reply',
    },
  ],
};
