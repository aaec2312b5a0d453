import { readLlmAnswer } from '../../classifiers/llm/llm-answer';
import type { LlmFallback, LlmFallbackRequest, LlmRoutingPolicy, LlmVerdict } from '../../classifiers/llm/llm-fallback';
import { maskPersonalData } from '../../classifiers/masking/mask-personal-data';
import type { Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import { classifyRequestPromptVariables, classifyRequestPromptVersion, requestAsPromptText } from '../../prompts/classify-request.v1';
import type { GuardedLlmCalls } from './guarded-llm-calls';
import type { AskToClassify } from './openai-compatible-chat';

export interface LlmFallbackSettings {
  confidenceThreshold: number;
  routingPolicy: LlmRoutingPolicy;
}

/**
 * Asks the LLM about a request the local classifiers are unsure of. Only the masked text leaves the machine; the
 * budget, the circuit breaker, retries and the record of every use are the guard's (guarded-llm-calls); an answer
 * naming an unknown queue or intent is refused here.
 */
export class LlmClassificationFallback implements LlmFallback {
  readonly confidenceThreshold: number;
  readonly routingPolicy: LlmRoutingPolicy;

  constructor(
    settings: LlmFallbackSettings,
    private readonly taxonomy: Taxonomy,
    private readonly ask: AskToClassify,
    private readonly guard: GuardedLlmCalls,
  ) {
    this.confidenceThreshold = settings.confidenceThreshold;
    this.routingPolicy = settings.routingPolicy;
  }

  async classify(request: LlmFallbackRequest): Promise<LlmVerdict> {
    const { masked } = maskPersonalData(requestAsPromptText(request.subject, request.text), {
      receivedAt: request.receivedAt,
      timeZone: request.timeZone,
      requesterName: request.requesterName,
    });
    const variables = classifyRequestPromptVariables(this.taxonomy, masked, request.channel);
    const result = await this.guard.call(
      classifyRequestPromptVersion,
      () => this.ask(variables),
      (reply) => {
        const reading = readLlmAnswer(this.taxonomy, reply.content);
        if (reading.ok) return { ok: true, value: reading.answer };
        return {
          ok: false,
          failure: reading.failure,
          invalidFields: reading.failure === 'invalid-answer' ? reading.invalidFields : undefined,
        };
      },
    );
    return 'value' in result ? { call: result.call, answer: result.value } : result;
  }
}
