import { ApiError } from '../../api/api-error';
import type { Ticket, TicketMessage } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import type { ViewContext } from '../view';
import type { NameOf } from './colleague-names';

const kindLabels: Record<string, string> = {
  'follow-up': 'Message de l’usager',
  acknowledgement: 'Accusé de réception',
  closing: 'Message de clôture',
  'agent-reply': 'Réponse de la mairie',
  note: 'Note interne',
};
const deliveryLabels: Record<string, string> = {
  pending: 'en cours d’envoi',
  sent: 'envoyé',
  failed: 'échec d’envoi',
  suppressed: 'non envoyé',
};

/** The conversation panel, built once: `refresh` reloads the messages. */
export interface ConversationPanel {
  element: HTMLElement;
  refresh(): Promise<void>;
}

/**
 * The mail exchanged with the citizen after the first message, and the agents' internal notes (marked, never
 * sent). Hidden when the server has no mail conversation for tickets. Replies are written in the composer.
 */
export async function renderConversation(ticket: Ticket, context: ViewContext, nameOf: NameOf): Promise<ConversationPanel | null> {
  const path = `/api/tickets/${encodeURIComponent(ticket.id)}`;
  const readMessages = async () => (await context.api.get<{ messages: TicketMessage[] }>(`${path}/messages`)).messages;
  let messages: TicketMessage[];
  try {
    messages = await readMessages();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
  const list = h('ol', { class: 'conversation' });
  const renderList = () =>
    replaceChildren(
      list,
      messages.length === 0 ? h('li', { class: 'hint' }, 'Aucun échange pour l’instant.') : null,
      messages.map((message) =>
        h(
          'li',
          { class: `mail mail-${message.direction}` },
          h(
            'p',
            { class: 'mail-meta' },
            h('strong', {}, kindLabels[message.kind] ?? message.kind),
            message.kind === 'note' ? ` de ${nameOf(message.authorId)}` : '',
            ' — ',
            h('time', { datetime: message.at }, formatDateTime(message.at)),
            message.delivery ? ` — ${deliveryLabels[message.delivery.status] ?? message.delivery.status}` : '',
            message.delivery?.suppressedReason ? ` (${message.delivery.suppressedReason})` : '',
          ),
          message.subject ? h('p', { class: 'mail-subject' }, message.subject) : null,
          h('div', { class: 'message-text' }, message.text),
        ),
      ),
    );
  renderList();

  return {
    element: h(
      'section',
      { class: 'panel', 'aria-labelledby': 'conversation-title' },
      h('h2', { id: 'conversation-title' }, 'Échanges avec l’usager et notes internes'),
      list,
    ),
    async refresh() {
      messages = await readMessages();
      renderList();
    },
  };
}
