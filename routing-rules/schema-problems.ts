import type { z } from 'zod';

import { weekdayLabels } from './describe-condition';
import type { RuleSetProblem } from './rule-set-problem';

type PathSegment = PropertyKey;

const fieldLabels: Record<string, string> = {
  version: 'version',
  fallbackQueue: 'file de repli',
  rules: 'liste des règles',
  workingSchedule: "horaires d'ouverture",
  timeZone: 'fuseau horaire',
  week: 'semaine',
  publicHolidays: 'jours fériés',
  closedDates: 'jours de fermeture',
  start: 'début',
  end: 'fin',
  id: 'identifiant',
  name: 'nom',
  enabled: 'activation',
  when: 'condition',
  then: 'actions',
  stop: "arrêt de l'évaluation",
  kind: 'type de condition',
  op: 'opérateur',
  value: 'valeur',
  values: 'valeurs',
  entityType: "type d'entité",
  field: 'champ examiné',
  words: 'mots-clés',
  match: 'mode de correspondance',
  pattern: 'expression régulière',
  flags: 'options',
  contentTypes: 'types de contenu',
  extensions: 'extensions',
  days: 'jours',
  from: 'date de début',
  to: 'date de fin',
  type: "type d'action",
  queue: 'file',
  priority: 'niveau de priorité',
  tags: 'étiquettes',
  strategy: "stratégie d'attribution",
  templateId: "modèle d'accusé de réception",
  url: 'adresse du webhook',
  secretRef: 'référence du secret',
  sla: 'échéance',
  amount: 'durée',
  unit: 'unité',
  ...weekdayLabels,
};

const expectedTypeLabels: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'vrai ou faux',
  array: 'une liste',
  object: 'un objet',
  date: 'une date',
};

/** Schema errors as sentences a town hall agent can act on: where (rule name, action n°…) and what to fix. */
export function schemaProblems(issues: readonly z.core.$ZodIssue[], draft: unknown): RuleSetProblem[] {
  return issues.map((issue) => {
    const ruleIndex = issue.path[0] === 'rules' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const rule = ruleIndex === undefined ? undefined : valueAt(draft, ['rules', ruleIndex]);
    const ruleId = readString(rule, 'id');
    const field = String(issue.path[issue.path.length - 1]);
    const isRegexIssue = issue.code === 'custom' && (field === 'pattern' || field === 'flags');
    return {
      severity: 'error',
      code: isRegexIssue ? 'invalid-regex' : 'schema',
      message: sentence(`${locate(locatedPath(issue), draft)} : ${explain(issue, draft)}`),
      ...(ruleId ? { ruleId } : {}),
      path: issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
    };
  });
}

/** An unknown condition kind or action type is a problem of the condition or action itself, not of its field. */
function locatedPath(issue: z.core.$ZodIssue): readonly PathSegment[] {
  return issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator !== 'op' ? issue.path.slice(0, -1) : issue.path;
}

export function describeRule(rule: unknown, index: number): string {
  const name = readString(rule, 'name');
  return name ? `Règle « ${name} » (n° ${index + 1})` : `Règle n° ${index + 1}`;
}

function locate(path: readonly PathSegment[], draft: unknown): string {
  if (path.length === 0) return 'Jeu de règles';
  if (path[0] === 'rules' && typeof path[1] === 'number') {
    const rule = describeRule(valueAt(draft, ['rules', path[1]]), path[1]);
    const rest = path.slice(2);
    if (rest.length === 0) return rule;
    if (rest[0] === 'priority' && rest.length === 1) return `${rule}, priorité d'évaluation`;
    if (rest[0] === 'then' && typeof rest[1] === 'number') {
      return [`${rule}, action ${rest[1] + 1}`, ...labels(rest.slice(2))].join(' › ');
    }
    return [`${rule}, ${labelOf(rest[0])}`, ...labels(rest.slice(1))].join(' › ');
  }
  return [capitalize(labelOf(path[0])), ...labels(path.slice(1))].join(' › ');
}

function labels(path: readonly PathSegment[]): string[] {
  const result: string[] = [];
  path.forEach((segment, position) => {
    if (typeof segment !== 'number') {
      if (segment === 'conditions' || (segment === 'condition' && path[position - 1] !== 'not')) return;
      result.push(segment === 'condition' ? 'condition niée' : labelOf(segment));
      return;
    }
    result.push(path[position - 1] === 'conditions' ? `sous-condition ${segment + 1}` : `élément ${segment + 1}`);
  });
  return result;
}

function labelOf(segment: PathSegment): string {
  return fieldLabels[String(segment)] ?? String(segment);
}

function explain(issue: z.core.$ZodIssue, draft: unknown): string {
  const received = valueAt(draft, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return received === undefined
        ? 'champ obligatoire manquant'
        : `${expectedTypeLabels[issue.expected] ?? issue.expected} attendu, ${JSON.stringify(received)} reçu`;
    case 'invalid_value':
      if (issue.path[issue.path.length - 1] === 'op') return unsupportedOperator(received, issue.values.map(String));
      return `valeur ${quote(received)} non autorisée ; valeurs possibles : ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return explainUnion(issue, received);
    case 'too_small':
      if (issue.origin === 'string') return 'ne doit pas être vide';
      if (issue.origin === 'array') return `au moins ${issue.minimum} élément(s) attendu(s)`;
      return `doit être ${issue.inclusive ? 'supérieur ou égal à' : 'supérieur à'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${issue.maximum} caractères au plus`;
      if (issue.origin === 'array') return `${issue.maximum} éléments au plus`;
      return `doit être ${issue.inclusive ? 'inférieur ou égal à' : 'inférieur à'} ${issue.maximum}`;
    case 'unrecognized_keys':
      return `champ(s) inconnu(s) : ${issue.keys.join(', ')} (faute de frappe ?)`;
    case 'invalid_key':
      return 'clé non autorisée';
    case 'invalid_format':
    case 'custom':
      return issue.message;
    default:
      return 'valeur invalide';
  }
}

function explainUnion(issue: z.core.$ZodIssueInvalidUnion, received: unknown): string {
  const discriminator = 'discriminator' in issue ? String(issue.discriminator) : undefined;
  const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
  if (received === undefined) return 'champ obligatoire manquant';
  if (discriminator === 'kind') return `type de condition ${quote(received)} inconnu ; types possibles : ${options.join(', ')}`;
  if (discriminator === 'type') return `type d'action ${quote(received)} inconnu ; types possibles : ${options.join(', ')}`;
  if (discriminator === 'op') return unsupportedOperator(received, options);
  return 'valeur invalide';
}

function unsupportedOperator(received: unknown, operators: readonly string[]): string {
  return `opérateur ${quote(received)} non pris en charge ici ; opérateurs possibles : ${operators.join(', ')}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function readString(value: unknown, key: string): string | undefined {
  const field = valueAt(value, [key]);
  return typeof field === 'string' && field.trim() !== '' ? field.trim() : undefined;
}

function quote(value: unknown): string {
  return `« ${typeof value === 'string' ? value : JSON.stringify(value)} »`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  return `${capitalize(text)}.`;
}
