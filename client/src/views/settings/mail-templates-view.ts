import { actionForm, labelled } from '../../dom/action-form';
import { h, uniqueId } from '../../dom/element';
import type { View, ViewContext } from '../view';
import { levelNote, levelQuery, settingLevelPicker, type SettingLevelChoice, type SettingLevelPicker } from './setting-level-picker';

/** GET /api/mail-templates: each template as in force at the level asked, and the level it comes from. */
interface MailTemplate {
  id: string;
  label: string;
  subject: string;
  body: string;
  level: 'commune' | 'service' | 'shipped';
  variables: Array<{ name: string; description: string }>;
}

/**
 * The mails citizens receive (acknowledgements, follow-ups, closing): supervisors write them at the level chosen,
 * the service's, which every commune inherits, or a commune's own, and give a level back to the one above.
 */
export async function mailTemplatesView(context: ViewContext): Promise<View> {
  const { levels } = await context.api.get<{ levels: SettingLevelChoice[] }>('/api/communes/levels');
  const content = h('div', { class: 'setting-level-content' });
  const show = async (choice: SettingLevelChoice): Promise<void> => {
    const { templates } = await context.api.get<{ templates: MailTemplate[] }>(`/api/mail-templates${levelQuery(choice)}`);
    content.replaceChildren(
      ...templates.map((template) => templatePanel(context, { picker, choice, reload: () => show(choice) }, template)),
    );
  };
  const picker = settingLevelPicker(levels, (choice) => void show(choice));
  await show(picker.initial);
  return {
    title: 'Courriels aux usagers',
    element: h('section', { class: 'settings' }, h('h1', {}, 'Courriels aux usagers'), picker.element, content),
  };
}

interface LevelShown {
  picker: SettingLevelPicker;
  choice: SettingLevelChoice;
  reload: () => Promise<void>;
}

function templatePanel(context: ViewContext, shown: LevelShown, template: MailTemplate): HTMLElement {
  if (!shown.choice.changes) return readOnlyTemplate(shown, template);
  const subject = h('input', { type: 'text', name: 'subject', maxlength: '300', required: true });
  const body = h('textarea', { name: 'body', rows: '10', maxlength: '20000', required: true });
  subject.value = template.subject;
  body.value = template.body;
  const query = `/api/mail-templates/${encodeURIComponent(template.id)}${levelQuery(shown.choice)}`;
  const variables = template.variables.map((variable) => `{{${variable.name}}} : ${variable.description}`).join(' ; ');
  const form = actionForm({
    title: template.label,
    headingLevel: 'h2',
    fields: [
      levelNote(shown.picker, template.level, shown.choice),
      labelled('Objet', subject),
      labelled('Texte', body, `Variables : ${variables}.`),
    ],
    submitLabel: `Enregistrer « ${template.label} »`,
    submitClass: 'button button-primary',
    run: async () => {
      await context.api.put(query, { subject: subject.value, body: body.value });
      await shown.reload();
      context.announce(`Modèle « ${template.label} » enregistré.`);
    },
  });
  // A level's own version given back: a commune's to the service's, the service's to the shipped one.
  const own = template.level === (shown.choice.commune === null ? 'service' : 'commune');
  const back = h(
    'button',
    {
      type: 'button',
      class: 'button button-quiet',
      onClick: async () => {
        await context.api.request('DELETE', query);
        await shown.reload();
        context.announce(`Modèle « ${template.label} » rendu au niveau supérieur.`);
      },
    },
    `${shown.choice.commune === null ? 'Reprendre le modèle livré avec Aiguillage' : 'Reprendre le modèle du service'} : « ${template.label} »`,
  );
  return h('section', { class: 'panel' }, form, own && shown.choice.changes ? back : null);
}

/** A level the user only reads (the service's, for a commune's supervisor): the mail as it goes, no form. */
function readOnlyTemplate(shown: LevelShown, template: MailTemplate): HTMLElement {
  const titleId = uniqueId('template');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, template.label),
    levelNote(shown.picker, template.level, shown.choice),
    h('p', {}, h('strong', {}, 'Objet : '), template.subject),
    h('pre', { class: 'mail-preview-text' }, template.body),
  );
}
