import type { Types } from 'mongoose';
import { classifyRequest, type RequestClassifierParts } from '../../classifiers/classify-request';
import type { RoutingInput } from '../../routing-rules/routing-input';
import { claimRequest, markRequestFailed, markRequestProcessed } from '../../models/request-repository';
import { createTicketOnce } from '../../models/ticket-repository';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import { toTicketView } from '../presenters/ticket-view';
import type { TicketRouting } from '../routing/route-request';
import { routingInputOfRequest } from '../routing/routing-input-of-request';
import type { WebhookDispatcher } from '../routing/webhook-dispatcher';

export interface ProcessingParts {
  classifier: RequestClassifierParts;
  route: (input: RoutingInput) => Promise<TicketRouting>;
  webhooks: Pick<WebhookDispatcher, 'enqueue' | 'kick'>;
  events: TicketEvents;
  logger: Logger;
  leaseMs: number;
  maxAttempts: number;
}

export type ProcessingOutcome = 'routed' | 'not-claimed' | 'failed';

/**
 * Classifies and routes one stored request into its ticket. Safe to run again after a crash at any point: the
 * lease lets a single worker hold the request, and the ticket is created at most once.
 */
export async function processRequest(parts: ProcessingParts, requestId: Types.ObjectId): Promise<ProcessingOutcome> {
  const request = await claimRequest(requestId, parts.leaseMs);
  if (!request) return 'not-claimed';
  try {
    const classification = await classifyRequest(parts.classifier, {
      subject: request.subject ?? '',
      text: request.text,
      channel: request.channel,
      receivedAt: request.receivedAt,
      requesterName: request.requester?.name ?? undefined,
    });
    const routing = await parts.route(routingInputOfRequest(request, classification));
    const { decision } = routing;
    const { ticket, created } = await createTicketOnce({
      requestId: request._id,
      queue: routing.queue,
      intent: classification.intent,
      confidence: classification.confidence,
      decidedBy: classification.decidedBy,
      language: classification.language,
      priority: decision.priority,
      tags: decision.tags,
      entities: classification.entities,
      trace: {
        classification: { ...classification, entities: undefined },
        ruleSetVersion: routing.ruleSetVersion,
        routing: decision.trace,
        fellBack: decision.fellBack,
        routedBy: decision.routedBy,
        decidedQueue: decision.queue,
        ...(routing.suggestedQueue ? { pilot: { waitingIn: routing.queue, suggestedQueue: routing.suggestedQueue } } : {}),
      },
      receivedAt: request.receivedAt,
      ruleSetVersion: routing.ruleSetVersion,
      assigneeId: routing.assigneeId,
      acknowledgementTemplate: decision.acknowledgementTemplate,
      dueAt: decision.sla?.dueAt,
      escalateTo: decision.escalateTo,
      suggestedQueue: routing.suggestedQueue,
    });
    // Also after a crash between the ticket and its outbox: enqueueing is idempotent.
    if (decision.webhooks.length > 0) {
      await parts.webhooks.enqueue(ticket._id, decision.webhooks);
      parts.webhooks.kick();
    }
    await markRequestProcessed(request._id);
    if (created) parts.events.emit('ticket.created', toTicketView(ticket, request));
    parts.logger.info({ requestId: request._id.toString(), ticket: ticket.reference, queue: ticket.queue }, 'request routed');
    return 'routed';
  } catch (error) {
    const retryable = request.processingAttempts < parts.maxAttempts;
    await markRequestFailed(request._id, (error as Error).message, retryable);
    parts.logger.error({ requestId: request._id.toString(), err: error, retryable }, 'request processing failed');
    return 'failed';
  }
}
