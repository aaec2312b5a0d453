import type { CompiledChecklist, CompiledItem } from './compile-checklist-set';
import type { MessageEvidence } from './message-evidence';

export interface ChecklistItemResult {
  id: string;
  label: string;
  question: string;
  present: boolean;
  /** Not found, but not asked for either: the agent checks it (« à vérifier »). */
  toVerify: boolean;
}

export interface ChecklistResult {
  intent: string;
  /** `missing` as soon as one item is not found, whether it is asked for or left to the agent. */
  status: 'complete' | 'missing';
  /** The items this message needs (those it does not need are left out), in the checklist's order. */
  items: ChecklistItemResult[];
  /** Ids of the items to ask the citizen for: what the classify CLI prints and the acknowledgement asks for. */
  missing: string[];
}

/**
 * Which of the checklist's items the conversation holds, or null when the checklist does not apply to it (a general
 * question, see `appliesWhen`; a follow-up, see `unlessAny`). An item is present as soon as one piece of evidence is:
 * asking a citizen for what they already wrote is the worse mistake, so evidence is generous, and an item not found
 * is asked for only when nothing hints that it may be there unread (see `mayHoldUnread`); otherwise the agent
 * checks it.
 */
export function evaluateChecklist(compiled: CompiledChecklist, evidence: MessageEvidence): ChecklistResult | null {
  if (compiled.appliesWhen.length > 0 && !compiled.appliesWhen.some((regex) => regex.test(evidence.text))) return null;
  if (compiled.unlessAny.some((regex) => regex.test(evidence.text))) return null;
  const items = compiled.items
    .filter(
      ({ notNeededWhen, neededOnlyWhen }) =>
        !notNeededWhen.some((regex) => regex.test(evidence.text)) &&
        (neededOnlyWhen.length === 0 || neededOnlyWhen.some((regex) => regex.test(evidence.text))),
    )
    .map((compiledItem) => {
      const { item, presentWhen } = compiledItem;
      const present = presentWhen.some((clue) =>
        'entity' in clue ? evidence.entityTypes.has(clue.entity) : clue.regex.test(evidence.text),
      );
      return {
        id: item.id,
        label: item.label,
        question: item.question,
        present,
        toVerify: !present && mayHoldUnread(compiledItem, evidence),
      };
    });
  const notFound = items.filter((item) => !item.present);
  return {
    intent: compiled.checklist.intent,
    status: notFound.length === 0 ? 'complete' : 'missing',
    items,
    missing: notFound.filter((item) => !item.toVerify).map((item) => item.id),
  };
}

/**
 * Whether an item not found may still be in the message, so that asking for it would risk asking for what the
 * citizen wrote: the item is the agent's to ask (`ask: 'agent'`), the message is too long or tangled for patterns
 * to be trusted, an entity its evidence reads is there but not where the evidence expects it (a name, but not next
 * to « mère »), or a hint of the item's kind of information matches.
 */
function mayHoldUnread({ item, relatedEntities, unsureWhen }: CompiledItem, evidence: MessageEvidence): boolean {
  return (
    item.ask === 'agent' ||
    evidence.complex ||
    [...relatedEntities].some((type) => evidence.entityTypes.has(type)) ||
    unsureWhen.some((regex) => regex.test(evidence.text))
  );
}
