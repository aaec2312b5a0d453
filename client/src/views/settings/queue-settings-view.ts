import { ApiError } from '../../api/api-error';
import type { AgentSettings, Queue, QueueAgreement } from '../../api/api-types';
import { h, uniqueId } from '../../dom/element';
import { formatPercent } from '../../labels/format';
import { fallbackQueueId, queueLabel } from '../../labels/taxonomy-labels';
import type { View, ViewContext } from '../view';
import { notificationSettingsPanel } from './notification-settings-panel';

const modeLabels: Record<Queue['mode'], string> = { auto: 'Automatique', suggest: 'Suggestion (pilote)' };

/**
 * Pilot mode per queue (suggest, then automatic once agents agree with the suggestions often enough) and each
 * agent's availability and capacity for automatic assignment.
 */
export async function queueSettingsView(context: ViewContext): Promise<View> {
  const [{ queues }, agreement, agents] = await Promise.all([
    context.api.get<{ queues: Queue[] }>('/api/queues'),
    context.api.get<{ queues: QueueAgreement[] }>('/api/triage/agreement').catch(() => ({ queues: [] as QueueAgreement[] })),
    context.api.get<{ agents: AgentSettings[] }>('/api/agents').then((answer) => answer.agents),
  ]);
  const agreementOf = new Map(agreement.queues.map((entry) => [entry.queue, entry]));
  const notifications = await notificationSettingsPanel(context);

  return {
    title: 'Files et agents',
    element: h(
      'section',
      { class: 'settings' },
      h('h1', {}, 'Files et agents'),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'queues-title' },
        h('h2', { id: 'queues-title' }, 'Mode de chaque file'),
        h(
          'p',
          { class: 'hint' },
          'En mode suggestion, les demandes attendent à l’accueil qu’un agent confirme la file proposée. Passez une file en automatique quand l’accord entre suggestions et agents est élevé.',
        ),
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'indicator-table settings-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['File', 'Accord avec les agents', 'Mode', 'État'].map((title) => h('th', { scope: 'col' }, title)),
              ),
            ),
            h(
              'tbody',
              {},
              queues.map((queue) => queueRow(queue, agreementOf.get(queue.id), context)),
            ),
          ),
        ),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'agents-title' },
        h('h2', { id: 'agents-title' }, 'Agents'),
        h(
          'p',
          { class: 'hint' },
          'L’attribution automatique saute un agent absent ou qui détient déjà autant de demandes ouvertes que sa capacité.',
        ),
        agents.length === 0
          ? h('p', {}, 'Aucun agent.')
          : h(
              'div',
              { class: 'table-scroll' },
              h(
                'table',
                { class: 'indicator-table settings-table' },
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    ['Agent', 'Files', 'Demandes ouvertes', 'Disponible', 'Capacité', 'État'].map((title) =>
                      h('th', { scope: 'col' }, title),
                    ),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  agents.map((agent) => agentRow(agent, context)),
                ),
              ),
            ),
      ),
      notifications,
    ),
  };
}

function queueRow(queue: Queue, agreement: QueueAgreement | undefined, context: ViewContext): HTMLElement {
  const state = h('span', { role: 'status' });
  const selectId = uniqueId('mode');
  const reception = queue.id === fallbackQueueId;
  const select = h(
    'select',
    {
      id: selectId,
      value: queue.mode,
      disabled: reception,
      onChange: async () => {
        state.textContent = 'Enregistrement…';
        try {
          await context.api.put(`/api/triage/queues/${encodeURIComponent(queue.id)}/mode`, { mode: select.value });
          state.textContent = `Enregistré : ${modeLabels[select.value as Queue['mode']]}.`;
        } catch (error) {
          state.textContent = error instanceof ApiError ? error.message : 'Échec de l’enregistrement.';
          select.value = queue.mode;
        }
      },
    },
    (Object.entries(modeLabels) as Array<[Queue['mode'], string]>).map(([mode, label]) => h('option', { value: mode }, label)),
  );
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, queue.label),
    h(
      'td',
      {},
      agreement?.rate === null || agreement === undefined
        ? '—'
        : `${formatPercent(agreement.rate)} (${agreement.agreed}/${agreement.considered})`,
    ),
    h(
      'td',
      {},
      h('label', { for: selectId, class: 'visually-hidden' }, `Mode de la file ${queue.label}`),
      reception ? h('span', {}, 'File d’accueil') : select,
    ),
    h('td', {}, state),
  );
}

function agentRow(agent: AgentSettings, context: ViewContext): HTMLElement {
  const state = h('span', { role: 'status' });
  const availableId = uniqueId('available');
  const capacityId = uniqueId('capacity');
  const save = async (settings: { available?: boolean; capacity?: number }) => {
    state.textContent = 'Enregistrement…';
    try {
      await context.api.put(`/api/agents/${encodeURIComponent(agent.id)}/settings`, settings);
      state.textContent = 'Enregistré.';
    } catch (error) {
      state.textContent = error instanceof ApiError ? error.message : 'Échec de l’enregistrement.';
    }
  };
  const available = h('input', {
    id: availableId,
    type: 'checkbox',
    checked: agent.available,
    onChange: () => void save({ available: available.checked }),
  });
  const capacity = h('input', {
    id: capacityId,
    type: 'number',
    min: '0',
    max: '500',
    step: '1',
    value: String(agent.capacity),
    onChange: () => void save({ capacity: Number(capacity.value) }),
  });
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, agent.displayName),
    h('td', {}, agent.queues.map(queueLabel).join(', ') || '—'),
    h('td', {}, String(agent.openTickets)),
    h('td', {}, h('label', { for: availableId, class: 'visually-hidden' }, `${agent.displayName} disponible`), available),
    h('td', {}, h('label', { for: capacityId, class: 'visually-hidden' }, `Capacité de ${agent.displayName}`), capacity),
    h('td', {}, state),
  );
}
