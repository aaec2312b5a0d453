import { APIConnectionError } from 'openai';

import type { LlmFailure } from '../../classifiers/llm/llm-fallback';
import { LlmDeadlineExceeded } from './openai-compatible-chat';

export interface LlmCallError {
  failure: LlmFailure;
  /** Worth another try soon (the service may answer next time), as opposed to a refusal that will not change. */
  retryable: boolean;
  httpStatus?: number;
}

/**
 * What went wrong with one call, from our deadline and the errors the openai SDK throws (as @langchain/openai passes
 * them on). Anything else (a body that is not JSON, a bug) is unexpected: still a failure that ends in manual triage,
 * so that no request is stuck behind it, and recorded under its own outcome so it gets noticed.
 */
export function describeLlmCallError(error: unknown): LlmCallError {
  if (error instanceof LlmDeadlineExceeded) return { failure: 'timeout', retryable: true };
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  if (typeof status === 'number') {
    if (status === 429) return { failure: 'rate-limited', retryable: true, httpStatus: status };
    if (status >= 500) return { failure: 'server-error', retryable: true, httpStatus: status };
    return { failure: 'rejected', retryable: false, httpStatus: status };
  }
  if (error instanceof APIConnectionError) return { failure: 'unreachable', retryable: true };
  return { failure: 'unexpected-error', retryable: false };
}
