import { insertRequest, type NewRequest } from '../../models/request-repository';
import type { ProcessingWorker } from './processing-worker';

export interface AcceptedRequest {
  id: string;
  duplicate: boolean;
}

/**
 * The one way into the system for every channel: the request is stored first, and only then handed to
 * processing. Whoever called this may acknowledge the request once it returns.
 */
export async function acceptRequest(worker: ProcessingWorker, request: NewRequest): Promise<AcceptedRequest> {
  const { request: stored, duplicate } = await insertRequest(request);
  if (!duplicate) worker.schedule(stored._id);
  return { id: stored._id.toString(), duplicate };
}
