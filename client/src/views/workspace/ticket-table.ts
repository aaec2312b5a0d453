import type { TicketSummary } from '../../api/api-types';
import { h } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import { priorityLabels, statusLabels } from '../../labels/ticket-labels';

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
    h('caption', { class: 'visually-hidden' }, `Demandes affichées : ${tickets.length}. Flèches haut et bas pour passer d’une demande à l’autre, Entrée pour l’ouvrir.`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Référence', 'Motif', 'File', 'Priorité', 'Statut', 'Complétude', 'Reçue le', 'Échéance', 'Prise en charge'].map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h('tbody', {}, tickets.map((ticket) => renderRow(ticket, options))),
  );
}

function renderRow(ticket: TicketSummary, options: TicketTableOptions): HTMLTableRowElement {
  const fresh = options.freshIds.has(ticket.id);
  const overdue = ticket.dueAt !== null && ticket.dueAt !== undefined && Date.parse(ticket.dueAt) < options.now.getTime() && ['new', 'open', 'pending'].includes(ticket.status);
  return h(
    'tr',
    { class: fresh ? 'ticket-row is-fresh' : 'ticket-row', 'data-ticket-id': ticket.id },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: `#/demandes/${encodeURIComponent(ticket.id)}`, class: 'ticket-link' }, ticket.reference),
      fresh ? h('span', { class: 'pill pill-fresh' }, 'nouveau') : null,
    ),
    h('td', { 'data-label': 'Motif' }, h('span', { class: 'intent' }, intentLabel(ticket.intent)), ticket.subject ? h('span', { class: 'subject' }, ticket.subject) : null),
    h('td', { 'data-label': 'File' }, queueLabel(ticket.queue)),
    h('td', { 'data-label': 'Priorité' }, h('span', { class: `badge priority-${ticket.priority}` }, priorityLabels[ticket.priority])),
    h('td', { 'data-label': 'Statut' }, h('span', { class: `badge status-${ticket.status}` }, statusLabels[ticket.status])),
    h('td', { 'data-label': 'Complétude' }, ticket.completeness ? h('span', { class: `badge completeness-${ticket.completeness.status}` }, ticket.completeness.label) : '—'),
    h('td', { 'data-label': 'Reçue le' }, h('time', { datetime: ticket.receivedAt }, formatDateTime(ticket.receivedAt))),
    h(
      'td',
      { 'data-label': 'Échéance' },
      ticket.dueAt
        ? h('time', { datetime: ticket.dueAt, class: overdue ? 'overdue' : '' }, formatDateTime(ticket.dueAt), overdue ? ' (dépassée)' : '')
        : '—',
    ),
    h('td', { 'data-label': 'Prise en charge' }, assigneeText(ticket.assigneeId ?? null, options.userId)),
  );
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
