import { describeLeaf } from './describe-condition';
import { KeywordIndex, TextPart } from './keyword-index';
import { compileLinearRegex } from './regex-safety';
import type { RequestFacts } from './request-facts';
import type { ConditionTraceEntry } from './routing-decision';
import type { Condition, LeafCondition, NumericOperator } from './rule-schema';
import { weekdays } from './working-schedule';
import { epochDayOfIsoDate } from './zoned-time';

export interface CompiledCondition {
  /** Relative cost: `all`/`any` test their cheapest members first, which cannot change their outcome. */
  readonly cost: number;
  /** Appends one entry per fact tested to `trace` when one is given. */
  readonly test: (facts: RequestFacts, trace: ConditionTraceEntry[] | undefined) => boolean;
}

interface CompiledLeaf {
  readonly cost: number;
  readonly description: string;
  readonly holds: (facts: RequestFacts) => boolean;
}

const CHEAP = 1;
const TIME = 2;
const KEYWORDS = 4;
const REGEX = 8;

/** Numbers each distinct (pattern, flags, field) of a rule set, so that a request runs it once. */
export class RegexRegistry {
  private readonly ids = new Map<string, number>();

  idOf(pattern: string, flags: string, field: string): number {
    const key = JSON.stringify([pattern, flags, field]);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}

/** What the conditions of one rule set share once compiled. */
export interface CompilationContext {
  readonly regexes: RegexRegistry;
  readonly keywords: KeywordIndex;
}

export function newCompilationContext(): CompilationContext {
  return { regexes: new RegexRegistry(), keywords: new KeywordIndex() };
}

/** Turns a condition tree into a closure once per rule set; regexes and keyword matchers are built here. */
export function compileCondition(condition: Condition, context: CompilationContext): CompiledCondition {
  switch (condition.kind) {
    case 'all': {
      if (condition.conditions.length === 0) {
        return traced({ cost: 0, description: 'toujours (aucune condition)', holds: () => true });
      }
      const members = byCost(condition.conditions.map((member) => compileCondition(member, context)));
      return {
        cost: totalCost(members),
        test: (facts, trace) => {
          for (const member of members) if (!member.test(facts, trace)) return false;
          return true;
        },
      };
    }
    case 'any': {
      if (condition.conditions.length === 0) {
        return traced({ cost: 0, description: 'jamais (groupe vide)', holds: () => false });
      }
      const members = byCost(condition.conditions.map((member) => compileCondition(member, context)));
      return {
        cost: totalCost(members),
        test: (facts, trace) => {
          for (const member of members) if (member.test(facts, trace)) return true;
          return false;
        },
      };
    }
    case 'not': {
      const negatedKind = condition.condition.kind;
      if (negatedKind === 'all' || negatedKind === 'any' || negatedKind === 'not') {
        const negated = compileCondition(condition.condition, context);
        return { cost: negated.cost, test: (facts, trace) => !negated.test(facts, trace) };
      }
      const leaf = compileLeaf(condition.condition, context);
      return traced({ cost: leaf.cost, description: `NON « ${leaf.description} »`, holds: (facts) => !leaf.holds(facts) });
    }
    default:
      return traced(compileLeaf(condition, context));
  }
}

function byCost(members: CompiledCondition[]): CompiledCondition[] {
  return members
    .map((member, position) => ({ member, position }))
    .sort((left, right) => left.member.cost - right.member.cost || left.position - right.position)
    .map(({ member }) => member);
}

function totalCost(members: readonly CompiledCondition[]): number {
  return members.reduce((sum, member) => sum + member.cost, 0);
}

/** Trace entries are built once per leaf and shared, so tracing allocates nothing per fact tested. */
function traced(leaf: CompiledLeaf): CompiledCondition {
  const held: ConditionTraceEntry = Object.freeze({ condition: leaf.description, matched: true });
  const failed: ConditionTraceEntry = Object.freeze({ condition: leaf.description, matched: false });
  const { holds } = leaf;
  return {
    cost: leaf.cost,
    test: (facts, trace) => {
      const result = holds(facts);
      trace?.push(result ? held : failed);
      return result;
    },
  };
}

function compileLeaf(leaf: LeafCondition, context: CompilationContext): CompiledLeaf {
  return { cost: costOf(leaf), description: describeLeaf(leaf), holds: predicateOf(leaf, context) };
}

function costOf(leaf: LeafCondition): number {
  switch (leaf.kind) {
    case 'keywords':
      return KEYWORDS;
    case 'regex':
      return REGEX;
    case 'officeHours':
    case 'weekday':
    case 'receivedBetween':
      return TIME;
    case 'entity':
      return leaf.op === 'matches' ? REGEX : CHEAP;
    default:
      return CHEAP;
  }
}

function predicateOf(leaf: LeafCondition, context: CompilationContext): (facts: RequestFacts) => boolean {
  switch (leaf.kind) {
    case 'queue':
      return stringPredicate(leaf, (facts) => facts.input.classification.queue);
    case 'intent':
      return stringPredicate(leaf, (facts) => facts.input.classification.intent);
    case 'confidence':
      return (facts) => compare(leaf.op, facts.input.classification.confidence, leaf.value);
    case 'language':
      return stringPredicate(lowerCased(leaf), (facts) => facts.input.classification.language.toLowerCase());
    case 'channel':
      return stringPredicate(leaf, (facts) => facts.input.channel);
    case 'entity':
      return entityPredicate(leaf);
    case 'senderEmail':
      return stringPredicate(lowerCased(leaf), (facts) => facts.senderEmail);
    case 'senderDomain': {
      const domains = (leaf.op === 'equals' ? [leaf.value] : leaf.values).map((domain) => domain.toLowerCase());
      return (facts) => {
        const domain = facts.senderDomain;
        return domain !== null && domains.some((expected) => domain === expected || domain.endsWith(`.${expected}`));
      };
    }
    case 'keywords':
      return context.keywords.matcherFor(leaf.words, leaf.match, partsOf[leaf.field]);
    case 'regex': {
      const flags = leaf.flags ?? '';
      const pattern = compileLinearRegex(leaf.pattern, flags);
      const id = context.regexes.idOf(leaf.pattern, flags, leaf.field);
      const raw = rawField[leaf.field];
      return (facts) => facts.regexMatches(id, pattern, raw);
    }
    case 'attachmentCount':
      return (facts) => compare(leaf.op, facts.input.attachments.length, leaf.value);
    case 'attachmentType': {
      const contentTypes = (leaf.contentTypes ?? []).map((type) => type.toLowerCase());
      const extensions = new Set((leaf.extensions ?? []).map((extension) => extension.toLowerCase().replace(/^\./, '')));
      return (facts) =>
        facts.attachmentExtensions.some((extension) => extensions.has(extension)) ||
        facts.attachmentContentTypes.some((type) => contentTypes.some((expected) => contentTypeMatches(type, expected)));
    }
    case 'officeHours':
      return (facts) => facts.withinOfficeHours;
    case 'weekday': {
      const days = new Set(leaf.days.map((day) => weekdays.indexOf(day)));
      return (facts) => days.has(facts.localReceivedAt.weekday);
    }
    case 'receivedBetween': {
      const first = leaf.from === undefined ? -Infinity : epochDayOfIsoDate(leaf.from);
      const last = leaf.to === undefined ? Infinity : epochDayOfIsoDate(leaf.to);
      return (facts) => {
        const day = facts.localReceivedAt.epochDay;
        return day >= first && day <= last;
      };
    }
  }
}

type StringMatch = { op: 'equals'; value: string } | { op: 'in'; values: readonly string[] };

function stringPredicate(match: StringMatch, read: (facts: RequestFacts) => string | null): (facts: RequestFacts) => boolean {
  if (match.op === 'equals') {
    const expected = match.value;
    return (facts) => read(facts) === expected;
  }
  const accepted = new Set(match.values);
  return (facts) => {
    const actual = read(facts);
    return actual !== null && accepted.has(actual);
  };
}

function lowerCased(match: StringMatch): StringMatch {
  return match.op === 'equals'
    ? { op: 'equals', value: match.value.toLowerCase() }
    : { op: 'in', values: match.values.map((value) => value.toLowerCase()) };
}

function entityPredicate(leaf: Extract<LeafCondition, { kind: 'entity' }>): (facts: RequestFacts) => boolean {
  const { entityType } = leaf;
  const anyEntity = (holds: (value: string) => boolean) => (facts: RequestFacts) =>
    // A quoted message's header date is when that message was sent, never a fact of this request.
    facts.input.classification.entities.some((entity) => entity.type === entityType && !entity.fromQuotedHistory && holds(entity.value));
  switch (leaf.op) {
    case 'present':
      return anyEntity(() => true);
    case 'equals': {
      const expected = leaf.value.toLowerCase();
      return anyEntity((value) => value.trim().toLowerCase() === expected);
    }
    case 'in': {
      const accepted = new Set(leaf.values.map((value) => value.toLowerCase()));
      return anyEntity((value) => accepted.has(value.trim().toLowerCase()));
    }
    case 'matches': {
      const pattern = compileLinearRegex(leaf.pattern, leaf.flags);
      return anyEntity((value) => pattern.test(value));
    }
    default: {
      const { op, value: expected } = leaf;
      return anyEntity((value) => {
        const actual = parseEntityNumber(value);
        return !Number.isNaN(actual) && compare(op, actual, expected);
      });
    }
  }
}

/** Entity values may be written the French way: "1 250,50". */
function parseEntityNumber(value: string): number {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return compact === '' ? Number.NaN : Number(compact);
}

function compare(op: NumericOperator, actual: number, expected: number): boolean {
  switch (op) {
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
    case 'eq':
      return actual === expected;
  }
}

/** "image/*" accepts every image type. */
function contentTypeMatches(actual: string, expected: string): boolean {
  return expected.endsWith('/*') ? actual.startsWith(expected.slice(0, -1)) : actual === expected;
}

/** Keywords are looked for in each part separately, so that a phrase never straddles subject and text. */
const partsOf: Record<'subject' | 'text' | 'subjectOrText', readonly TextPart[]> = {
  subject: ['subject'],
  text: ['text'],
  subjectOrText: ['subject', 'text'],
};

const rawField = {
  subject: (facts: RequestFacts) => facts.regexSubject,
  text: (facts: RequestFacts) => facts.regexText,
  subjectOrText: (facts: RequestFacts) => facts.regexSubjectOrText,
} as const;
