import { h, type Child } from '../../dom/element';

/** Small labelled controls for the rule editor; `id` is stable across re-renders so that focus can be restored. */
export function textInput(
  id: string,
  label: string,
  value: string,
  onInput: (value: string) => void,
  attributes: Record<string, unknown> = {},
): HTMLElement {
  const input: HTMLInputElement = h('input', { id, type: 'text', value, ...attributes, onInput: () => onInput(input.value) });
  return field(id, label, input);
}

export function numberInput(
  id: string,
  label: string,
  value: number,
  onInput: (value: number) => void,
  attributes: Record<string, unknown> = {},
): HTMLElement {
  const input: HTMLInputElement = h('input', {
    id,
    type: 'number',
    value: String(value),
    ...attributes,
    onInput: () => input.value !== '' && onInput(Number(input.value)),
  });
  return field(id, label, input);
}

export function selectInput<Value extends string>(
  id: string,
  label: string,
  value: Value,
  options: ReadonlyArray<readonly [Value, string]>,
  onChange: (value: Value) => void,
): HTMLElement {
  const select: HTMLSelectElement = h(
    'select',
    { id, value, onChange: () => onChange(select.value as Value) },
    options.map(([optionValue, optionLabel]) => h('option', { value: optionValue }, optionLabel)),
  );
  return field(id, label, select);
}

/** Comma-separated values, kept as a list. */
export function listInput(
  id: string,
  label: string,
  values: readonly string[],
  onInput: (values: string[]) => void,
  hint = 'Séparez les valeurs par des virgules.',
): HTMLElement {
  const input: HTMLInputElement = h('input', {
    id,
    type: 'text',
    value: values.join(', '),
    'aria-describedby': `${id}-hint`,
    onInput: () =>
      onInput(
        input.value
          .split(',')
          .map((value) => value.trim())
          .filter(Boolean),
      ),
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, h('span', { class: 'hint', id: `${id}-hint` }, hint));
}

export function checkbox(id: string, label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const input: HTMLInputElement = h('input', { id, type: 'checkbox', checked, onChange: () => onChange(input.checked) });
  return h('label', { class: 'checkbox', for: id }, input, label);
}

export function field(id: string, label: string, control: Child): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
