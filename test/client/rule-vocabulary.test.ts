import {
  actionTypeLabels,
  defaultAction,
  defaultLeaf,
  leafKindLabels,
  newRule,
  slugOf,
} from '../../client/src/views/rules/rule-vocabulary';
import { actionSchema, leafConditionSchema, ruleSchema } from '../../routing-rules/rule-schema';

describe('the rule editor’s vocabulary', () => {
  it('has a French label and a starting value of the right kind for every condition of the rule schema', () => {
    const kinds = leafConditionSchema.options.map((option) =>
      'shape' in option ? option.shape.kind.value : option.options[0].shape.kind.value,
    );
    expect(Object.keys(leafKindLabels).sort()).toEqual([...new Set(kinds)].sort());
    for (const kind of Object.keys(leafKindLabels) as Array<keyof typeof leafKindLabels>)
      expect(defaultLeaf(kind, '2026-01-16').kind).toBe(kind);
  });

  it('starts every action type valid against the schema, except those the supervisor must complete', () => {
    const toComplete = new Set(['addTags', 'webhook']);
    for (const type of Object.keys(actionTypeLabels) as Array<keyof typeof actionTypeLabels>) {
      expect(actionSchema.safeParse(defaultAction(type, 'accueil')).success).toBe(!toComplete.has(type));
    }
  });

  it('adds rules that the schema accepts, with ids no other rule has, above the existing ones', () => {
    const first = newRule([], 'accueil');
    const second = newRule([first], 'accueil');
    expect(ruleSchema.safeParse(first).success).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(second.priority).toBeGreaterThan(first.priority);
  });

  it('derives ids from French names in the format rules accept', () => {
    expect(slugOf('Référence de permis : Urbanisme !')).toBe('reference-de-permis-urbanisme');
    expect(ruleSchema.shape.id.safeParse(slugOf('  Été — piscine  ')).success).toBe(true);
  });
});
