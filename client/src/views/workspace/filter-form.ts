import { h } from '../../dom/element';
import { priorityLabels, statusLabels } from '../../labels/ticket-labels';
import type { DueFilter, TicketFilter } from './ticket-filter';

const dueLabels: Record<DueFilter, string> = {
  any: 'Toutes',
  overdue: 'Dépassée',
  today: "Aujourd'hui au plus tard",
  week: 'Dans les 7 jours',
  none: 'Sans échéance',
};

export interface FilterForm {
  element: HTMLFormElement;
  search: HTMLInputElement;
  setTags(tags: readonly string[]): void;
}

/** Search and filters; every change applies at once (no submit button to find). */
export function createFilterForm(filter: TicketFilter, onChange: (filter: TicketFilter) => void): FilterForm {
  const search: HTMLInputElement = h('input', {
    id: 'filter-search',
    type: 'search',
    value: filter.search,
    placeholder: 'Référence, motif, objet, étiquette…',
    'aria-describedby': 'filter-search-hint',
    onInput: () => update({ search: search.value }),
  });
  const status = select('filter-status', [['active', 'À traiter (nouveau, en cours, en attente)'], ['all', 'Tous'], ...Object.entries(statusLabels)], filter.status, (value) =>
    update({ status: value as TicketFilter['status'] }),
  );
  const priority = select('filter-priority', [['', 'Toutes'], ...Object.entries(priorityLabels)], filter.priority, (value) =>
    update({ priority: value as TicketFilter['priority'] }),
  );
  const due = select('filter-due', Object.entries(dueLabels), filter.due, (value) => update({ due: value as DueFilter }));
  const tag = select('filter-tag', [['', 'Toutes']], filter.tag, (value) => update({ tag: value }));
  const sort = select('filter-sort', [['recent', 'Plus récentes d’abord'], ['work', 'Ordre de traitement (priorité, échéance)']], filter.sort, (value) =>
    update({ sort: value as TicketFilter['sort'] }),
  );

  let current = filter;
  function update(change: Partial<TicketFilter>): void {
    current = { ...current, ...change };
    onChange(current);
  }

  const element = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Rechercher et filtrer les demandes', onSubmit: (event: SubmitEvent) => event.preventDefault() },
    h('div', { class: 'field field-search' }, h('label', { for: 'filter-search' }, 'Rechercher'), search, h('span', { id: 'filter-search-hint', class: 'hint' }, 'Raccourci : touche /')),
    field('filter-status', 'Statut', status),
    field('filter-priority', 'Priorité', priority),
    field('filter-due', 'Échéance', due),
    field('filter-tag', 'Étiquette', tag),
    field('filter-sort', 'Tri', sort),
  );

  return {
    element,
    search,
    setTags(tags) {
      const chosen = tag.value;
      tag.replaceChildren(h('option', { value: '' }, 'Toutes'), ...tags.map((name) => h('option', { value: name }, name)));
      tag.value = tags.includes(chosen) ? chosen : '';
    },
  };
}

function select(id: string, options: ReadonlyArray<readonly [string, string]>, value: string, onChange: (value: string) => void): HTMLSelectElement {
  const element: HTMLSelectElement = h(
    'select',
    { id, value, onChange: () => onChange(element.value) },
    options.map(([optionValue, label]) => h('option', { value: optionValue }, label)),
  );
  return element;
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
