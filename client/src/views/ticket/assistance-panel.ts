import type { Ticket, TicketAssistance } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, uniqueId } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import type { ViewContext } from '../view';

const replyTitles: Record<NonNullable<TicketAssistance['reply']>['kind'], string> = {
  'missing-information': 'Demande des informations manquantes',
  answer: 'Réponse immédiate',
};

/**
 * What the request needs and what was prepared for it: the checklist (each item present or missing), and the
 * missing-information request or the answer, either already sent (in the acknowledgement, or by a colleague) or
 * suggested: the agent sends it in one click, possibly after editing it, or dismisses it.
 */
export function renderAssistancePanel(ticket: Ticket, context: ViewContext, changed: (message: string) => void): HTMLElement | null {
  const assistance = ticket.assistance;
  if (!assistance) return null;
  const { checklist, reply } = assistance;
  return h(
    'section',
    { class: 'panel assistance', 'aria-labelledby': 'assistance-title' },
    h('h2', { id: 'assistance-title' }, checklist ? `Complétude : ${checklist.label}` : 'Réponse préparée'),
    checklist
      ? h(
          'ul',
          { class: 'checklist' },
          checklist.items.map((item) => {
            // Not found but not asked for either: the agent reads the message for it.
            const [className, mark, state] = item.present
              ? ['item-present', '✓ ', ' : présent']
              : item.toVerify
                ? ['item-missing', '? ', ' : à vérifier']
                : ['item-missing', '✗ ', ' : manquant'];
            return h(
              'li',
              { class: className },
              h('span', { 'aria-hidden': 'true' }, mark),
              item.label,
              h('span', { class: 'visually-hidden' }, state),
            );
          }),
        )
      : null,
    checklist?.completedAt
      ? h('p', { class: 'hint' }, `Complétée par la réponse du demandeur le ${formatDateTime(checklist.completedAt)}.`)
      : null,
    reply ? renderReply(ticket.id, reply, context, changed) : null,
  );
}

function renderReply(
  ticketId: string,
  reply: NonNullable<TicketAssistance['reply']>,
  context: ViewContext,
  changed: (message: string) => void,
): HTMLElement {
  const title = replyTitles[reply.kind];
  const source = reply.source
    ? h(
        'p',
        { class: 'hint' },
        'Source : ',
        h('a', { href: reply.source.url, target: '_blank', rel: 'noopener noreferrer' }, reply.source.title),
      )
    : null;
  if (reply.status === 'sent' || reply.status === 'dismissed') {
    const what =
      reply.status === 'dismissed'
        ? `écartée le ${formatDateTime(reply.dismissedAt!)}`
        : reply.sentBy
          ? `envoyée par un agent le ${formatDateTime(reply.sentAt!)}${reply.edited ? ' (modifiée)' : ''}`
          : `envoyée dans l’accusé de réception le ${formatDateTime(reply.sentAt!)}`;
    return h(
      'div',
      { class: 'assisted-reply' },
      h('h3', {}, `${title} : ${what}`),
      h('div', { class: 'message-text' }, reply.text),
      source,
    );
  }
  const path = `/api/tickets/${encodeURIComponent(ticketId)}/assistance`;
  const textId = uniqueId('assisted-text');
  const text = h('textarea', { id: textId, rows: 8, class: 'assisted-text' }, reply.text);
  text.value = reply.text;
  return h(
    'div',
    { class: 'assisted-reply' },
    h(
      'p',
      { class: 'hint' },
      reply.status === 'in-acknowledgement'
        ? 'Prévue dans l’accusé de réception, qui n’est pas parti : vous pouvez l’envoyer.'
        : 'Suggestion (mode pilote) : relisez-la, puis envoyez-la au demandeur ou écartez-la. Votre choix sert à mesurer l’accord avant de l’envoyer automatiquement.',
    ),
    actionForm({
      title: `${title} suggérée`,
      headingLevel: 'h3',
      fields: [labelled('Texte envoyé au demandeur', text), source],
      submitLabel: 'Envoyer au demandeur',
      run: async () => {
        const edited = text.value.trim() !== reply.text.trim();
        await context.api.post(`${path}/send`, edited ? { text: text.value } : {});
        changed(`${title} envoyée au demandeur.`);
      },
    }),
    actionForm({
      title: 'Ne pas l’envoyer',
      headingLevel: 'h3',
      fields: [],
      submitLabel: 'Écarter la suggestion',
      submitClass: 'button button-secondary',
      run: async () => {
        await context.api.post(`${path}/dismiss`);
        changed('Suggestion écartée.');
      },
    }),
  );
}
