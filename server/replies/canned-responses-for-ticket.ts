import { listQueuesByIds } from '../../models/queue/queue-repository';
import { listCannedResponses } from '../../models/replies/canned-response-repository';
import { findRequestById } from '../../models/request/request-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { responseDelay } from '../mail/queue-ticket-mail';
import { fillCannedResponse } from './canned-response-text';

/**
 * The canned responses of the ticket's queue, the service's and its commune's own, their variables filled for this
 * ticket and the agent answering.
 */
export async function cannedResponsesFor(ticket: TicketDocument, agentName: string) {
  const [responses, [queue], request] = await Promise.all([
    listCannedResponses([ticket.queue], ticket.commune ? [ticket.commune] : []),
    listQueuesByIds([ticket.queue]),
    findRequestById(ticket.requestId),
  ]);
  const values = {
    nom: request?.requester?.name || 'Madame, Monsieur',
    reference: ticket.reference,
    objet: request?.subject || '(sans objet)',
    file: queue?.label ?? ticket.queue,
    delai: responseDelay(ticket),
    agent: agentName,
  };
  return responses.map((response) => ({
    id: response.id,
    title: response.title,
    commune: response.commune ?? null,
    text: fillCannedResponse(response.body, values),
    status: response.status ?? null,
    tags: [...response.tags],
  }));
}
