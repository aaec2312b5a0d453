import { ApiError } from '../../api/api-error';
import { h, uniqueId } from '../../dom/element';
import { queueLabel } from '../../labels/taxonomy-labels';
import type { ViewContext } from '../view';

type NotificationKind = 'sent-to-service' | 'information-needed' | 'answered' | 'closed';

interface NotificationSettings {
  kinds: Array<{ kind: NotificationKind; label: string }>;
  intents: Array<{ intent: string; label: string; queue: string; choices: Record<NotificationKind, boolean> }>;
}

/**
 * Which follow-up mails citizens receive, intent by intent (each one at most once a day per request, and never
 * after the citizen opted out): a supervisor switches a kind off where it would only be noise.
 */
export async function notificationSettingsPanel(context: ViewContext): Promise<HTMLElement> {
  const settings = await context.api.get<NotificationSettings>('/api/notification-settings');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'notifications-title' },
    h('h2', { id: 'notifications-title' }, 'Courriels de suivi aux usagers'),
    h(
      'p',
      { class: 'hint' },
      'Un courriel au plus par jour et par demande ; l’usager peut les arrêter d’un clic. Décochez ce qui n’apporte rien pour un motif.',
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
            ['Motif', 'File', ...settings.kinds.map((kind) => `Demande ${kind.label}`), 'État'].map((title) =>
              h('th', { scope: 'col' }, title),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          settings.intents.map((entry) => intentRow(entry, settings.kinds, context)),
        ),
      ),
    ),
  );
}

function intentRow(
  entry: NotificationSettings['intents'][number],
  kinds: NotificationSettings['kinds'],
  context: ViewContext,
): HTMLElement {
  const state = h('span', { role: 'status' });
  const choices = { ...entry.choices };
  const boxes = kinds.map(({ kind, label }) => {
    const id = uniqueId('notification');
    const box = h('input', {
      id,
      type: 'checkbox',
      checked: choices[kind],
      onChange: async () => {
        choices[kind] = box.checked;
        state.textContent = 'Enregistrement…';
        try {
          await context.api.put(`/api/notification-settings/${encodeURIComponent(entry.intent)}`, { choices });
          state.textContent = 'Enregistré.';
        } catch (error) {
          choices[kind] = !box.checked;
          box.checked = choices[kind];
          state.textContent = error instanceof ApiError ? error.message : 'Échec de l’enregistrement.';
        }
      },
    });
    return h('td', {}, h('label', { for: id, class: 'visually-hidden' }, `${entry.label} : courriel « demande ${label} »`), box);
  });
  return h('tr', {}, h('th', { scope: 'row' }, entry.label), h('td', {}, queueLabel(entry.queue)), ...boxes, h('td', {}, state));
}
