import type { Ticket } from '../../api/api-types';
import type { Assignee } from '../../api/desk-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import type { ViewContext } from '../view';

/** « Attribuer à » a named colleague of the ticket's queue, each with the open requests they already hold. */
export function renderAssignForm(ticket: Ticket, context: ViewContext, changed: (ticket: Ticket, message: string) => void) {
  const path = `/api/tickets/${encodeURIComponent(ticket.id)}`;
  const select = h('select', { name: 'assigneeId' });
  let assignees: Assignee[] = [];

  let shownAssignee: string | null = null;

  async function load(current: Ticket): Promise<void> {
    assignees = (await context.api.get<{ assignees: Assignee[] }>(`${path}/assignees`)).assignees;
    // A colleague the agent has picked but not sent yet is theirs to keep.
    const picked = select.value !== (shownAssignee ?? '') ? select.value : null;
    replaceChildren(
      select,
      h('option', { value: '' }, current.assigneeId ? 'Personne (remettre dans la file)' : 'Personne'),
      assignees.map((assignee) =>
        h(
          'option',
          { value: assignee.id },
          `${assignee.displayName}${assignee.id === context.session.user.id ? ' (vous)' : ''} — ${workload(assignee)}`,
        ),
      ),
    );
    shownAssignee = current.assigneeId;
    select.value = picked ?? current.assigneeId ?? '';
  }

  const form = actionForm({
    title: 'Attribuer',
    fields: [labelled('Attribuer à', select, 'Entre parenthèses : les demandes en cours de chacun·e.')],
    submitLabel: 'Attribuer',
    run: async () => {
      const { ticket: updated } = await context.api.post<{ ticket: Ticket }>(`${path}/assign`, { assigneeId: select.value || null });
      const name = assignees.find((assignee) => assignee.id === updated.assigneeId)?.displayName;
      changed(updated, name ? `Demande attribuée à ${name}.` : 'Demande remise dans la file.');
    },
  });
  return {
    element: form,
    /** Reloads the colleagues and their load (after any change of the ticket). */
    show: (current: Ticket) => load(current).catch(() => undefined),
  };
}

function workload(assignee: Assignee): string {
  const count = `${assignee.openTickets} en cours`;
  return assignee.available ? count : `${count}, absent·e`;
}
