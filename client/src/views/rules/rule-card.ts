import { describeAction } from '../../../../routing-rules/describe-action';
import { describeCondition } from '../../../../routing-rules/describe-condition';
import { describeRuleLevel } from '../../../../routing-rules/rule-levels';
import type { Rule } from '../../../../routing-rules/rule-schema';
import type { RuleSetProblem } from '../../api/api-types';
import { h } from '../../dom/element';
import { tagLabel } from '../../labels/tag-labels';
import { queueLabel } from '../../labels/taxonomy-labels';
import { renderActions } from './action-editor';
import { renderCondition, type EditorHooks } from './condition-editor';
import { checkbox, numberInput, textInput } from './editor-controls';
import { slugOf } from './rule-vocabulary';

export interface RuleCardOptions {
  rules: Rule[];
  index: number;
  fallbackQueue: string;
  problems: readonly RuleSetProblem[];
  /** Rules shown unfolded; the others show their one-line summary only. */
  openRules: WeakSet<Rule>;
  hooks: EditorHooks;
  /** A commune's name from its INSEE code (the rule's level names it). */
  communeName: (insee: string) => string;
}

/** One rule as a form: name and priority, the condition tree, the actions, and its place in the list. */
export function renderRuleCard(options: RuleCardOptions): HTMLElement {
  const { rules, index, hooks } = options;
  const rule = rules[index];
  const id = `rule-${index}`;
  const summary = h('span', { class: 'rule-summary' }, summaryOf(rule));
  const changed: EditorHooks = {
    changed: () => {
      summary.textContent = summaryOf(rule);
      hooks.changed();
    },
    restructured: hooks.restructured,
    today: hooks.today,
  };
  const move = (offset: number) => {
    const [moved] = rules.splice(index, 1);
    rules.splice(index + offset, 0, moved);
    hooks.restructured(`rule-${index + offset}-${offset < 0 ? 'up' : 'down'}`);
  };
  const ownProblems = options.problems.filter(
    (problem) => problem.ruleId === rule.id || (problem.path[0] === 'rules' && problem.path[1] === index),
  );
  const classes = [
    'rule-card',
    rule.enabled ? '' : 'is-disabled',
    ownProblems.some((problem) => problem.severity === 'error') ? 'has-problem' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const card: HTMLDetailsElement = h(
    'details',
    {
      class: classes,
      id,
      open: options.openRules.has(rule) || ownProblems.some((problem) => problem.severity === 'error'),
      onToggle: () => (card.open ? options.openRules.add(rule) : options.openRules.delete(rule)),
    },
    h(
      'summary',
      { id: `${id}-title` },
      h('span', { class: 'rule-title' }, `${index + 1}. ${rule.name}`),
      h('span', { class: 'rule-level', id: `${id}-level` }, describeRuleLevel(rule, options.communeName)),
      summary,
    ),
    h(
      'div',
      { class: 'condition-buttons' },
      h(
        'button',
        {
          id: `${id}-up`,
          type: 'button',
          class: 'button button-small',
          disabled: index === 0,
          'aria-label': `Monter la règle ${rule.name}`,
          onClick: () => move(-1),
        },
        '↑ Monter',
      ),
      h(
        'button',
        {
          id: `${id}-down`,
          type: 'button',
          class: 'button button-small',
          disabled: index === rules.length - 1,
          'aria-label': `Descendre la règle ${rule.name}`,
          onClick: () => move(1),
        },
        '↓ Descendre',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button-small button-danger',
          'aria-label': `Supprimer la règle ${rule.name}`,
          onClick: () => {
            rules.splice(index, 1);
            hooks.restructured('add-rule');
          },
        },
        'Supprimer',
      ),
    ),
    h(
      'div',
      { class: 'rule-grid' },
      h(
        'div',
        { class: 'field-name' },
        textInput(`${id}-name`, 'Nom de la règle', rule.name, (name) => {
          const followsName = rule.id === slugOf(rule.name) || /^nouvelle-regle-\d+$/.test(rule.id);
          rule.name = name;
          if (followsName && slugOf(name)) {
            rule.id = uniqueSlug(slugOf(name), rules, rule);
            const idInput = document.getElementById(`${id}-id`) as HTMLInputElement | null;
            if (idInput) idInput.value = rule.id;
          }
          (card.querySelector('.rule-title') as HTMLElement).textContent = `${index + 1}. ${name}`;
          changed.changed();
        }),
      ),
      textInput(
        `${id}-id`,
        'Identifiant',
        rule.id,
        (value) => {
          rule.id = value.trim();
          changed.changed();
        },
        { spellcheck: 'false', pattern: '[a-z0-9]+(-[a-z0-9]+)*' },
      ),
      numberInput(
        `${id}-priority`,
        'Priorité (la plus haute d’abord)',
        rule.priority,
        (priority) => {
          rule.priority = Math.round(priority);
          changed.changed();
        },
        { step: '1' },
      ),
      checkbox(`${id}-enabled`, 'Active', rule.enabled, (enabled) => {
        rule.enabled = enabled;
        hooks.restructured(`${id}-enabled`);
      }),
      checkbox(`${id}-stop`, 'Arrêter après cette règle', rule.stop, (stop) => {
        rule.stop = stop;
        changed.changed();
      }),
    ),
    h(
      'fieldset',
      { class: 'condition-group' },
      h('legend', {}, 'Si'),
      renderCondition(
        {
          get: () => rule.when,
          set: (condition) => {
            rule.when = condition;
          },
        },
        `${id}-when`,
        changed,
      ),
    ),
    renderActions(rule, `${id}-then`, options.fallbackQueue, changed),
  );
  return card;
}

function summaryOf(rule: Rule): string {
  const actions =
    rule.then.length === 0
      ? 'ne rien faire'
      : rule.then.map((action) => describeAction(action, { queue: queueLabel, tag: tagLabel })).join(', ');
  return `Si ${safeDescription(rule)}, alors ${actions}${rule.stop ? ', puis arrêter' : ''}.${rule.enabled ? '' : ' (désactivée)'}`;
}

/** A draft being typed can be incomplete; its summary must not break the editor. */
function safeDescription(rule: Rule): string {
  try {
    return describeCondition(rule.when);
  } catch {
    return '…';
  }
}

function uniqueSlug(base: string, rules: readonly Rule[], self: Rule): string {
  let candidate = base;
  for (let number = 2; rules.some((rule) => rule !== self && rule.id === candidate); number += 1) candidate = `${base}-${number}`;
  return candidate;
}
