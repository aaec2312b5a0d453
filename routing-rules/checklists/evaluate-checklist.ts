import type { CompiledChecklist } from './compile-checklist-set';
import type { MessageEvidence } from './message-evidence';

export interface ChecklistItemResult {
  id: string;
  label: string;
  question: string;
  present: boolean;
}

export interface ChecklistResult {
  intent: string;
  status: 'complete' | 'missing';
  /** The items this message needs (those it does not need are left out), in the checklist's order. */
  items: ChecklistItemResult[];
  /** Ids of the missing items: what the classify CLI prints and the acknowledgement asks for. */
  missing: string[];
}

/**
 * Which of the checklist's items the conversation holds, or null when the checklist does not apply to it (a general
 * question, see `appliesWhen`; a follow-up, see `unlessAny`). An item is present as soon as one piece of evidence is:
 * asking a citizen for what they already wrote is the worse mistake, so evidence is generous and an item is
 * declared missing only when nothing hints at it.
 */
export function evaluateChecklist(compiled: CompiledChecklist, evidence: MessageEvidence): ChecklistResult | null {
  if (compiled.appliesWhen.length > 0 && !compiled.appliesWhen.some((regex) => regex.test(evidence.text))) return null;
  if (compiled.unlessAny.some((regex) => regex.test(evidence.text))) return null;
  const items = compiled.items
    .filter(({ notNeededWhen, neededOnlyWhen }) =>
      !notNeededWhen.some((regex) => regex.test(evidence.text)) &&
      (neededOnlyWhen.length === 0 || neededOnlyWhen.some((regex) => regex.test(evidence.text))),
    )
    .map(({ item, presentWhen }) => ({
      id: item.id,
      label: item.label,
      question: item.question,
      present: presentWhen.some((clue) => ('entity' in clue ? evidence.entityTypes.has(clue.entity) : clue.regex.test(evidence.text))),
    }));
  const missing = items.filter((item) => !item.present).map((item) => item.id);
  return { intent: compiled.checklist.intent, status: missing.length === 0 ? 'complete' : 'missing', items, missing };
}
