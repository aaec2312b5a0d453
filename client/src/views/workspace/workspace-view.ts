import type { ListFilter, QueueCounts, TicketPage, TicketSummary } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import type { View, ViewContext } from '../view';
import { createFilterForm } from './filter-form';
import { QueueSidebar } from './queue-sidebar';
import { belongsToList, compareForWork, compareRecentFirst, defaultFilter, listQuery } from './ticket-filter';
import { summaryOfTicket } from './ticket-summary';
import { renderTicketTable } from './ticket-table';
import { ViewList } from './view-list';

/** The API's largest page: the list shows this many rows, then « Afficher les suivantes ». */
const pageSize = 100;
const filterStorageKey = 'aiguillage.workspace-list';

/**
 * The agent's workspace: views and queues with live counts, the requests they select (searched, filtered and
 * ordered by the server, urgent first), page after page, updating live. New arrivals are marked until opened, and
 * announced to screen readers.
 */
export async function workspaceView(context: ViewContext): Promise<View> {
  const { api, live, session } = context;
  let filter: ListFilter = { ...defaultFilter, ...readStoredFilter() };
  if (filter.queue && !context.queues.some((queue) => queue.id === filter.queue)) filter = { ...filter, queue: undefined };
  let rows: TicketSummary[] = [];
  let total = 0;
  let pagesLoaded = 0;
  /** The server's clock minus this browser's, so that countdowns are the server's. */
  let clockOffset = 0;
  const fresh = context.unseenTickets;
  let counts: QueueCounts = {};

  const sidebar = new QueueSidebar(context.queues, (queueId) => applyFilter({ queue: queueId ?? undefined }));
  const views = new ViewList({ api, current: () => filter, select: (chosen) => applyFilter(chosen, true), announce: context.announce });
  const form = createFilterForm(filter, (change) => applyFilter(change));
  const listArea = h('div', { class: 'ticket-list', 'aria-live': 'off' });
  const summary = h('p', { class: 'list-summary', role: 'status' });
  const more = h(
    'button',
    {
      type: 'button',
      class: 'button more-rows',
      hidden: true,
      onClick: () => void inTurn(loadMore).catch((error: Error) => showError(error.message)),
    },
    'Afficher les demandes suivantes',
  );
  const freshBar = h('div', { class: 'fresh-bar', hidden: true });
  const heading = h('h1', { id: 'workspace-title' }, 'Demandes');

  async function fetchPage(page: number): Promise<TicketPage> {
    const answer = await api.get<TicketPage>(`/api/tickets?${listQuery(filter, page, pageSize)}`);
    clockOffset = Date.parse(answer.asOf) - Date.now();
    return answer;
  }

  /**
   * Every change to the list's pages waits for the one before: a reload answered after « Afficher les demandes
   * suivantes » (the socket connecting, say) otherwise put the list back to its first page under the agent's click,
   * or a page was merged into rows another load had replaced.
   */
  let listTurn: Promise<void> = Promise.resolve();
  function inTurn(work: () => Promise<void>): Promise<void> {
    const done = listTurn.then(work);
    listTurn = done.catch(() => undefined);
    return done;
  }

  /** The list from its first page again, as many pages as were shown (a new filter asks for one). */
  async function load(pages = 1): Promise<void> {
    let answer = await fetchPage(1);
    let loaded: TicketSummary[] = answer.tickets;
    let page = 1;
    while (page < pages && loaded.length < answer.total) {
      page += 1;
      answer = await fetchPage(page);
      loaded = withNewRows(loaded, answer.tickets);
    }
    rows = loaded;
    total = answer.total;
    pagesLoaded = page;
    render();
  }

  async function loadMore(): Promise<void> {
    if (rows.length >= total) return;
    const answer = await fetchPage(pagesLoaded + 1);
    const firstNew = rows.length;
    rows = withNewRows(rows, answer.tickets);
    total = answer.total;
    pagesLoaded += 1;
    render();
    listArea.querySelectorAll<HTMLAnchorElement>('a.ticket-link')[firstNew]?.focus();
  }

  async function loadCounts(): Promise<void> {
    counts = (await api.get<{ counts: QueueCounts }>('/api/queues/counts')).counts;
    sidebar.render(filter.queue ?? null, counts);
  }
  let countsTimer = 0;
  let reloadTimer = 0;
  function refreshCountsSoon(): void {
    window.clearTimeout(countsTimer);
    countsTimer = window.setTimeout(() => void Promise.all([loadCounts(), views.load()]).catch(() => undefined), 250);
  }
  function reloadSoon(): void {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => void inTurn(() => load(pagesLoaded)).catch(() => undefined), 250);
  }

  /** A new filter, from the form, a view or a queue: `replace` drops what the view does not set. */
  function applyFilter(change: Partial<ListFilter>, replace = false): void {
    filter = replace ? { ...defaultFilter, ...change } : { ...filter, ...change };
    window.sessionStorage.setItem(filterStorageKey, JSON.stringify(filter));
    sidebar.render(filter.queue ?? null, counts);
    views.render();
    form.show(filter);
    heading.textContent = filter.queue ? `Demandes — ${queueLabel(filter.queue)}` : 'Demandes';
    void inTurn(() => load()).catch((error: Error) => showError(error.message));
  }

  function render(): void {
    const now = new Date(Date.now() + clockOffset);
    summary.textContent =
      rows.length === 0
        ? 'Aucune demande ne correspond à ces critères.'
        : `${rows.length} demande${rows.length > 1 ? 's' : ''} affichée${rows.length > 1 ? 's' : ''}${total > rows.length ? ` sur ${total}` : ''}.`;
    more.hidden = rows.length >= total;
    const focusedId = (document.activeElement?.closest('tr') as HTMLElement | null)?.dataset.ticketId;
    replaceChildren(listArea, rows.length > 0 ? renderTicketTable(rows, { freshIds: fresh, userId: session.user.id, now }) : null);
    if (focusedId) listArea.querySelector<HTMLElement>(`tr[data-ticket-id="${CSS.escape(focusedId)}"] a`)?.focus();
    renderFreshBar();
  }

  /** A ticket pushed live: placed in the list when the browser can judge the filter, else the list is asked again. */
  function place(ticket: TicketSummary, arrived: boolean): void {
    const belongs = belongsToList(ticket, filter, session.user.id, new Date(Date.now() + clockOffset));
    const index = rows.findIndex((row) => row.id === ticket.id);
    if (belongs === undefined) {
      if (index >= 0) rows[index] = { ...rows[index], ...ticket };
      reloadSoon();
    } else if (belongs) {
      if (index >= 0) rows[index] = { ...rows[index], ...ticket };
      else {
        rows.push(ticket);
        total += 1;
        if (arrived) fresh.add(ticket.id);
      }
      rows.sort(filter.sort === 'urgency' ? compareForWork : compareRecentFirst);
    } else if (index >= 0) {
      rows.splice(index, 1);
      total -= 1;
    }
    render();
    refreshCountsSoon();
  }

  function renderFreshBar(): void {
    freshBar.hidden = fresh.size === 0;
    replaceChildren(
      freshBar,
      h('span', { class: 'fresh-dot', 'aria-hidden': 'true' }),
      `${fresh.size} nouvelle${fresh.size > 1 ? 's' : ''} demande${fresh.size > 1 ? 's' : ''} non ouverte${fresh.size > 1 ? 's' : ''}`,
      h(
        'button',
        {
          type: 'button',
          class: 'button button-quiet',
          onClick: () => {
            fresh.clear();
            render();
          },
        },
        'Marquer comme vues',
      ),
    );
  }

  function showError(message: string): void {
    replaceChildren(listArea, h('p', { class: 'form-error', role: 'alert' }, message));
  }

  const unsubscribe = [
    live.on('ticket.created', (ticket) => {
      place(summaryOfTicket(ticket), false);
      context.announce(`Nouvelle demande ${ticket.reference} : ${intentLabel(ticket.intent)}, file ${queueLabel(ticket.queue)}.`);
    }),
    live.on('ticket.updated', (ticket) => {
      // Absent from the whole of the user's queues, it comes from another queue (a reroute); absent from a view, it
      // may only have started to match it (taken, waiting).
      const arrived = !rows.some((row) => row.id === ticket.id) && filter.view === 'all' && !filter.q;
      place(summaryOfTicket(ticket), arrived);
      if (arrived && rows.some((row) => row.id === ticket.id))
        context.announce(`La demande ${ticket.reference} arrive dans la file ${queueLabel(ticket.queue)}.`);
    }),
    live.on('ticket.moved', (moved) => {
      fresh.delete(moved.id);
      const index = rows.findIndex((row) => row.id === moved.id);
      if (index >= 0) {
        rows.splice(index, 1);
        total -= 1;
      }
      render();
      refreshCountsSoon();
      context.announce(`La demande ${moved.reference} a été réorientée vers ${queueLabel(moved.to)}.`);
    }),
    // After a connection loss, what was missed is fetched again rather than trusted to be nothing.
    live.on('status', (status) => {
      if (status === 'connected') {
        reloadSoon();
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
  // Countdowns move on with the clock.
  const minuteTimer = window.setInterval(render, 60_000);

  sidebar.render(filter.queue ?? null, counts);
  heading.textContent = filter.queue ? `Demandes — ${queueLabel(filter.queue)}` : 'Demandes';
  await Promise.all([inTurn(() => load()), loadCounts(), views.load()]);

  const element = h(
    'div',
    { class: 'workspace' },
    h('div', { class: 'workspace-side' }, views.element, sidebar.element),
    h(
      'section',
      { class: 'workspace-main', 'aria-labelledby': 'workspace-title' },
      heading,
      form.element,
      h('div', { class: 'list-header' }, summary, freshBar),
      listArea,
      more,
    ),
  );
  return {
    title: 'Demandes',
    element,
    dispose() {
      for (const stop of unsubscribe) stop();
      document.removeEventListener('keydown', focusSearch);
      window.clearTimeout(countsTimer);
      window.clearTimeout(reloadTimer);
      window.clearInterval(minuteTimer);
    },
  };
}

/** Rows with a page's rows added, each ticket once (a ticket placed live may already be there). */
function withNewRows(rows: TicketSummary[], page: TicketSummary[]): TicketSummary[] {
  const known = new Set(rows.map((row) => row.id));
  return [...rows, ...page.filter((row) => !known.has(row.id))];
}

function readStoredFilter(): Partial<ListFilter> {
  try {
    return JSON.parse(window.sessionStorage.getItem(filterStorageKey) ?? '{}') as Partial<ListFilter>;
  } catch {
    return {};
  }
}
