import type { RuleSetDiff, Simulation } from '../../api/api-types';
import { h } from '../../dom/element';
import { queueLabel } from '../../labels/taxonomy-labels';

const shownMoves = 50;

/** What publishing the draft would change, replayed on recent requests: per-queue counts and the requests that move. */
export function renderSimulation(simulation: Simulation): HTMLElement {
  const queues = [...new Set([...Object.keys(simulation.before), ...Object.keys(simulation.after)])].sort((left, right) => queueLabel(left).localeCompare(queueLabel(right), 'fr'));
  const moved = simulation.moved;
  return h(
    'section',
    { class: 'panel simulation', 'aria-labelledby': 'simulation-title', id: 'simulation' },
    h('h2', { id: 'simulation-title', tabindex: '-1' }, 'Simulation avant publication'),
    h(
      'p',
      { class: 'simulation-summary' },
      `Rejouées sur les ${simulation.requestCount} dernières demandes, les règles du brouillon (version ${simulation.draftVersion}) changeraient la file de `,
      h('strong', {}, `${moved.length} demande${moved.length > 1 ? 's' : ''}`),
      ` par rapport à la version en vigueur (${simulation.activeVersion}).`,
      simulation.skipped > 0 ? ` ${simulation.skipped} demande(s) n’ont pas pu être rejouées.` : '',
    ),
    h(
      'table',
      { class: 'diff-table' },
      h('caption', { class: 'visually-hidden' }, 'Tickets par file, avant et après le brouillon'),
      h('thead', {}, h('tr', {}, ['File', 'En vigueur', 'Brouillon', 'Écart'].map((title) => h('th', { scope: 'col' }, title)))),
      h(
        'tbody',
        {},
        queues.map((queue) => {
          const before = simulation.before[queue] ?? 0;
          const after = simulation.after[queue] ?? 0;
          const delta = after - before;
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, queueLabel(queue)),
            h('td', { class: 'number' }, String(before)),
            h('td', { class: 'number' }, String(after)),
            h('td', { class: `number ${delta > 0 ? 'delta-up' : delta < 0 ? 'delta-down' : ''}` }, delta === 0 ? '=' : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`),
          );
        }),
      ),
    ),
    moved.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, 'Demandes qui changeraient de file'),
          h(
            'table',
            { class: 'diff-table moved-table' },
            h('thead', {}, h('tr', {}, ['Demande', 'Aujourd’hui', 'Avec le brouillon', 'Règle responsable'].map((title) => h('th', { scope: 'col' }, title)))),
            h(
              'tbody',
              {},
              moved.slice(0, shownMoves).map((move) =>
                h(
                  'tr',
                  {},
                  h('td', {}, `…${move.requestId.slice(-6)}`),
                  h('td', {}, destination(move.from, move.fromSplit)),
                  h('td', {}, destination(move.to, move.toSplit)),
                  h('td', {}, move.ruleName ?? 'file de repli'),
                ),
              ),
            ),
          ),
          moved.length > shownMoves ? h('p', { class: 'hint' }, `Et ${moved.length - shownMoves} autres.`) : null,
        )
      : null,
  );
}

/** A queue, or the queues of the tickets a split makes. */
function destination(queue: string, split: readonly string[] | undefined): string {
  return split ? `un ticket par demande : ${split.map(queueLabel).join(' + ')}` : queueLabel(queue);
}

/** "2 règles ajoutées, 1 modifiée (conditions)…": what a version changes from the one before it. */
export function describeDiff(diff: RuleSetDiff | null): string {
  if (!diff) return '—';
  const parts = [
    diff.added.length > 0 ? `ajoutée(s) : ${diff.added.map((rule) => rule.ruleName).join(', ')}` : '',
    diff.removed.length > 0 ? `supprimée(s) : ${diff.removed.map((rule) => rule.ruleName).join(', ')}` : '',
    diff.changed.length > 0 ? `modifiée(s) : ${diff.changed.map((rule) => rule.ruleName).join(', ')}` : '',
    diff.reordered ? 'ordre changé' : '',
    diff.fallbackQueue ? `file de repli : ${queueLabel(diff.fallbackQueue.to)}` : '',
    diff.workingScheduleChanged ? 'horaires modifiés' : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'aucun changement' : parts.join(' ; ');
}
