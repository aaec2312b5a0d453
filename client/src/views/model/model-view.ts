import type { ModelCorrections, ModelVersion, ModelVersions } from '../../api/api-types';
import { actionForm } from '../../dom/action-form';
import { h, replaceChildren } from '../../dom/element';
import { formatDateTime, formatNumber, formatPercent } from '../../labels/format';
import type { View, ViewContext } from '../view';

const originLabels: Record<string, string> = { shipped: 'livrée avec Aiguillage', retrained: 'réentraînée sur place' };

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
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'corrections-title' },
      h('h2', { id: 'corrections-title' }, 'Corrections des agents'),
      h(
        'p',
        {},
        `${corrections.waiting} réorientation${corrections.waiting > 1 ? 's' : ''} par les agents pas encore apprise${corrections.waiting > 1 ? 's' : ''} par le modèle (${corrections.total} au total).`,
      ),
      actionForm({
        title: 'Réentraîner le modèle',
        fields: [h('p', { class: 'hint' }, 'Le modèle réentraîné n’est activé que s’il fait au moins aussi bien que la version en service sur le jeu de validation.')],
        submitLabel: 'Réentraîner maintenant',
        submitClass: 'button button-primary',
        run: async () => {
          const answer = await context.api.post<{ activated: boolean; version: ModelVersion }>('/api/model/retrain');
          await load();
          showNotice(
            answer.activated
              ? `Version ${answer.version.version} entraînée et activée.`
              : `Version ${answer.version.version} entraînée mais non activée : ${answer.version.verdict?.refusals.join(' ; ') || 'elle ne fait pas mieux que la version en service'}.`,
          );
        },
      }),
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
            h('tr', {}, ['Version', 'Origine', 'Créée le', 'Motif exact', 'F1 macro (motifs)', 'File exacte', 'Erreur de calibration', 'Corrections apprises', 'État'].map((title) => h('th', { scope: 'col' }, title))),
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
