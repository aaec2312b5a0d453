import type { DashboardStatistics } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import { formatDuration, formatNumber, formatPercent } from '../../labels/format';
import { queueLabel } from '../../labels/taxonomy-labels';
import type { View, ViewContext } from '../view';
import { barChart } from './bar-chart';
import { dailyChart } from './daily-chart';
import { satisfactionCommentsPanel } from './satisfaction-comments';

interface DashboardAnswer {
  statistics: DashboardStatistics;
  /** Each commune's totals, on its own clock: the roll-up of an EPCI's dashboard. */
  communes: Array<{ insee: string; name: string; totals: DashboardStatistics['totals'] }>;
  /** The town hall's date, decided by the server: the browser's UTC date is yesterday's just after midnight. */
  today: string;
  minutesPerManualTriage: number;
}

/**
 * The indicators a town hall follows when it automates: volumes, share routed automatically, misroutes,
 * processing time, due dates missed, backlog and citizen satisfaction; charts in SVG and CSV exports.
 */
export async function dashboardView(context: ViewContext): Promise<View> {
  const content = h('div', { class: 'dashboard-content', 'aria-live': 'polite', 'aria-busy': 'false' });
  const from = h('input', { name: 'from', type: 'date', required: true });
  const to = h('input', { name: 'to', type: 'date', required: true });
  /** Every commune the supervisor follows (rolled up), or one of them, on its clock. */
  const commune = h('select', { name: 'commune' }, h('option', { value: '' }, 'Toutes les communes suivies'));
  const communeField = labelled('Commune', commune);
  /** The period (and commune) on screen, which the exports cover. */
  let shown = '';

  async function load(query: string): Promise<void> {
    content.setAttribute('aria-busy', 'true');
    const answer = await context.api.get<DashboardAnswer>(`/api/dashboard${query}`);
    from.value = answer.statistics.from;
    to.value = answer.statistics.to;
    from.max = answer.today;
    to.max = answer.today;
    shown = `?from=${answer.statistics.from}&to=${answer.statistics.to}${commune.value ? `&commune=${commune.value}` : ''}`;
    if (commune.options.length === 1) for (const { insee, name } of answer.communes) commune.append(h('option', { value: insee }, name));
    communeField.hidden = commune.options.length <= 2;
    communesExport.hidden = answer.communes.length <= 1;
    replaceChildren(content, renderDashboard(answer));
    content.setAttribute('aria-busy', 'false');
  }

  const periodForm = actionForm({
    title: 'Période',
    headingLevel: 'h2',
    fields: [h('div', { class: 'period-form' }, labelled('Du', from), labelled('Au', to), communeField)],
    submitLabel: 'Afficher',
    run: async () => {
      await load(`?from=${from.value}&to=${to.value}${commune.value ? `&commune=${commune.value}` : ''}`);
      context.announce(`Indicateurs du ${from.value} au ${to.value} affichés.`);
    },
  });
  const communesExport = h(
    'button',
    { type: 'button', class: 'button', onClick: () => void download('communes') },
    'Exporter les indicateurs par commune (CSV)',
  );
  const exports = h(
    'div',
    { class: 'rule-editor-toolbar' },
    h('button', { type: 'button', class: 'button', onClick: () => void download('queues') }, 'Exporter les indicateurs par file (CSV)'),
    h('button', { type: 'button', class: 'button', onClick: () => void download('daily') }, 'Exporter les demandes par jour (CSV)'),
    communesExport,
  );
  async function download(table: 'queues' | 'daily' | 'communes'): Promise<void> {
    await context.api.download(`/api/dashboard/export.csv${shown}&table=${table}`, `aiguillage-${table}.csv`);
  }

  // No period asked at first: the server answers with its default one, the last 30 days on the town hall's calendar.
  await load('');
  const comments = await satisfactionCommentsPanel(context);
  return {
    title: 'Tableau de bord',
    element: h(
      'section',
      { class: 'dashboard' },
      h('h1', {}, 'Tableau de bord'),
      h('div', { class: 'panel' }, periodForm, exports),
      content,
      comments,
    ),
  };
}

/** One row per commune followed: how the EPCI's communes compare. */
function communesPanel(communes: DashboardAnswer['communes']): HTMLElement | null {
  if (communes.length <= 1) return null;
  const percent = (value: number | null) => (value === null ? '—' : formatPercent(value));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'communes-title' },
    h('h2', { id: 'communes-title' }, 'Indicateurs par commune'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'indicator-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Commune', 'Reçues', 'Aiguillées automatiquement', 'Échéances dépassées', 'En attente'].map((title) =>
              h('th', { scope: 'col' }, title),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          communes.map(({ name, totals }) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, name),
              h('td', {}, String(totals.received)),
              h('td', {}, percent(totals.autoRoutedShare)),
              h('td', {}, String(totals.slaBreaches)),
              h('td', {}, String(totals.backlog)),
            ),
          ),
        ),
      ),
    ),
  );
}

