import type { Counter } from 'prom-client';

import type { LlmFailure } from '../../classifiers/llm/llm-fallback';
import { maskPersonalData } from '../../classifiers/masking/mask-personal-data';
import { extractiveAnswer } from '../../classifiers/sources/extractive-answer';
import { readGroundedDraft } from '../../classifiers/sources/grounded-draft';
import type { FicheHit } from '../../classifiers/sources/search-fiches';
import { draftAnswerPromptVariables, draftAnswerPromptVersion } from '../../prompts/draft-answer.v1';
import type { Config } from '../config';
import type { GuardedLlmCalls } from '../llm/guarded-llm-calls';
import { llmConnectionFromConfig } from '../llm/llm-connection-from-config';
import { openAiCompatibleDraftChat, type AskToDraft } from '../llm/openai-compatible-chat';
import type { Logger } from '../logger';
import type { TicketQuestion } from './ticket-question';

/** A reply for the agent to insert: drafted by the LLM and citing the fiche, or else the fiche's section itself. */
export interface DraftedAnswer {
  text: string;
  origin: 'llm' | 'extractive';
  /** For the agent, in French: where the text comes from, and why it is the extractive one when it is. */
  notice: string;
  /** The LLM call's record (models/classifier/llm-call-model), when the LLM was asked. */
  llmCallId?: string;
  /** Why the extractive reply was given: the LLM is off, or its call's outcome. */
  fallback?: 'disabled' | LlmFailure;
}

/**
 * Drafts the reply to a ticket's question from one of its sources with the LLM, when the LLM is enabled. Only the
 * masked question leaves the machine; the draft is grounded on the fiche's section given in the prompt, and offered
 * only when it cites that fiche (its title and link) and echoes no placeholder. Otherwise, or when the LLM is off,
 * unavailable or over its budget, the agent gets the extractive reply, which quotes the section.
 */
export class AnswerDrafter {
  constructor(
    private readonly llm: { ask: AskToDraft; guard: GuardedLlmCalls } | null,
    private readonly timeZone: string,
  ) {}

  /** Whether the agent is offered drafted replies at all (the web app shows the button only then). */
  get enabled(): boolean {
    return this.llm !== null;
  }

  async draft(question: TicketQuestion, source: FicheHit): Promise<DraftedAnswer> {
    if (!this.llm)
      return extractive(
        source,
        'disabled',
        'La rédaction par le modèle de langage n’est pas activée : voici la réponse tirée de la fiche.',
      );
    const { ask, guard } = this.llm;
    const { masked } = maskPersonalData(question.text, {
      receivedAt: question.receivedAt,
      timeZone: this.timeZone,
      requesterName: question.requesterName,
    });
    const variables = draftAnswerPromptVariables(masked, source);
    const result = await guard.call(
      draftAnswerPromptVersion,
      () => ask(variables),
      (reply) => {
        const reading = readGroundedDraft(reply.content, source);
        return reading.ok ? { ok: true, value: reading.text } : { ok: false, failure: 'invalid-answer', invalidFields: [reading.problem] };
      },
    );
    if ('value' in result) {
      return {
        text: result.value,
        origin: 'llm',
        notice: `Réponse rédigée par le modèle de langage à partir de la fiche « ${source.title} » : relisez-la avant de l’envoyer.`,
        llmCallId: result.call.callId,
      };
    }
    const notice =
      result.failure === 'invalid-answer'
        ? 'La réponse rédigée ne citait pas la fiche ou reprenait des données masquées : voici la réponse tirée de la fiche.'
        : 'Le modèle de langage n’a pas pu rédiger de réponse pour le moment : voici la réponse tirée de la fiche.';
    return { ...extractive(source, result.failure, notice), llmCallId: result.call.callId };
  }
}

function extractive(source: FicheHit, fallback: DraftedAnswer['fallback'], notice: string): DraftedAnswer {
  return { text: extractiveAnswer(source), origin: 'extractive', notice, fallback };
}

/** The drafter the configuration asks for: with the LLM when LLM_ENABLED is on, extractive replies only otherwise. */
export function answerDrafterFromConfig(config: Config, logger: Logger, calls: Pick<Counter<'outcome'>, 'inc'>): AnswerDrafter {
  const connection = llmConnectionFromConfig(config, logger, calls);
  return new AnswerDrafter(connection && { ask: openAiCompatibleDraftChat(connection.endpoint), guard: connection.guard }, config.timeZone);
}
