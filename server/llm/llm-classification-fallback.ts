import type { Counter } from 'prom-client';
import { readLlmAnswer } from '../../classifiers/llm/llm-answer';
import type { LlmFailure, LlmFallback, LlmFallbackRequest, LlmRoutingPolicy, LlmVerdict } from '../../classifiers/llm/llm-fallback';
import { maskPersonalData } from '../../classifiers/masking/mask-personal-data';
import type { Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import { recordLlmCall, tokensUsedInMonth, type NewLlmCall } from '../../models/classifier/llm-call-repository';
import {
  classifyRequestPromptVariables,
  classifyRequestPromptVersion,
  requestAsPromptText,
} from '../../prompts/classify-request.v1';
import type { Logger } from '../logger';
import { withBoundedRetries } from './bounded-retries';
import { budgetMonthOf } from './budget-month';
import type { CircuitBreaker } from './circuit-breaker';
import { describeLlmCallError } from './llm-call-error';
import type { AskToClassify, ChatReply } from './openai-compatible-chat';

export interface LlmFallbackSettings {
  confidenceThreshold: number;
  routingPolicy: LlmRoutingPolicy;
  model: string;
  maxRetries: number;
  retryBaseDelayMs: number;
  monthlyTokenBudget: number;
  /** The town hall's time zone: the budget month starts at midnight there. */
  timeZone: string;
}

/**
 * Asks the LLM about a request the local classifiers are unsure of. Only the masked text leaves the machine; the
 * budget and the circuit breaker are checked before any network call; every use is recorded, figures only. The
 * breaker counts only the service's unavailability: a service that answers badly is up, and its bad answers are
 * refused one by one.
 */
export class LlmClassificationFallback implements LlmFallback {
  readonly confidenceThreshold: number;
  readonly routingPolicy: LlmRoutingPolicy;

  constructor(
    private readonly settings: LlmFallbackSettings,
    private readonly taxonomy: Taxonomy,
    private readonly ask: AskToClassify,
    private readonly breaker: CircuitBreaker,
    private readonly logger: Logger,
    /** Counts every use by outcome (the service's metrics). */
    private readonly calls: Pick<Counter<'outcome'>, 'inc'>,
  ) {
    this.confidenceThreshold = settings.confidenceThreshold;
    this.routingPolicy = settings.routingPolicy;
  }

  async classify(request: LlmFallbackRequest): Promise<LlmVerdict> {
    const startedAt = new Date();
    const month = budgetMonthOf(startedAt, this.settings.timeZone);
    // The total is read before the call and added to after it, so concurrent calls can overshoot by a call or two.
    if ((await tokensUsedInMonth(month)) >= this.settings.monthlyTokenBudget) return this.refuse('over-budget', startedAt, month);
    if (!this.breaker.tryAcquire()) return this.refuse('circuit-open', startedAt, month);

    const { masked } = maskPersonalData(requestAsPromptText(request.subject, request.text), {
      receivedAt: request.receivedAt,
      timeZone: request.timeZone,
      requesterName: request.requesterName,
    });
    const variables = classifyRequestPromptVariables(this.taxonomy, masked, request.channel);
    const callStartedAt = Date.now();
    const result = await withBoundedRetries(() => this.ask(variables), {
      maxRetries: this.settings.maxRetries,
      baseDelayMs: this.settings.retryBaseDelayMs,
      isRetryable: (error) => describeLlmCallError(error).retryable,
    });
    const figures = { at: startedAt, attempts: result.attempts, latencyMs: Date.now() - callStartedAt };

    if (!result.ok) {
      const problem = describeLlmCallError(result.error);
      this.breaker.recordFailure();
      if (problem.failure === 'unexpected-error') this.logger.error({ err: { name: (result.error as Error)?.name } }, 'unexpected LLM call error');
      return this.fail(problem.failure, { ...figures, httpStatus: problem.httpStatus }, month);
    }
    this.breaker.recordSuccess();
    const reply = result.value;
    const reading = readLlmAnswer(this.taxonomy, reply.content);
    if (!reading.ok) {
      return this.fail(reading.failure, { ...figures, ...tokensOf(reply) }, month, reading.failure === 'invalid-answer' ? reading.invalidFields : undefined);
    }
    const call = await this.record({ ...figures, ...tokensOf(reply), outcome: 'answered' }, month);
    return { call, answer: reading.answer };
  }

  private refuse(failure: LlmFailure, at: Date, month: string): Promise<LlmVerdict> {
    return this.fail(failure, { at, attempts: 0, latencyMs: 0 }, month);
  }

  private async fail(
    failure: LlmFailure,
    figures: Omit<NewLlmCall, 'outcome' | 'promptVersion' | 'model'>,
    month: string,
    invalidFields?: string[],
  ): Promise<LlmVerdict> {
    const call = await this.record({ ...figures, outcome: failure }, month);
    this.logger.warn(
      { llmCallId: call.callId, outcome: failure, attempts: figures.attempts, httpStatus: figures.httpStatus, invalidFields },
      'LLM fallback failed, request left to manual triage',
    );
    return { call, failure, invalidFields };
  }

  private async record(call: Omit<NewLlmCall, 'promptVersion' | 'model'>, month: string) {
    const reference = { promptVersion: classifyRequestPromptVersion, model: this.settings.model };
    const callId = await recordLlmCall({ ...call, ...reference }, month);
    this.calls.inc({ outcome: call.outcome });
    return { callId, ...reference };
  }
}

function tokensOf(reply: ChatReply) {
  return { promptTokens: reply.promptTokens, completionTokens: reply.completionTokens, totalTokens: reply.totalTokens };
}
