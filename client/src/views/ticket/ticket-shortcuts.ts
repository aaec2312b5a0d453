import { h } from '../../dom/element';

/** The ticket view's keys, listed by the help (« ? ») exactly as they work. */
export const ticketShortcuts: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 't', action: 'Prendre en charge la demande' },
  { keys: 'r', action: 'Écrire la réponse à l’usager' },
  { keys: 'i', action: 'Écrire une note interne' },
  { keys: 's', action: 'Changer le statut' },
  { keys: 'n', action: 'Ouvrir la demande suivante de la liste' },
  { keys: '?', action: 'Afficher cette aide' },
  { keys: 'Ctrl + Entrée', action: 'Dans la réponse ou la note : envoyer' },
  { keys: 'Ctrl + Maj + Entrée', action: 'Dans la réponse : répondre et mettre en attente' },
  { keys: ':: ou /', action: 'Dans la réponse : insérer une réponse type (flèches, puis Entrée)' },
  { keys: '@', action: 'Dans une note : mentionner un·e collègue' },
  { keys: 'Échap', action: 'Fermer une liste de suggestions ou cette aide' },
];

export interface ShortcutHandlers {
  take(): void;
  reply(): void;
  note(): void;
  status(): void;
  next(): void;
}

/**
 * Single keys act on the ticket, as in Zammad or Gmail, but never while the agent types in a field, and never with
 * Ctrl, Alt or Meta (the browser's and the screen reader's own keys). Returns what removes them.
 */
export function attachTicketShortcuts(handlers: ShortcutHandlers, help: HTMLDialogElement): () => void {
  const actions: Record<string, () => void> = {
    t: handlers.take,
    r: handlers.reply,
    i: handlers.note,
    s: handlers.status,
    n: handlers.next,
    '?': () => help.showModal(),
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || help.open) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

/** The help screen: every shortcut of the ticket view, in a modal dialog (Échap or the button closes it). */
export function renderShortcutHelp(): HTMLDialogElement {
  const dialog: HTMLDialogElement = h(
    'dialog',
    { class: 'shortcut-help', 'aria-labelledby': 'shortcut-help-title' },
    h('h2', { id: 'shortcut-help-title' }, 'Raccourcis clavier'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Touches'), h('th', { scope: 'col' }, 'Action'))),
      h(
        'tbody',
        {},
        ticketShortcuts.map((shortcut) => h('tr', {}, h('td', {}, h('kbd', {}, shortcut.keys)), h('td', {}, shortcut.action))),
      ),
    ),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'button' }, 'Fermer')),
  );
  return dialog;
}
