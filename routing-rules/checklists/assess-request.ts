import { queueOfIntent, type Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { AssistanceMode } from './checklist-schema';
import { chooseAnswer, type ChosenAnswer, type CommuneFactValues } from './choose-answer';
import type { CompiledChecklistSet } from './compile-checklist-set';
import { evaluateChecklist, type ChecklistResult } from './evaluate-checklist';
import { messageEvidence, type CitizenMessage } from './message-evidence';

export interface RequestToAssess {
  intent: string;
  /** Calibrated confidence of the intent. */
  confidence: number;
  language: string;
  /** The queue the routing rules chose (before any pilot placement). */
  queue: string;
  messages: readonly CitizenMessage[];
}

export interface AssessmentContext {
  taxonomy: Taxonomy;
  /** Below it the intent is a guess: nothing is asked or answered on a guess. */
  confidenceThreshold: number;
  facts: CommuneFactValues;
}

export type Assessment =
  { kind: 'checklist'; mode: AssistanceMode; checklist: ChecklistResult } | { kind: 'answer'; mode: AssistanceMode; answer: ChosenAnswer };

/**
 * What the service can do for a request at once: check it against its intent's checklist, or answer it when its
 * intent is answerable. Only a confident intent routed to its own service counts, and only French text (the
 * checklists' patterns and the answers are French): a wrong intent would ask for the wrong things or answer another
 * question. An answerable intent whose answer does not fit this message (see chooseAnswer) gets nothing.
 */
export function assessRequest(set: CompiledChecklistSet, request: RequestToAssess, context: AssessmentContext): Assessment | null {
  if (request.language !== 'fr' || request.confidence < context.confidenceThreshold) return null;
  if (queueOfIntent(context.taxonomy, request.intent) !== request.queue) return null;
  const evidence = messageEvidence(request.messages);
  const checklist = set.checklists.get(request.intent);
  if (checklist) {
    const result = evaluateChecklist(checklist, evidence);
    return result && { kind: 'checklist', mode: checklist.checklist.missingRequest, checklist: result };
  }
  const answerable = set.answers.get(request.intent);
  const answer = answerable && chooseAnswer(answerable, evidence, context.facts);
  return answer ? { kind: 'answer', mode: answerable.answer.mode, answer } : null;
}
