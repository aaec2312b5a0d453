import { entityTypes, type EntityType } from '../../classifiers/entities/entity';
import { compileLinearRegex, type LinearRegex } from '../regex-safety';
import type { AnswerVariant, Checklist, ChecklistItem, ChecklistSet, SafeAnswer } from './checklist-schema';

export interface CompiledItem {
  item: ChecklistItem;
  presentWhen: ReadonlyArray<{ entity: EntityType } | { regex: LinearRegex }>;
  notNeededWhen: readonly LinearRegex[];
  neededOnlyWhen: readonly LinearRegex[];
  /** The entity types its evidence reads (`entity` clues, `[[type]]` markers): one of them present but unattributed leaves the item to the agent. */
  relatedEntities: ReadonlySet<EntityType>;
  unsureWhen: readonly LinearRegex[];
}

export interface CompiledChecklist {
  checklist: Checklist;
  appliesWhen: readonly LinearRegex[];
  unlessAny: readonly LinearRegex[];
  items: readonly CompiledItem[];
}

export interface CompiledAnswer {
  answer: SafeAnswer;
  variants: ReadonlyArray<{ variant: AnswerVariant; when: readonly LinearRegex[] }>;
  unlessAny: readonly LinearRegex[];
}

/** A checklist set ready to evaluate: every pattern compiled once, checklists and answers by intent. */
export interface CompiledChecklistSet {
  source: ChecklistSet;
  checklists: ReadonlyMap<string, CompiledChecklist>;
  answers: ReadonlyMap<string, CompiledAnswer>;
}

/** Patterns are case-insensitive and run on accent-folded text: supervisors write « nee? le » for « né le », « Née le ». */
const compile = (pattern: string) => compileLinearRegex(pattern, 'i');

/** Compiles a set that passed checklistSetProblems; a pattern RE2 refuses throws. */
export function compileChecklistSet(set: ChecklistSet): CompiledChecklistSet {
  return {
    source: set,
    checklists: new Map(
      set.checklists.map((checklist) => [
        checklist.intent,
        {
          checklist,
          appliesWhen: checklist.appliesWhen.map(compile),
          unlessAny: checklist.unlessAny.map(compile),
          items: checklist.items.map((item) => ({
            item,
            presentWhen: item.presentWhen.map((evidence) =>
              'entity' in evidence ? { entity: evidence.entity } : { regex: compile(evidence.pattern) },
            ),
            notNeededWhen: item.notNeededWhen.map(compile),
            neededOnlyWhen: item.neededOnlyWhen.map(compile),
            relatedEntities: relatedEntities(item),
            unsureWhen: item.unsureWhen.map(compile),
          })),
        },
      ]),
    ),
    answers: new Map(
      set.answers.map((answer) => [
        answer.intent,
        {
          answer,
          variants: answer.variants.map((variant) => ({ variant, when: variant.when.map(compile) })),
          unlessAny: answer.unlessAny.map(compile),
        },
      ]),
    ),
  };
}

/** `[[person]]` as a pattern writes it: `\[\[person\]\]`. */
const entityMarker = /\\?\[\\?\[([a-z_]+)/g;

function relatedEntities(item: ChecklistItem): Set<EntityType> {
  const types = new Set<EntityType>();
  for (const evidence of item.presentWhen) {
    if ('entity' in evidence) types.add(evidence.entity);
    else
      for (const [, type] of evidence.pattern.matchAll(entityMarker))
        if ((entityTypes as readonly string[]).includes(type)) types.add(type as EntityType);
  }
  return types;
}
