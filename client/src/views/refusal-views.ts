import { h } from '../dom/element';
import type { View } from './view';

/** A screen that exists but is not part of this user's duties: said plainly, with the way back to their own work. */
export function accessDeniedView(home: string): View {
  return refusal('Accès refusé', 'Cet écran ne fait pas partie de ce que votre rôle permet de consulter.', home);
}

/** An address that leads nowhere, or to a request this user may not see (the server does not say which). */
export function pageNotFoundView(home: string): View {
  return refusal(
    'Page introuvable',
    'Cette adresse ne correspond à aucun écran, ou à une demande qui n’existe pas ou qui n’est pas dans vos files.',
    home,
  );
}

function refusal(title: string, explanation: string, home: string): View {
  return {
    title,
    element: h(
      'section',
      { class: 'refusal' },
      h('h1', {}, title),
      h('p', {}, explanation),
      h('p', {}, h('a', { href: home }, 'Retour à votre page d’accueil')),
    ),
  };
}
