import type { TicketPresence } from '../../api/desk-types';
import { h, replaceChildren } from '../../dom/element';
import type { ViewContext } from '../view';

/**
 * Who else is on this ticket right now, as the server tells it: « Marie Dupont répond à cette demande » before
 * two agents answer the same citizen. A colleague arriving is told in turn what this agent is doing.
 */
export function renderPresenceNotice(ticketId: string, context: ViewContext): { element: HTMLElement; dispose: () => void } {
  const others = new Map<string, TicketPresence>();
  const element = h('div', { class: 'presence-notice', role: 'status', 'aria-live': 'polite' });

  function show(): void {
    const replying = [...others.values()].filter((presence) => presence.activity === 'replying');
    const viewing = [...others.values()].filter((presence) => presence.activity === 'viewing');
    replaceChildren(
      element,
      replying.map((presence) => h('p', { class: 'presence presence-replying' }, `${presence.displayName} répond à cette demande.`)),
      viewing.length > 0
        ? h(
            'p',
            { class: 'presence' },
            `${viewing.map((presence) => presence.displayName).join(', ')} ${viewing.length > 1 ? 'consultent' : 'consulte'} aussi cette demande.`,
          )
        : null,
    );
  }

  const stop = context.live.on('ticket.presence', (presence) => {
    if (presence.ticketId !== ticketId || presence.userId === context.session.user.id) return;
    const known = others.has(presence.userId);
    if (presence.activity === 'left') others.delete(presence.userId);
    else others.set(presence.userId, presence);
    if (!known && presence.activity !== 'left') context.live.repeatPresence();
    show();
  });
  return { element, dispose: stop };
}
