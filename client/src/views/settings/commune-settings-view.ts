import { ApiError } from '../../api/api-error';
import type { CommuneFacts, IntentAgreement } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, uniqueId } from '../../dom/element';
import { formatPercent } from '../../labels/format';
import { intentLabel } from '../../labels/taxonomy-labels';
import type { View, ViewContext } from '../view';

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

/**
 * The commune's own facts that immediate answers quote (never made up by a model), for supervisors and the admin;
 * for supervisors also the per-intent switch of the missing-information requests and answers, with the agreement
 * rate of the pilot suggestions that tells when an intent may go automatic.
 */
export async function communeSettingsView(context: ViewContext): Promise<View> {
  const supervisor = context.session.user.role === 'supervisor';
  const { facts } = await context.api.get<{ facts: CommuneFacts }>('/api/commune-facts');
  const inputs = new Map(
    factFields.map((field) => {
      const control = field.long ? h('textarea', { rows: 2, name: field.name }) : h('input', { type: 'text', name: field.name });
      control.value = facts[field.name] ?? '';
      return [field.name, control] as const;
    }),
  );
  const saved = h('p', { role: 'status', class: 'hint' });
  const factsForm = actionForm({
    title: 'Informations de la commune',
    fields: factFields.map((field) => labelled(field.label, inputs.get(field.name)!, field.hint)),
    submitLabel: 'Enregistrer',
    run: async () => {
      const body = Object.fromEntries([...inputs].map(([name, control]) => [name, control.value]));
      await context.api.put('/api/commune-facts', body);
      saved.textContent = 'Informations enregistrées : les prochaines réponses immédiates les citeront.';
    },
  });

  return {
    title: 'Commune et réponses',
    element: h(
      'section',
      { class: 'settings' },
      h('h1', {}, 'Commune et réponses'),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'facts-title' },
        h('h2', { id: 'facts-title' }, 'Ce que les réponses immédiates citent'),
        h('p', { class: 'hint' }, 'Une réponse qui cite une information laissée vide n’est pas envoyée.'),
        factsForm,
        saved,
      ),
      supervisor ? await modesPanel(context) : null,
    ),
  };
}

async function modesPanel(context: ViewContext): Promise<HTMLElement> {
  const [{ version }, { intents }] = await Promise.all([
    context.api.get<{ version: { version: number; checklistSet: { checklists: ChecklistEntry[]; answers: ChecklistEntry[] } } }>(
      '/api/checklists/active',
    ),
    context.api.get<{ intents: IntentAgreement[] }>('/api/checklists/agreement'),
  ]);
  const agreementOf = new Map(intents.map((entry) => [entry.intent, entry]));
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
          rows.map((row) => modeRow(row, agreementOf.get(row.intent), context)),
        ),
      ),
    ),
  );
}

function modeRow(
  row: { intent: string; what: string; mode: Mode },
  agreement: IntentAgreement | undefined,
  context: ViewContext,
): HTMLElement {
  const state = h('span', { role: 'status' });
  const selectId = uniqueId('intent-mode');
  let current = row.mode;
  const select = h(
    'select',
    {
      id: selectId,
      onChange: async () => {
        state.textContent = 'Enregistrement…';
        try {
          const { version } = await context.api.post<{ version: { version: number } }>('/api/checklists/modes', {
            intent: row.intent,
            mode: select.value,
          });
          current = select.value as Mode;
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
