import { ApiError } from '../../api/api-error';
import type { CommuneFacts, IntentAgreement } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, uniqueId } from '../../dom/element';
import { formatPercent } from '../../labels/format';
import { intentLabel } from '../../labels/taxonomy-labels';
import type { View, ViewContext } from '../view';
import { levelNote, levelQuery, settingLevelPicker, type SettingLevelChoice, type SettingLevelPicker } from './setting-level-picker';

type Mode = 'off' | 'pilot' | 'automatic';
const modeLabels: Record<Mode, string> = { off: 'Désactivé', pilot: 'Suggestion (pilote)', automatic: 'Automatique' };

const factFields: ReadonlyArray<{ name: keyof CommuneFacts; label: string; hint?: string; long?: boolean }> = [
  { name: 'commune', label: 'Nom de la commune' },
  {
    name: 'horaires',
    label: 'Heures d’ouverture de la mairie',
    hint: 'Écrites pour suivre « La mairie est ouverte… », par exemple « du lundi au vendredi, de 8 h 30 à 12 h ».',
    long: true,
  },
  {
    name: 'fermetures',
    label: 'Fermetures exceptionnelles',
    hint: 'Jours fériés, horaires d’été… Une question sur ces jours n’a pas de réponse immédiate tant que ce champ est vide.',
    long: true,
  },
  { name: 'adresse', label: 'Adresse de la mairie' },
  { name: 'telephone', label: 'Téléphone' },
  { name: 'courriel', label: 'Adresse de courriel' },
  { name: 'siteWeb', label: 'Site web', hint: 'Adresse complète, https://…' },
];

interface ChecklistEntry {
  intent: string;
  missingRequest?: Mode;
  mode?: Mode;
}

/** A level's facts or checklists as its routes answer them, with the level they come from. */
type Level = 'commune' | 'service' | 'shipped';
interface LevelShown {
  picker: SettingLevelPicker;
  choice: SettingLevelChoice;
  /** Shows the level again (after its own settings are withdrawn). */
  reload: () => Promise<void>;
}

/**
 * The commune's own facts that immediate answers quote (never made up by a model), for supervisors and the admin;
 * for supervisors also the per-intent switch of the missing-information requests and answers, with the agreement
 * rate of the pilot suggestions that tells when an intent may go automatic. In a service of several communes, each
 * at the level chosen: the service's, which every commune inherits, or a commune's own.
 */
export async function communeSettingsView(context: ViewContext): Promise<View> {
  const supervisor = context.session.user.role === 'supervisor';
  const { levels } = await context.api.get<{ levels: SettingLevelChoice[] }>('/api/communes/levels');
  const content = h('div', { class: 'setting-level-content' });
  const show = async (choice: SettingLevelChoice): Promise<void> => {
    const shown = { picker, choice, reload: () => show(choice) };
    content.replaceChildren(await factsPanel(context, shown), supervisor ? await modesPanel(context, shown) : '');
  };
  const picker = settingLevelPicker(levels, (choice) => void show(choice));
  await show(picker.initial);
  return {
    title: 'Commune et réponses',
    element: h('section', { class: 'settings' }, h('h1', {}, 'Commune et réponses'), picker.element, content),
  };
}

