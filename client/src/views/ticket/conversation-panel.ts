import { ApiError } from '../../api/api-error';
import type { Ticket, TicketMessage } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import type { ViewContext } from '../view';

const kindLabels: Record<string, string> = {
  'follow-up': 'Message de l’usager',
  acknowledgement: 'Accusé de réception',
  closing: 'Message de clôture',
  'agent-reply': 'Réponse de la mairie',
};
const deliveryLabels: Record<string, string> = { pending: 'en cours d’envoi', sent: 'envoyé', failed: 'échec d’envoi', suppressed: 'non envoyé' };

/** The conversation panel, built once: `refresh` reloads the messages and leaves the reply being written alone. */
export interface ConversationPanel {
  element: HTMLElement;
  refresh(): Promise<void>;
}

/**
 * The mail exchanged with the citizen after the first message, and the reply form. Hidden when the server has
 * no mail conversation for tickets.
 */
export async function renderConversation(ticket: Ticket, context: ViewContext, onReplied: (message: string) => void): Promise<ConversationPanel | null> {
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

  const text = h('textarea', { id: 'reply-text', name: 'text', rows: '5', required: true, maxlength: '20000' });
  const canReply = Boolean(ticket.request?.requester.email);
  const replyForm = canReply
    ? actionForm({
        title: 'Répondre à l’usager',
        fields: [labelled('Votre réponse', text, `Envoyée par courriel à ${ticket.request?.requester.email}, avec la référence ${ticket.reference} en objet.`)],
        submitLabel: 'Envoyer la réponse',
        submitClass: 'button button-primary',
        run: async () => {
          if (!text.value.trim()) throw new Error('Écrivez votre réponse avant de l’envoyer.');
          const { message } = await context.api.post<{ message: TicketMessage }>(`${path}/replies`, { text: text.value });
          messages = [...messages, message];
          text.value = '';
          renderList();
          onReplied('Réponse enregistrée : elle part par courriel.');
        },
      })
    : h('p', { class: 'hint' }, 'L’usager n’a pas laissé d’adresse électronique : la réponse ne peut pas être envoyée par courriel.');

  return {
    element: h('section', { class: 'panel', 'aria-labelledby': 'conversation-title' }, h('h2', { id: 'conversation-title' }, 'Échanges avec l’usager'), list, replyForm),
    async refresh() {
      messages = await readMessages();
      renderList();
    },
  };
}
