import type { QueueCounts, TicketPage, TicketStatus, TicketSummary } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import { priorityLabels, statusLabels } from '../../labels/ticket-labels';
import type { View, ViewContext } from '../view';
import { createFilterForm } from './filter-form';
import { QueueSidebar } from './queue-sidebar';
import { compareForWork, compareRecentFirst, defaultFilter, matchesFilter, type TicketFilter } from './ticket-filter';
import { summaryOfTicket } from './ticket-summary';
import { renderTicketTable } from './ticket-table';

const pageSize = 100;
const filterStorageKey = 'aiguillage.workspace-filter';

/**
 * The agent's workspace: queues with live counts, the requests of the chosen queue updating live, filters,
 * search and keyboard navigation. New arrivals are marked until opened, and announced to screen readers.
 */
export async function workspaceView(context: ViewContext): Promise<View> {
  const { api, live, session } = context;
  let filter: TicketFilter = { ...defaultFilter, ...readStoredFilter() };
  if (filter.queue && !context.queues.some((queue) => queue.id === filter.queue)) filter.queue = null;
  const tickets = new Map<string, TicketSummary>();
  const fresh = context.unseenTickets;
  let counts: QueueCounts = {};
  let truncated = false;

  const sidebar = new QueueSidebar(context.queues, (queueId) => {
    applyFilter({ ...filter, queue: queueId }, true);
  });
  const form = createFilterForm(filter, (next) => applyFilter(next, next.status !== filter.status));
  const listArea = h('div', { class: 'ticket-list', 'aria-live': 'off' });
  const summary = h('p', { class: 'list-summary', role: 'status' });
  const freshBar = h('div', { class: 'fresh-bar', hidden: true });
  const heading = h('h1', {}, 'Demandes');

  async function load(): Promise<void> {
    const base = filter.queue ? `queue=${encodeURIComponent(filter.queue)}&` : '';
    const statuses: Array<TicketStatus | null> = filter.status === 'active' ? ['new', 'open', 'pending'] : [filter.status === 'all' ? null : filter.status];
    const pages = await Promise.all(
      statuses.map((status) => api.get<TicketPage>(`/api/tickets?${base}${status ? `status=${status}&` : ''}pageSize=${pageSize}`)),
    );
    tickets.clear();
    truncated = pages.some((page) => page.total > page.tickets.length);
    for (const page of pages) for (const ticket of page.tickets) tickets.set(ticket.id, ticket);
    render();
  }

  async function loadCounts(): Promise<void> {
    counts = (await api.get<{ counts: QueueCounts }>('/api/queues/counts')).counts;
    sidebar.render(filter.queue, counts);
  }
  let countsTimer = 0;
  function refreshCountsSoon(): void {
    window.clearTimeout(countsTimer);
    countsTimer = window.setTimeout(() => void loadCounts().catch(() => undefined), 250);
  }

  function applyFilter(next: TicketFilter, reload: boolean): void {
    filter = next;
    window.sessionStorage.setItem(filterStorageKey, JSON.stringify(filter));
    sidebar.render(filter.queue, counts);
    heading.textContent = filter.queue ? `Demandes — ${queueLabel(filter.queue)}` : 'Demandes';
    if (reload) void load().catch((error: Error) => showError(error.message));
    else render();
  }

  const describe = (ticket: TicketSummary) =>
    [ticket.reference, intentLabel(ticket.intent), queueLabel(ticket.queue), ticket.subject ?? '', ...ticket.tags, statusLabels[ticket.status], priorityLabels[ticket.priority]].join(' ');

  function render(): void {
    const now = new Date();
    const visible = [...tickets.values()]
      .filter((ticket) => matchesFilter(ticket, filter, now, describe))
      .sort(filter.sort === 'work' ? compareForWork : compareRecentFirst);
    form.setTags([...new Set([...tickets.values()].flatMap((ticket) => ticket.tags))].sort());
    summary.textContent =
      visible.length === 0
        ? 'Aucune demande ne correspond à ces critères.'
        : `${visible.length} demande${visible.length > 1 ? 's' : ''} affichée${visible.length > 1 ? 's' : ''}${truncated ? ` (les ${pageSize} plus récentes par statut)` : ''}.`;
    const focusedId = (document.activeElement?.closest('tr') as HTMLElement | null)?.dataset.ticketId;
    replaceChildren(listArea, visible.length > 0 ? renderTicketTable(visible, { freshIds: fresh, userId: session.user.id, now }) : null);
    if (focusedId) listArea.querySelector<HTMLElement>(`tr[data-ticket-id="${CSS.escape(focusedId)}"] a`)?.focus();
    renderFreshBar();
  }

  function renderFreshBar(): void {
    freshBar.hidden = fresh.size === 0;
    replaceChildren(
      freshBar,
      h('span', { class: 'fresh-dot', 'aria-hidden': 'true' }),
      `${fresh.size} nouvelle${fresh.size > 1 ? 's' : ''} demande${fresh.size > 1 ? 's' : ''} non ouverte${fresh.size > 1 ? 's' : ''}`,
      h('button', { type: 'button', class: 'button button-quiet', onClick: () => { fresh.clear(); render(); } }, 'Marquer comme vues'),
    );
  }

  function showError(message: string): void {
    replaceChildren(listArea, h('p', { class: 'form-error', role: 'alert' }, message));
  }

  const unsubscribe = [
    live.on('ticket.created', (ticket) => {
      tickets.set(ticket.id, summaryOfTicket(ticket));
      render();
      refreshCountsSoon();
      context.announce(`Nouvelle demande ${ticket.reference} : ${intentLabel(ticket.intent)}, file ${queueLabel(ticket.queue)}.`);
    }),
    live.on('ticket.updated', (ticket) => {
      const arrived = !tickets.has(ticket.id);
      tickets.set(ticket.id, summaryOfTicket(ticket));
      if (arrived) {
        fresh.add(ticket.id);
        context.announce(`La demande ${ticket.reference} arrive dans la file ${queueLabel(ticket.queue)}.`);
      }
      render();
      refreshCountsSoon();
    }),
    live.on('ticket.moved', (moved) => {
      tickets.delete(moved.id);
      fresh.delete(moved.id);
      render();
      refreshCountsSoon();
      context.announce(`La demande ${moved.reference} a été réorientée vers ${queueLabel(moved.to)}.`);
    }),
    // After a connection loss, what was missed is fetched again rather than trusted to be nothing.
    live.on('status', (status) => {
      if (status === 'connected') {
        void load().catch(() => undefined);
        refreshCountsSoon();
      }
    }),
  ];

  const focusSearch = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.key !== '/' || target.closest('input, textarea, select, [contenteditable]')) return;
    event.preventDefault();
    form.search.focus();
  };
  document.addEventListener('keydown', focusSearch);

  sidebar.render(filter.queue, counts);
  heading.textContent = filter.queue ? `Demandes — ${queueLabel(filter.queue)}` : 'Demandes';
  await Promise.all([load(), loadCounts()]);

  const element = h(
    'div',
    { class: 'workspace' },
    sidebar.element,
    h('section', { class: 'workspace-main', 'aria-labelledby': 'workspace-title' }, withId(heading, 'workspace-title'), form.element, h('div', { class: 'list-header' }, summary, freshBar), listArea),
  );
  return {
    title: 'Demandes',
    element,
    dispose() {
      for (const stop of unsubscribe) stop();
      document.removeEventListener('keydown', focusSearch);
      window.clearTimeout(countsTimer);
    },
  };
}

function withId<Element extends HTMLElement>(element: Element, id: string): Element {
  element.id = id;
  return element;
}

function readStoredFilter(): Partial<TicketFilter> {
  try {
    return JSON.parse(window.sessionStorage.getItem(filterStorageKey) ?? '{}') as Partial<TicketFilter>;
  } catch {
    return {};
  }
}
