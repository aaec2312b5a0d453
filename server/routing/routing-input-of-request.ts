import type { Classification } from '../../classifiers/classification';
import type { RequestDocument } from '../../models/request/request-model';
import type { RoutingInput } from '../../routing-rules/routing-input';

/** What the rules see of a stored request: one builder for live routing and for simulations, so both agree. */
export function routingInputOfRequest(request: RequestDocument, classification: Classification): RoutingInput {
  const senderEmail = request.requester?.email ?? undefined;
  return {
    classification,
    channel: request.channel,
    subject: request.subject ?? '',
    text: request.text,
    sender: { email: senderEmail, domain: senderEmail?.split('@')[1] },
    attachments: request.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    receivedAt: request.receivedAt,
    ...(request.commune ? { commune: request.commune } : {}),
  };
}
