import type { Classification, ClassifierOutput } from '../classification';
import type { Entity } from '../entities/entity';
import type { Taxonomy } from '../taxonomy/taxonomy';
import type { LlmFailure, LlmVerdict } from './llm-fallback';
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

/**
 * Turns the local decision into the final one once the LLM has been asked. An answer decides queue and intent (the
 * routing rules still judge its confidence); any failure sends the request to the fallback queue, keeping the local
 * opinions in the trace.
 */
export function applyLlmVerdict(
  taxonomy: Taxonomy,
  local: Classification,
  verdict: LlmVerdict,
  context: { text: string; extract: (snippet: string) => Entity[] },
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
  const opinion: ClassifierOutput = {
    classifier: 'llm',
    queue: answer.queue,
    intent: answer.intent,
    confidence: answer.confidence,
    queueScores: [{ label: answer.queue, score: answer.confidence }],
    intentScores: [{ label: answer.intent, score: answer.confidence }],
  };
  const entities = mergeLlmEntities(context.text, local.entities, answer.entities, context.extract);
  return {
    ...local,
    queue: answer.queue,
    intent: answer.intent,
    confidence: answer.confidence,
    decidedBy: 'llm',
    opinions: [...local.opinions, opinion],
    entities,
    llm: {
      ...verdict.call,
      outcome: 'answered',
      note: 'Classée par le modèle de langue, le classifieur local étant incertain.',
      reason: answer.reason,
      entitiesAdded: entities.length - local.entities.length,
    },
  };
}
