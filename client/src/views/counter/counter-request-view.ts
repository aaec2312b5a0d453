import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import type { View, ViewContext } from '../view';

/**
 * « Nouvelle demande » taken down by an agent for a citizen on the phone or at the counter. It goes through the
 * same intake as a web form (classification, rules, acknowledgement when an address is given); the agent reads the
 * reference out to the citizen at once.
 */
export async function counterRequestView(context: ViewContext): Promise<View> {
  const channel = h(
    'select',
    { name: 'channel', required: true },
    h('option', { value: 'telephone' }, 'Par téléphone'),
    h('option', { value: 'guichet' }, 'Au guichet'),
  );
  const name = h('input', { name: 'requester.name', type: 'text', required: true, autocomplete: 'off', maxlength: '200' });
  const email = h('input', { name: 'requester.email', type: 'email', autocomplete: 'off', maxlength: '254' });
  const phone = h('input', { name: 'requester.phone', type: 'tel', autocomplete: 'off', maxlength: '20' });
  const subject = h('input', { name: 'subject', type: 'text', maxlength: '300' });
  const text = h('textarea', { name: 'text', rows: '6', required: true, maxlength: '20000' });
  const result = h('div', { role: 'status', class: 'counter-result' });

  const form = actionForm({
    title: 'La demande',
    headingLevel: 'h2',
    fields: [
      labelled('Reçue', channel),
      labelled('Nom du demandeur', name),
      labelled('Courriel du demandeur', email, 'Facultatif : un accusé de réception et la réponse lui seront envoyés par courriel.'),
      labelled('Téléphone du demandeur', phone, 'Facultatif.'),
      labelled('Objet', subject, 'Facultatif.'),
      labelled('Ce que demande l’usager', text, 'Ses mots, aussi fidèlement que possible : la demande est aiguillée d’après ce texte.'),
    ],
    submitLabel: 'Enregistrer la demande',
    submitClass: 'button button-primary',
    run: async () => {
      const { reference } = await context.api.post<{ id: string; reference: string | null }>('/api/counter-requests', {
        channel: channel.value,
        ...(subject.value.trim() ? { subject: subject.value } : {}),
        text: text.value,
        requester: {
          name: name.value,
          ...(email.value.trim() ? { email: email.value.trim() } : {}),
          ...(phone.value.trim() ? { phone: phone.value.trim() } : {}),
        },
      });
      form.reset();
      // Read out by the status region it is written in.
      replaceChildren(
        result,
        h(
          'p',
          { class: 'notice' },
          `Demande enregistrée sous la référence ${reference ?? '(en cours d’attribution)'} : donnez-la à l’usager. Elle est aiguillée comme une demande reçue par formulaire.`,
        ),
      );
    },
  });

  return {
    title: 'Nouvelle demande',
    element: h(
      'section',
      { class: 'counter-request' },
      h('h1', {}, 'Nouvelle demande (téléphone ou guichet)'),
      h(
        'p',
        { class: 'lead' },
        'Pour un usager qui appelle ou se présente à l’accueil : sa demande suit le même chemin qu’une demande écrite.',
      ),
      result,
      form,
    ),
  };
}
