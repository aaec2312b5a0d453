import { webhookPersonalFieldLabels } from '../../../../routing-rules/describe-action';
import type { Action, Rule, WebhookPersonalField } from '../../../../routing-rules/rule-schema';
import { h } from '../../dom/element';
import { allQueueIds, queueLabel } from '../../labels/taxonomy-labels';
import type { EditorHooks } from './condition-editor';
import { checkbox, listInput, numberInput, selectInput, textInput } from './editor-controls';
import { actionTypeLabels, assignmentLabels, defaultAction, priorityLevelLabels, slaUnitLabels, type ActionType } from './rule-vocabulary';

/** What the rule does when it matches: one row per action, in order. */
export function renderActions(rule: Rule, id: string, fallbackQueue: string, hooks: EditorHooks): HTMLElement {
  const queueOptions = allQueueIds.map((queueId) => [queueId, queueLabel(queueId)] as const);
  const rows = rule.then.map((action, index) => {
    const actionId = `${id}-${index}`;
    const replace = (next: Action) => {
      rule.then[index] = next;
    };
    return h(
      'li',
      { class: 'action-row' },
      selectInput<ActionType>(
        `${actionId}-type`,
        `Action ${index + 1}`,
        action.type,
        Object.entries(actionTypeLabels) as Array<[ActionType, string]>,
        (type) => {
          replace(defaultAction(type, fallbackQueue));
          hooks.restructured(`${actionId}-type`);
        },
      ),
      renderActionFields(action, actionId, queueOptions, replace, hooks),
      h(
        'button',
        {
          type: 'button',
          class: 'button button-small button-danger',
          'aria-label': `Supprimer l’action ${index + 1}`,
          onClick: () => {
            rule.then.splice(index, 1);
            hooks.restructured(`${id}-add`);
          },
        },
        'Supprimer',
      ),
    );
  });
  return h(
    'fieldset',
    { class: 'condition-group' },
    h('legend', {}, 'Alors'),
    rule.then.length === 0 ? h('p', { class: 'hint' }, 'Aucune action.') : null,
    h('ol', { class: 'condition-children' }, rows),
    h(
      'button',
      {
        id: `${id}-add`,
        type: 'button',
        class: 'button button-small',
        onClick: () => {
          rule.then.push(defaultAction('setPriority', fallbackQueue));
          hooks.restructured(`${id}-${rule.then.length - 1}-type`);
        },
      },
      'Ajouter une action',
    ),
  );
}

function renderActionFields(
  action: Action,
  id: string,
  queueOptions: ReadonlyArray<readonly [string, string]>,
  replace: (action: Action) => void,
  hooks: EditorHooks,
): HTMLElement | HTMLElement[] | null {
  const update = (next: Action) => {
    replace(next);
    hooks.changed();
  };
  switch (action.type) {
    case 'route':
    case 'escalate':
      return selectInput(`${id}-queue`, 'File', action.queue, queueOptions, (queue) => update({ ...action, queue }));
    case 'routeToPredictedQueue':
      return null;
    case 'split':
      return h(
        'p',
        { class: 'hint' },
        'Quand le message contient des demandes pour plusieurs services, chacune devient un ticket dans la file de son service ; les autres actions s’appliquent à chacun. Sans effet sur un message à une seule demande.',
      );
    case 'setPriority':
      return selectInput(
        `${id}-priority`,
        'Priorité',
        action.priority,
        Object.entries(priorityLevelLabels) as Array<[typeof action.priority, string]>,
        (priority) => update({ ...action, priority }),
      );
    case 'addTags':
      return listInput(
        `${id}-tags`,
        'Étiquettes',
        action.tags,
        (tags) => update({ ...action, tags }),
        'Minuscules, chiffres et tirets ; séparez-les par des virgules.',
      );
    case 'assign':
      return selectInput(
        `${id}-strategy`,
        'Attribution',
        action.strategy,
        Object.entries(assignmentLabels) as Array<[typeof action.strategy, string]>,
        (strategy) => update({ ...action, strategy }),
      );
    case 'acknowledge':
      return textInput(`${id}-template`, 'Modèle de courriel', action.templateId, (templateId) =>
        update({ ...action, templateId: templateId.trim() }),
      );
    case 'setSla':
      return [
        numberInput(`${id}-amount`, 'Durée', action.sla.amount, (amount) => update({ ...action, sla: { ...action.sla, amount } }), {
          min: '1',
          step: '1',
        }),
        selectInput(
          `${id}-unit`,
          'Unité',
          action.sla.unit,
          Object.entries(slaUnitLabels) as Array<[typeof action.sla.unit, string]>,
          (unit) => update({ ...action, sla: { ...action.sla, unit } }),
        ),
      ];
    case 'webhook':
      return [
        textInput(`${id}-url`, 'Adresse (https://…)', action.url, (url) => update({ ...action, url: url.trim() }), { type: 'url' }),
        textInput(`${id}-secret`, 'Nom du secret (facultatif)', action.secretRef ?? '', (secretRef) =>
          update({ ...action, secretRef: secretRef.trim() || undefined }),
        ),
        personalFieldChoices(action, id, update),
      ];
  }
}

/** Each personal field a webhook call may carry, ticked one by one: none unless a supervisor chooses it. */
function personalFieldChoices(action: Extract<Action, { type: 'webhook' }>, id: string, update: (action: Action) => void): HTMLElement {
  const fields = Object.keys(webhookPersonalFieldLabels) as WebhookPersonalField[];
  return h(
    'fieldset',
    { class: 'personal-fields' },
    h('legend', {}, 'Données personnelles envoyées (aucune par défaut ; chaque envoi est tracé)'),
    fields.map((field) =>
      checkbox(`${id}-personal-${field}`, webhookPersonalFieldLabels[field], action.personalFields?.includes(field) ?? false, (checked) => {
        const chosen = fields.filter((candidate) => (candidate === field ? checked : action.personalFields?.includes(candidate)));
        update({ ...action, personalFields: chosen.length > 0 ? chosen : undefined });
      }),
    ),
  );
}
