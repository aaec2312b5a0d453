import type { DraftedReply, TicketSource, TicketSources } from '../../api/api-types';
import { h } from '../../dom/element';
import type { ViewContext } from '../view';

/**
 * The official sources of the request: the service-public.fr fiches most relevant to it, each with the section that
 * answers, its link and the date of its last update (the agent judges how current it is). « Insérer dans la
 * réponse » puts the suggested reply, which quotes the section and cites the fiche, into the reply form. When the
 * LLM is enabled, « Proposer une réponse rédigée » asks for a reply drafted from that section, citing the fiche.
 */
export async function renderSourcesPanel(ticketId: string, context: ViewContext, insert: (text: string) => boolean): Promise<HTMLElement> {
  const path = `/api/tickets/${encodeURIComponent(ticketId)}/sources`;
  const { sources, drafting } = await context.api.get<TicketSources>(path);
  const status = h('p', { class: 'hint', role: 'status' });
  const inserted = (text: string, done: string) => {
    status.textContent = insert(text) ? done : 'La réponse ne peut pas être envoyée par courriel pour cette demande.';
  };
  const draftButton = (source: TicketSource) => {
    const button: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet',
        onClick: async () => {
          button.disabled = true;
          status.textContent = `Rédaction d’une réponse à partir de « ${source.title} »…`;
          try {
            const reply = await context.api.post<DraftedReply>(`${path}/${encodeURIComponent(source.id)}/draft`);
            inserted(reply.draft, reply.notice);
          } catch (error) {
            status.textContent = `La réponse n’a pas pu être rédigée : ${(error as Error).message}`;
          } finally {
            button.disabled = false;
          }
        },
      },
      'Proposer une réponse rédigée',
    );
    return button;
  };
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
              h(
                'p',
                { class: 'hint' },
                'Fiche service-public.fr mise à jour le ',
                h('time', { datetime: source.date }, frenchDate(source.date)),
              ),
              h('p', { class: 'source-section' }, source.section),
              h('div', { class: 'message-text source-excerpt' }, source.excerpt),
              h(
                'div',
                { class: 'source-actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'button',
                    onClick: () =>
                      inserted(source.suggestedAnswer, `Réponse tirée de « ${source.title} » insérée : relisez-la avant de l’envoyer.`),
                  },
                  'Insérer dans la réponse',
                ),
                drafting ? draftButton(source) : null,
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
