import type { Counter } from 'prom-client';

import type { LlmFallback } from '../../classifiers/llm/llm-fallback';
import type { Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { LlmClassificationFallback } from './llm-classification-fallback';
import { llmConnectionFromConfig } from './llm-connection-from-config';
import { openAiCompatibleChat } from './openai-compatible-chat';

/** The LLM fallback the configuration asks for, or none when LLM_ENABLED is off. */
export function llmFallbackFromConfig(
  config: Config,
  taxonomy: Taxonomy,
  logger: Logger,
  calls: Pick<Counter<'outcome'>, 'inc'>,
): LlmFallback | undefined {
  const connection = llmConnectionFromConfig(config, logger, calls);
  if (!connection) return undefined;
  return new LlmClassificationFallback(
    {
      confidenceThreshold: config.llmConfidenceThreshold ?? config.confidenceThreshold,
      routingPolicy: {
        mode: config.llmRoutingPolicy,
        topAlternatives: config.llmAgreementTopQueues,
        confidenceCeiling: config.confidenceThreshold,
      },
    },
    taxonomy,
    openAiCompatibleChat(connection.endpoint),
    connection.guard,
  );
}
