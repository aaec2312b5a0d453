import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { SignInAnswer } from '../api/api-types';
import { h, replaceChildren } from '../dom/element';

/**
 * The sign-in page. `notice` explains why the user is here again (session expired, signed out); errors are
 * announced and tied to the form.
 */
export function renderSignIn(root: HTMLElement, notice: string | null, onSignedIn: (answer: SignInAnswer) => void): void {
  const api = new ApiClient({ token: () => null, onUnauthorised: () => undefined });
  const error = h('p', { class: 'form-error', id: 'sign-in-error', role: 'alert', hidden: true });
  const email = h('input', {
    id: 'email',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
    'aria-describedby': 'sign-in-error',
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'aria-describedby': 'sign-in-error',
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Se connecter');
  const code = h('input', {
    id: 'totp-code',
    name: 'totpCode',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '\\d{6}',
    maxlength: '6',
    'aria-describedby': 'totp-hint sign-in-error',
  });
  const codeField = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: 'totp-code' }, 'Code de vérification'),
    h('span', { class: 'hint', id: 'totp-hint' }, 'Les 6 chiffres affichés par votre application d’authentification.'),
    code,
  );

  const form = h(
    'form',
    {
      class: 'sign-in-form',
      novalidate: true,
      onSubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        error.hidden = true;
        if (!email.value.trim() || !password.value) {
          showError('Saisissez votre adresse de courriel et votre mot de passe.');
          return;
        }
        submit.disabled = true;
        const secondStep = !codeField.hidden;
        try {
          onSignedIn(
            await api.post<SignInAnswer>('/api/auth/sign-in', {
              email: email.value.trim(),
              password: password.value,
              ...(secondStep ? { totpCode: code.value.trim() } : {}),
            }),
          );
        } catch (failure) {
          const body = failure instanceof ApiError ? (failure.body as { secondFactorRequired?: boolean } | null) : null;
          if (body?.secondFactorRequired && !secondStep) {
            codeField.hidden = false;
            code.focus();
            return;
          }
          showError(failure instanceof ApiError ? failure.message : 'La connexion a échoué. Réessayez.');
          if (secondStep) {
            code.value = '';
            code.focus();
          } else {
            password.value = '';
            password.focus();
          }
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'email' }, 'Adresse de courriel professionnelle'), email),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Mot de passe'), password),
    codeField,
    error,
    submit,
  );

  function showError(message: string): void {
    error.textContent = message;
    error.hidden = false;
    email.setAttribute('aria-invalid', 'true');
    password.setAttribute('aria-invalid', 'true');
  }

  document.title = 'Connexion — Aiguillage';
  replaceChildren(
    root,
    h(
      'main',
      { class: 'sign-in-page', id: 'contenu' },
      h(
        'div',
        { class: 'sign-in-card' },
        h('p', { class: 'brand brand-large' }, 'Aiguillage'),
        h('h1', {}, 'Connexion à l’espace des agents'),
        notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
        form,
      ),
    ),
  );
  email.focus();
}
