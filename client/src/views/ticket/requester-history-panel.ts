import { refusalMessage } from '../../api/api-error';
import type { RequesterHistory, Ticket, TicketListItem } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';
import { formatDateTime, formatPercent } from '../../labels/format';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import { statusLabels } from '../../labels/ticket-labels';
import type { ViewContext } from '../view';

export interface RequesterHistoryPanel {
  element: HTMLElement;
  /** Asks the server again (the ticket changed, or a merge closed it). */
  show(ticket: Ticket): Promise<void>;
}

/**
 * Beside the ticket: the same citizen's other requests the agent may see (matched by the server on the keyed hashes
 * of their e-mail address and phone number), and those likely about the same matter, each with a button that merges
 * this ticket into it, instead of a reference to type.
 */
export function createRequesterHistoryPanel(context: ViewContext, merged: (message: string) => void): RequesterHistoryPanel {
  const element = h('section', { class: 'panel requester-history', 'aria-labelledby': 'requester-history-title' });

  async function show(ticket: Ticket): Promise<void> {
    const history = await context.api.get<RequesterHistory>(`/api/tickets/${encodeURIComponent(ticket.id)}/requester-history`);
    const duplicates = new Map(history.likelyDuplicates.map((candidate) => [candidate.id, candidate]));
    const likely = history.tickets.filter((row) => duplicates.has(row.id));
    const others = history.tickets.filter((row) => !duplicates.has(row.id));
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });

    async function merge(into: TicketListItem): Promise<void> {
      error.hidden = true;
      try {
        await context.api.post(`/api/tickets/${encodeURIComponent(ticket.id)}/merge`, { into: into.reference });
        merged(`Demande fusionnée dans ${into.reference}.`);
      } catch (failure) {
        error.textContent = refusalMessage(failure);
        error.hidden = false;
      }
    }

    replaceChildren(
      element,
      h('h2', { id: 'requester-history-title' }, 'Autres demandes de cette personne'),
      history.tickets.length === 0
        ? h('p', { class: 'hint' }, 'Aucune autre demande de cette personne dans vos files (même courriel ou même téléphone).')
        : [
            likely.length > 0
              ? h(
                  'div',
                  { class: 'likely-duplicates' },
                  h('h3', {}, 'Doublons probables'),
                  h(
                    'ul',
                    { class: 'history-requests' },
                    likely.map((row) => {
                      const candidate = duplicates.get(row.id)!;
                      return h(
                        'li',
                        {},
                        renderRequest(row),
                        h(
                          'p',
                          { class: 'hint' },
                          candidate.sameIntent
                            ? 'Même motif, encore ouverte.'
                            : `${formatPercent(candidate.similarity)} de mots en commun, encore ouverte.`,
                        ),
                        h(
                          'button',
                          { type: 'button', class: 'button', onClick: () => merge(row) },
                          `Fusionner cette demande dans ${row.reference}`,
                        ),
                      );
                    }),
                  ),
                  error,
                )
              : null,
            others.length > 0 ? h('h3', {}, likely.length > 0 ? 'Ses autres demandes' : 'Ses demandes') : null,
            others.length > 0
              ? h(
                  'ul',
                  { class: 'history-requests' },
                  others.map((row) => h('li', {}, renderRequest(row))),
                )
              : null,
            history.total > history.tickets.length
              ? h(
                  'p',
                  { class: 'hint' },
                  `Les ${history.tickets.length} plus récentes sur ${history.total} : cherchez son courriel dans la liste pour les autres.`,
                )
              : null,
          ],
    );
  }

  return { element, show };
}

function renderRequest(row: TicketListItem): HTMLElement {
  return h(
    'div',
    { class: 'history-request' },
    h('a', { href: `#/demandes/${encodeURIComponent(row.id)}` }, row.reference),
    ' ',
    h('span', { class: `badge status-${row.status}` }, statusLabels[row.status]),
    h(
      'span',
      { class: 'hint' },
      ` ${queueLabel(row.queue)} · reçue le `,
      h('time', { datetime: row.receivedAt }, formatDateTime(row.receivedAt)),
    ),
    h('span', { class: 'subject' }, row.subject || intentLabel(row.intent)),
    row.excerpt ? h('span', { class: 'excerpt' }, row.excerpt) : null,
  );
}