function renderDashboard({ statistics, communes, minutesPerManualTriage }: DashboardAnswer): HTMLElement {
  const { totals } = statistics;
  const queues = statistics.queues.filter((queue) => queue.received > 0 || queue.backlog > 0 || queue.routedHere > 0);
  const percent = (value: number | null) => (value === null ? '—' : formatPercent(value));
  const duration = (value: number | null) => (value === null ? '—' : formatDuration(value));
  return h(
    'div',
    {},
    communesPanel(communes),
    h(
      'ul',
      { class: 'kpis', 'aria-label': 'Indicateurs clés' },
      kpi('Demandes reçues', String(totals.received), 'sur la période'),
      kpi('Aiguillées automatiquement', percent(totals.autoRoutedShare), `${plural(totals.autoRouted, 'demande')} sans tri manuel`),
      kpi(
        'Temps de tri économisé',
        formatDuration(totals.triageMinutesSaved * 60_000),
        `estimation : ${minutesPerManualTriage} min par demande`,
      ),
      kpi('Taux de réorientation', percent(totals.misrouteRate), 'erreurs d’aiguillage corrigées par un agent'),
      kpi('Délai de traitement moyen', duration(totals.averageProcessingMs), `90 % en moins de ${duration(totals.p90ProcessingMs)}`),
      kpi('Échéances dépassées', String(totals.slaBreaches), `sur ${plural(totals.slaTracked, 'demande')} avec échéance`),
      kpi('En attente', String(totals.backlog), 'aujourd’hui, toutes files'),
      kpi(
        'Satisfaction des usagers',
        totals.satisfactionAverage === null ? '—' : `${formatNumber(totals.satisfactionAverage)} / 5`,
        `${totals.satisfactionCount} avis`,
      ),
    ),
    h(
      'div',
      { class: 'charts' },
      dailyChart(statistics),
      barChart(
        'Taux de réorientation par file',
        'Part des demandes aiguillées vers la file puis réorientées par un agent.',
        queues
          .filter((queue) => queue.misrouteRate !== null)
          .map((queue) => ({
            label: queueLabel(queue.queue),
            value: queue.misrouteRate,
            text: `${percent(queue.misrouteRate)} (${queue.misrouted}/${queue.routedHere})`,
          })),
      ),
      barChart(
        'Délai moyen de traitement par file',
        'De la réception à la résolution, pour les demandes résolues.',
        queues.map((queue) => ({
          label: queueLabel(queue.queue),
          value: queue.averageProcessingMs,
          text: `${duration(queue.averageProcessingMs)} (90 % : ${duration(queue.p90ProcessingMs)})`,
        })),
      ),
      barChart(
        'Demandes en attente par file',
        'Nouvelles, en cours ou en attente, aujourd’hui.',
        statistics.queues.map((queue) => ({ label: queueLabel(queue.queue), value: queue.backlog, text: String(queue.backlog) })),
      ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'indicators-title' },
      h('h2', { id: 'indicators-title' }, 'Indicateurs par file'),
      h(
        'p',
        { class: 'hint' },
        'Reçues : les demandes arrivées dans la file par l’aiguillage (ou laissées à l’accueil) ; réorientées et taux portent sur elles. ' +
          'Traitées, délais et échéances : dans la file où se trouve la demande aujourd’hui ; un doublon fusionné n’y compte pas.',
      ),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'indicator-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                'File',
                'Reçues',
                'Réorientées',
                'Taux',
                'Traitées',
                'Délai moyen',
                'Délai 90 %',
                'Échéances dépassées',
                'En attente',
                'Satisfaction',
              ].map((title) => h('th', { scope: 'col' }, title)),
            ),
          ),
          h(
            'tbody',
            {},
            statistics.queues.map((queue) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, queueLabel(queue.queue)),
                h('td', {}, String(queue.received)),
                h('td', {}, String(queue.misrouted)),
                h('td', {}, percent(queue.misrouteRate)),
                h('td', {}, String(queue.resolved)),
                h('td', {}, duration(queue.averageProcessingMs)),
                h('td', {}, duration(queue.p90ProcessingMs)),
                h('td', {}, `${queue.slaBreaches} / ${queue.slaTracked}`),
                h('td', {}, String(queue.backlog)),
                h(
                  'td',
                  {},
                  queue.satisfactionAverage === null ? '—' : `${formatNumber(queue.satisfactionAverage)} (${queue.satisfactionCount})`,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function kpi(label: string, value: string, note: string): HTMLElement {
  return h(
    'li',
    { class: 'kpi' },
    h('span', { class: 'kpi-label' }, label),
    h('span', { class: 'kpi-value' }, value),
    h('span', { class: 'kpi-note' }, note),
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count > 1 ? 's' : ''}`;
}
