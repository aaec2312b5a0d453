import { h } from '../../dom/element';
import { allIntents } from '../../labels/taxonomy-labels';

/**
 * The intents of the queue picked in `queueSelect`, pre-filled with the classifier's best guess within that queue
 * and refilled whenever the agent picks another queue, so that a correction carries the intent the agent confirmed.
 */
export function intentSelectFollowing(queueSelect: HTMLSelectElement, guesses: Readonly<Record<string, string>>): HTMLSelectElement {
  const select = h('select', { name: 'intent' });
  const show = () => {
    const queue = queueSelect.value;
    const intents = allIntents.filter((intent) => intent.queue === queue);
    select.replaceChildren(
      ...(intents.length === 0
        ? [h('option', { value: '' }, 'Choisissez d’abord une file')]
        : intents.map((intent) => h('option', { value: intent.id }, intent.label))),
    );
    select.disabled = intents.length === 0;
    select.value = guesses[queue] ?? intents[0]?.id ?? '';
  };
  queueSelect.addEventListener('change', show);
  show();
  return select;
}
