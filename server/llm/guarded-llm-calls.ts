import type { Counter } from 'prom-client';

import type { LlmCallReference, LlmFailure } from '../../classifiers/llm/llm-fallback';
import { recordLlmCall, tokensUsedInMonth, type NewLlmCall } from '../../models/classifier/llm-call-repository';
import type { Logger } from '../logger';
import { withBoundedRetries } from './bounded-retries';
import { budgetMonthOf } from './budget-month';
import type { CircuitBreaker } from './circuit-breaker';
import { describeLlmCallError } from './llm-call-error';
import type { ChatReply } from './openai-compatible-chat';

export interface GuardedLlmCallSettings {
  model: string;
  maxRetries: number;
  retryBaseDelayMs: number;
  monthlyTokenBudget: number;
  /** The town hall's time zone: the budget month starts at midnight there. */
  timeZone: string;
}

/** What the caller makes of a reply: a value, or the reason it is refused. */
export type LlmReplyReading<T> = { ok: true; value: T } | { ok: false; failure: LlmFailure; invalidFields?: string[] };

export type GuardedLlmResult<T> =
  { call: LlmCallReference; value: T } | { call: LlmCallReference; failure: LlmFailure; invalidFields?: string[] };

/**
 * Every use of the LLM goes through here: the month's token budget and the circuit breaker are checked before any
 * network call, retries are bounded, and each use is recorded (figures only: models/classifier/llm-call-model) and
 * counted by outcome. The breaker counts only the service's unavailability: a service that answers badly is up, and
 * its bad answers are refused one by one by the caller's reading.
 */
export class GuardedLlmCalls {
  constructor(
    private readonly settings: GuardedLlmCallSettings,
    private readonly breaker: CircuitBreaker,
    private readonly logger: Logger,
    /** Counts every use by outcome (the service's metrics). */
    private readonly calls: Pick<Counter<'outcome'>, 'inc'>,
  ) {}

  async call<T>(
    promptVersion: string,
    ask: () => Promise<ChatReply>,
    read: (reply: ChatReply) => LlmReplyReading<T>,
  ): Promise<GuardedLlmResult<T>> {
    const startedAt = new Date();
    const month = budgetMonthOf(startedAt, this.settings.timeZone);
    const refused = { at: startedAt, attempts: 0, latencyMs: 0 };
    // The total is read before the call and added to after it, so concurrent calls can overshoot by a call or two.
    if ((await tokensUsedInMonth(month)) >= this.settings.monthlyTokenBudget)
      return this.fail(promptVersion, 'over-budget', refused, month);
    if (!this.breaker.tryAcquire()) return this.fail(promptVersion, 'circuit-open', refused, month);

    const callStartedAt = Date.now();
    const result = await withBoundedRetries(ask, {
      maxRetries: this.settings.maxRetries,
      baseDelayMs: this.settings.retryBaseDelayMs,
      isRetryable: (error) => describeLlmCallError(error).retryable,
    });
    const figures = { at: startedAt, attempts: result.attempts, latencyMs: Date.now() - callStartedAt };

    if (!result.ok) {
      const problem = describeLlmCallError(result.error);
      this.breaker.recordFailure();
      if (problem.failure === 'unexpected-error')
        this.logger.error({ err: { name: (result.error as Error)?.name } }, 'unexpected LLM call error');
      return this.fail(promptVersion, problem.failure, { ...figures, httpStatus: problem.httpStatus }, month);
    }
    this.breaker.recordSuccess();
    const reply = result.value;
    const tokens = { promptTokens: reply.promptTokens, completionTokens: reply.completionTokens, totalTokens: reply.totalTokens };
    const reading = read(reply);
    if (!reading.ok) return this.fail(promptVersion, reading.failure, { ...figures, ...tokens }, month, reading.invalidFields);
    const call = await this.record(promptVersion, { ...figures, ...tokens, outcome: 'answered' }, month);
    return { call, value: reading.value };
  }

  private async fail(
    promptVersion: string,
    failure: LlmFailure,
    figures: Omit<NewLlmCall, 'outcome' | 'promptVersion' | 'model'>,
    month: string,
    invalidFields?: string[],
  ): Promise<GuardedLlmResult<never>> {
    const call = await this.record(promptVersion, { ...figures, outcome: failure }, month);
    this.logger.warn(
      {
        llmCallId: call.callId,
        promptVersion,
        outcome: failure,
        attempts: figures.attempts,
        httpStatus: figures.httpStatus,
        invalidFields,
      },
      'LLM call failed',
    );
    return { call, failure, invalidFields };
  }

  private async record(promptVersion: string, call: Omit<NewLlmCall, 'promptVersion' | 'model'>, month: string): Promise<LlmCallReference> {
    const reference = { promptVersion, model: this.settings.model };
    const callId = await recordLlmCall({ ...call, ...reference }, month);
    this.calls.inc({ outcome: call.outcome });
    return { callId, ...reference };
  }
}
