import type { HistoryEvent } from '../../api/api-types';
import { h } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { queueLabel } from '../../labels/taxonomy-labels';
import { historyLabels, mailDeliveryLabels, statusLabels } from '../../labels/ticket-labels';
import type { NameOf } from './colleague-names';

/** Everything that happened to the ticket, oldest first. */
export function renderHistory(history: readonly HistoryEvent[], nameOf: NameOf): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'Historique'),
    h(
      'ol',
      { class: 'history' },
      history.map((event) =>
        h(
          'li',
          {},
          h('time', { datetime: event.at }, formatDateTime(event.at)),
          h('span', { class: 'history-what' }, ` ${what(event)}`),
          detail(event, nameOf) ? h('span', {}, ` : ${detail(event, nameOf)}`) : null,
          event.actorId ? h('span', { class: 'hint' }, ` (${nameOf(event.actorId)})`) : null,
          event.reason ? h('p', { class: 'history-reason' }, `Motif : ${event.reason}`) : null,
        ),
      ),
    ),
  );
}

function what(event: HistoryEvent): string {
  if (event.type === 'mail-queued' && event.delivery) return mailDeliveryLabels[event.delivery] ?? historyLabels[event.type];
  return historyLabels[event.type] ?? event.type;
}

function detail(event: HistoryEvent, nameOf: NameOf): string {
  switch (event.type) {
    case 'assigned':
      return event.to ? `à ${nameOf(event.to)}` : 'remise dans la file';
    case 'tagged':
      return event.to ?? '';
    case 'created':
      return event.to ? `file ${queueLabel(event.to)}` : '';
    case 'rerouted':
      return `de ${queueLabel(event.from ?? '?')} vers ${queueLabel(event.to ?? '?')}`;
    case 'status-changed':
      return `${statusLabel(event.from)} → ${statusLabel(event.to)}`;
    case 'satisfaction-rated':
      return event.to ? `note ${event.to} / 5` : '';
    case 'merged':
      return event.to ? `fusionnée dans ${event.to}` : event.from ? `${event.from} fusionnée ici` : '';
    default:
      return '';
  }
}

function statusLabel(status: string | null): string {
  return status ? ((statusLabels as Record<string, string>)[status] ?? status) : '?';
}
