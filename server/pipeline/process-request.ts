import { Types } from 'mongoose';

import type { Classification, RequestPart } from '../../classifiers/classification';
import { classifyRequest, type RequestClassifierParts } from '../../classifiers/classify-request';
import type { RequestDocument } from '../../models/request/request-model';
import { claimRequest, markRequestFailed, markRequestProcessed } from '../../models/request/request-repository';
import {
  createTicketOnce,
  findTicketOfPart,
  planPartTickets,
  splitPlanOf,
  type NewTicket,
  type PlannedPart,
} from '../../models/ticket/ticket-repository';
import type { RoutingInput } from '../../routing-rules/routing-input';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { TicketPlacement, TicketRouting } from '../routing/route-request';
import { routingInputOfRequest } from '../routing/routing-input-of-request';
import type { WebhookDispatcher } from '../routing/webhook-dispatcher';

export interface ProcessingParts {
  classifier: RequestClassifierParts;
  /** Routes with the rules of the request's commune; only staff who may see the ticket are assigned it. */
  route: (input: RoutingInput, commune: string) => Promise<TicketRouting>;
  webhooks: Pick<WebhookDispatcher, 'enqueue' | 'kick'>;
  events: TicketEvents;
  logger: Logger;
  metrics: Pick<ServiceMetrics, 'requestsReceived' | 'processingSeconds' | 'classificationSeconds'>;
  leaseMs: number;
  maxAttempts: number;
  /** The time zone of a request's commune: dates it mentions ("demain") count from its reception day there. */
  timeZoneOf: (commune: string | null | undefined) => string;
  /** The checklist and the missing-information request or answer of a request that is not split (server/answers). */
  prepareAssistance?: (request: RequestDocument, classification: Classification, decidedQueue: string) => Promise<NewTicket['assistance']>;
}

export type ProcessingOutcome = 'routed' | 'not-claimed' | 'failed';

/**
 * Classifies and routes one stored request into its ticket (or its parts' tickets). Safe to run again after a crash
 * at any point: the lease lets a single worker hold the request, and each ticket is created at most once.
 */
export async function processRequest(parts: ProcessingParts, requestId: Types.ObjectId): Promise<ProcessingOutcome> {
  const request = await claimRequest(requestId, parts.leaseMs);
  if (!request) return 'not-claimed';
  const processingTimer = parts.metrics.processingSeconds.startTimer();
  try {
    const classificationTimer = parts.metrics.classificationSeconds.startTimer();
    const classification = await classifyRequest(parts.classifier, {
      subject: request.subject ?? '',
      text: request.text,
      channel: request.channel,
      receivedAt: request.receivedAt,
      timeZone: parts.timeZoneOf(request.commune),
      requesterName: request.requester?.name ?? undefined,
    });
    classificationTimer();
    const routing = await parts.route(routingInputOfRequest(request, classification), request.commune ?? '');
    const assistance = routing.decision.split
      ? undefined
      : await parts.prepareAssistance?.(request, classification, routing.decision.queue);
    const tickets = await createTickets(request, classification, routing, assistance);
    // Also after a crash between the tickets and their outbox: enqueueing is idempotent.
    if (routing.decision.webhooks.length > 0) {
      for (const { ticket } of tickets) await parts.webhooks.enqueue(ticket._id, routing.decision.webhooks);
      parts.webhooks.kick();
    }
    // Announced before the request is marked processed, and announced again by a later run when an earlier one was
    // cut short (a killed worker) after making the tickets: at least once, never lost. Listeners are idempotent
    // (mail and notices have dedupe keys, screens key tickets by id).
    const rerun = request.processingAttempts > 1;
    for (const { ticket, created } of tickets) {
      if (created || rerun) parts.events.emit('ticket.created', { ticket, request });
      parts.logger.info({ requestId: request._id.toString(), ticket: ticket.reference, queue: ticket.queue }, 'request routed');
    }
    await markRequestProcessed(request._id);
    processingTimer({ outcome: 'routed' });
    return 'routed';
  } catch (error) {
    const retryable = request.processingAttempts < parts.maxAttempts;
    await markRequestFailed(request._id, (error as Error).message, retryable);
    parts.logger.error({ requestId: request._id.toString(), err: error, retryable }, 'request processing failed');
    processingTimer({ outcome: 'failed' });
    return 'failed';
  }
}

