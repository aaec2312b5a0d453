import { insertRequest, type NewRequest } from '../../models/request/request-repository';
import type { ProcessingWorker } from './processing-worker';
import { singleLine } from './single-line-text';

export interface AcceptedRequest {
  id: string;
  duplicate: boolean;
}

/**
 * The one way into the system for every channel: the request is stored first, and only then handed to
 * processing. Whoever called this may acknowledge the request once it returns. Names and subjects are stored on
 * one line whatever the channel, since mails to the citizen are written from them.
 */
export async function acceptRequest(worker: ProcessingWorker, request: NewRequest): Promise<AcceptedRequest> {
  const { request: stored, duplicate } = await insertRequest(normalised(request));
  if (!duplicate) worker.schedule(stored._id);
  return { id: stored._id.toString(), duplicate };
}

function normalised(request: NewRequest): NewRequest {
  const name = request.requester.name === undefined ? undefined : singleLine(request.requester.name) || undefined;
  return { ...request, subject: singleLine(request.subject), requester: { ...request.requester, name } };
}
