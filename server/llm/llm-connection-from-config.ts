import type { Counter } from 'prom-client';

import type { Config } from '../config';
import type { Logger } from '../logger';
import { CircuitBreaker } from './circuit-breaker';
import { GuardedLlmCalls } from './guarded-llm-calls';
import type { ChatEndpoint } from './openai-compatible-chat';

/** Where the LLM answers and the guard every call to it goes through. */
export interface LlmConnection {
  endpoint: ChatEndpoint;
  guard: GuardedLlmCalls;
}

/**
 * The LLM the configuration names, or none when LLM_ENABLED is off. Each use (classification fallback, drafted
 * replies) gets its own connection and so its own circuit breaker; the monthly token budget is stored, and shared.
 */
export function llmConnectionFromConfig(config: Config, logger: Logger, calls: Pick<Counter<'outcome'>, 'inc'>): LlmConnection | null {
  if (!config.llmEnabled) return null;
  // Checked again here because typed overrides (tests, benchmarks) skip the schema's cross-field checks.
  if (!config.llmBaseUrl || !config.llmModel) throw new Error('LLM_ENABLED needs LLM_BASE_URL and LLM_MODEL');
  return {
    endpoint: { baseUrl: config.llmBaseUrl, model: config.llmModel, apiKey: config.llmApiKey, timeoutMs: config.llmTimeoutMs },
    guard: new GuardedLlmCalls(
      {
        model: config.llmModel,
        maxRetries: config.llmMaxRetries,
        retryBaseDelayMs: config.llmRetryBaseMs,
        monthlyTokenBudget: config.llmMonthlyTokenBudget,
        timeZone: config.timeZone,
      },
      new CircuitBreaker({ failureThreshold: config.llmCircuitFailureThreshold, cooldownMs: config.llmCircuitCooldownMs }),
      logger,
      calls,
    ),
  };
}
