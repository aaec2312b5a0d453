import type { Types } from 'mongoose';

import { listQueuesByIds } from '../../models/queue/queue-repository';
import type { RequestDocument } from '../../models/request/request-model';
import { conversationOf } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { findTicketsOfRequest, ticketHistory } from '../../models/ticket/ticket-repository';
import { responseDelay } from '../mail/queue-ticket-mail';
import { citizenMessages, citizenSteps, type CitizenMessage, type CitizenStep } from './citizen-history';

const receptionLabel = 'l’accueil de la mairie';

const standings: Record<string, string> = {
  new: 'reçue par le service',
  open: 'en cours de traitement',
  pending: 'en attente de votre réponse',
  resolved: 'traitée',
  closed: 'close',
};

export interface TicketStanding {
  reference: string;
  /** The service's name, or the reception desk's while the request is being sorted. */
  service: string;
  /** The same, to end a French sentence: « confiée au service État civil », « à l’accueil de la mairie ». */
  toService: string;
  standing: string;
  /** When an answer is expected, in words; null once the request is handled. */
  delay: string | null;
  waitingForCitizen: boolean;
}

export interface RequestStatus {
  requestId: Types.ObjectId;
  reference: string | null;
  receivedAt: Date;
  /** Not routed yet: the request is stored and waiting for (or in) classification. */
  sorting: boolean;
  tickets: TicketStanding[];
  steps: CitizenStep[];
  messages: CitizenMessage[];
  hasEmail: boolean;
}

/** Everything the status page and the confirmation show about a request, in the citizen's words. */
export async function requestStatus(request: RequestDocument, receptionQueue: string, tickets?: TicketDocument[]): Promise<RequestStatus> {
  const ownTickets = tickets ?? (await findTicketsOfRequest(request._id));
  const [histories, conversation] = await Promise.all([
    Promise.all(ownTickets.map((ticket) => ticketHistory(ticket._id))),
    conversationOf(request._id),
  ]);
  // Events name queues in `to` (and other things for other types: unknown ids simply find no queue).
  const queueIds = new Set([
    ...ownTickets.map((ticket) => ticket.queue),
    ...histories.flat().flatMap((event) => (event.to ? [event.to] : [])),
  ]);
  const queueLabels = new Map((await listQueuesByIds([...queueIds])).map((queue) => [queue._id, queue.label]));
  const facts = {
    receivedAt: request.receivedAt,
    receptionQueue,
    queueLabels,
    tickets: ownTickets.map((ticket, index) => ({ reference: ticket.reference, events: histories[index] })),
    messages: conversation.map((message) => ({
      direction: message.direction,
      kind: message.kind,
      at: message.at,
      text: message.text,
      attachments: message.attachments,
      deliveryStatus: message.delivery?.status ?? null,
    })),
  };
  return {
    requestId: request._id,
    reference: ownTickets[0]?.reference ?? request.reference ?? null,
    receivedAt: request.receivedAt,
    sorting: ownTickets.length === 0,
    tickets: ownTickets.map((ticket) => standingOf(ticket, receptionQueue, queueLabels)),
    steps: citizenSteps(facts),
    messages: citizenMessages(facts),
    hasEmail: Boolean(request.requester?.email),
  };
}

function standingOf(ticket: TicketDocument, receptionQueue: string, queueLabels: ReadonlyMap<string, string>): TicketStanding {
  const atReception = ticket.queue === receptionQueue;
  const handled = ticket.status === 'resolved' || ticket.status === 'closed';
  return {
    reference: ticket.reference,
    service: atReception ? 'Accueil de la mairie' : (queueLabels.get(ticket.queue) ?? ticket.queue),
    toService: atReception ? `à ${receptionLabel}` : `au service ${queueLabels.get(ticket.queue) ?? ticket.queue}`,
    standing: atReception && !handled ? 'en cours d’orientation vers le bon service' : standings[ticket.status],
    delay: handled ? null : responseDelay(ticket),
    waitingForCitizen: ticket.status === 'pending',
  };
}
