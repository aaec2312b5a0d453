import type { Types } from 'mongoose';

import { defaultTaxonomy, intentLabel } from '../../classifiers/taxonomy/taxonomy';
import { takeAcknowledgementAllowance } from '../../models/citizen/acknowledgement-allowance-model';
import { listQueuesByIds } from '../../models/queue/queue-repository';
import type { RequestDocument } from '../../models/request/request-model';
import { findRequestsByIds } from '../../models/request/request-repository';
import { findTicketsCreatedSince, recordTicketEvent } from '../../models/ticket/ticket-conversation-repository';
import { findMessagesByDedupeKeys } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { findTicketsOfRequest, splitPlanOf } from '../../models/ticket/ticket-repository';
import { assistedAcknowledgementValues, recordAssistedAcknowledgement } from '../answers/assisted-acknowledgement';
import type { TicketEvents } from '../events/ticket-events';
import { queueTicketMail, responseDelay, type TicketMailParts } from './queue-ticket-mail';

export interface AcknowledgementParts extends TicketMailParts {
  enabled: boolean;
  /** Web-form acknowledgements one address may receive a day (0: none). */
  formAcknowledgementsPerAddress: number;
}

const acknowledgementKey = (ticketId: Types.ObjectId | string) => `acknowledgement:${ticketId.toString()}`;

/**
 * Acknowledges each new ticket, once routed (so the mail can name the queue and the delay).
 * A web-form request's address is unverified, and a form that mails any address typed into it is a tool for
 * sending spam in the mairie's name: the form answers on screen, and the mail goes only within a small daily
 * allowance per address (the form's own guards, honeypot, filling time and rate limits, come first).
 */
export function acknowledgeNewTickets(events: TicketEvents, parts: AcknowledgementParts, inFlight: Set<Promise<unknown>>): void {
  events.on('ticket.created', ({ ticket, request }) => {
    const handled = handleNewTicket(parts, ticket, request)
      .catch((error: unknown) => parts.logger.error({ err: error, ticketId: ticket.id }, 'acknowledgement failed'))
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
}

async function handleNewTicket(parts: AcknowledgementParts, ticket: TicketDocument, request: RequestDocument | null): Promise<void> {
  if (!request) return;
  for (const attachment of request.attachments) {
    if (attachment.refusedReason)
      await recordTicketEvent({ ticketId: ticket._id, type: 'attachment-refused', reason: attachment.refusedReason });
  }
  await acknowledgeTicket(parts, ticket, request);
}

export async function acknowledgeTicket(parts: AcknowledgementParts, ticket: TicketDocument, request: RequestDocument) {
  if (!parts.enabled || !(await mayAcknowledge(parts, request))) return null;
  const refused = request.attachments.filter((attachment) => attachment.refusedReason);
  const refusedText =
    refused.length === 0
      ? ''
      : `Attention, ${refused.length === 1 ? "une pièce jointe n'a pas été acceptée" : `${refused.length} pièces jointes n'ont pas été acceptées`} :\n${refused
          .map((attachment) => `- « ${attachment.filename} » : ${attachment.refusedReason}`)
          .join('\n')}`;
  if (ticket.split) return acknowledgeSplitRequest(parts, ticket, request, refusedText);
  const queued = await queueTicketMail(parts, {
    ticket,
    request,
    kind: 'acknowledgement',
    templateId: ticket.acknowledgementTemplate ?? 'accuse-reception',
    fallbackTemplateId: 'accuse-reception',
    // An automatic-mode intent's missing-information request or answer goes in the acknowledgement (server/answers).
    values: { piecesRefusees: refusedText, ...assistedAcknowledgementValues(ticket) },
    dedupeKey: acknowledgementKey(ticket._id),
  });
  await recordAssistedAcknowledgement(ticket, queued, new Date());
  return queued;
}

async function mayAcknowledge(parts: AcknowledgementParts, request: RequestDocument): Promise<boolean> {
  if (request.channel === 'email') return true;
  const address = request.requester?.email;
  if (!address || parts.formAcknowledgementsPerAddress === 0) return false;
  return takeAcknowledgementAllowance(address, parts.formAcknowledgementsPerAddress, new Date());
}

const splitAcknowledgementTemplate = 'accuse-reception-demandes-multiples';

/**
 * A split request is acknowledged once, not once per ticket: one mail listing every ticket's reference, service and
 * delay, threaded under the first part's ticket. It waits until every planned ticket exists (the creation of the
 * last one triggers it again), so that it names the queue each ticket really went to (pilot mode included).
 */
async function acknowledgeSplitRequest(parts: AcknowledgementParts, ticket: TicketDocument, request: RequestDocument, refusedText: string) {
  const tickets = await findTicketsOfRequest(ticket.requestId);
  if (tickets.length < splitPlanOf(ticket).length) return null;
  const queues = new Map((await listQueuesByIds(tickets.map((each) => each.queue))).map((queue) => [queue._id, queue.label]));
  const dossiers = tickets
    .map(
      (each) =>
        `- ${each.reference} : ${intentLabel(defaultTaxonomy, each.intent)}, service ${queues.get(each.queue) ?? each.queue}, réponse ${responseDelay(each, parts.communes.of(each.commune).timeZone)}`,
    )
    .join('\n');
  return queueTicketMail(parts, {
    ticket: tickets[0],
    request,
    kind: 'acknowledgement',
    templateId: splitAcknowledgementTemplate,
    fallbackTemplateId: splitAcknowledgementTemplate,
    values: { piecesRefusees: refusedText, dossiers },
    dedupeKey: acknowledgementKey(tickets[0]._id),
  });
}

/**
 * A crash between a ticket's creation and its acknowledgement being queued would leave the citizen without one:
 * at start-up, the e-mail tickets of the last `since` without an acknowledgement get it.
 */
export async function acknowledgeMissedTickets(parts: AcknowledgementParts, since: Date): Promise<number> {
  if (!parts.enabled) return 0;
  const tickets = await findTicketsCreatedSince(since, 5000);
  if (tickets.length === 0) return 0;
  const acknowledged = new Set(
    (await findMessagesByDedupeKeys(tickets.map((ticket) => acknowledgementKey(ticket._id)))).map((message) => message.dedupeKey),
  );
  // A split request's acknowledgement is keyed on its first part's ticket: the others have none of their own.
  const missing = tickets.filter((ticket) => ticket.part === 0 && !acknowledged.has(acknowledgementKey(ticket._id)));
  const emailRequests = new Map(
    (await findRequestsByIds(missing.map((ticket) => ticket.requestId)))
      .filter((request) => request.channel === 'email')
      .map((request) => [request._id.toString(), request]),
  );
  let queued = 0;
  for (const ticket of missing) {
    const request = emailRequests.get(ticket.requestId.toString());
    if (request && (await acknowledgeTicket(parts, ticket, request))?.created) queued += 1;
  }
  return queued;
}
