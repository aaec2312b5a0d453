import type { TicketSummary } from '../../api/api-types';
import { h } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import { priorityLabels, statusLabels } from '../../labels/ticket-labels';
import { dueCountdown } from './due-countdown';

export interface TicketTableOptions {
  freshIds: ReadonlySet<string>;
  userId: string;
  now: Date;
}

/** The list of requests as a table: one link per row, reachable with Tab, or with the arrow keys (see below). */
export function renderTicketTable(tickets: readonly TicketSummary[], options: TicketTableOptions): HTMLTableElement {
  return h(
    'table',
    { class: 'ticket-table', onKeydown: moveBetweenRows },
    h(
      'caption',
      { class: 'visually-hidden' },
      `Demandes affichées : ${tickets.length}. Flèches haut et bas pour passer d’une demande à l’autre, Entrée pour l’ouvrir.`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Référence', 'Demande', 'File', 'Priorité et statut', 'Complétude', 'Échéance', 'Prise en charge'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      tickets.map((ticket) => renderRow(ticket, options)),
    ),
  );
}

function renderRow(ticket: TicketSummary, options: TicketTableOptions): HTMLTableRowElement {
  const fresh = options.freshIds.has(ticket.id);
  const stillOwed = ['new', 'open', 'pending'].includes(ticket.status);
  return h(
    'tr',
    { class: fresh ? 'ticket-row is-fresh' : 'ticket-row', 'data-ticket-id': ticket.id },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: `#/demandes/${encodeURIComponent(ticket.id)}`, class: 'ticket-link' }, ticket.reference),
      fresh ? h('span', { class: 'pill pill-fresh' }, 'nouveau') : null,
      h('span', { class: 'received' }, 'reçue le ', h('time', { datetime: ticket.receivedAt }, formatDateTime(ticket.receivedAt))),
    ),
    h(
      'td',
      { 'data-label': 'Demande', class: 'request-cell' },
      h('span', { class: 'requester' }, ticket.requester ?? 'Demandeur·se inconnu·e'),
      ticket.subject ? h('span', { class: 'subject' }, ticket.subject) : null,
      ticket.excerpt ? h('span', { class: 'excerpt' }, ticket.excerpt) : null,
      h('span', { class: 'intent' }, intentLabel(ticket.intent)),
    ),
    h('td', { 'data-label': 'File' }, queueLabel(ticket.queue)),
    h(
      'td',
      { 'data-label': 'Priorité et statut', class: 'state-cell' },
      h('span', { class: `badge priority-${ticket.priority}` }, priorityLabels[ticket.priority]),
      h('span', { class: `badge status-${ticket.status}` }, statusLabels[ticket.status]),
    ),
    h(
      'td',
      { 'data-label': 'Complétude' },
      ticket.completeness ? h('span', { class: `badge completeness-${ticket.completeness.status}` }, ticket.completeness.label) : '—',
    ),
    h('td', { 'data-label': 'Échéance' }, ticket.dueAt ? renderDue(ticket.dueAt, stillOwed, options.now) : '—'),
    h('td', { 'data-label': 'Prise en charge' }, assigneeText(ticket.assigneeId ?? null, options.userId)),
  );
}

/** A request still owed counts down to its due date; once answered, the date alone says what it was. */
function renderDue(dueAt: string, stillOwed: boolean, now: Date): HTMLElement {
  const when = h('time', { datetime: dueAt, class: 'due-date' }, formatDateTime(dueAt));
  if (!stillOwed) return when;
  const countdown = dueCountdown(dueAt, now.getTime());
  return h('span', { class: `due due-${countdown.state}` }, h('span', { class: 'countdown' }, countdown.text), when);
}

function assigneeText(assigneeId: string | null, userId: string): string {
  if (!assigneeId) return 'Personne';
  return assigneeId === userId ? 'Vous' : 'Un·e collègue';
}

/** Arrow keys (or j / k), Home and End move between the rows' links. */
function moveBetweenRows(event: KeyboardEvent): void {
  const table = event.currentTarget as HTMLTableElement;
  const links = [...table.querySelectorAll<HTMLAnchorElement>('a.ticket-link')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index < 0) return;
  const targets: Record<string, number> = {
    ArrowDown: index + 1,
    j: index + 1,
    ArrowUp: index - 1,
    k: index - 1,
    Home: 0,
    End: links.length - 1,
  };
  const target = targets[event.key];
  if (target === undefined || !links[target]) return;
  event.preventDefault();
  links[target].focus();
}
