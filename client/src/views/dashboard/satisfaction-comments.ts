import { h } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { queueLabel } from '../../labels/taxonomy-labels';
import type { ViewContext } from '../view';

interface SatisfactionComment {
  reference: string;
  queue: string;
  rating: number;
  comment: string;
  at: string;
}

/** What citizens wrote with their rating over the last 90 days, newest first (the server audits each reading). */
export async function satisfactionCommentsPanel(context: ViewContext): Promise<HTMLElement> {
  const { comments } = await context.api.get<{ comments: SatisfactionComment[] }>('/api/satisfaction/comments?days=90');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'comments-title' },
    h('h2', { id: 'comments-title' }, 'Commentaires des usagers (90 derniers jours)'),
    comments.length === 0
      ? h('p', {}, 'Aucun commentaire pour l’instant.')
      : h(
          'ul',
          { class: 'satisfaction-comments' },
          comments.map((entry) =>
            h(
              'li',
              {},
              h(
                'p',
                { class: 'hint' },
                `${entry.reference} · ${queueLabel(entry.queue)} · note ${entry.rating} / 5 · `,
                h('time', { datetime: entry.at }, formatDateTime(entry.at)),
              ),
              h('blockquote', {}, entry.comment),
            ),
          ),
        ),
  );
}
