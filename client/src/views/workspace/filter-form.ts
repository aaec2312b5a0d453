import type { ListFilter } from '../../api/api-types';
import { h } from '../../dom/element';
import { statusLabels } from '../../labels/ticket-labels';

/** How long typing pauses before the search is sent: one request per thought, not one per key. */
const searchPauseMs = 300;

export interface FilterForm {
  element: HTMLFormElement;
  search: HTMLInputElement;
  /** Shows a filter chosen elsewhere (a view, a queue) without sending it back. */
  show(filter: ListFilter): void;
}

/**
 * Search and filters, applied by the server (it alone can read the keyed search index): every change applies at
 * once, typing after a short pause, Enter immediately.
 */
export function createFilterForm(filter: ListFilter, onChange: (change: Partial<ListFilter>) => void): FilterForm {
  let pause = 0;
  const search: HTMLInputElement = h('input', {
    id: 'filter-search',
    type: 'search',
    value: filter.q ?? '',
    placeholder: 'Référence, nom, courriel, téléphone, mots du message…',
    'aria-describedby': 'filter-search-hint',
    onInput: () => {
      window.clearTimeout(pause);
      pause = window.setTimeout(() => onChange({ q: search.value }), searchPauseMs);
    },
  });
  const status = select(
    'filter-status',
    [['active', 'À traiter (nouvelles, en cours, en attente)'], ['any', 'Toutes'], ...Object.entries(statusLabels)],
    filter.status ?? 'any',
    (value) => onChange({ status: value as ListFilter['status'] }),
  );
  const sort = select(
    'filter-sort',
    [
      ['urgency', 'Urgence : priorité, puis échéance'],
      ['recent', 'Plus récentes d’abord'],
    ],
    filter.sort,
    (value) => onChange({ sort: value as ListFilter['sort'] }),
  );

  const element = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': 'Rechercher et filtrer les demandes',
      onSubmit: (event: SubmitEvent) => {
        event.preventDefault();
        window.clearTimeout(pause);
        onChange({ q: search.value });
      },
    },
    h(
      'div',
      { class: 'field field-search' },
      h('label', { for: 'filter-search' }, 'Rechercher'),
      search,
      h('span', { id: 'filter-search-hint', class: 'hint' }, 'Mots entiers ; raccourci : touche /'),
    ),
    field('filter-status', 'Statut', status),
    field('filter-sort', 'Tri', sort),
  );

  return {
    element,
    search,
    show(shown) {
      if (document.activeElement !== search) search.value = shown.q ?? '';
      status.value = shown.status ?? 'any';
      sort.value = shown.sort;
    },
  };
}

function select(
  id: string,
  options: ReadonlyArray<readonly [string, string]>,
  value: string,
  onChange: (value: string) => void,
): HTMLSelectElement {
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
