import { describeSettingLevel } from '../../../../routing-rules/communes/setting-levels';
import type { TicketStatus } from '../../api/api-types';
import type { ReplySettings } from '../../api/desk-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import { queueLabel } from '../../labels/taxonomy-labels';
import { statusLabels } from '../../labels/ticket-labels';
import type { View, ViewContext } from '../view';
import { levelQuery, settingLevelPicker, type SettingLevelChoice } from './setting-level-picker';

type CannedResponse = ReplySettings['cannedResponses'][number];

/**
 * What supervisors set for agents' replies: each service's signature under its replies, and its canned responses
 * (with variables filled for the ticket, and as macros the status and tags the ticket takes when the reply is sent),
 * the service's (the EPCI's, offered in every commune) and each commune's own, each labelled with its level.
 */
export async function replySettingsView(context: ViewContext): Promise<View> {
  let settings = await context.api.get<ReplySettings>('/api/reply-settings');
  const list = h('div', {});
  const editorPlace = h('div', {});
  const { levels } = await context.api.get<{ levels: SettingLevelChoice[] }>('/api/communes/levels');
  const levelOf = (response: CannedResponse) => levels.find((level) => level.commune === response.commune);
  // The levels a new response may be added at: the service's for the EPCI's supervisors, their communes'.
  const changeable = levels.filter((level) => level.changes);

  function showList(): void {
    replaceChildren(
      list,
      settings.cannedResponses.length === 0
        ? h('p', {}, 'Aucune réponse type pour l’instant.')
        : h(
            'ul',
            { class: 'canned-responses' },
            settings.cannedResponses.map((response) =>
              h(
                'li',
                {},
                h('strong', {}, response.title),
                ` — ${queueLabel(response.queue)}${macroText(response)} `,
                levels.length > 1
                  ? h(
                      'span',
                      { class: 'hint' },
                      `${describeSettingLevel(response.level, levelOf(response)?.name ?? response.commune ?? '')} `,
                    )
                  : null,
                levelOf(response)?.changes
                  ? h('button', { type: 'button', class: 'link-button', onClick: () => edit(response) }, `Modifier « ${response.title} »`)
                  : null,
              ),
            ),
          ),
    );
  }

  async function reload(message: string): Promise<void> {
    settings = await context.api.get<ReplySettings>('/api/reply-settings');
    showList();
    replaceChildren(editorPlace, editor(null));
    context.announce(message);
  }

  function edit(response: CannedResponse): void {
    replaceChildren(editorPlace, editor(response));
    editorPlace.querySelector<HTMLInputElement>('input')?.focus();
  }

  function editor(response: CannedResponse | null): HTMLElement {
    const queue = h(
      'select',
      { name: 'queue' },
      settings.signatures.map((entry) => h('option', { value: entry.queue }, entry.label)),
    );
    const title = h('input', { name: 'title', type: 'text', maxlength: '80', required: true });
    const body = h('textarea', { name: 'body', rows: '6', required: true, maxlength: '10000' });
    const status = h(
      'select',
      { name: 'status' },
      h('option', { value: '' }, 'Ne pas changer'),
      Object.entries(statusLabels)
        .filter(([value]) => value !== 'new')
        .map(([value, label]) => h('option', { value }, label)),
    );
    const tags = h('input', { name: 'tags', type: 'text', maxlength: '300' });
    // A new response's level; an existing one keeps its own.
    let level: SettingLevelChoice | undefined;
    const picker = response || changeable.length === 0 ? null : settingLevelPicker(changeable, (chosen) => (level = chosen));
    level = picker?.initial;
    if (response) {
      queue.value = response.queue;
      title.value = response.title;
      body.value = response.body;
      status.value = response.status ?? '';
      tags.value = response.tags.join(', ');
    }
    const variables = Object.entries(settings.variables)
      .map(([name, meaning]) => `{{${name}}} : ${meaning}`)
      .join(' ; ');
    const form = actionForm({
      title: response ? `Modifier « ${response.title} »` : 'Nouvelle réponse type',
      headingLevel: 'h3',
      fields: [
        picker?.element,
        labelled('Service', queue),
        labelled('Titre', title, 'Ce que l’agent tape après « :: » ou « / » pour la trouver.'),
        labelled('Texte', body, `Variables : ${variables}.`),
        labelled('À l’envoi, statut de la demande', status, 'Une macro : la réponse envoyée change aussi le statut.'),
        labelled('À l’envoi, étiquettes ajoutées', tags, 'Séparées par des virgules ; facultatif.'),
      ],
      submitLabel: response ? 'Enregistrer' : 'Ajouter la réponse type',
      submitClass: 'button button-primary',
      run: async () => {
        const fields = {
          queue: queue.value,
          title: title.value,
          body: body.value,
          ...(status.value ? { status: status.value as TicketStatus } : {}),
          tags: tags.value
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        };
        if (response) await context.api.put(`/api/canned-responses/${encodeURIComponent(response.id)}`, fields);
        else await context.api.post(`/api/canned-responses${level ? levelQuery(level) : ''}`, fields);
        await reload(response ? 'Réponse type enregistrée.' : 'Réponse type ajoutée.');
      },
    });
    if (!response) return form;
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet',
        onClick: async () => {
          await context.api.request('DELETE', `/api/canned-responses/${encodeURIComponent(response.id)}`);
          await reload('Réponse type supprimée.');
        },
      },
      `Supprimer « ${response.title} »`,
    );
    return h('div', {}, form, remove);
  }

  const signatures = settings.signatures.map((entry) => {
    const text = h('textarea', { name: 'signature', rows: '2', maxlength: '500' });
    text.value = entry.signature;
    return actionForm({
      title: entry.label,
      headingLevel: 'h3',
      fields: [labelled(`Signature du service ${entry.label}`, text, 'Vide : « Les services de la mairie ».')],
      submitLabel: 'Enregistrer la signature',
      run: async () => {
        await context.api.put(`/api/queues/${encodeURIComponent(entry.queue)}/signature`, { signature: text.value });
        context.announce(`Signature du service ${entry.label} enregistrée.`);
      },
    });
  });

  showList();
  replaceChildren(editorPlace, editor(null));
  return {
    title: 'Réponses types',
    element: h(
      'section',
      { class: 'settings' },
      h('h1', {}, 'Réponses types et signatures'),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'canned-title' },
        h('h2', { id: 'canned-title' }, 'Réponses types'),
        list,
        editorPlace,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'signatures-title' },
        h('h2', { id: 'signatures-title' }, 'Signature de chaque service'),
        signatures,
      ),
    ),
  };
}

function macroText(response: CannedResponse): string {
  const parts = [
    response.status ? `statut « ${statusLabels[response.status]} »` : '',
    response.tags.length > 0 ? `étiquettes ${response.tags.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (à l’envoi : ${parts.join(', ')})` : '';
}
