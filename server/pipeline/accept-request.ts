import { insertRequest, type NewRequest } from '../../models/request/request-repository';
import { nextTicketReference } from '../../models/ticket/ticket-repository';
import type { ProcessingWorker } from './processing-worker';
import { singleLine } from './single-line-text';

export interface AcceptedRequest {
  id: string;
  /** The reference the citizen is given now and the ticket will carry (absent only on requests stored before it existed). */
  reference: string | null;
  duplicate: boolean;
  /** The commune it was written to (INSEE code): what is recorded about it is that commune's. */
  commune: string | null;
}

/**
 * The one way into the system for every channel: the request is stored first, and only then handed to
 * processing. Whoever called this may acknowledge the request once it returns. Names and subjects are stored on
 * one line whatever the channel, since mails to the citizen are written from them. The ticket reference is
 * reserved here, so that the citizen has it at once; a retry that finds its request already stored leaves a gap
 * in the sequence, no more.
 */
export async function acceptRequest(worker: ProcessingWorker, request: NewRequest): Promise<AcceptedRequest> {
  const reference = await nextTicketReference(request.receivedAt);
  const { request: stored, duplicate } = await insertRequest({ ...normalised(request), reference });
  if (!duplicate) worker.accept(stored._id, request.channel);
  return { id: stored._id.toString(), reference: stored.reference ?? null, duplicate, commune: stored.commune ?? null };
}

function normalised(request: NewRequest): NewRequest {
  const name = request.requester.name === undefined ? undefined : singleLine(request.requester.name) || undefined;
  return { ...request, subject: singleLine(request.subject), requester: { ...request.requester, name } };
}
