import type { EntityType } from '../../../../classifiers/entities/entity';
import type { Action, Condition, LeafCondition, NumericOperator, PriorityLevel, Rule } from '../../../../routing-rules/rule-schema';
import type { Sla } from '../../../../routing-rules/sla';
import { entityLabels } from '../../labels/entity-labels';
import { fallbackQueueId } from '../../labels/taxonomy-labels';

/** The words of the rule editor: every kind of condition and action of routing-rules/rule-schema.ts, in French. */
export type ActionType = Action['type'];

export const leafKindLabels: Record<LeafCondition['kind'], string> = {
  intent: 'Motif prédit',
  queue: 'File prédite',
  confidence: 'Confiance du classifieur',
  keywords: 'Mots-clés',
  entity: 'Information extraite',
  channel: 'Canal',
  senderEmail: 'Adresse de l’expéditeur',
  senderDomain: 'Domaine de l’expéditeur',
  language: 'Langue',
  regex: 'Expression régulière',
  attachmentCount: 'Nombre de pièces jointes',
  attachmentType: 'Type de pièce jointe',
  officeHours: 'Reçue aux heures d’ouverture',
  weekday: 'Jour de réception',
  receivedBetween: 'Période de réception',
};

export const numericOperatorLabels: Record<NumericOperator, string> = {
  lt: 'inférieur à',
  lte: 'inférieur ou égal à',
  gt: 'supérieur à',
  gte: 'supérieur ou égal à',
  eq: 'égal à',
};

export const textFieldLabels = { subject: 'l’objet', text: 'le texte', subjectOrText: 'l’objet ou le texte' } as const;

export const actionTypeLabels: Record<ActionType, string> = {
  route: 'Orienter vers une file',
  routeToPredictedQueue: 'Orienter vers la file prédite',
  setPriority: 'Fixer la priorité',
  addTags: 'Ajouter des étiquettes',
  assign: 'Attribuer à un agent',
  acknowledge: 'Envoyer un accusé de réception',
  setSla: 'Fixer une échéance',
  escalate: 'Transmettre si l’échéance est dépassée',
  webhook: 'Appeler un webhook',
  split: 'Un ticket par demande (messages à plusieurs demandes)',
};

export const priorityLevelLabels: Record<PriorityLevel, string> = { low: 'basse', normal: 'normale', high: 'haute', urgent: 'urgente' };
export const slaUnitLabels: Record<Sla['unit'], string> = { hours: 'heures', workingHours: 'heures ouvrées', workingDays: 'jours ouvrés' };
export const assignmentLabels = { 'round-robin': 'à tour de rôle', 'least-loaded': 'au moins chargé' } as const;

export const entityTypes = Object.keys(entityLabels) as EntityType[];

/** A condition of `kind` with sensible starting values, for the editor to fill in; `today` is the town hall's date. */
export function defaultLeaf(kind: LeafCondition['kind'], today: string): LeafCondition {
  switch (kind) {
    case 'intent':
      return { kind, op: 'equals', value: '' };
    case 'queue':
      return { kind, op: 'equals', value: fallbackQueueId };
    case 'confidence':
      return { kind, op: 'gte', value: 0.8 };
    case 'keywords':
      return { kind, field: 'subjectOrText', match: 'any', words: [] };
    case 'entity':
      return { kind, entityType: 'permit_ref', op: 'present' };
    case 'channel':
      return { kind, op: 'equals', value: 'email' };
    case 'senderEmail':
    case 'senderDomain':
    case 'language':
      return { kind, op: 'equals', value: '' };
    case 'regex':
      return { kind, field: 'subjectOrText', pattern: '' };
    case 'attachmentCount':
      return { kind, op: 'gt', value: 0 };
    case 'attachmentType':
      return { kind, extensions: ['pdf'] };
    case 'officeHours':
      return { kind };
    case 'weekday':
      return { kind, days: ['sat', 'sun'] };
    case 'receivedBetween':
      return { kind, from: today };
  }
}

export function defaultAction(type: ActionType, fallbackQueue: string): Action {
  switch (type) {
    case 'route':
    case 'escalate':
      return { type, queue: fallbackQueue };
    case 'routeToPredictedQueue':
    case 'split':
      return { type };
    case 'setPriority':
      return { type, priority: 'high' };
    case 'addTags':
      return { type, tags: [] };
    case 'assign':
      return { type, strategy: 'least-loaded' };
    case 'acknowledge':
      return { type, templateId: 'accuse-reception' };
    case 'setSla':
      return { type, sla: { amount: 5, unit: 'workingDays' } };
    case 'webhook':
      return { type, url: 'https://' };
  }
}

/** A new rule: an id derived from its name that no other rule has, and the highest priority so it is seen first. */
export function newRule(existing: readonly Rule[], fallbackQueue: string): Rule {
  const taken = new Set(existing.map((rule) => rule.id));
  let number = existing.length + 1;
  while (taken.has(`nouvelle-regle-${number}`)) number += 1;
  return {
    id: `nouvelle-regle-${number}`,
    name: `Nouvelle règle ${number}`,
    priority: Math.max(0, ...existing.map((rule) => rule.priority)) + 10,
    enabled: true,
    when: { kind: 'all', conditions: [] },
    then: [{ type: 'route', queue: fallbackQueue }],
    stop: false,
  };
}

/** "Mon nouveau critère" → "mon-nouveau-critere": the id format the rule schema accepts. */
export function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function isGroup(condition: Condition): condition is Extract<Condition, { kind: 'all' | 'any' }> {
  return condition.kind === 'all' || condition.kind === 'any';
}
