import type { Ticket, TicketDetail } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { tagLabel } from '../../labels/tag-labels';
import { queueLabel } from '../../labels/taxonomy-labels';
import { priorityLabels, statusLabels } from '../../labels/ticket-labels';
import type { View, ViewContext } from '../view';
import { renderAssistancePanel } from './assistance-panel';
import { attachmentPreview } from './attachment-preview';
import { loadColleagueNames, type NameOf } from './colleague-names';
import { renderComposer } from './composer-panel';
import { renderConversation } from './conversation-panel';
import { renderClassifierDecision, renderEntityFields } from './decision-panel';
import { renderHistory } from './history-panel';
import { renderMessagePanel, type PreviewedAttachment } from './message-panel';
import { renderPartsPanel } from './parts-panel';
import { renderPresenceNotice } from './presence-notice';
import { createRequesterHistoryPanel } from './requester-history-panel';
import { renderRoutingTrace } from './routing-trace-panel';
import { renderSourcesPanel } from './sources-panel';
import { renderTicketActions } from './ticket-actions';
import { attachTicketShortcuts, renderShortcutHelp } from './ticket-shortcuts';

/**
 * One request: the message, what was understood of it, why it is here, its history, and what can be done. The
 * forms are built once; a change (a colleague's or the agent's own) redraws only what shows the ticket, so a reply
 * or a reroute being written is never lost.
 */
