import type { Classification } from '../../classifiers/classification';
import type { Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { RequestDocument } from '../../models/request/request-model';
import { assessRequest } from '../../routing-rules/checklists/assess-request';
import { missingInformationText, safeAnswerText } from '../../routing-rules/checklists/assistance-text';
import type { FicheSources } from '../sources/fiche-sources';
import type { ActiveChecklistSet } from './active-checklist-set';
import { answerSource } from './answer-source';
import { communeFactsFor } from './commune-facts';

export interface AssistanceParts {
  active: ActiveChecklistSet;
  taxonomy: Taxonomy;
  /** The routing threshold: below it the intent is a guess, and nothing is asked or answered on a guess. */
  confidenceThreshold: number;
  /** Where answers' links point into the fiches; absent, they cite the fiche as a whole. */
  fiches?: Pick<FicheSources, 'search'>;
  now: () => Date;
}

/**
 * The ticket's `assistance` when its request is processed: the checklist's state (shown to agents whatever the
 * mode) and, when the intent's mode is pilot or automatic, the missing-information request or the answer, either
 * suggested to the agent (pilot) or to be written into the acknowledgement (automatic). Undefined when nothing
 * applies: an uncertain or foreign-language request, an intent without checklist or answer, an answer that does not
 * fit this message.
 */
export async function prepareAssistance(
  parts: AssistanceParts,
  request: RequestDocument,
  classification: Classification,
  decidedQueue: string,
) {
  // The checklists and the facts of the request's commune (its own, else the service's).
  const commune = request.commune ?? null;
  const { version, compiled } = await parts.active.current(commune);
  const assessment = assessRequest(
    compiled,
    {
      intent: classification.intent,
      confidence: classification.confidence,
      language: classification.language,
      queue: decidedQueue,
      messages: [{ subject: request.subject ?? '', text: request.text, entities: classification.entities }],
    },
    { taxonomy: parts.taxonomy, confidenceThreshold: parts.confidenceThreshold, facts: await communeFactsFor(commune) },
  );
  if (!assessment) return undefined;
  const now = parts.now();
  const common = { intent: classification.intent, checklistSetVersion: version, kind: assessment.kind, mode: assessment.mode };
  const status = assessment.mode === 'automatic' ? ('in-acknowledgement' as const) : ('suggested' as const);
  if (assessment.kind === 'checklist') {
    const { checklist } = assessment;
    const missing = checklist.items.filter((item) => checklist.missing.includes(item.id));
    return {
      ...common,
      checklist: { status: checklist.status, items: checklist.items, evaluatedAt: now },
      ...(assessment.mode !== 'off' && missing.length > 0
        ? {
            reply: {
              kind: 'missing-information' as const,
              text: missingInformationText(missing),
              items: missing.map((item) => item.id),
              status,
              preparedAt: now,
            },
          }
        : {}),
    };
  }
  if (assessment.mode === 'off') return undefined;
  const { answer } = assessment;
  const source = answerSource(answer.source, `${request.subject ?? ''} ${request.text}`, parts.fiches);
  return {
    ...common,
    reply: {
      kind: 'answer' as const,
      text: safeAnswerText({ text: answer.text, source }),
      variant: answer.variant,
      ...(source ? { source } : {}),
      status,
      preparedAt: now,
    },
  };
}

export type PreparedAssistance = NonNullable<Awaited<ReturnType<typeof prepareAssistance>>>;
