import { describeAction } from '../../../../routing-rules/describe-action';
import type { RuleTrace } from '../../../../routing-rules/routing-decision';
import type { RoutingTrace, Ticket } from '../../api/api-types';
import { h } from '../../dom/element';
import { tagLabel } from '../../labels/tag-labels';
import { queueLabel } from '../../labels/taxonomy-labels';

/** "Pourquoi ici ?": the rules that were tried for this request, which matched, on which facts, and what they did. */
export function renderRoutingTrace(ticket: Ticket): HTMLElement {
  const trace = (ticket.trace ?? {}) as RoutingTrace;
  const rules = trace.routing ?? [];
  const matched = rules.filter((rule) => rule.matched);
  const skipped = rules.filter((rule) => !rule.matched);
  const decidedQueue = trace.decidedQueue ?? trace.classification?.queue ?? ticket.queue;

  return h(
    'section',
    { class: 'panel trace-panel', 'aria-labelledby': 'trace-title' },
    h('h2', { id: 'trace-title' }, 'Pourquoi ici ?'),
    h('p', { class: 'trace-summary' }, summarySentence(trace, decidedQueue)),
    trace.pilot
      ? h(
          'p',
          {},
          `La file ${queueLabel(trace.pilot.suggestedQueue)} est en mode suggestion : la demande attend dans ${queueLabel(trace.pilot.waitingIn)} qu’un agent confirme ou corrige.`,
        )
      : null,
    ticket.queue !== decidedQueue && !trace.pilot
      ? h('p', {}, `Elle a ensuite été réorientée vers ${queueLabel(ticket.queue)} (voir l’historique).`)
      : null,
    matched.length > 0 ? h('h3', {}, 'Règles appliquées') : h('p', {}, 'Aucune règle ne s’est appliquée.'),
    matched.length > 0 ? h('ol', { class: 'rule-trace' }, matched.map(renderRule)) : null,
    skipped.length > 0
      ? h(
          'details',
          { class: 'trace-skipped' },
          h('summary', {}, `Règles examinées sans effet (${skipped.length})`),
          h('ol', { class: 'rule-trace' }, skipped.map(renderRule)),
        )
      : null,
    trace.ruleSetVersion ? h('p', { class: 'hint' }, `Version des règles : ${trace.ruleSetVersion}.`) : null,
  );
}

function summarySentence(trace: RoutingTrace, decidedQueue: string): string {
  if (trace.split) {
    return `Le message contient plusieurs demandes : la règle « ${trace.split.ruleName} » en a fait un ticket par demande, et celle-ci est allée vers ${queueLabel(decidedQueue)}, le service de sa partie du message.`;
  }
  if (trace.routedBy) return `Orientée vers ${queueLabel(decidedQueue)} par la règle « ${trace.routedBy.ruleName} ».`;
  if (trace.fellBack) return `Aucune règle n’a choisi de file : la demande est allée dans la file de repli, ${queueLabel(decidedQueue)}.`;
  return `Orientée vers ${queueLabel(decidedQueue)}.`;
}

function renderRule(rule: RuleTrace): HTMLElement {
  return h(
    'li',
    { class: rule.matched ? 'rule matched' : 'rule' },
    h('p', { class: 'rule-name' }, rule.ruleName, h('span', { class: 'rule-outcome' }, rule.matched ? ' — appliquée' : ' — non appliquée')),
    rule.conditionTrace.length > 0
      ? h(
          'ul',
          { class: 'condition-trace' },
          rule.conditionTrace.map((entry) =>
            h(
              'li',
              { class: entry.matched ? 'yes' : 'no' },
              h('span', { class: 'check', 'aria-hidden': 'true' }, entry.matched ? '✓' : '✗'),
              ` ${entry.condition} : `,
              entry.matched ? 'vérifié' : 'non vérifié',
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'Règle sans condition (toujours vraie).'),
    rule.actionsApplied.length > 0
      ? h(
          'p',
          { class: 'actions-applied' },
          `Actions : ${rule.actionsApplied.map((action) => describeAction(action, { queue: queueLabel, tag: tagLabel })).join(' ; ')}.`,
        )
      : null,
  );
}
