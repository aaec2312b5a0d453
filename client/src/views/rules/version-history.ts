import type { RuleSetVersion } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { describeDiff } from './simulation-report';

const statusLabels: Record<RuleSetVersion['status'], string> = { draft: 'brouillon', published: 'en vigueur', archived: 'archivée' };

/** Every version with what it changed; an earlier published one can be put back in force at once. */
export function renderVersionHistory(
  versions: readonly RuleSetVersion[],
  onRollback: (version: number, reason: string) => Promise<void>,
  onOpenDraft: (version: number) => void,
): HTMLElement {
  const rollbackTargets = versions.filter((version) => version.status === 'archived');
  const target = h(
    'select',
    { name: 'version' },
    rollbackTargets.map((version) => h('option', { value: String(version.version) }, `Version ${version.version}`)),
  );
  const reason = h('input', { name: 'reason', type: 'text', maxlength: '500' });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'versions-title' },
    h('h2', { id: 'versions-title' }, 'Versions'),
    h(
      'ol',
      { class: 'history', reversed: true },
      versions.map((version) =>
        h(
          'li',
          {},
          h('strong', {}, `Version ${version.version}`),
          ` — ${statusLabels[version.status]}`,
          version.restoredFromVersion ? ` (retour à la version ${version.restoredFromVersion})` : '',
          h('br'),
          h('time', { datetime: version.publishedAt ?? version.updatedAt }, formatDateTime(version.publishedAt ?? version.updatedAt)),
          ` — ${version.ruleCount} règle${version.ruleCount > 1 ? 's' : ''}`,
          h('p', { class: 'hint' }, version.basedOnVersion === null ? 'Version initiale.' : describeDiff(version.diff)),
          version.status === 'draft'
            ? h(
                'button',
                { type: 'button', class: 'button button-small', onClick: () => onOpenDraft(version.version) },
                `Modifier le brouillon ${version.version}`,
              )
            : null,
        ),
      ),
    ),
    rollbackTargets.length > 0
      ? actionForm({
          title: 'Revenir à une version précédente',
          fields: [
            labelled('Version à remettre en vigueur', target),
            labelled('Raison (facultatif)', reason, 'Visible dans le journal des modifications.'),
          ],
          submitLabel: 'Remettre cette version en vigueur',
          submitClass: 'button button-danger',
          run: () => onRollback(Number(target.value), reason.value.trim()),
        })
      : null,
  );
}
