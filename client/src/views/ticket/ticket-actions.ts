import type { Ticket, TicketStatus } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import { allQueueIds, queueLabel } from '../../labels/taxonomy-labels';
import { statusLabels } from '../../labels/ticket-labels';
import type { ViewContext } from '../view';
import { renderAssignForm } from './assign-form';
import type { NameOf } from './colleague-names';
import { intentSelectFollowing } from './intent-select';

export interface TicketActionCallbacks {
  /** The ticket changed and is still visible to this user. */
  changed(ticket: Ticket, message: string): void;
  /** The ticket left this user's queues (rerouted elsewhere). */
  left(message: string): void;
}

/** The actions panel, built once: `show` brings it up to date with the ticket without touching what the agent typed. */
export interface TicketActions {
  element: HTMLElement;
  show(ticket: Ticket): void;
  /** Shortcuts: « Prendre en charge » (false when there is nothing to take), and the status field. */
  take(): boolean;
  focusStatus(): void;
}

/** Take, change status, reroute with a reason, merge: each action a small form with its own error message. */
export function renderTicketActions(
  initial: Ticket,
  context: ViewContext,
  callbacks: TicketActionCallbacks,
  nameOf: NameOf,
): TicketActions {
  const { api, session } = context;
  const path = `/api/tickets/${encodeURIComponent(initial.id)}`;

  const take = h('div', {});
  const showTake = (ticket: Ticket) =>
    replaceChildren(
      take,
      ticket.assigneeId === session.user.id
        ? h('p', { class: 'taken' }, 'Vous avez pris cette demande en charge.')
        : actionForm({
            title: 'Prise en charge',
            fields: [
              ticket.assigneeId
                ? h('p', { class: 'hint' }, `Déjà prise en charge par ${nameOf(ticket.assigneeId)} ; vous pouvez la reprendre.`)
                : null,
            ],
            submitLabel: ticket.assigneeId ? 'Reprendre la demande' : 'Prendre en charge',
            submitClass: 'button button-primary',
            run: async () => {
              const { ticket: updated } = await api.post<{ ticket: Ticket }>(`${path}/take`);
              callbacks.changed(updated, 'Vous avez pris la demande en charge.');
            },
          }),
    );

  const status = h(
    'select',
    { name: 'status', value: initial.status },
    Object.entries(statusLabels).map(([value, label]) => h('option', { value }, label)),
  );
  let shownStatus = initial.status;
  const statusForm = actionForm({
    title: 'Statut',
    fields: [labelled('Nouveau statut', status)],
    submitLabel: 'Changer le statut',
    run: async () => {
      const { ticket: updated } = await api.post<{ ticket: Ticket }>(`${path}/status`, { status: status.value as TicketStatus });
      callbacks.changed(updated, `Statut changé : ${statusLabels[updated.status]}.`);
    },
  });

  // Every queue is listed and the ticket's own one disabled, so that a move made by a colleague needs no new list.
  const targetQueue = h(
    'select',
    { name: 'queue', required: true },
    h('option', { value: '' }, 'Choisir une file…'),
    allQueueIds.map((queueId) => h('option', { value: queueId }, queueLabel(queueId))),
  );
  const targetIntent = intentSelectFollowing(targetQueue, initial.intentGuesses);
  const reason = h('textarea', { name: 'reason', rows: '2', required: true, maxlength: '500' });
  const rerouteForm = actionForm({
    title: 'Réorienter vers une autre file',
    fields: [
      labelled('File de destination', targetQueue),
      labelled(
        'Motif de la demande',
        targetIntent,
        'Proposé d’après le classifieur ; corrigez-le si besoin : il sert à améliorer le modèle.',
      ),
      labelled('Raison de la réorientation', reason, 'Obligatoire ; elle figure dans l’historique (« concerne un permis de construire »).'),
    ],
    submitLabel: 'Réorienter',
    run: async () => {
      if (!targetQueue.value) throw new Error('Choisissez la file de destination.');
      const { ticket: updated } = await api.post<{ ticket: Ticket }>(`${path}/reroute`, {
        queue: targetQueue.value,
        intent: targetIntent.value || undefined,
        reason: reason.value,
      });
      rerouteForm.reset();
      targetQueue.dispatchEvent(new Event('change'));
      const message = `Demande ${updated.reference} réorientée vers ${queueLabel(updated.queue)}.`;
      if (context.queues.some((queue) => queue.id === updated.queue)) callbacks.changed(updated, message);
      else callbacks.left(message);
    },
  });

  const into = h('input', {
    name: 'into',
    type: 'text',
    required: true,
    placeholder: 'AIG-2026-000123',
    pattern: 'AIG-\\d{4}-\\d{6}',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const mergeForm = actionForm({
    title: 'Fusionner avec une autre demande',
    fields: [labelled('Référence de la demande à conserver', into, 'Cette demande sera close et rattachée à l’autre (doublon, relance).')],
    submitLabel: 'Fusionner',
    run: async () => {
      const target = into.value.trim().toUpperCase();
      const { ticket: updated } = await api.post<{ ticket: Ticket; into: { reference: string } }>(`${path}/merge`, { into: target });
      into.value = '';
      callbacks.changed(updated, `Demande fusionnée dans ${target}.`);
    },
  });

  const assign = renderAssignForm(initial, context, callbacks.changed);

  function show(ticket: Ticket): void {
    showTake(ticket);
    void assign.show(ticket);
    // A status the agent has picked but not sent yet is theirs to keep.
    if (status.value === shownStatus) status.value = ticket.status;
    shownStatus = ticket.status;
    for (const option of targetQueue.options) option.disabled = option.value === ticket.queue;
    if (targetQueue.value === ticket.queue) {
      targetQueue.value = '';
      targetQueue.dispatchEvent(new Event('change'));
    }
  }

  show(initial);
  return {
    element: h(
      'section',
      { class: 'panel actions-panel', 'aria-labelledby': 'actions-title' },
      h('h2', { id: 'actions-title' }, 'Actions'),
      take,
      assign.element,
      statusForm,
      rerouteForm,
      mergeForm,
    ),
    show,
    take() {
      const button = take.querySelector<HTMLButtonElement>('button[type="submit"]');
      button?.click();
      return Boolean(button);
    },
    focusStatus: () => status.focus(),
  };
}
