import type { z } from 'zod';

import { regexProblem } from '../regex-safety';
import { checklistSetSchema, type ChecklistSet } from './checklist-schema';
import { unknownPlaceholders } from './choose-answer';

export interface ChecklistSetProblem {
  severity: 'error' | 'warning';
  /** French, for the supervisor editing the checklists. */
  message: string;
  path: Array<string | number>;
}

export interface ChecklistSetContext {
  /** The taxonomy's intents: a checklist or answer for any other intent would never apply. */
  knownIntents: readonly string[];
}

/**
 * Everything wrong with a draft, in French, located by intent and item: schema errors, patterns RE2 refuses, unknown
 * or duplicate intents, duplicate items, placeholders that are not commune facts, an intent both asked for and
 * answered (one assisted reply per ticket). An empty list (or warnings only) means it can be published.
 */
export function checklistSetProblems(draft: unknown, context: ChecklistSetContext): ChecklistSetProblem[] {
  const parsed = checklistSetSchema.safeParse(draft);
  if (!parsed.success) return parsed.error.issues.map((issue) => schemaProblem(issue, draft));
  const set = parsed.data;
  return [...patternProblems(set), ...intentProblems(set, context), ...itemProblems(set), ...answerProblems(set)];
}

export function hasBlockingChecklistProblems(problems: readonly ChecklistSetProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

export class InvalidChecklistSetError extends Error {
  constructor(readonly problems: readonly ChecklistSetProblem[]) {
    super(`Invalid checklist set: ${problems.map((problem) => problem.message).join(' | ')}`);
    this.name = 'InvalidChecklistSetError';
  }
}

/** Parses and checks; throws InvalidChecklistSetError with the French problems when something blocks. */
export function parseChecklistSet(draft: unknown, context: ChecklistSetContext): ChecklistSet {
  const problems = checklistSetProblems(draft, context);
  if (hasBlockingChecklistProblems(problems)) throw new InvalidChecklistSetError(problems);
  return checklistSetSchema.parse(draft);
}

const error = (message: string, path: ChecklistSetProblem['path']): ChecklistSetProblem => ({ severity: 'error', message, path });

function patternProblems(set: ChecklistSet): ChecklistSetProblem[] {
  const problems: ChecklistSetProblem[] = [];
  const check = (pattern: string, where: string, path: ChecklistSetProblem['path']) => {
    const problem = regexProblem(pattern, 'i');
    if (problem) problems.push(error(`${where} : ${problem} (« ${pattern} »).`, path));
  };
  set.checklists.forEach((checklist, c) => {
    checklist.appliesWhen.forEach((pattern, p) => check(pattern, `Liste « ${checklist.intent} »`, ['checklists', c, 'appliesWhen', p]));
    checklist.unlessAny.forEach((pattern, p) => check(pattern, `Liste « ${checklist.intent} »`, ['checklists', c, 'unlessAny', p]));
    checklist.items.forEach((item, i) => {
      const where = `Liste « ${checklist.intent} », élément « ${item.id} »`;
      item.presentWhen.forEach((evidence, e) => {
        if ('pattern' in evidence) check(evidence.pattern, where, ['checklists', c, 'items', i, 'presentWhen', e, 'pattern']);
      });
      item.notNeededWhen.forEach((pattern, p) => check(pattern, where, ['checklists', c, 'items', i, 'notNeededWhen', p]));
      item.neededOnlyWhen.forEach((pattern, p) => check(pattern, where, ['checklists', c, 'items', i, 'neededOnlyWhen', p]));
      item.unsureWhen.forEach((pattern, p) => check(pattern, where, ['checklists', c, 'items', i, 'unsureWhen', p]));
    });
  });
  set.answers.forEach((answer, a) => {
    const where = `Réponse « ${answer.intent} »`;
    answer.unlessAny.forEach((pattern, p) => check(pattern, where, ['answers', a, 'unlessAny', p]));
    answer.variants.forEach((variant, v) =>
      variant.when.forEach((pattern, p) =>
        check(pattern, `${where}, variante « ${variant.id} »`, ['answers', a, 'variants', v, 'when', p]),
      ),
    );
  });
  return problems;
}

function intentProblems(set: ChecklistSet, context: ChecklistSetContext): ChecklistSetProblem[] {
  const problems: ChecklistSetProblem[] = [];
  const seen = new Map<string, string>();
  const visit = (intent: string, kind: 'checklists' | 'answers', index: number) => {
    const what = kind === 'checklists' ? 'Liste' : 'Réponse';
    if (!context.knownIntents.includes(intent))
      problems.push(error(`${what} « ${intent} » : ce motif n'existe pas dans la taxonomie.`, [kind, index, 'intent']));
    const earlier = seen.get(intent);
    if (earlier === kind)
      problems.push(
        error(`${what} « ${intent} » : ce motif a déjà ${kind === 'checklists' ? 'une liste' : 'une réponse'}.`, [kind, index, 'intent']),
      );
    else if (earlier)
      problems.push(
        error(`Le motif « ${intent} » a à la fois une liste et une réponse : une demande reçoit l'une ou l'autre, choisissez.`, [
          kind,
          index,
          'intent',
        ]),
      );
    seen.set(intent, kind);
  };
  set.checklists.forEach((checklist, index) => visit(checklist.intent, 'checklists', index));
  set.answers.forEach((answer, index) => visit(answer.intent, 'answers', index));
  return problems;
}

function itemProblems(set: ChecklistSet): ChecklistSetProblem[] {
  return set.checklists.flatMap((checklist, c) => {
    const ids = new Set<string>();
    return checklist.items.flatMap((item, i) => {
      if (!ids.has(item.id)) {
        ids.add(item.id);
        return [];
      }
      return [error(`Liste « ${checklist.intent} » : l'élément « ${item.id} » figure deux fois.`, ['checklists', c, 'items', i, 'id'])];
    });
  });
}

function answerProblems(set: ChecklistSet): ChecklistSetProblem[] {
  return set.answers.flatMap((answer, a) => {
    const problems: ChecklistSetProblem[] = [];
    const defaults = answer.variants.filter((variant) => variant.when.length === 0);
    if (defaults.length > 1) {
      problems.push(
        error(
          `Réponse « ${answer.intent} » : une seule variante peut s'appliquer par défaut (sans condition), il y en a ${defaults.length}.`,
          ['answers', a, 'variants'],
        ),
      );
    }
    answer.variants.forEach((variant, v) => {
      for (const name of unknownPlaceholders(variant.text)) {
        problems.push(
          error(`Réponse « ${answer.intent} », variante « ${variant.id} » : {{${name}}} n'est pas une information de la commune.`, [
            'answers',
            a,
            'variants',
            v,
            'text',
          ]),
        );
      }
    });
    return problems;
  });
}

function schemaProblem(issue: z.core.$ZodIssue, draft: unknown): ChecklistSetProblem {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  return error(`${locate(path, draft)} : ${frenchIssue(issue)}`, path);
}

/** « Liste « copie-acte-naissance », élément 2, champ question » from a path into the draft. */
function locate(path: ReadonlyArray<string | number>, draft: unknown): string {
  const [section, index, ...rest] = path;
  if (section !== 'checklists' && section !== 'answers') return path.length === 0 ? 'Jeu de listes' : `Champ ${path.join('.')}`;
  const entry = (draft as Record<string, unknown[] | undefined>)[section]?.[index as number] as { intent?: unknown } | undefined;
  const name = typeof entry?.intent === 'string' ? `« ${entry.intent} »` : `n° ${(index as number) + 1}`;
  const head = `${section === 'checklists' ? 'Liste' : 'Réponse'} ${name}`;
  return rest.length === 0 ? head : `${head}, champ ${rest.join('.')}`;
}

function frenchIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return 'valeur manquante ou du mauvais type';
    case 'unrecognized_keys':
      return `champ inconnu : ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `valeur non autorisée (valeurs possibles : ${issue.values.map(String).join(', ')})`;
    case 'too_small':
      return issue.origin === 'array'
        ? `au moins ${String(issue.minimum)} élément(s)`
        : `vide ou trop court (au moins ${String(issue.minimum)} caractère(s))`;
    case 'too_big':
      return issue.origin === 'array'
        ? `au plus ${String(issue.maximum)} éléments`
        : `trop long (au plus ${String(issue.maximum)} caractères)`;
    case 'invalid_union':
      return 'indice non reconnu : écrivez { "entity": "date" } ou { "pattern": "…" }';
    default:
      return issue.message;
  }
}
