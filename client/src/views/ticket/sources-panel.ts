import type { TicketSource } from '../../api/api-types';
import { h } from '../../dom/element';
import type { ViewContext } from '../view';

/**
 * The official sources of the request: the service-public.fr fiches most relevant to it, each with the section that
 * answers, its link and the date of its last update (the agent judges how current it is). « Insérer dans la
 * réponse » puts the suggested reply, which quotes the section and cites the fiche, into the reply form.
 */
export async function renderSourcesPanel(ticketId: string, context: ViewContext, insert: (text: string) => boolean): Promise<HTMLElement> {
  const { sources } = await context.api.get<{ sources: TicketSource[] }>(`/api/tickets/${encodeURIComponent(ticketId)}/sources`);
  const status = h('p', { class: 'hint', role: 'status' });
  return h(
    'section',
    { class: 'panel sources', 'aria-labelledby': 'sources-title' },
    h('h2', { id: 'sources-title' }, 'Sources officielles'),
    sources.length === 0
      ? h('p', { class: 'hint' }, 'Aucune fiche service-public.fr ne correspond à cette demande.')
      : h(
          'ol',
          { class: 'source-list' },
          sources.map((source) =>
            h(
              'li',
              { class: 'source' },
              h('h3', {}, h('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title)),
              h('p', { class: 'hint' }, 'Fiche service-public.fr mise à jour le ', h('time', { datetime: source.date }, frenchDate(source.date))),
              h('p', { class: 'source-section' }, source.section),
              h('div', { class: 'message-text source-excerpt' }, source.excerpt),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button',
                  onClick: () => {
                    status.textContent = insert(source.suggestedAnswer)
                      ? `Réponse tirée de « ${source.title} » insérée : relisez-la avant de l’envoyer.`
                      : 'La réponse ne peut pas être envoyée par courriel pour cette demande.';
                  },
                },
                'Insérer dans la réponse',
              ),
            ),
          ),
        ),
    status,
  );
}

function frenchDate(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}
