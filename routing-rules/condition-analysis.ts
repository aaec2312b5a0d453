import { describeLeaf } from './describe-condition';
import type { Condition, LeafCondition } from './rule-schema';

export interface ConditionAnalysis {
  alwaysTrue: boolean;
  /** Why the condition can never hold, in French; undefined when it can. */
  neverTrueBecause?: string;
}

/** Static reading of a condition: catches rules that can never apply and rules that always apply. */
export function analyseCondition(condition: Condition): ConditionAnalysis {
  switch (condition.kind) {
    case 'all':
      return analyseAll(flattenAll(condition.conditions));
    case 'any': {
      if (condition.conditions.length === 0) {
        return { alwaysTrue: false, neverTrueBecause: 'le groupe « au moins une condition » est vide' };
      }
      const members = condition.conditions.map(analyseCondition);
      const impossible = members.every((member) => member.neverTrueBecause !== undefined);
      return {
        alwaysTrue: members.some((member) => member.alwaysTrue),
        neverTrueBecause: impossible ? members.map((member) => member.neverTrueBecause).join(' ; ') : undefined,
      };
    }
    case 'not': {
      const negated = analyseCondition(condition.condition);
      return {
        alwaysTrue: negated.neverTrueBecause !== undefined,
        neverTrueBecause: negated.alwaysTrue ? 'la condition niée est toujours vraie' : undefined,
      };
    }
    default:
      return { alwaysTrue: false, neverTrueBecause: leafConflict([condition]) };
  }
}

function flattenAll(conditions: readonly Condition[]): Condition[] {
  return conditions.flatMap((condition) => (condition.kind === 'all' ? flattenAll(condition.conditions) : [condition]));
}

function analyseAll(members: Condition[]): ConditionAnalysis {
  const analyses = members.map(analyseCondition);
  const impossibleMember = analyses.find((analysis) => analysis.neverTrueBecause !== undefined);
  const leaves = members.filter((member): member is LeafCondition => !['all', 'any', 'not'].includes(member.kind));
  return {
    alwaysTrue: analyses.every((analysis) => analysis.alwaysTrue),
    neverTrueBecause: impossibleMember?.neverTrueBecause ?? leafConflict(leaves) ?? selfNegation(members, leaves),
  };
}

/** Facts that `all` requires at once but no request can have together. */
function leafConflict(leaves: readonly LeafCondition[]): string | undefined {
  const byKind = new Map<LeafCondition['kind'], LeafCondition[]>();
  for (const leaf of leaves) byKind.set(leaf.kind, [...(byKind.get(leaf.kind) ?? []), leaf]);
  for (const [kind, group] of byKind) {
    if (!conflicts(kind, group)) continue;
    const described = group.map((leaf) => `« ${describeLeaf(leaf)} »`);
    return group.length === 1
      ? `${described[0]} ne peut jamais être vrai`
      : `${described.slice(0, -1).join(', ')} et ${described[described.length - 1]} sont incompatibles`;
  }
  return undefined;
}

function conflicts(kind: LeafCondition['kind'], group: readonly LeafCondition[]): boolean {
  switch (kind) {
    case 'queue':
    case 'intent':
    case 'channel':
    case 'language':
    case 'senderEmail':
      return group.length > 1 && intersection(group.map(acceptedValues)).size === 0;
    case 'weekday':
      return group.length > 1 && intersection(group.map((leaf) => new Set(leaf.kind === 'weekday' ? leaf.days : []))).size === 0;
    case 'confidence':
      return emptyInterval(group, { low: 0, high: 1, integer: false });
    case 'attachmentCount':
      return emptyInterval(group, { low: 0, high: Infinity, integer: true });
    case 'receivedBetween': {
      const starts = group.flatMap((leaf) => (leaf.kind === 'receivedBetween' && leaf.from ? [leaf.from] : []));
      const ends = group.flatMap((leaf) => (leaf.kind === 'receivedBetween' && leaf.to ? [leaf.to] : []));
      return starts.length > 0 && ends.length > 0 && starts.sort()[starts.length - 1] > ends.sort()[0];
    }
    default:
      return false;
  }
}

function acceptedValues(leaf: LeafCondition): Set<string> {
  if (!('op' in leaf) || (leaf.op !== 'equals' && leaf.op !== 'in')) return new Set();
  const values = leaf.op === 'equals' ? [String(leaf.value)] : leaf.values;
  const caseInsensitive = leaf.kind === 'language' || leaf.kind === 'senderEmail';
  return new Set(values.map((value) => (caseInsensitive ? value.toLowerCase() : value)));
}

function intersection<T>(sets: readonly Set<T>[]): Set<T> {
  return sets.reduce((common, set) => new Set([...common].filter((value) => set.has(value))));
}

interface Bounds {
  low: number;
  high: number;
  integer: boolean;
}

function emptyInterval(group: readonly LeafCondition[], domain: Bounds): boolean {
  let low = domain.low;
  let high = domain.high;
  let lowOpen = false;
  let highOpen = false;
  for (const leaf of group) {
    if (leaf.kind !== 'confidence' && leaf.kind !== 'attachmentCount') continue;
    const { op, value } = leaf;
    if ((op === 'gt' || op === 'gte' || op === 'eq') && (value > low || (value === low && op === 'gt'))) {
      low = value;
      lowOpen = op === 'gt';
    }
    if ((op === 'lt' || op === 'lte' || op === 'eq') && (value < high || (value === high && op === 'lt'))) {
      high = value;
      highOpen = op === 'lt';
    }
  }
  if (domain.integer) {
    const lowest = lowOpen ? Math.floor(low) + 1 : Math.ceil(low);
    const highest = highOpen ? Math.ceil(high) - 1 : Math.floor(high);
    return lowest > highest;
  }
  return low > high || (low === high && (lowOpen || highOpen));
}

/** `all` holding a fact and its negation. */
function selfNegation(members: readonly Condition[], leaves: readonly LeafCondition[]): string | undefined {
  const positives = new Set(leaves.map(canonical));
  for (const member of members) {
    if (member.kind !== 'not') continue;
    const negated = member.condition;
    if (negated.kind === 'all' || negated.kind === 'any' || negated.kind === 'not') continue;
    if (positives.has(canonical(negated))) {
      return `« ${describeLeaf(negated)} » est exigé et exclu à la fois`;
    }
  }
  return undefined;
}

/** Same leaf written with its fields in another order gives the same key. */
function canonical(leaf: LeafCondition): string {
  return JSON.stringify(leaf, Object.keys(leaf).sort());
}
