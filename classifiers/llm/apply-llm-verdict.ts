import type { Classification, ClassifierOutput } from '../classification';
import type { Entity } from '../entities/entity';
import type { Taxonomy } from '../taxonomy/taxonomy';
import type { LlmAgreement, LlmFailure, LlmRoutingPolicy, LlmVerdict } from './llm-fallback';
import { mergeLlmEntities } from './merge-llm-entities';

const manualTriage = 'La demande est confiée au tri manuel.';

/** Shown to agents in the ticket's trace. */
export const llmFailureNotes: Record<LlmFailure, string> = {
  timeout: `Le modèle de langue n'a pas répondu dans le délai imparti. ${manualTriage}`,
  'rate-limited': `Le service du modèle de langue a refusé l'appel (trop de requêtes). ${manualTriage}`,
  'server-error': `Le service du modèle de langue est en erreur. ${manualTriage}`,
  unreachable: `Le service du modèle de langue est injoignable. ${manualTriage}`,
  rejected: `Le service du modèle de langue a rejeté l'appel (configuration ou accès). ${manualTriage}`,
  'unexpected-error': `Erreur inattendue lors de l'appel au modèle de langue. ${manualTriage}`,
  'malformed-json': `La réponse du modèle de langue n'était pas un JSON lisible. ${manualTriage}`,
  'invalid-answer': `La réponse du modèle de langue ne correspond à aucune file ou motif existant. ${manualTriage}`,
  'circuit-open': `Le modèle de langue est mis à l'écart après des échecs répétés. ${manualTriage}`,
  'over-budget': `Le budget mensuel du modèle de langue est épuisé. ${manualTriage}`,
};

/** Longest LLM explanation kept: it is machine-generated text, shown to agents as such and never as markup. */
export const MAX_LLM_REASON_LENGTH = 200;

/**
 * Turns the local decision into the final one once the LLM has been asked. An answer routes only under the routing
 * policy: by default when its queue is one of the local classifier's best alternatives (an LLM's answer alone, and
 * the confidence it claims, are not evidence enough: it can be wrong, or steered by the text it read); the
 * decision's confidence is then at most the policy's ceiling, whatever the LLM claimed. A disagreement, or any
 * failure, sends the request to the fallback queue, keeping both opinions in the trace.
 */
export function applyLlmVerdict(
  taxonomy: Taxonomy,
  local: Classification,
  verdict: LlmVerdict,
  context: { text: string; extract: (snippet: string) => Entity[]; policy: LlmRoutingPolicy },
): Classification {
  if ('failure' in verdict) {
    return {
      ...local,
      queue: taxonomy.fallbackQueue,
      decidedBy: 'llm-failed',
      llm: { ...verdict.call, outcome: verdict.failure, note: llmFailureNotes[verdict.failure], invalidFields: verdict.invalidFields },
    };
  }
  const { answer } = verdict;
  const { policy } = context;
  const opinion: ClassifierOutput = {
    classifier: 'llm',
    queue: answer.queue,
    intent: answer.intent,
    confidence: answer.confidence,
    queueScores: [{ label: answer.queue, score: answer.confidence }],
    intentScores: [{ label: answer.intent, score: answer.confidence }],
  };
  const entities = mergeLlmEntities(context.text, local.entities, answer.entities, context.extract);
  const alternatives = (local.opinions[0]?.queueScores ?? [{ label: local.queue, score: local.confidence }])
    .slice(0, policy.topAlternatives)
    .map(({ label }) => label);
  const agreement: LlmAgreement = alternatives.includes(answer.queue)
    ? 'agreed'
    : policy.mode === 'trust-llm'
      ? 'trusted-by-policy'
      : 'disagreed';
  const trace = {
    ...verdict.call,
    outcome: 'answered' as const,
    reason: truncated(answer.reason),
    agreement,
    selfReportedConfidence: answer.confidence,
    entitiesAdded: entities.length - local.entities.length,
  };
  if (agreement === 'disagreed') {
    return {
      ...local,
      queue: taxonomy.fallbackQueue,
      decidedBy: 'llm-disagreed',
      opinions: [...local.opinions, opinion],
      entities,
      llm: {
        ...trace,
        note:
          `Désaccord : le modèle de langue propose la file ${answer.queue}, qui n'est pas parmi les ${alternatives.length} files ` +
          `envisagées par le classifieur local (${alternatives.join(', ')}). La demande est confiée au tri manuel.`,
      },
    };
  }
  return {
    ...local,
    queue: answer.queue,
    intent: answer.intent,
    confidence: Math.min(answer.confidence, policy.confidenceCeiling),
    decidedBy: 'llm',
    opinions: [...local.opinions, opinion],
    entities,
    llm: {
      ...trace,
      note:
        agreement === 'agreed'
          ? 'Classée par le modèle de langue, le classifieur local étant incertain, dans une des files que celui-ci envisageait.'
          : "Classée par le modèle de langue hors des files envisagées par le classifieur local, comme l'exploitant l'a choisi (LLM_ROUTING_POLICY).",
    },
  };
}

function truncated(reason: string): string {
  return reason.length <= MAX_LLM_REASON_LENGTH ? reason : `${reason.slice(0, MAX_LLM_REASON_LENGTH - 1).trimEnd()}…`;
}