export async function ticketView(context: ViewContext, params: Record<string, string>): Promise<View> {
  const id = params.id;
  const path = `/api/tickets/${encodeURIComponent(id)}`;
  context.unseenTickets.delete(id);
  const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  let detail = await context.api.get<TicketDetail>(path);
  // The echo of this user's own action comes back live too; it must not be announced as a colleague's change.
  let ownChangeAt = 0;

  function showNotice(message: string, focus: boolean): void {
    notice.textContent = message;
    notice.hidden = false;
    if (focus) notice.focus();
  }

  async function reload(message: string | null, focus: boolean): Promise<void> {
    detail = await context.api.get<TicketDetail>(path);
    showTicket();
    await conversation?.refresh();
    await requesterHistory.show(detail.ticket).catch(() => undefined);
    if (message) showNotice(message, focus);
  }

  // The agent's own action is done when the server answers: said at once, then the ticket is redrawn.
  const ownChange = (message: string) => {
    ownChangeAt = Date.now();
    showNotice(message, true);
    void reload(null, false);
  };
  const nameOf = await loadColleagueNames(context.api, context.session.user.id);
  const conversation = await renderConversation(detail.ticket, context, nameOf).catch(() => null);
  // The composer sits at the top: the first thing an agent does on a request is answer it.
  const composer = await renderComposer(detail.ticket, context, ownChange);
  const presence = renderPresenceNotice(id, context);
  const sources = await renderSourcesPanel(id, context, insertIntoReply).catch(() => null);
  const requesterHistory = createRequesterHistoryPanel(context, ownChange);
  await requesterHistory.show(detail.ticket).catch(() => undefined);
  const actions = renderTicketActions(
    detail.ticket,
    context,
    {
      changed: (_updated: Ticket, message: string) => ownChange(message),
      left: (message: string) => {
        context.announce(message);
        context.navigate('#/demandes');
      },
    },
    nameOf,
  );

  // What shows the ticket, redrawn from `detail` at each change.
  const summary = h('div', {});
  const facts = h('div', {});
  const decision = h('div', {});
  const history = h('div', {});

  function showTicket(): void {
    const { ticket } = detail;
    replaceChildren(summary, renderSummary(ticket, nameOf));
    replaceChildren(
      facts,
      renderPartsPanel(ticket, (queueId) => context.queues.some((queue) => queue.id === queueId)),
      renderAssistancePanel(ticket, context, ownChange),
      renderMessagePanel(
        ticket,
        (storageId, filename) => void download(storageId, filename),
        (attachment, place) => void preview(attachment, place),
      ),
      renderEntityFields(ticket),
      renderRoutingTrace(ticket),
    );
    replaceChildren(decision, renderClassifierDecision(ticket));
    replaceChildren(history, renderHistory(detail.history, nameOf));
    actions.show(ticket);
  }

  /** Puts a suggested answer into the reply, after what the agent already wrote; false without a reply to write. */
  function insertIntoReply(answer: string): boolean {
    if (!detail.ticket.request?.requester.email) return false;
    composer.insert(answer);
    return true;
  }

  async function preview(attachment: PreviewedAttachment, place: HTMLElement): Promise<void> {
    await attachmentPreview(
      context.api,
      `${path}/attachments/${encodeURIComponent(attachment.storageId)}/preview`,
      attachment.filename,
      attachment.contentType,
    )
      .then((figure) => replaceChildren(place, figure))
      .catch((error: Error) => showNotice(error.message, true));
  }

  /** « n »: the request after this one in the list as the agent sees it (its default order, by urgency). */
  async function openNext(): Promise<void> {
    const { tickets } = await context.api.get<{ tickets: Array<{ id: string }> }>('/api/tickets?pageSize=100');
    const here = tickets.findIndex((listed) => listed.id === id);
    const next = tickets.slice(here + 1).find((listed) => listed.id !== id);
    if (next) context.navigate(`#/demandes/${encodeURIComponent(next.id)}`);
    else showNotice('Pas de demande suivante dans la liste.', true);
  }

  async function download(storageId: string, filename: string): Promise<void> {
    await context.api
      .download(`${path}/attachments/${encodeURIComponent(storageId)}`, filename)
      .catch((error: Error) => showNotice(error.message, true));
  }

  let gone = false;
  const unsubscribe = [
    context.live.on('ticket.updated', (ticket) => {
      if (ticket.id !== id || gone || Date.now() - ownChangeAt < 3000) return;
      void reload('Cette demande vient d’être modifiée ; l’affichage est à jour.', false).catch(() => undefined);
    }),
    context.live.on('ticket.moved', (moved) => {
      if (moved.id !== id) return;
      gone = true;
      actions.element.hidden = true;
      showNotice(`Cette demande a été réorientée vers ${queueLabel(moved.to)} : elle ne fait plus partie de vos files.`, false);
    }),
  ];

  const help = renderShortcutHelp();
  const stopShortcuts = attachTicketShortcuts(
    {
      take: () => {
        if (!actions.take()) showNotice('Vous avez déjà cette demande en charge.', false);
      },
      reply: () => composer.focusReply(),
      note: () => composer.focusNote(),
      status: () => actions.focusStatus(),
      next: () => void openNext().catch((error: Error) => showNotice(error.message, true)),
    },
    help,
  );

  showTicket();
  const page = h(
    'div',
    { class: 'ticket-page' },
    h(
      'p',
      { class: 'ticket-page-links' },
      h('a', { href: '#/demandes', class: 'back-link' }, '← Retour aux demandes'),
      h(
        'button',
        { type: 'button', class: 'link-button', 'aria-keyshortcuts': 'Shift+?', onClick: () => help.showModal() },
        'Raccourcis clavier (?)',
      ),
    ),
    h('h1', {}, `Demande ${detail.ticket.reference}`),
    summary,
    notice,
    presence.element,
    composer.element,
    help,
    h(
      'div',
      { class: 'ticket-columns' },
      h('div', { class: 'ticket-main' }, facts, conversation?.element, sources),
      h('div', { class: 'ticket-side' }, actions.element, requesterHistory.element, decision, history),
    ),
  );
  return {
    title: `Demande ${detail.ticket.reference}`,
    element: page,
    dispose: () => {
      unsubscribe.forEach((stop) => stop());
      stopShortcuts();
      presence.dispose();
      composer.dispose();
    },
  };
}

function renderSummary(ticket: Ticket, nameOf: NameOf): HTMLElement {
  const assignee = nameOf(ticket.assigneeId);
  return h(
    'dl',
    { class: 'ticket-summary' },
    item('Statut', h('span', { class: `badge status-${ticket.status}` }, statusLabels[ticket.status])),
    item('Priorité', h('span', { class: `badge priority-${ticket.priority}` }, priorityLabels[ticket.priority])),
    item('File', queueLabel(ticket.queue)),
    item('Reçue le', h('time', { datetime: ticket.receivedAt }, formatDateTime(ticket.receivedAt))),
    item('Échéance', ticket.dueAt ? h('time', { datetime: ticket.dueAt }, formatDateTime(ticket.dueAt)) : 'aucune'),
    item('Prise en charge', assignee),
    ticket.tags.length > 0
      ? item(
          'Étiquettes',
          h(
            'span',
            { class: 'tags' },
            ticket.tags.map((tag) => h('span', { class: 'tag' }, tagLabel(tag))),
          ),
        )
      : null,
  );
}

function item(label: string, value: Node | string): HTMLElement {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}
