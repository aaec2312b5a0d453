import { h, replaceChildren, uniqueId } from './element';

export interface Suggestion {
  label: string;
  /** Read after the label (a canned response's first words, a colleague's role). */
  hint?: string;
}

export interface SuggestionListOptions<Item extends Suggestion> {
  /** The text being typed that opens the list, ending at the caret: `{ start, query }`, or null when none. */
  trigger(beforeCaret: string): { start: number; query: string } | null;
  /** The items matching what was typed after the trigger. */
  items(query: string): readonly Item[];
  /** Replaces the trigger and query (from `start` to the caret) with what the item gives. */
  choose(item: Item): string;
  /** Besides the text: what choosing the item does (a macro's status and tags). */
  chosen?(item: Item): void;
  label: string;
}

/**
 * A list of suggestions under a text area, opened by what is typed (`::`, `/`, `@`), as an ARIA combobox: the
 * arrows move through it, Enter or Tab chooses, Escape closes; the text area keeps the focus throughout.
 */
export function attachSuggestionList<Item extends Suggestion>(
  area: HTMLTextAreaElement,
  options: SuggestionListOptions<Item>,
): HTMLElement {
  const listId = uniqueId('suggestions');
  const list = h('ul', { id: listId, role: 'listbox', class: 'suggestion-list', 'aria-label': options.label, hidden: true });
  let shown: readonly Item[] = [];
  let active = 0;
  let range: { start: number; end: number } | null = null;
  area.setAttribute('role', 'combobox');
  area.setAttribute('aria-autocomplete', 'list');
  area.setAttribute('aria-controls', listId);
  area.setAttribute('aria-expanded', 'false');

  function close(): void {
    list.hidden = true;
    shown = [];
    range = null;
    area.setAttribute('aria-expanded', 'false');
    area.removeAttribute('aria-activedescendant');
  }

  function render(): void {
    replaceChildren(
      list,
      shown.map((item, index) =>
        h(
          'li',
          {
            id: `${listId}-${index}`,
            role: 'option',
            class: 'suggestion',
            'aria-selected': index === active ? 'true' : 'false',
            // Chosen on mousedown, before the text area loses the focus.
            onMousedown: (event: MouseEvent) => {
              event.preventDefault();
              pick(index);
            },
          },
          h('span', { class: 'suggestion-label' }, item.label),
          item.hint ? h('span', { class: 'hint' }, ` — ${item.hint}`) : null,
        ),
      ),
    );
    area.setAttribute('aria-activedescendant', `${listId}-${active}`);
  }

  function update(): void {
    const caret = area.selectionStart ?? area.value.length;
    const found = options.trigger(area.value.slice(0, caret));
    shown = found ? options.items(found.query).slice(0, 8) : [];
    if (!found || shown.length === 0) return close();
    range = { start: found.start, end: caret };
    active = Math.min(active, shown.length - 1);
    list.hidden = false;
    area.setAttribute('aria-expanded', 'true');
    render();
  }

  function pick(index: number): void {
    const item = shown[index];
    if (!item || !range) return;
    const text = options.choose(item);
    area.setRangeText(text, range.start, range.end, 'end');
    close();
    options.chosen?.(item);
    area.dispatchEvent(new Event('input', { bubbles: true }));
    area.focus();
  }

  area.addEventListener('input', update);
  area.addEventListener('blur', close);
  area.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      render();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  return list;
}

/** Normalised for matching what an agent types: lower case, accents folded. */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
