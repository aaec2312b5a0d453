import type { AuditEntry, AuditFilters, ChainVerdict, DataSubject, PurgeReport, RetentionPolicy, UserRole } from '../../api/api-types';
import { actionForm, labelled } from '../../dom/action-form';
import { h, replaceChildren, uniqueId } from '../../dom/element';
import { saveFile } from '../../dom/save-file';
import { formatDateTime } from '../../labels/format';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';
import { roleLabels } from '../../layout/app-shell';
import type { View, ViewContext } from '../view';

const actionLabels: Record<RetentionPolicy['default']['action'], string> = { anonymise: 'anonymiser', delete: 'supprimer' };

/**
 * The DPO's screen: the audit trail and its integrity check, data subjects' requests (export, rectification,
 * erasure) and the retention policy with its purge, tried first as a dry run.
 */
export async function privacyView(context: ViewContext): Promise<View> {
  const { api } = context;
  const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  const showNotice = (message: string) => {
    notice.textContent = message;
    notice.hidden = false;
    notice.focus();
  };

  const verdictArea = h('div', { 'aria-live': 'polite' });
  const journal = h('div', { class: 'table-scroll' });
  const filters = await api.get<AuditFilters>('/api/audit/filters');
  const action = h(
    'select',
    { name: 'action' },
    h('option', { value: '' }, 'Toutes'),
    filters.actions.map((choice) => h('option', { value: choice.code }, choice.label)),
  );
  const actor = h(
    'select',
    { name: 'actorId' },
    h('option', { value: '' }, 'Tout le monde'),
    filters.actors.map((person) => h('option', { value: person.id }, `${person.name} (${roleLabels[person.role]})`)),
  );
  const from = h('input', { name: 'from', type: 'date' });
  const to = h('input', { name: 'to', type: 'date' });
  const reference = h('input', {
    name: 'reference',
    type: 'text',
    placeholder: 'AIG-2026-000123',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const filterForm = actionForm({
    title: 'Filtrer le journal',
    fields: [
      h(
        'div',
        { class: 'filters' },
        labelled('Action', action),
        labelled('Personne', actor),
        labelled('Du', from),
        labelled('Au', to),
        labelled('Référence de la demande', reference),
      ),
    ],
    submitLabel: 'Filtrer',
    run: () => loadJournal(),
  });

  async function loadJournal(): Promise<void> {
    const query = new URLSearchParams({ pageSize: '50' });
    for (const [name, control] of Object.entries({ action, actorId: actor, from, to, reference })) {
      if (control.value.trim()) query.set(name, control.value.trim());
    }
    const { events, total } = await api.get<{ events: AuditEntry[]; total: number }>(`/api/audit/events?${query.toString()}`);
    replaceChildren(
      journal,
      h(
        'p',
        { class: 'hint', role: 'status' },
        total === 0 ? 'Aucun événement ne correspond.' : `Les ${events.length} derniers des ${total} événements correspondants.`,
      ),
      h(
        'table',
        { class: 'indicator-table' },
        h('caption', { class: 'visually-hidden' }, 'Journal d’audit'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['N°', 'Date', 'Personne', 'Action', 'Objet'].map((title) => h('th', { scope: 'col' }, title)),
          ),
        ),
        h(
          'tbody',
          {},
          events.map((event) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, String(event.sequence ?? '—')),
              h('td', {}, formatDateTime(event.at)),
              h(
                'td',
                {},
                event.actorName,
                event.actorRole ? h('span', { class: 'hint' }, ` (${roleLabels[event.actorRole as UserRole] ?? event.actorRole})`) : null,
              ),
              h('td', {}, event.actionLabel),
              h('td', {}, event.objectLabel),
            ),
          ),
        ),
      ),
    );
  }
  const verify = h(
    'button',
    {
      type: 'button',
      class: 'button',
      onClick: async () => {
        const verdict = await api.get<ChainVerdict & { unchained: number }>('/api/audit/verify');
        replaceChildren(
          verdictArea,
          verdict.intact && verdict.unchained === 0
            ? h('p', { class: 'taken' }, `Journal intact : ${verdict.events} événements chaînés, aucun modifié ni retiré.`)
            : h(
                'p',
                { class: 'form-error', role: 'alert' },
                verdict.intact
                  ? `${verdict.unchained} événement(s) écrit(s) hors de la chaîne.`
                  : `Journal altéré à l’événement n° ${verdict.firstBroken.sequence ?? '?'} : ${verdict.firstBroken.reason}.`,
              ),
        );
      },
    },
    'Vérifier l’intégrité du journal',
  );

  const subjectFields = () => {
    const email = h('input', { name: 'email', type: 'email', autocomplete: 'off' });
    const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'off' });
    const subject = (): DataSubject =>
      ({
        ...(email.value.trim() ? { email: email.value.trim() } : {}),
        ...(phone.value.trim() ? { phone: phone.value.trim() } : {}),
      }) as DataSubject;
    return { fields: [labelled('Adresse de courriel de la personne', email), labelled('ou son numéro de téléphone', phone)], subject };
  };
  const exportSubject = subjectFields();
  const exportForm = actionForm({
    title: 'Droit d’accès et de portabilité : exporter',
    fields: exportSubject.fields,
    submitLabel: 'Exporter en JSON',
    run: async () => {
      const exported = await api.post<{ requests: unknown[] }>('/api/privacy/subject/export', exportSubject.subject());
      saveFile(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }), 'export-donnees-personnelles.json');
      showNotice(`Export prêt : ${exported.requests.length} demande(s).`);
    },
  });
  const eraseSubject = subjectFields();
  const confirmId = uniqueId('confirm');
  const confirm = h('input', { id: confirmId, type: 'checkbox', name: 'confirm' });
  const eraseForm = actionForm({
    title: 'Droit à l’effacement',
    fields: [
      ...eraseSubject.fields,
      h(
        'label',
        { class: 'checkbox', for: confirmId },
        confirm,
        'Je confirme l’effacement définitif (le journal d’audit garde la trace de l’opération, sans les données).',
      ),
    ],
    submitLabel: 'Effacer les données',
    submitClass: 'button button-danger',
    run: async () => {
      if (!confirm.checked) throw new Error('Cochez la confirmation avant d’effacer.');
      const { erased } = await api.post<{ erased: Record<string, number> }>('/api/privacy/subject/erase', {
        subject: eraseSubject.subject(),
        confirm: true,
      });
      confirm.checked = false;
      showNotice(
        `Effacé : ${erased.requests ?? 0} demande(s), ${erased.messages ?? 0} message(s), ${erased.attachments ?? 0} pièce(s) jointe(s).`,
      );
    },
  });

  const { policy } = await api.get<{ policy: RetentionPolicy }>('/api/privacy/retention/policy');
  const purgeReport = h('div', { 'aria-live': 'polite' });
  const purge = async (dryRun: boolean) => {
    const { report } = await api.post<{ report: PurgeReport }>('/api/privacy/retention/purge', { dryRun });
    replaceChildren(
      purgeReport,
      h(
        'p',
        {},
        `${dryRun ? 'Simulation : seraient' : 'Purge effectuée :'} ${report.anonymised} demande(s) anonymisée(s) et ${report.deleted} supprimée(s).`,
      ),
      report.byRule.length > 0
        ? h(
            'ul',
            {},
            report.byRule.map((rule) =>
              h('li', {}, `${rule.rule} : ${rule.requests} (${actionLabels[rule.action]} après ${rule.days} jours)`),
            ),
          )
        : null,
    );
  };

  await loadJournal();
  return {
    title: 'Protection des données',
    element: h(
      'section',
      {},
      h('h1', {}, 'Protection des données'),
      notice,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'journal-title' },
        h('h2', { id: 'journal-title' }, 'Journal d’audit'),
        verify,
        verdictArea,
        filterForm,
        journal,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'subjects-title' },
        h('h2', { id: 'subjects-title' }, 'Demandes des personnes concernées'),
        exportForm,
        eraseForm,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'retention-title' },
        h('h2', { id: 'retention-title' }, 'Durées de conservation'),
        h(
          'ul',
          {},
          policy.rules.map((rule) =>
            h(
              'li',
              {},
              `${queueLabel(rule.queue)}${rule.intent ? ` — ${intentLabel(rule.intent)}` : ''} : ${actionLabels[rule.action]} après ${rule.days} jours. `,
              h('span', { class: 'hint' }, rule.legalBasis),
            ),
          ),
          h(
            'li',
            {},
            `Autres demandes : ${actionLabels[policy.default.action]} après ${policy.default.days} jours. `,
            h('span', { class: 'hint' }, policy.default.legalBasis),
          ),
          h(
            'li',
            {},
            `Messages jamais aiguillés : ${actionLabels[policy.unrouted.action]} après ${policy.unrouted.days} jours. `,
            h('span', { class: 'hint' }, policy.unrouted.legalBasis),
          ),
        ),
        h(
          'div',
          { class: 'condition-buttons' },
          h(
            'button',
            { type: 'button', class: 'button', onClick: () => void purge(true).catch((error: Error) => showNotice(error.message)) },
            'Simuler la purge',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'button button-danger',
              onClick: () => void purge(false).catch((error: Error) => showNotice(error.message)),
            },
            'Purger maintenant',
          ),
        ),
        purgeReport,
      ),
    ),
  };
}
