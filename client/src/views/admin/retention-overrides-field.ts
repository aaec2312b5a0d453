import type { RetentionOverride } from '../../../../routing-rules/communes/commune-schema';
import { labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import { allIntents, allQueueIds, intentLabel, queueLabel } from '../../labels/taxonomy-labels';

export interface RetentionOverridesField {
  element: HTMLElement;
  value(): RetentionOverride[];
}

const actionLabels: Record<RetentionOverride['action'], string> = { anonymise: 'Anonymiser', delete: 'Supprimer' };

interface Row {
  queue: HTMLSelectElement;
  intent: HTMLSelectElement;
  days: HTMLInputElement;
  action: HTMLSelectElement;
  legalBasis: HTMLInputElement;
}

/**
 * The commune's own retention rules, checked before the service's policy for its requests: a queue (and, if
 * given, a motive), a duration in days, what happens then, and the legal basis of that duration.
 */
export function retentionOverridesField(overrides: readonly RetentionOverride[]): RetentionOverridesField {
  let rows = overrides.map(row);
  const list = h('div', {});
  const render = () =>
    replaceChildren(
      list,
      rows.length === 0 ? h('p', { class: 'hint' }, 'Aucune règle propre : la politique du service s’applique.') : null,
      rows.map((entry, index) =>
        h(
          'fieldset',
          { class: 'condition-group' },
          h('legend', {}, `Règle de conservation ${index + 1}`),
          h(
            'div',
            { class: 'condition-row' },
            labelled('File', entry.queue),
            labelled('Motif', entry.intent),
            labelled('Durée (jours)', entry.days),
            labelled('Puis', entry.action),
            labelled('Base légale', entry.legalBasis),
            h(
              'button',
              {
                type: 'button',
                class: 'button button-small',
                onClick: () => {
                  rows = rows.filter((other) => other !== entry);
                  render();
                },
              },
              `Retirer la règle ${index + 1}`,
            ),
          ),
        ),
      ),
    );
  render();
  return {
    element: h(
      'fieldset',
      { class: 'condition-group' },
      h('legend', {}, 'Durées de conservation propres à la commune'),
      list,
      h(
        'button',
        {
          type: 'button',
          class: 'button button-small',
          onClick: () => {
            rows = [...rows, row()];
            render();
            rows.at(-1)?.queue.focus();
          },
        },
        'Ajouter une règle de conservation',
      ),
    ),
    value: () =>
      rows.map((entry) => ({
        queue: entry.queue.value,
        ...(entry.intent.value ? { intent: entry.intent.value } : {}),
        days: Number(entry.days.value),
        action: entry.action.value as RetentionOverride['action'],
        legalBasis: entry.legalBasis.value,
      })),
  };
}

function row(override?: RetentionOverride): Row {
  const queues = override && !allQueueIds.includes(override.queue) ? [...allQueueIds, override.queue] : allQueueIds;
  const intents = override?.intent && !allIntents.some((intent) => intent.id === override.intent) ? [override.intent] : [];
  return {
    queue: h(
      'select',
      { value: override?.queue ?? allQueueIds[0] },
      queues.map((queue) => h('option', { value: queue }, queueLabel(queue))),
    ),
    intent: h(
      'select',
      { value: override?.intent ?? '' },
      h('option', { value: '' }, 'Tous les motifs'),
      allIntents.map((intent) => h('option', { value: intent.id }, intent.label)),
      intents.map((intent) => h('option', { value: intent }, intentLabel(intent))),
    ),
    days: h('input', { type: 'number', min: 1, step: 1, required: true, value: override ? String(override.days) : '' }),
    action: h(
      'select',
      { value: override?.action ?? 'anonymise' },
      (Object.entries(actionLabels) as Array<[RetentionOverride['action'], string]>).map(([action, label]) =>
        h('option', { value: action }, label),
      ),
    ),
    legalBasis: h('input', { type: 'text', required: true, value: override?.legalBasis ?? '' }),
  };
}
