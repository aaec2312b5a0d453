import type { SimulatedEffect } from '../../../../routing-rules/simulate-rule-set';
import type { RuleSetDiff, Simulation } from '../../api/api-types';
import { h } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { tagLabel } from '../../labels/tag-labels';
import { queueLabel } from '../../labels/taxonomy-labels';
import { priorityLabels } from '../../labels/ticket-labels';
import { assignmentLabels } from './rule-vocabulary';

const shownMoves = 50;

type ReplayedRequest = Pick<Simulation['moved'][number], 'requestId' | 'reference' | 'ticketId'>;
type Change = Simulation['changed'][number]['changes'][number];

/** Each effect's name, and the word for its absence. */
const effectLabels: Record<SimulatedEffect, { label: string; none: string }> = {
  queue: { label: 'File', none: 'aucune' },
  priority: { label: 'Priorité', none: 'aucune' },
  dueAt: { label: 'Échéance', none: 'aucune' },
  acknowledgement: { label: 'Accusé de réception', none: 'aucun' },
  tags: { label: 'Étiquettes', none: 'aucune' },
  assignment: { label: 'Attribution', none: 'aucune' },
  escalation: { label: 'Escalade', none: 'aucune' },
  webhooks: { label: 'Appels de webhooks', none: 'aucun' },
};

/**
 * What publishing the draft would change, replayed on recent requests: per-queue counts, the requests that move,
 * and every other effect the draft changes (priority, due date, acknowledgement, tags…), each request named by its
 * reference with a link to it. `templateLabel` names the acknowledgement templates.
 */
export function renderSimulation(simulation: Simulation, templateLabel: (id: string) => string): HTMLElement {
  const queues = [...new Set([...Object.keys(simulation.before), ...Object.keys(simulation.after)])].sort((left, right) =>
    queueLabel(left).localeCompare(queueLabel(right), 'fr'),
  );
  const moved = simulation.moved;
  const treatedOtherwise = simulation.changed.filter((request) => request.changes.some((change) => change.effect !== 'queue'));
  const valueOf = (change: Change, value: string | null) =>
    value === null ? effectLabels[change.effect].none : effectValue(change.effect, value, templateLabel);
  return h(
    'section',
    { class: 'panel simulation', 'aria-labelledby': 'simulation-title', id: 'simulation' },
    h('h2', { id: 'simulation-title', tabindex: '-1' }, 'Simulation avant publication'),
    h(
      'p',
      { class: 'simulation-summary' },
      `Rejouées sur les ${simulation.requestCount} dernières demandes, les règles du brouillon (version ${simulation.draftVersion}) changeraient la file de `,
      h('strong', {}, `${moved.length} demande${moved.length > 1 ? 's' : ''}`),
      ' et le reste du traitement (priorité, échéance, accusé de réception, étiquettes, attribution…) de ',
      h('strong', {}, `${treatedOtherwise.length} demande${treatedOtherwise.length > 1 ? 's' : ''}`),
      ` par rapport à la version en vigueur (${simulation.activeVersion}).`,
      simulation.skipped > 0 ? ` ${simulation.skipped} demande(s) n’ont pas pu être rejouées.` : '',
    ),
    h(
      'table',
      { class: 'diff-table' },
      h('caption', { class: 'visually-hidden' }, 'Tickets par file, avant et après le brouillon'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['File', 'En vigueur', 'Brouillon', 'Écart'].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
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
            h(
              'td',
              { class: `number ${delta > 0 ? 'delta-up' : delta < 0 ? 'delta-down' : ''}` },
              delta === 0 ? '=' : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`,
            ),
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
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Demande', 'Aujourd’hui', 'Avec le brouillon', 'Règle responsable'].map((title) => h('th', { scope: 'col' }, title)),
              ),
            ),
            h(
              'tbody',
              {},
              moved
                .slice(0, shownMoves)
                .map((move) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, requestLink(move)),
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
    treatedOtherwise.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, 'Demandes dont le traitement changerait'),
          h(
            'table',
            { class: 'diff-table effects-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Demande', 'Ce qui changerait (en vigueur → brouillon)'].map((title) => h('th', { scope: 'col' }, title)),
              ),
            ),
            h(
              'tbody',
              {},
              treatedOtherwise.slice(0, shownMoves).map((request) =>
                h(
                  'tr',
                  {},
                  h('td', {}, requestLink(request)),
                  h(
                    'td',
                    {},
                    h(
                      'ul',
                      { class: 'plain-list' },
                      request.changes.map((change) =>
                        h(
                          'li',
                          {},
                          `${effectLabels[change.effect].label} : ${valueOf(change, change.before)} → ${valueOf(change, change.after)}`,
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
          treatedOtherwise.length > shownMoves ? h('p', { class: 'hint' }, `Et ${treatedOtherwise.length - shownMoves} autres.`) : null,
        )
      : null,
  );
}

/** A replayed request by its reference, linked to its ticket; an uploaded sample's request by its own identifier. */
function requestLink(request: ReplayedRequest): Node | string {
  if (request.reference && request.ticketId)
    return h('a', { href: `#/demandes/${encodeURIComponent(request.ticketId)}`, class: 'ticket-link' }, request.reference);
  return request.reference ?? request.requestId;
}

function effectValue(effect: SimulatedEffect, value: string, templateLabel: (id: string) => string): string {
  switch (effect) {
    case 'queue':
    case 'escalation':
      return value.split(', ').map(queueLabel).join(' + ');
    case 'priority':
      return priorityLabels[value as keyof typeof priorityLabels] ?? value;
    case 'dueAt':
      return formatDateTime(value);
    case 'acknowledgement':
      return `« ${templateLabel(value)} »`;
    case 'assignment':
      return assignmentLabels[value as keyof typeof assignmentLabels] ?? value;
    case 'tags':
      return value.split(', ').map(tagLabel).join(', ');
    default:
      return value;
  }
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
