import type { Queue, QueueCounts } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';

/** The queues the agent serves, with how many requests wait in each; choosing one filters the list. */
export class QueueSidebar {
  readonly element = h('nav', { class: 'queue-sidebar', 'aria-label': 'Mes files' });

  constructor(
    private readonly queues: readonly Queue[],
    private readonly onSelect: (queueId: string | null) => void,
  ) {}

  render(selected: string | null, counts: QueueCounts): void {
    const waiting = (queueId: string) => {
      const count = counts[queueId];
      return count ? count.new + count.open + count.pending : 0;
    };
    const total = this.queues.reduce((sum, queue) => sum + waiting(queue.id), 0);
    const button = (queueId: string | null, label: string, count: number, fresh: number) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'queue-button', 'aria-pressed': String(selected === queueId), onClick: () => this.onSelect(queueId) },
          h('span', { class: 'queue-label' }, label),
          h(
            'span',
            { class: 'queue-count' },
            String(count),
            h('span', { class: 'visually-hidden' }, ` à traiter${fresh > 0 ? `, dont ${fresh} nouvelles` : ''}`),
          ),
        ),
      );
    replaceChildren(
      this.element,
      h('h2', { class: 'sidebar-title' }, 'Files'),
      h(
        'ul',
        {},
        button(null, 'Toutes mes files', total, 0),
        this.queues.map((queue) => button(queue.id, queue.label, waiting(queue.id), counts[queue.id]?.new ?? 0)),
      ),
    );
  }
}
