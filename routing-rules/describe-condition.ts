import type { EntityType } from '../classifiers/entities/entity';
import { defaultTaxonomy } from '../classifiers/taxonomy/taxonomy';
import type { Condition, LeafCondition, NumericOperator } from './rule-schema';
import type { Weekday } from './working-schedule';

const entityLabels: Record<EntityType, string> = {
  act_type: "type d'acte",
  copy_kind: 'type de copie',
  date: 'date',
  person: 'personne',
  address: 'adresse',
  cadastral_ref: 'référence cadastrale',
  permit_ref: 'référence de permis',
  school_level: 'niveau scolaire',
  school_name: 'école',
  phone: 'téléphone',
  email: 'courriel',
  plate: "plaque d'immatriculation",
  amount_eur: 'montant en euros',
  iban: 'IBAN',
  nir: 'numéro de sécurité sociale',
};

// Queues and intents by their names, not their identifiers: the trace is read by agents.
const queueNames = new Map(defaultTaxonomy.queues.map((queue) => [queue.id, queue.label]));
const intentNames = new Map(defaultTaxonomy.queues.flatMap((queue) => queue.intents.map((intent) => [intent.id, intent.label] as const)));
const nameIn = (names: ReadonlyMap<string, string>) => (id: string) => names.get(id) ?? id;

const operatorSymbols: Record<NumericOperator, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥', eq: '=' };

export const weekdayLabels: Record<Weekday, string> = {
  mon: 'lundi',
  tue: 'mardi',
  wed: 'mercredi',
  thu: 'jeudi',
  fri: 'vendredi',
  sat: 'samedi',
  sun: 'dimanche',
};

const fieldLabels = { subject: "l'objet", text: 'le texte', subjectOrText: "l'objet ou le texte" } as const;
const channelLabels: Record<string, string> = { email: 'courriel', form: 'formulaire', telephone: 'téléphone', guichet: 'guichet' };

export function frenchNumber(value: number): string {
  return String(value).replace('.', ',');
}

function frenchDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

type StringMatch = { op: 'equals'; value: string } | { op: 'in'; values: readonly string[] };

function matchText(match: StringMatch, label = (value: string) => value): string {
  return match.op === 'equals' ? `= ${label(match.value)}` : `parmi : ${match.values.map(label).join(', ')}`;
}

/** One fact, as an agent reads it in the routing trace. */
export function describeLeaf(leaf: LeafCondition): string {
  switch (leaf.kind) {
    case 'queue':
      return `file prédite ${matchText(leaf, nameIn(queueNames))}`;
    case 'intent':
      return `motif prédit ${matchText(leaf, nameIn(intentNames))}`;
    case 'confidence':
      return `confiance ${operatorSymbols[leaf.op]} ${frenchNumber(leaf.value)}`;
    case 'language':
      return `langue ${matchText(leaf)}`;
    case 'channel':
      return `canal ${matchText(leaf, (channel) => channelLabels[channel] ?? channel)}`;
    case 'entity':
      return describeEntityLeaf(leaf);
    case 'senderEmail':
      return `adresse de l'expéditeur ${matchText(leaf)}`;
    case 'senderDomain':
      return `domaine de l'expéditeur (ou sous-domaine) ${matchText(leaf)}`;
    case 'keywords': {
      const quantity = leaf.match === 'all' ? 'tous les mots-clés' : 'un des mots-clés';
      return `${quantity} dans ${fieldLabels[leaf.field]} : ${leaf.words.join(', ')}`;
    }
    case 'regex':
      return `${fieldLabels[leaf.field]} correspond à /${leaf.pattern}/${leaf.flags ?? ''}`;
    case 'attachmentCount':
      return `nombre de pièces jointes ${operatorSymbols[leaf.op]} ${leaf.value}`;
    case 'attachmentType': {
      const extensions = (leaf.extensions ?? []).map((extension) => `.${extension.replace(/^\./, '')}`);
      return `pièce jointe de type : ${[...(leaf.contentTypes ?? []), ...extensions].join(', ')}`;
    }
    case 'officeHours':
      return "reçue pendant les heures d'ouverture";
    case 'weekday':
      return `reçue un ${leaf.days.map((day) => weekdayLabels[day]).join(', ')}`;
    case 'receivedBetween':
      if (leaf.from && leaf.to) return `reçue entre le ${frenchDate(leaf.from)} et le ${frenchDate(leaf.to)}`;
      return leaf.from ? `reçue à partir du ${frenchDate(leaf.from)}` : `reçue jusqu'au ${frenchDate(leaf.to ?? '')}`;
  }
}

function describeEntityLeaf(leaf: Extract<LeafCondition, { kind: 'entity' }>): string {
  const label = entityLabels[leaf.entityType];
  switch (leaf.op) {
    case 'present':
      return `${label} présente`;
    case 'equals':
      return `${label} = ${leaf.value}`;
    case 'in':
      return `${label} parmi : ${leaf.values.join(', ')}`;
    case 'matches':
      return `${label} correspond à /${leaf.pattern}/${leaf.flags ?? ''}`;
    default:
      return `${label} ${operatorSymbols[leaf.op]} ${frenchNumber(leaf.value)}`;
  }
}

/** A whole condition tree on one line, for validation messages and rule lists. */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'all':
      return condition.conditions.length === 0 ? 'toujours' : condition.conditions.map((child) => wrap(child)).join(' ET ');
    case 'any':
      return condition.conditions.length === 0 ? 'jamais' : condition.conditions.map((child) => wrap(child)).join(' OU ');
    case 'not':
      return `NON ${wrap(condition.condition)}`;
    default:
      return describeLeaf(condition);
  }
}

function wrap(condition: Condition): string {
  if (condition.kind === 'all' || condition.kind === 'any') return `(${describeCondition(condition)})`;
  if (condition.kind === 'not') return describeCondition(condition);
  return `« ${describeLeaf(condition)} »`;
}
