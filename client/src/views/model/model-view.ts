import type { ModelCorrections, ModelVersion, ModelVersions, RetrainingState } from '../../api/api-types';
import { actionForm } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import { formatDateTime, formatNumber, formatPercent } from '../../labels/format';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import type { View, ViewContext } from '../view';

const originLabels: Record<string, string> = { shipped: 'livrée avec Aiguillage', retrained: 'réentraînée sur place' };
const correctionSourceLabels: Record<ModelCorrections['corrections'][number]['source'], string> = {
  reroute: 'réorientation',
  pilot: 'tri de l’accueil',
};
const retrainingStepLabels: Record<NonNullable<RetrainingState['step']>, string> = {
  corrections: 'lecture des corrections des agents',
  tfidf: 'entraînement du modèle lexical',
  head: 'représentation des exemples et ajustement du modèle neuronal',
  calibration: 'calibration de la confiance',
  gate: 'comparaison avec la version en service',
  saving: 'enregistrement de la nouvelle version',
};

/**
 * The classifier's model: its versions with their validation scores, the agents' corrections not learnt yet,
 * retraining (activated only if it does at least as well), and going back to an earlier version.
 */
export async function modelView(context: ViewContext): Promise<View> {
  const content = h('div');
  const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1', hidden: true });

  function showNotice(message: string): void {
    notice.textContent = message;
    notice.hidden = false;
    notice.focus();
  }

  async function load(): Promise<void> {
    const [versions, corrections] = await Promise.all([
      context.api.get<ModelVersions>('/api/model/versions'),
      context.api.get<ModelCorrections>('/api/model/corrections'),
    ]);
    replaceChildren(content, renderCorrections(corrections), renderVersions(versions));
  }

  function renderCorrections(corrections: ModelCorrections): HTMLElement {
    const progress = h('div', { class: 'retraining-progress', role: 'status' });
    let polling = 0;
    const showProgress = (state: RetrainingState) => {
      if (!state.inProgress || state.step === null) return;
      replaceChildren(
        progress,
        h(
          'label',
          { for: 'retraining-bar' },
          `Réentraînement en cours — étape ${state.index} sur ${state.count} : ${retrainingStepLabels[state.step]}`,
        ),
        h('progress', { id: 'retraining-bar', max: String(state.count), value: String(state.index) }),
      );
    };
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'corrections-title' },
      h('h2', { id: 'corrections-title' }, 'Corrections des agents'),
      h(
        'p',
        {},
        `${corrections.waiting} réorientation${corrections.waiting > 1 ? 's' : ''} par les agents pas encore apprise${corrections.waiting > 1 ? 's' : ''} par le modèle (${corrections.total} au total).`,
      ),
      renderCorrectionList(corrections.corrections),
      actionForm({
        title: 'Réentraîner le modèle',
        fields: [
          h(
            'p',
            { class: 'hint' },
            'Le modèle apprend de la dernière correction de chaque demande ci-dessus (et de celles des autres communes). Il n’est activé que s’il fait au moins aussi bien que la version en service sur le jeu de validation.',
          ),
          progress,
        ],
        submitLabel: 'Réentraîner maintenant',
        submitClass: 'button button-primary',
        run: async () => {
          // The retraining answers once done (tens of seconds): meanwhile its stage is read every second.
          polling = window.setInterval(
            () =>
              void context.api
                .get<RetrainingState>('/api/model/retraining')
                .then(showProgress)
                .catch(() => undefined),
            1000,
          );
          try {
            const answer = await context.api.post<{ activated: boolean; version: ModelVersion }>('/api/model/retrain');
            await load();
            showNotice(
              answer.activated
                ? `Version ${answer.version.version} entraînée et activée.`
                : `Version ${answer.version.version} entraînée mais non activée : ${answer.version.verdict?.refusals.join(' ; ') || 'elle ne fait pas mieux que la version en service'}.`,
            );
          } finally {
            window.clearInterval(polling);
            replaceChildren(progress);
          }
        },
      }),
    );
  }

  function renderCorrectionList(corrections: ModelCorrections['corrections']): HTMLElement {
    if (corrections.length === 0) return h('p', { class: 'hint' }, 'Aucune correction dans vos communes pour l’instant.');
    return h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'indicator-table corrections-table' },
        h('caption', { class: 'visually-hidden' }, 'Corrections que le réentraînement apprendra'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Demande', 'Réorientée de', 'Vers', 'Motif retenu', 'Le', 'Par', 'Apprise'].map((title) => h('th', { scope: 'col' }, title)),
          ),
        ),
        h(
          'tbody',
          {},
          corrections.map((correction) =>
            h(
              'tr',
              {},
              h(
                'th',
                { scope: 'row' },
                correction.reference
                  ? h('a', { href: `#/demandes/${encodeURIComponent(correction.ticketId)}`, class: 'ticket-link' }, correction.reference)
                  : 'demande supprimée',
              ),
              h('td', {}, queueLabel(correction.fromQueue)),
              h('td', {}, queueLabel(correction.queue)),
              h('td', {}, correction.intent ? intentLabel(correction.intent) : 'deviné à l’entraînement'),
              h('td', {}, formatDateTime(correction.at)),
              h('td', {}, correctionSourceLabels[correction.source]),
              h('td', {}, correction.learnt ? 'oui' : 'pas encore'),
            ),
          ),
        ),
      ),
    );
  }

  function renderVersions(answer: ModelVersions): HTMLElement {
    const metric = (value: number | undefined) => (value === undefined ? '—' : formatPercent(value));
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'model-versions-title' },
      h('h2', { id: 'model-versions-title' }, 'Versions du modèle'),
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
                'Version',
                'Origine',
                'Créée le',
                'Motif exact',
                'F1 macro (motifs)',
                'File exacte',
                'Erreur de calibration',
                'Corrections apprises',
                'État',
              ].map((title) => h('th', { scope: 'col' }, title)),
            ),
          ),
          h(
            'tbody',
            {},
            answer.versions.map((version) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, String(version.version)),
                h('td', {}, originLabels[version.origin] ?? version.origin),
                h('td', {}, formatDateTime(version.createdAt)),
                h('td', {}, metric(version.validation?.intentAccuracy)),
                h('td', {}, metric(version.validation?.intentMacroF1)),
                h('td', {}, metric(version.validation?.queueAccuracy)),
                h('td', {}, version.validation ? formatNumber(version.validation.expectedCalibrationError * 100) + ' %' : '—'),
                h('td', {}, version.training ? String(version.training.corrections) : '—'),
                h(
                  'td',
                  {},
                  version.active
                    ? h('strong', {}, 'en service')
                    : h(
                        'button',
                        {
                          type: 'button',
                          class: 'button button-small',
                          onClick: async () => {
                            try {
                              await context.api.post(`/api/model/versions/${version.version}/activate`);
                              await load();
                              showNotice(`Version ${version.version} du modèle activée.`);
                            } catch (error) {
                              showNotice((error as Error).message);
                            }
                          },
                        },
                        `Activer la version ${version.version}`,
                      ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  await load();
  return { title: 'Modèle de classement', element: h('section', {}, h('h1', {}, 'Modèle de classement'), notice, content) };
}
