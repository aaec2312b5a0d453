import type { SignedInUser } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import type { View, ViewContext } from '../view';

const secondFactorRoles: ReadonlyArray<SignedInUser['role']> = ['supervisor', 'admin', 'dpo'];

/** The user's own account: password change and, for the roles that hold the keys, a second factor (TOTP). */
export async function accountView(context: ViewContext): Promise<View> {
  const { api } = context;
  const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  const secondFactorArea = h('div');
  let user = (await api.get<{ user: SignedInUser }>('/api/auth/me')).user;

  function showNotice(message: string): void {
    notice.textContent = message;
    notice.hidden = false;
    notice.focus();
  }

  const current = h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, minlength: '12' });
  const passwordForm = actionForm({
    title: 'Changer de mot de passe',
    headingLevel: 'h2',
    fields: [labelled('Mot de passe actuel', current), labelled('Nouveau mot de passe', next, 'Vos autres sessions seront fermées.')],
    submitLabel: 'Changer le mot de passe',
    run: async () => {
      await api.post('/api/auth/password', { currentPassword: current.value, newPassword: next.value });
      current.value = '';
      next.value = '';
      showNotice('Mot de passe changé. Vos autres sessions ont été fermées.');
    },
  });

  function renderSecondFactor(pending: { secret: string; uri: string } | null): void {
    const code = h('input', {
      name: 'code',
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      maxlength: '6',
      required: true,
    });
    if (user.secondFactor) {
      replaceChildren(
        secondFactorArea,
        h('p', { class: 'taken' }, 'La double authentification est active sur votre compte.'),
        actionForm({
          title: 'Désactiver la double authentification',
          fields: [labelled('Code de vérification actuel', code)],
          submitLabel: 'Désactiver',
          submitClass: 'button button-danger',
          run: async () => {
            await api.post('/api/auth/totp/disable', { code: code.value.trim() });
            user = { ...user, secondFactor: false };
            renderSecondFactor(null);
            showNotice('Double authentification désactivée.');
          },
        }),
      );
      return;
    }
    if (!pending) {
      replaceChildren(
        secondFactorArea,
        h(
          'p',
          {},
          'Protégez votre compte avec un code à 6 chiffres donné par une application d’authentification (FreeOTP, Aegis, Google Authenticator…).',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-primary',
            onClick: async () => renderSecondFactor(await api.post<{ secret: string; uri: string }>('/api/auth/totp/setup')),
          },
          'Activer la double authentification',
        ),
      );
      return;
    }
    replaceChildren(
      secondFactorArea,
      h('p', {}, 'Dans votre application d’authentification, ajoutez un compte avec cette clé (saisie manuelle) :'),
      h('p', { class: 'secret' }, h('code', {}, pending.secret.replace(/(.{4})/g, '$1 ').trim())),
      h(
        'p',
        { class: 'hint' },
        'Ou ouvrez ce lien sur le téléphone qui porte l’application : ',
        h('a', { href: pending.uri }, 'ajouter le compte'),
      ),
      actionForm({
        title: 'Confirmer avec un premier code',
        fields: [labelled('Code affiché par l’application', code)],
        submitLabel: 'Activer',
        submitClass: 'button button-primary',
        run: async () => {
          await api.post('/api/auth/totp/enable', { code: code.value.trim() });
          user = { ...user, secondFactor: true };
          renderSecondFactor(null);
          showNotice('Double authentification activée : elle vous sera demandée à chaque connexion.');
        },
      }),
    );
  }

  renderSecondFactor(null);
  return {
    title: 'Mon compte',
    element: h(
      'section',
      {},
      h('h1', {}, 'Mon compte'),
      h('p', {}, `${user.displayName} — ${user.email}`),
      notice,
      h('div', { class: 'panel' }, passwordForm),
      secondFactorRoles.includes(user.role)
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': 'second-factor-title' },
            h('h2', { id: 'second-factor-title' }, 'Double authentification'),
            secondFactorArea,
          )
        : null,
    ),
  };
}
