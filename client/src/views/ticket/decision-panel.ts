import type { RoutingTrace, Ticket } from '../../api/api-types';
import { h } from '../../dom/element';
import { entityLabel, entityValueLabel } from '../../labels/entity-labels';
import { formatConfidence } from '../../labels/format';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import { classifierLabel } from '../../labels/ticket-labels';

/** The facts found in the message, as the fields of a form the agent would otherwise fill in by hand. */
export function renderEntityFields(ticket: Ticket): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'entities-title' },
    h('h2', { id: 'entities-title' }, 'Informations extraites'),
    ticket.entities.length === 0
      ? h('p', {}, 'Aucune information reconnue dans le message.')
      : h(
          'dl',
          { class: 'entity-fields' },
          ticket.entities.map((entity) => [
            h('dt', {}, h('span', { class: `entity-swatch entity-${entity.type}`, 'aria-hidden': 'true' }), entityLabel(entity.type)),
            h(
              'dd',
              {},
              entity.value ? entityValueLabel(entity.type, entity.value) : (entity.text ?? ''),
              entity.text && entity.value && entityValueLabel(entity.type, entity.value) !== entity.text
                ? h('span', { class: 'hint' }, ` (écrit « ${entity.text} »)`)
                : null,
              entity.fromQuotedHistory ? h('span', { class: 'hint' }, ' — date d’un message cité, pas de la demande') : null,
            ),
          ]),
        ),
  );
}

/** What the classifier decided and how sure it was, with the runners-up. */
export function renderClassifierDecision(ticket: Ticket): HTMLElement {
  const trace = ticket.trace as RoutingTrace | null;
  const classification = trace?.classification;
  const predicted = classification?.queue ?? ticket.queue;
  // The other queues the classifier weighed: the predicted one is already shown above with its confidence.
  const runnersUp = classification?.opinions[0]?.queueScores.filter((score) => score.label !== predicted).slice(0, 2) ?? [];
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'decision-title' },
    h('h2', { id: 'decision-title' }, 'Décision du classifieur'),
    h(
      'dl',
      { class: 'meta-list' },
      h('dt', {}, 'Motif reconnu'),
      h('dd', {}, intentLabel(ticket.intent)),
      h('dt', {}, 'File prédite'),
      h('dd', {}, queueLabel(predicted)),
      h('dt', {}, 'Confiance'),
      h(
        'dd',
        {},
        h('meter', {
          min: '0',
          max: '1',
          value: String(ticket.confidence),
          low: '0.55',
          high: '0.8',
          optimum: '1',
          'aria-label': 'Confiance du classifieur',
        }),
        ` ${formatConfidence(ticket.confidence)}`,
      ),
      h('dt', {}, 'Décidé par'),
      h('dd', {}, classifierLabel(ticket.decidedBy)),
    ),
    runnersUp.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, 'Autres files envisagées'),
          h(
            'ul',
            { class: 'plain-list' },
            runnersUp.map((score) => h('li', {}, `${queueLabel(score.label)} : ${formatConfidence(score.score)}`)),
          ),
        )
      : null,
    classification?.llm ? renderLlmOpinion(classification.llm) : null,
  );
}

/**
 * What the LLM said, when it was asked: its note (agreement or not with the local classifier) and its explanation,
 * labelled as machine-generated. The explanation is already truncated by the server and goes in as text, never
 * markup, like everything citizens or machines wrote.
 */
function renderLlmOpinion(llm: NonNullable<NonNullable<RoutingTrace['classification']>['llm']>): HTMLElement {
  return h(
    'div',
    { class: 'llm-opinion' },
    h('h3', {}, 'Avis du modèle de langage (LLM)'),
    h('p', {}, llm.note),
    llm.reason
      ? h(
          'figure',
          { class: 'machine-generated' },
          h('figcaption', { class: 'hint' }, 'Explication générée automatiquement, non vérifiée (tronquée) :'),
          h('blockquote', {}, llm.reason),
        )
      : null,
  );
}
