import type { CommuneSettings } from '../../../../routing-rules/communes/commune-schema';
import type { ApiClient } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { h, replaceChildren } from '../../dom/element';
import { holidayCalendarLabels, timeZoneLabel } from '../../labels/commune-labels';
import type { View, ViewContext } from '../view';
import { communeEditor, type CommuneSettingsView } from './commune-editor';

interface AdminCommunes {
  communes: CommuneSettingsView[];
  /** Whether this admin adds communes and changes their EPCI: the EPCI's admin, who changes the service's level. */
  serviceWide: boolean;
}

/** The admin's communes, and whether they are the EPCI's admin (the service's level is theirs to change). */
async function adminCommunes(api: ApiClient): Promise<AdminCommunes> {
  const [{ communes }, { levels }] = await Promise.all([
    api.get<{ communes: CommuneSettingsView[] }>('/api/communes/settings'),
    api.get<{ levels: Array<{ commune: string | null; changes: boolean }> }>('/api/communes/levels'),
  ]);
  return { communes, serviceWide: levels.some((level) => level.commune === null && level.changes) };
}

/** The communes an admin manages: a commune's admin their own, the EPCI's admin all of them, and adds communes. */
export async function communesView(context: ViewContext): Promise<View> {
  const { communes, serviceWide } = await adminCommunes(context.api);
  return {
    title: 'Communes',
    element: h(
      'section',
      { class: 'settings' },
      h('h1', {}, 'Communes'),
      serviceWide ? h('p', {}, h('a', { class: 'button button-primary', href: '#/communes/nouvelle' }, 'Ajouter une commune')) : null,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'communes-title' },
        h('h2', { id: 'communes-title' }, serviceWide ? 'Communes de l’EPCI' : 'Votre commune'),
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
                ['Commune', 'Code INSEE', 'EPCI (SIREN)', 'Fuseau horaire', 'Jours fériés', 'Active', 'Réglages'].map((title) =>
                  h('th', { scope: 'col' }, title),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              [...communes]
                .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
                .map((commune) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, commune.name),
                    h('td', {}, commune.insee),
                    h('td', {}, commune.epci ?? '—'),
                    h('td', {}, timeZoneLabel(commune.timeZone)),
                    h('td', {}, holidayCalendarLabels[commune.holidayCalendar]),
                    h('td', {}, commune.active ? 'Oui' : 'Non'),
                    h('td', {}, h('a', { href: `#/communes/${commune.insee}` }, `Modifier ${commune.name}`)),
                  ),
                ),
            ),
          ),
        ),
      ),
    ),
  };
}

/** One commune's settings (`#/communes/67348`), or a new commune's (`#/communes/nouvelle`, the EPCI's admin). */
export async function communeEditView(context: ViewContext, params: Record<string, string>): Promise<View> {
  const { communes, serviceWide } = await adminCommunes(context.api);
  const creating = params.insee === undefined;
  const commune = communes.find((candidate) => candidate.insee === params.insee) ?? null;
  if (creating ? !serviceWide : !commune) throw new ApiError(404, 'Commune introuvable parmi les vôtres.');
  const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  const epcis = new Set(communes.map((candidate) => candidate.epci).filter(Boolean));
  const title = commune ? `Commune ${commune.name}` : 'Ajouter une commune';
  const panel = h('div', { class: 'panel' });
  const show = (shown: CommuneSettingsView | null) =>
    replaceChildren(
      panel,
      communeEditor({
        commune: shown,
        changesEpci: serviceWide,
        defaultEpci: epcis.size === 1 ? [...epcis][0] : null,
        async save(insee: string, settings: CommuneSettings) {
          // The same address changes a commune that exists: adding one must not overwrite it.
          if (!shown && communes.some((known) => known.insee === insee.toUpperCase())) {
            const message = `La commune ${insee} existe déjà : modifiez-la depuis la liste des communes.`;
            throw new ApiError(409, message, [{ field: 'insee', message }]);
          }
          const path = `/api/communes/settings/${encodeURIComponent(insee)}`;
          const saved = (await context.api.put<{ commune: CommuneSettingsView }>(path, settings)).commune;
          if (!shown) {
            context.announce(`Commune ${saved.name} ajoutée.`);
            context.navigate(`#/communes/${saved.insee}`);
            return;
          }
          show(saved);
          notice.textContent = `Réglages de ${saved.name} enregistrés.`;
          notice.hidden = false;
          notice.focus();
        },
      }),
    );
  show(commune);
  return {
    title,
    element: h(
      'section',
      { class: 'settings' },
      h('p', {}, h('a', { href: '#/communes' }, 'Toutes les communes')),
      h('h1', {}, title),
      notice,
      panel,
    ),
  };
}
