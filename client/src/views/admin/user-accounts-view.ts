import type { UserAccount, UserRole } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren, uniqueId } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { allQueueIds, queueLabel } from '../../labels/taxonomy-labels';
import { roleLabels } from '../../layout/app-shell';
import type { View, ViewContext } from '../view';

/**
 * Admins manage accounts: create one (its first password is shown once), change a role, the queues served or
 * deactivate it (its sessions end at once), end its sessions, reset its second factor.
 */
export async function userAccountsView(context: ViewContext): Promise<View> {
  const { api } = context;
  const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  const list = h('div', { class: 'table-scroll' });
  let users: UserAccount[] = [];

  function showNotice(message: string): void {
    notice.textContent = message;
    notice.hidden = false;
    notice.focus();
  }

  async function load(): Promise<void> {
    users = (await api.get<{ users: UserAccount[] }>('/api/users')).users;
    replaceChildren(
      list,
      h(
        'table',
        { class: 'indicator-table settings-table' },
        h('caption', { class: 'visually-hidden' }, 'Comptes'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Nom', 'Adresse', 'Rôle', 'Files', 'État', 'Actions'].map((title) => h('th', { scope: 'col' }, title)),
          ),
        ),
        h('tbody', {}, users.map(renderRow)),
      ),
    );
  }

  function renderRow(user: UserAccount): HTMLElement {
    const state = [
      user.active ? 'actif' : 'désactivé',
      user.secondFactor ? 'double authentification' : '',
      user.signInDelayedUntil ? `connexion ralentie jusqu’à ${formatDateTime(user.signInDelayedUntil)} après des échecs` : '',
    ].filter(Boolean);
    const act = async (path: string, body: unknown, message: string) => {
      try {
        await api.post(path, body);
        await load();
        showNotice(message);
      } catch (error) {
        showNotice((error as Error).message);
      }
    };
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, user.displayName),
      h('td', {}, user.email),
      h('td', {}, roleLabels[user.role]),
      h('td', {}, user.queues.map(queueLabel).join(', ') || '—'),
      h('td', {}, state.join(', ')),
      h(
        'td',
        {},
        h(
          'details',
          {},
          h('summary', {}, `Modifier ${user.displayName}`),
          accessForm(user),
          h(
            'div',
            { class: 'condition-buttons' },
            h(
              'button',
              {
                type: 'button',
                class: 'button button-small',
                onClick: () => void act(`/api/users/${user.id}/sessions/revoke`, undefined, `Sessions de ${user.displayName} fermées.`),
              },
              'Fermer ses sessions',
            ),
            user.secondFactor
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'button button-small button-danger',
                    onClick: () =>
                      void act(
                        `/api/users/${user.id}/totp/reset`,
                        undefined,
                        `Double authentification de ${user.displayName} réinitialisée.`,
                      ),
                  },
                  'Réinitialiser la double authentification',
                )
              : null,
            user.signInDelayedUntil
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'button button-small',
                    onClick: () =>
                      void act(`/api/users/${user.id}/sign-in/unlock`, undefined, `Connexion de ${user.displayName} débloquée.`),
                  },
                  'Débloquer la connexion',
                )
              : null,
          ),
        ),
      ),
    );
  }

  function accessForm(user: UserAccount): HTMLFormElement {
    const role = roleSelect(user.role);
    const queues = queueCheckboxes(user.queues);
    const active = h('input', { type: 'checkbox', name: 'active', checked: user.active, id: uniqueId('active') });
    return actionForm({
      title: 'Accès',
      headingLevel: 'h3',
      fields: [labelled('Rôle', role), queues.element, h('label', { class: 'checkbox', for: active.id }, active, 'Compte actif')],
      submitLabel: 'Enregistrer',
      run: async () => {
        await api.request('PATCH', `/api/users/${user.id}`, { role: role.value, queues: queues.selected(), active: active.checked });
        await load();
        showNotice(`Accès de ${user.displayName} modifiés ; ses sessions ouvertes ont été fermées.`);
      },
    });
  }

  const email = h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' });
  const displayName = h('input', { name: 'displayName', type: 'text', required: true, autocomplete: 'off' });
  const role = roleSelect('agent');
  const queues = queueCheckboxes([]);
  const createForm = actionForm({
    title: 'Créer un compte',
    headingLevel: 'h2',
    fields: [labelled('Adresse de courriel', email), labelled('Nom affiché', displayName), labelled('Rôle', role), queues.element],
    submitLabel: 'Créer le compte',
    submitClass: 'button button-primary',
    run: async () => {
      const answer = await api.post<{ user: UserAccount; initialPassword: string }>('/api/users', {
        email: email.value.trim(),
        displayName: displayName.value.trim(),
        role: role.value,
        queues: queues.selected(),
      });
      email.value = '';
      displayName.value = '';
      await load();
      showNotice(
        `Compte créé pour ${answer.user.displayName}. Mot de passe initial, affiché une seule fois, à lui transmettre : ${answer.initialPassword}`,
      );
    },
  });

  await load();
  return {
    title: 'Comptes',
    element: h(
      'section',
      {},
      h('h1', {}, 'Comptes'),
      notice,
      h('div', { class: 'panel' }, createForm),
      h('section', { class: 'panel', 'aria-labelledby': 'accounts-title' }, h('h2', { id: 'accounts-title' }, 'Comptes existants'), list),
    ),
  };
}

function roleSelect(value: UserRole): HTMLSelectElement {
  return h(
    'select',
    { name: 'role', value },
    (Object.entries(roleLabels) as Array<[UserRole, string]>).map(([role, label]) => h('option', { value: role }, label)),
  );
}

/** The queues an agent serves, as checkboxes in a fieldset. */
function queueCheckboxes(selected: readonly string[]): { element: HTMLElement; selected: () => string[] } {
  const boxes = allQueueIds.map((queueId) => {
    const box = h('input', {
      type: 'checkbox',
      name: 'queues',
      value: queueId,
      checked: selected.includes(queueId),
      id: uniqueId('queue'),
    });
    return { queueId, box, element: h('label', { class: 'checkbox', for: box.id }, box, queueLabel(queueId)) };
  });
  return {
    element: h(
      'fieldset',
      { class: 'condition-group' },
      h('legend', {}, 'Files servies (agents)'),
      boxes.map((entry) => entry.element),
    ),
    selected: () => boxes.filter((entry) => entry.box.checked).map((entry) => entry.queueId),
  };
}