type CreatedTicket = Awaited<ReturnType<typeof createTicketOnce>>;

/**
 * The request's ticket, or one ticket per part when a rule split it. The first part's ticket is created first and
 * holds the plan (every part's ticket id and reference): after a crash, or when another worker got there first,
 * the plan already stored is completed, never a new one, so no part's ticket is lost or made twice.
 */
async function createTickets(
  request: RequestDocument,
  classification: Classification,
  routing: TicketRouting,
  assistance: NewTicket['assistance'],
): Promise<CreatedTicket[]> {
  const { decision } = routing;
  const { parts: classifiedParts, entities, ...traced } = classification;
  const common = {
    commune: request.commune,
    requestId: request._id,
    decidedBy: classification.decidedBy,
    language: classification.language,
    priority: decision.priority,
    tags: decision.tags,
    entities,
    receivedAt: request.receivedAt,
    ruleSetVersion: routing.ruleSetVersion,
    acknowledgementTemplate: decision.acknowledgementTemplate,
    dueAt: decision.sla?.dueAt,
    escalateTo: decision.escalateTo,
  };
  // The excerpts are kept (encrypted) with the ticket's parts, not in the clear trace.
  const trace = (placement: TicketPlacement, decidedQueue: string) => ({
    classification: traced,
    ruleSetVersion: routing.ruleSetVersion,
    routing: decision.trace,
    fellBack: decision.fellBack,
    routedBy: decision.routedBy,
    decidedQueue,
    ...(decision.split ? { split: { ruleId: decision.split.ruleId, ruleName: decision.split.ruleName } } : {}),
    ...(placement.suggestedQueue ? { pilot: { waitingIn: placement.queue, suggestedQueue: placement.suggestedQueue } } : {}),
  });
  const partTicket = async (plan: PlannedPart[], part: number) => {
    const planned = plan[part];
    const placement = await routing.place(planned.queue);
    return createTicketOnce({
      ...common,
      ...placement,
      _id: planned.ticketId,
      reference: planned.reference,
      part,
      parts: plan,
      split: true,
      intent: planned.intent,
      confidence: planned.confidence,
      trace: trace(placement, planned.queue),
    });
  };

  const storedFirst = await findTicketOfPart(request._id, 0);
  let first: CreatedTicket;
  if (storedFirst) first = { ticket: storedFirst, created: false };
  else if (decision.split) first = await partTicket(await planSplit(request, decision.split.parts), 0);
  else {
    first = await createTicketOnce({
      ...common,
      reference: request.reference ?? undefined,
      queue: routing.queue,
      suggestedQueue: routing.suggestedQueue,
      assigneeId: routing.assigneeId,
      parts: classifiedParts,
      intent: classification.intent,
      confidence: classification.confidence,
      trace: trace(routing, decision.queue),
      ...(assistance ? { assistance } : {}),
    });
  }
  if (!first.ticket.split) return [first];
  const plan = splitPlanOf(first.ticket);
  const tickets = [first];
  for (let part = 1; part < plan.length; part += 1) tickets.push(await partTicket(plan, part));
  return tickets;
}

/** The first part's ticket takes the reference the citizen was given at intake; the other parts get their own. */
async function planSplit(request: RequestDocument, parts: readonly RequestPart[]): Promise<PlannedPart[]> {
  if (!request.reference) return planPartTickets(parts, request.receivedAt);
  const [first, ...others] = parts;
  return [
    { ...first, ticketId: new Types.ObjectId(), reference: request.reference },
    ...(await planPartTickets(others, request.receivedAt)),
  ];
}
