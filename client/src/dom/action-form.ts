import { ApiError, refusalMessage } from '../api/api-error';
import { h, uniqueId, type Child } from './element';

export interface ActionFormOptions {
  title: string;
  /** Labelled controls (see `labelled`). */
  fields: Child[];
  submitLabel: string;
  submitClass?: string;
  /** Performs the action; a thrown ApiError's French message is shown under the form. */
  run: () => Promise<void>;
  headingLevel?: 'h2' | 'h3';
}

/** A small form that performs one action, shows the server's error next to it and locks itself while working. */
export function actionForm(options: ActionFormOptions): HTMLFormElement {
  const errorId = uniqueId('error');
  const error = h('p', { class: 'form-error', id: errorId, role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: options.submitClass ?? 'button' }, options.submitLabel);
  const titleId = uniqueId('action');
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'action-form',
      'aria-labelledby': titleId,
      novalidate: true,
      onSubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        error.hidden = true;
        for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
        submit.disabled = true;
        try {
          await options.run();
        } catch (failure) {
          error.textContent = refusalMessage(failure);
          error.hidden = false;
          markInvalidFields(form, failure, errorId);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h(options.headingLevel ?? 'h3', { id: titleId }, options.title),
    options.fields,
    error,
    submit,
  );
  return form;
}

/** Ties the server's per-field errors to the controls named after those fields. */
function markInvalidFields(form: HTMLFormElement, failure: unknown, errorId: string): void {
  const fields = failure instanceof ApiError && failure.details.length > 0 ? failure.details.map((detail) => detail.field) : [];
  const controls = [...form.querySelectorAll<HTMLElement>('input, select, textarea')];
  const invalid =
    fields.length > 0
      ? controls.filter((control) => {
          // A list's control answers for its items too: `inboxAddresses` for the server's `inboxAddresses.1`.
          const name = control.getAttribute('name') ?? '';
          return fields.some((field) => field === name || field.startsWith(`${name}.`));
        })
      : controls.filter((control) => control.hasAttribute('required'));
  for (const control of invalid) {
    control.setAttribute('aria-invalid', 'true');
    const described = new Set((control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    described.add(errorId);
    control.setAttribute('aria-describedby', [...described].join(' '));
  }
  invalid[0]?.focus();
}

/** A label and its control, tied by id, with an optional hint read after the label. */
export function labelled(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uniqueId('field');
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), hintId].filter(Boolean).join(' '));
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hintId ? h('span', { class: 'hint', id: hintId }, hint) : null,
    control,
  );
}