async function factsPanel(context: ViewContext, shown: LevelShown): Promise<HTMLElement> {
  const query = levelQuery(shown.choice);
  const { facts, level } = await context.api.get<{ facts: CommuneFacts; level: Level }>(`/api/commune-facts${query}`);
  const inputs = new Map(
    factFields.map((field) => {
      const control = field.long ? h('textarea', { rows: 2, name: field.name }) : h('input', { type: 'text', name: field.name });
      control.value = facts[field.name] ?? '';
      return [field.name, control] as const;
    }),
  );
  const saved = h('p', { role: 'status', class: 'hint' });
  const note = h('div', {}, levelNote(shown.picker, level, shown.choice));
  const factsForm = actionForm({
    title: 'Informations de la commune',
    fields: factFields.map((field) => labelled(field.label, inputs.get(field.name)!, field.hint)),
    submitLabel: 'Enregistrer',
    run: async () => {
      const body = Object.fromEntries([...inputs].map(([name, control]) => [name, control.value]));
      const answer = await context.api.put<{ level: Level }>(`/api/commune-facts${query}`, body);
      note.replaceChildren(levelNote(shown.picker, answer.level, shown.choice) ?? '');
      saved.textContent = 'Informations enregistrées : les prochaines réponses immédiates les citeront.';
    },
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title' }, 'Ce que les réponses immédiates citent'),
    h('p', { class: 'hint' }, 'Une réponse qui cite une information laissée vide n’est pas envoyée.'),
    note,
    shown.choice.changes ? factsForm : readOnlyFacts(facts),
    saved,
    level === 'commune' ? backToService(context, shown, 'Reprendre les informations du service', `/api/commune-facts${query}`) : null,
  );
}

async function modesPanel(context: ViewContext, shown: LevelShown): Promise<HTMLElement> {
  const query = levelQuery(shown.choice);
  const [{ version, level }, { intents }] = await Promise.all([
    context.api.get<{
      version: { version: number; checklistSet: { checklists: ChecklistEntry[]; answers: ChecklistEntry[] } };
      level: Level;
    }>(`/api/checklists/active${query}`),
    context.api.get<{ intents: IntentAgreement[] }>(`/api/checklists/agreement${query}`),
  ]);
  const agreementOf = new Map(intents.map((entry) => [entry.intent, entry]));
  const note = h('div', {}, levelNote(shown.picker, level, shown.choice));
  // A switch at a commune's level publishes a version of the commune's own (from the service's, the first time).
  const switched = () =>
    note.replaceChildren(levelNote(shown.picker, shown.choice.commune === null ? 'service' : 'commune', shown.choice) ?? '');
  const rows = [
    ...version.checklistSet.checklists.map((entry) => ({
      intent: entry.intent,
      what: 'Demande des informations manquantes',
      mode: entry.missingRequest ?? 'off',
    })),
    ...version.checklistSet.answers.map((entry) => ({ intent: entry.intent, what: 'Réponse immédiate', mode: entry.mode ?? 'off' })),
  ].sort((left, right) => intentLabel(left.intent).localeCompare(intentLabel(right.intent), 'fr'));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'modes-title' },
    h('h2', { id: 'modes-title' }, `Demandes d’informations et réponses immédiates (version ${version.version})`),
    h(
      'p',
      { class: 'hint' },
      'En mode pilote, l’agent voit la suggestion et l’envoie en un clic. Passez un motif en automatique quand l’accord est élevé : le message part alors dans l’accusé de réception. Chaque changement crée une version, tracée au journal d’audit.',
    ),
    note,
    level === 'commune'
      ? backToService(context, shown, 'Reprendre les listes et réponses du service', `/api/checklists/active${query}`)
      : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'indicator-table settings-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Motif', 'Ce qui est préparé', 'Accord des agents', 'Mode', 'État'].map((title) => h('th', { scope: 'col' }, title)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) => modeRow(row, agreementOf.get(row.intent), context, shown, switched)),
        ),
      ),
    ),
  );
}

/** The facts of a level the user reads but does not change (the service's, for a commune's supervisor). */
function readOnlyFacts(facts: CommuneFacts): HTMLElement {
  return h(
    'dl',
    { class: 'facts-list' },
    factFields.flatMap((field) => [h('dt', {}, field.label), h('dd', {}, facts[field.name] || '—')]),
  );
}

/** A commune's own settings withdrawn: it takes the service's again (the server keeps them in the history). */
function backToService(context: ViewContext, shown: LevelShown, label: string, path: string): HTMLElement {
  return actionForm({
    title: label,
    headingLevel: 'h3',
    fields: [h('p', { class: 'hint' }, `${shown.choice.name} reprendra ceux de tout le service, qui valent pour toutes les communes.`)],
    submitLabel: label,
    submitClass: 'button button-quiet',
    run: async () => {
      await context.api.request('DELETE', path);
      context.announce(`${shown.choice.name} reprend les réglages du service.`);
      await shown.reload();
    },
  });
}

function modeRow(
  row: { intent: string; what: string; mode: Mode },
  agreement: IntentAgreement | undefined,
  context: ViewContext,
  shown: LevelShown,
  switched: () => void,
): HTMLElement {
  const state = h('span', { role: 'status' });
  const selectId = uniqueId('intent-mode');
  let current = row.mode;
  const select = h(
    'select',
    {
      id: selectId,
      // The service's modes, for a commune's supervisor: shown, changed by the EPCI only.
      disabled: !shown.choice.changes,
      onChange: async () => {
        state.textContent = 'Enregistrement…';
        try {
          const { version } = await context.api.post<{ version: { version: number } }>(`/api/checklists/modes${levelQuery(shown.choice)}`, {
            intent: row.intent,
            mode: select.value,
          });
          current = select.value as Mode;
          switched();
          state.textContent = `Enregistré (version ${version.version}) : ${modeLabels[current]}.`;
        } catch (error) {
          state.textContent = error instanceof ApiError ? error.message : 'Échec de l’enregistrement.';
          select.value = current;
        }
      },
    },
    (Object.entries(modeLabels) as Array<[Mode, string]>).map(([mode, label]) =>
      h('option', { value: mode, selected: mode === row.mode }, label),
    ),
  );
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, intentLabel(row.intent)),
    h('td', {}, row.what),
    h(
      'td',
      {},
      agreement?.rate === null || agreement === undefined
        ? '—'
        : `${formatPercent(agreement.rate)} (${agreement.agreed}/${agreement.considered})`,
    ),
    h('td', {}, h('label', { for: selectId, class: 'visually-hidden' }, `Mode du motif ${intentLabel(row.intent)}`), select),
    h('td', {}, state),
  );
}
