import taxonomy from '../../../../classifiers/taxonomy/taxonomy.json';
import { ApiError, refusalMessage } from '../../api/api-error';
import type { TicketListItem, TicketPage, TriageSuggestion } from '../../api/api-types';
import { h, replaceChildren, uniqueId } from '../../dom/element';
import { formatConfidence, formatDateTime } from '../../labels/format';
import { allQueueIds, fallbackQueueId, intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import { intentSelectFollowing } from '../ticket/intent-select';
import type { View, ViewContext } from '../view';

interface TriageRow {
  ticket: Pick<TicketListItem, 'id' | 'reference' | 'intent' | 'intentGuesses' | 'confidence' | 'receivedAt'>;
  suggestedQueue: string;
  /** Pilot mode (the triage API records agreement) or a request the rules left in the reception queue. */
  pilot: boolean;
}

const queueOfIntent = new Map(taxonomy.queues.flatMap((queue) => queue.intents.map((intent) => [intent.id, queue.id] as const)));

/**
 * The reception desk's triage: each waiting request with the queue suggested for it and the intent guessed in that
 * queue, confirmed in one click or corrected with a choice of queue and intent.
 */
export async function triageView(context: ViewContext): Promise<View> {
  const table = h('div', { class: 'triage-list' });
  const status = h('p', { role: 'status', class: 'list-summary' });
  let rows: TriageRow[] = [];

  async function load(): Promise<void> {
    let suggestions: TriageSuggestion[] = [];
    try {
      suggestions = (await context.api.get<{ tickets: TriageSuggestion[] }>('/api/triage/suggestions?limit=100')).tickets;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    const pilotIds = new Set(suggestions.map((ticket) => ticket.id));
    const waiting = await context.api.get<TicketPage>(`/api/tickets?queue=${fallbackQueueId}&status=new&pageSize=100`);
    rows = [
      ...suggestions.map((ticket) => ({ ticket, suggestedQueue: ticket.suggestedQueue, pilot: true })),
      ...waiting.tickets
        .filter((ticket) => !pilotIds.has(ticket.id))
        .map((ticket) => ({ ticket, suggestedQueue: queueOfIntent.get(ticket.intent) ?? fallbackQueueId, pilot: false })),
    ];
    render();
  }

  function render(): void {
    status.textContent =
      rows.length === 0 ? 'Aucune demande n’attend de tri.' : `${rows.length} demande${rows.length > 1 ? 's' : ''} à trier.`;
    replaceChildren(
      table,
      rows.length === 0
        ? null
        : h(
            'table',
            { class: 'ticket-table triage-table' },
            h('caption', { class: 'visually-hidden' }, 'Demandes en attente de tri'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Référence', 'Motif reconnu', 'Reçue le', 'File suggérée', 'Décision'].map((title) => h('th', { scope: 'col' }, title)),
              ),
            ),
            h('tbody', {}, rows.map(renderRow)),
          ),
    );
  }

  function renderRow(row: TriageRow): HTMLElement {
    const { ticket } = row;
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const choosable = allQueueIds.filter((queueId) => queueId !== fallbackQueueId);
    // Nothing chosen beforehand: one click must never send a request anywhere the agent did not pick.
    const queue = h(
      'select',
      { id: uniqueId('queue') },
      h('option', { value: '' }, 'Choisir une file…'),
      choosable.map((queueId) => h('option', { value: queueId }, queueLabel(queueId))),
    );
    const intent = intentSelectFollowing(queue, ticket.intentGuesses);
    intent.id = uniqueId('intent');
    const actionLabel = () =>
      !queue.value
        ? 'Orienter'
        : queue.value === row.suggestedQueue
          ? `Confirmer : ${queueLabel(queue.value)}`
          : `Orienter vers : ${queueLabel(queue.value)}`;
    const decide: HTMLButtonElement = h(
      'button',
      { type: 'button', class: 'button button-primary', onClick: () => void send() },
      actionLabel(),
    );
    queue.addEventListener('change', () => {
      decide.textContent = actionLabel();
    });
    const send = async () => {
      error.hidden = true;
      if (!queue.value) {
        error.textContent = 'Choisissez la file où orienter la demande.';
        error.hidden = false;
        queue.focus();
        return;
      }
      decide.disabled = true;
      try {
        await sendDecision(row, queue.value, intent.value || undefined);
        context.announce(`Demande ${ticket.reference} orientée vers ${queueLabel(queue.value)}.`);
        rows = rows.filter((candidate) => candidate.ticket.id !== ticket.id);
        render();
        table.querySelector<HTMLElement>('select')?.focus();
      } catch (failure) {
        error.textContent = refusalMessage(failure);
        error.hidden = false;
        decide.disabled = false;
      }
    };
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('a', { href: `#/demandes/${encodeURIComponent(ticket.id)}`, class: 'ticket-link' }, ticket.reference)),
      h('td', {}, intentLabel(ticket.intent), h('span', { class: 'hint' }, ` (confiance ${formatConfidence(ticket.confidence)})`)),
      h('td', {}, h('time', { datetime: ticket.receivedAt }, formatDateTime(ticket.receivedAt))),
      h('td', {}, queueLabel(row.suggestedQueue), row.pilot ? h('span', { class: 'pill' }, 'mode suggestion') : null),
      h(
        'td',
        { class: 'triage-decision' },
        h('label', { for: queue.id, class: 'visually-hidden' }, `File pour ${ticket.reference}`),
        queue,
        h('label', { for: intent.id, class: 'visually-hidden' }, `Motif pour ${ticket.reference}`),
        intent,
        decide,
        error,
      ),
    );
  }

  async function sendDecision(row: TriageRow, queue: string, intent: string | undefined): Promise<void> {
    const id = encodeURIComponent(row.ticket.id);
    if (row.pilot) await context.api.post(`/api/triage/tickets/${id}`, { queue, intent });
    else {
      const agreed = queue === row.suggestedQueue;
      await context.api.post(`/api/tickets/${id}/reroute`, {
        queue,
        intent,
        reason: agreed
          ? 'Tri de l’accueil : file suggérée confirmée'
          : `Tri de l’accueil : file suggérée (${queueLabel(row.suggestedQueue)}) corrigée`,
      });
    }
  }

  let reloadTimer = 0;
  const reloadSoon = () => {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => void load().catch(() => undefined), 300);
  };
  const unsubscribe = [
    context.live.on('ticket.created', (ticket) => ticket.queue === fallbackQueueId && reloadSoon()),
    context.live.on('ticket.updated', reloadSoon),
    context.live.on('ticket.moved', reloadSoon),
  ];

  await load();
  return {
    title: 'Tri de l’accueil',
    element: h(
      'section',
      { class: 'triage' },
      h('h1', {}, 'Tri de l’accueil'),
      h(
        'p',
        { class: 'lead' },
        'Les demandes que les règles n’ont pas su orienter, ou dont la file est en mode suggestion. Choisissez la file de chaque demande (celle qui est suggérée, ou une autre) et son motif, puis orientez-la.',
      ),
      status,
      table,
    ),
    dispose() {
      unsubscribe.forEach((stop) => stop());
      window.clearTimeout(reloadTimer);
    },
  };
}
