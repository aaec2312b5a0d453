import type { Counter } from 'prom-client';
import type { LlmFallback } from '../../classifiers/llm/llm-fallback';
import type { Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { CircuitBreaker } from './circuit-breaker';
import { LlmClassificationFallback } from './llm-classification-fallback';
import { openAiCompatibleChat } from './openai-compatible-chat';

/** The LLM fallback the configuration asks for, or none when LLM_ENABLED is off. */
export function llmFallbackFromConfig(
  config: Config,
  taxonomy: Taxonomy,
  logger: Logger,
  calls: Pick<Counter<'outcome'>, 'inc'>,
): LlmFallback | undefined {
  if (!config.llmEnabled) return undefined;
  // Checked again here because typed overrides (tests, benchmarks) skip the schema's cross-field checks.
  if (!config.llmBaseUrl || !config.llmModel) throw new Error('LLM_ENABLED needs LLM_BASE_URL and LLM_MODEL');
  return new LlmClassificationFallback(
    {
      confidenceThreshold: config.llmConfidenceThreshold ?? config.confidenceThreshold,
      routingPolicy: { mode: config.llmRoutingPolicy, topAlternatives: config.llmAgreementTopQueues, confidenceCeiling: config.confidenceThreshold },
      model: config.llmModel,
      maxRetries: config.llmMaxRetries,
      retryBaseDelayMs: config.llmRetryBaseMs,
      monthlyTokenBudget: config.llmMonthlyTokenBudget,
      timeZone: config.timeZone,
    },
    taxonomy,
    openAiCompatibleChat({ baseUrl: config.llmBaseUrl, model: config.llmModel, apiKey: config.llmApiKey, timeoutMs: config.llmTimeoutMs }),
    new CircuitBreaker({ failureThreshold: config.llmCircuitFailureThreshold, cooldownMs: config.llmCircuitCooldownMs }),
    logger,
    calls,
  );
}
