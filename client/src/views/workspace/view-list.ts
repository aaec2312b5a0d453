import type { ApiClient } from '../../api/api-client';
import { refusalMessage } from '../../api/api-error';
import type { DeskViewItem, ListFilter } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';

export interface ViewListOptions {
  api: ApiClient;
  /** The filter on screen: what « Enregistrer » saves, and which view shows as chosen. */
  current: () => ListFilter;
  select: (filter: ListFilter) => void;
  announce: (message: string) => void;
}

/**
 * The list's views with how many requests each shows: mine, unassigned, overdue, waiting for the citizen, then the
 * user's own saved views, which they save from the filter on screen and delete here.
 */
export class ViewList {
  readonly element = h('nav', { class: 'queue-sidebar view-list', 'aria-label': 'Vues' });
  private views: DeskViewItem[] = [];
  private saving = false;
  private error = '';

  constructor(private readonly options: ViewListOptions) {}

  async load(): Promise<void> {
    this.views = (await this.options.api.get<{ views: DeskViewItem[] }>('/api/desk-views')).views;
    this.render();
  }

  render(): void {
    const current = this.options.current();
    replaceChildren(
      this.element,
      h('h2', { class: 'sidebar-title' }, 'Vues'),
      h(
        'ul',
        {},
        this.views.map((view) => this.renderView(view, current)),
      ),
      this.saving
        ? this.renderSaveForm(current)
        : h(
            'button',
            { type: 'button', class: 'button button-quiet save-view', onClick: () => this.openSaveForm() },
            'Enregistrer la vue actuelle…',
          ),
    );
  }

  private renderView(view: DeskViewItem, current: ListFilter): HTMLElement {
    const chosen = view.saved ? sameFilter(view.filter, current) : current.view === view.id && !current.q;
    const count = view.count === null ? '—' : String(view.count);
    return h(
      'li',
      { class: 'view-item' },
      h(
        'button',
        {
          type: 'button',
          class: 'queue-button view-button',
          'aria-pressed': String(chosen),
          onClick: () => this.options.select(view.saved ? view.filter : { ...current, ...view.filter, q: undefined }),
        },
        h('span', { class: 'queue-label' }, view.name),
        h(
          'span',
          { class: 'queue-count' },
          count,
          h(
            'span',
            { class: 'visually-hidden' },
            view.count === null ? ' : file que vous ne servez plus' : ` demande${view.count === 1 ? '' : 's'}`,
          ),
        ),
      ),
      view.saved
        ? h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              'aria-label': `Supprimer la vue « ${view.name} »`,
              title: 'Supprimer cette vue',
              onClick: () => this.remove(view),
            },
            '×',
          )
        : null,
    );
  }

  private renderSaveForm(current: ListFilter): HTMLElement {
    const name: HTMLInputElement = h('input', {
      id: 'saved-view-name',
      name: 'name',
      type: 'text',
      required: true,
      maxlength: '60',
      autocomplete: 'off',
    });
    const error = h('p', { class: 'form-error', id: 'saved-view-error', role: 'alert', hidden: !this.error }, this.error);
    const form = h(
      'form',
      {
        class: 'save-view-form',
        onSubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          try {
            const { view } = await this.options.api.post<{ view: DeskViewItem }>('/api/desk-views', { name: name.value, filter: current });
            this.saving = false;
            this.error = '';
            this.views = [...this.views, view];
            this.render();
            this.options.announce(`Vue « ${view.name} » enregistrée.`);
          } catch (failure) {
            this.error = refusalMessage(failure);
            error.textContent = this.error;
            error.hidden = false;
            name.setAttribute('aria-invalid', 'true');
            name.setAttribute('aria-describedby', 'saved-view-error');
            name.focus();
          }
        },
      },
      h('label', { for: 'saved-view-name' }, 'Nom de la vue'),
      name,
      error,
      h(
        'div',
        { class: 'form-buttons' },
        h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer'),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-quiet',
            onClick: () => {
              this.saving = false;
              this.error = '';
              this.render();
            },
          },
          'Annuler',
        ),
      ),
    );
    queueMicrotask(() => name.focus());
    return form;
  }

  private openSaveForm(): void {
    this.saving = true;
    this.render();
  }

  private async remove(view: DeskViewItem): Promise<void> {
    await this.options.api.request('DELETE', `/api/desk-views/${encodeURIComponent(view.id)}`);
    this.views = this.views.filter((candidate) => candidate.id !== view.id);
    this.render();
    this.options.announce(`Vue « ${view.name} » supprimée.`);
  }
}

function sameFilter(left: ListFilter, right: ListFilter): boolean {
  const key = (filter: ListFilter) =>
    JSON.stringify([filter.view, filter.queue ?? null, filter.status ?? null, filter.q?.trim() || null, filter.sort]);
  return key(left) === key(right);
}
