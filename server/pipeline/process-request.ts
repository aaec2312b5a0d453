import type { Types } from 'mongoose';
import { classifyRequest, type RequestClassifierParts } from '../../classifiers/classify-request';
import type { RoutingDecision } from '../../routing-rules/routing-decision';
import type { RoutingInput } from '../../routing-rules/routing-input';
import { claimRequest, markRequestFailed, markRequestProcessed } from '../../models/request-repository';
import { createTicketOnce } from '../../models/ticket-repository';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import { toTicketView } from '../presenters/ticket-view';

export interface ProcessingParts {
  classifier: RequestClassifierParts;
  route: (input: RoutingInput) => RoutingDecision;
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
    const senderEmail = request.requester?.email ?? undefined;
    const decision = parts.route({
      classification,
      channel: request.channel,
      subject: request.subject ?? '',
      text: request.text,
      sender: { email: senderEmail, domain: senderEmail?.split('@')[1] },
      attachments: request.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
      receivedAt: request.receivedAt,
    });
    const { ticket, created } = await createTicketOnce({
      requestId: request._id,
      queue: decision.queue,
      intent: classification.intent,
      confidence: classification.confidence,
      decidedBy: classification.decidedBy,
      language: classification.language,
      priority: decision.priority,
      tags: decision.tags,
      entities: classification.entities,
      trace: { classification: { ...classification, entities: undefined }, routing: decision.trace, fellBack: decision.fellBack },
      receivedAt: request.receivedAt,
    });
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
