import type { RuleSet } from '../../../../routing-rules/rule-schema';
import { ApiError } from '../../api/api-error';
import type { RuleSetProblem, RuleSetVersion, RuleSetVersionAnswer, Simulation, TownHallCalendar } from '../../api/api-types';
import { h, replaceChildren } from '../../dom/element';
import { formatDateTime } from '../../labels/format';
import { allQueueIds, queueLabel } from '../../labels/taxonomy-labels';
import type { View, ViewContext } from '../view';
import type { EditorHooks } from './condition-editor';
import { selectInput } from './editor-controls';
import { renderRuleCard } from './rule-card';
import { newRule } from './rule-vocabulary';
import { renderSimulation } from './simulation-report';
import { renderVersionHistory } from './version-history';

const validationDelayMs = 600;

/**
 * The supervisors' rule editor: a draft edited as forms, checked as it is typed (messages in French from the
 * server's validation), simulated on recent requests, and published only once its simulation has been seen.
 */
export async function ruleEditorView(context: ViewContext): Promise<View> {
  const { api } = context;
  let active: RuleSetVersionAnswer['version'] | null = null;
  let versions: RuleSetVersion[] = [];
  let draft: RuleSetVersionAnswer['version'] | null = null;
  let working: RuleSet | null = null;
  let problems: RuleSetProblem[] = [];
  let simulation: Simulation | null = null;
  let dirty = false;
  let today = '';
  const openRules = new WeakSet<RuleSet['rules'][number]>();

  const status = h('p', { class: 'lead', id: 'rules-status' });
  const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1', hidden: true });
  const editorArea = h('div', { class: 'rule-editor' });
  const sideArea = h('div', { class: 'rule-side' });
  const problemArea = h('div', { 'aria-live': 'polite' });
  const simulationArea = h('div');
  const publishButton = h('button', { type: 'button', class: 'button button-primary', onClick: () => void publish() }, 'Publier');
  const publishHint = h('span', { class: 'hint', id: 'publish-hint' });
  publishButton.setAttribute('aria-describedby', 'publish-hint');

  async function loadVersions(): Promise<void> {
    const [activeAnswer, list, calendar] = await Promise.all([
      api.get<{ version: RuleSetVersionAnswer['version'] }>('/api/rule-sets/active'),
      api.get<{ versions: RuleSetVersion[] }>('/api/rule-sets/versions'),
      api.get<TownHallCalendar>('/api/calendar'),
    ]);
    today = calendar.today;
    active = activeAnswer.version;
    versions = [...list.versions].sort((left, right) => right.version - left.version);
    status.textContent = `Version ${active.version} en vigueur${active.publishedAt ? ` depuis le ${formatDateTime(active.publishedAt)}` : ''} : ${active.ruleCount} règles, file de repli ${queueLabel(active.ruleSet.fallbackQueue)}.`;
  }

  function showNotice(message: string): void {
    notice.textContent = message;
    notice.hidden = false;
    notice.focus();
    context.announce(message);
  }

  function openAnswer(answer: RuleSetVersionAnswer): void {
    draft = answer.version;
    working = structuredClone(answer.version.ruleSet);
    problems = answer.problems;
    simulation = null;
    dirty = false;
  }

  async function createDraft(): Promise<void> {
    openAnswer(await api.post<RuleSetVersionAnswer>('/api/rule-sets/versions', {}));
    await loadVersions();
    render();
    document.getElementById('add-rule')?.focus();
  }

  async function openDraft(version: number): Promise<void> {
    openAnswer(await api.get<RuleSetVersionAnswer>(`/api/rule-sets/versions/${version}`));
    render();
    document.getElementById('add-rule')?.focus();
  }

  /** Saves the working copy; on a refusal, its problems are shown and false is returned. */
  async function save(): Promise<boolean> {
    if (!draft || !working) return false;
    try {
      const answer = await api.put<RuleSetVersionAnswer>(`/api/rule-sets/versions/${draft.version}`, { ruleSet: working });
      draft = answer.version;
      problems = answer.problems;
      dirty = false;
      renderProblems();
      updatePublishState();
      await loadVersions();
      renderSide();
      return true;
    } catch (error) {
      problems = problemsOf(error) ?? problems;
      renderProblems(error instanceof ApiError ? error.message : (error as Error).message);
      return false;
    }
  }

  async function simulate(): Promise<void> {
    if (!draft) return;
    if (dirty && !(await save())) return;
    if (problems.some((problem) => problem.severity === 'error')) {
      renderProblems('Corrigez les erreurs avant de simuler.');
      return;
    }
    const answer = await api.post<{ simulation: Simulation }>(`/api/rule-sets/versions/${draft.version}/simulate`, {});
    simulation = answer.simulation;
    replaceChildren(simulationArea, renderSimulation(simulation, templateLabel));
    updatePublishState();
    document.getElementById('simulation-title')?.focus();
  }

  async function publish(): Promise<void> {
    if (!draft || !simulation) return;
    try {
      const answer = await api.post<{ version: RuleSetVersion }>(`/api/rule-sets/versions/${draft.version}/publish`, {
        simulationId: simulation.id,
      });
      draft = null;
      working = null;
      simulation = null;
      problems = [];
      await loadVersions();
      render();
      showNotice(`Version ${answer.version.version} publiée : les nouvelles demandes suivent désormais ces règles.`);
    } catch (error) {
      problems = problemsOf(error) ?? problems;
      renderProblems((error as Error).message);
    }
  }

  async function rollback(version: number, reason: string): Promise<void> {
    const answer = await api.post<{ version: RuleSetVersion }>(`/api/rule-sets/versions/${version}/rollback`, reason ? { reason } : {});
    await loadVersions();
    render();
    showNotice(`La version ${version} est de nouveau en vigueur (enregistrée comme version ${answer.version.version}).`);
  }

  let validationTimer = 0;
  const hooks: EditorHooks = {
    changed: () => {
      markDirty();
      window.clearTimeout(validationTimer);
      validationTimer = window.setTimeout(() => void validate(), validationDelayMs);
    },
    restructured: (focusId) => {
      const focused = focusId ?? document.activeElement?.id;
      markDirty();
      renderEditor();
      if (focused) document.getElementById(focused)?.focus();
      void validate();
    },
    today: () => today,
  };

  function markDirty(): void {
    dirty = true;
    if (simulation) {
      simulation = null;
      replaceChildren(simulationArea);
    }
    updatePublishState();
  }

  async function validate(): Promise<void> {
    if (!working) return;
    try {
      problems = (await api.post<{ problems: RuleSetProblem[] }>('/api/rule-sets/validate', { ruleSet: working })).problems;
      renderProblems();
      updatePublishState();
    } catch {
      // A failed check is not a verdict: the next edit or the save will check again.
    }
  }

  function updatePublishState(): void {
    const blocked = problems.some((problem) => problem.severity === 'error');
    publishButton.disabled = !simulation || dirty || blocked;
    publishHint.textContent = blocked
      ? 'Publication impossible tant que des erreurs subsistent.'
      : !simulation || dirty
        ? 'Lancez la simulation : la publication montre d’abord ce qui changerait.'
        : 'Simulation à jour : vous pouvez publier.';
  }

  function renderProblems(message?: string): void {
    const errors = problems.filter((problem) => problem.severity === 'error');
    for (const card of editorArea.querySelectorAll<HTMLElement>('.rule-card')) {
      const index = Number(card.id.replace('rule-', ''));
      const ruleId = working?.rules[index]?.id;
      card.classList.toggle(
        'has-problem',
        errors.some((problem) => problem.ruleId === ruleId || (problem.path[0] === 'rules' && problem.path[1] === index)),
      );
    }
    replaceChildren(
      problemArea,
      message || problems.length > 0
        ? h(
            'div',
            { class: errors.length > 0 || message ? 'problems' : 'problems only-warnings', role: errors.length > 0 ? 'alert' : null },
            h('h2', {}, errors.length > 0 ? `À corriger (${errors.length})` : message ? 'Enregistrement impossible' : 'Points d’attention'),
            message ? h('p', {}, message) : null,
            h(
              'ul',
              {},
              problems.map((problem) =>
                h(
                  'li',
                  { class: `problem-${problem.severity}` },
                  problem.severity === 'error' ? 'Erreur : ' : 'Attention : ',
                  problem.message,
                  ruleIndex(problem) >= 0
                    ? h(
                        'button',
                        { type: 'button', class: 'link-button', onClick: () => revealRule(ruleIndex(problem)) },
                        ' (aller à la règle)',
                      )
                    : null,
                ),
              ),
            ),
          )
        : null,
    );
  }

  function revealRule(index: number): void {
    const card = document.getElementById(`rule-${index}`) as HTMLDetailsElement | null;
    if (!card) return;
    card.open = true;
    document.getElementById(`rule-${index}-title`)?.focus();
  }

  function ruleIndex(problem: RuleSetProblem): number {
    if (problem.path[0] === 'rules' && typeof problem.path[1] === 'number') return problem.path[1];
    return working?.rules.findIndex((rule) => rule.id === problem.ruleId) ?? -1;
  }

  function renderEditor(): void {
    if (!draft || !working) {
      replaceChildren(
        editorArea,
        h('h2', {}, 'Modifier les règles'),
        h(
          'p',
          {},
          'Les modifications se font dans un brouillon, sans effet sur les demandes tant qu’il n’est pas publié. Avant de publier, une simulation montre quelles demandes récentes changeraient de file.',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-primary',
            id: 'create-draft',
            onClick: () => void createDraft().catch((error: Error) => showNotice(error.message)),
          },
          'Créer un brouillon à partir des règles en vigueur',
        ),
      );
      return;
    }
    const ruleSet = working;
    replaceChildren(
      editorArea,
      h('h2', {}, `Brouillon — version ${draft.version}`),
      h(
        'div',
        { class: 'rule-editor-toolbar' },
        h(
          'button',
          { type: 'button', class: 'button', onClick: () => void save().then((saved) => saved && showNotice('Brouillon enregistré.')) },
          'Enregistrer le brouillon',
        ),
        h(
          'button',
          { type: 'button', class: 'button', onClick: () => void simulate().catch((error: Error) => renderProblems(error.message)) },
          'Simuler',
        ),
        publishButton,
        publishHint,
        h(
          'button',
          { type: 'button', class: 'button button-quiet', onClick: () => void openDraft(draft!.version) },
          'Annuler les modifications non enregistrées',
        ),
      ),
      problemArea,
      simulationArea,
      selectInput(
        'fallback-queue',
        'File de repli (quand aucune règle n’oriente la demande)',
        ruleSet.fallbackQueue,
        allQueueIds.map((queueId) => [queueId, queueLabel(queueId)] as const),
        (queue) => {
          ruleSet.fallbackQueue = queue;
          hooks.changed();
        },
      ),
      h('p', { class: 'hint' }, 'Les règles sont évaluées par priorité décroissante ; à priorité égale, dans l’ordre de la liste.'),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'add-rule',
          onClick: () => {
            const rule = newRule(ruleSet.rules, ruleSet.fallbackQueue);
            openRules.add(rule);
            ruleSet.rules.unshift(rule);
            hooks.restructured('rule-0-name');
          },
        },
        'Ajouter une règle',
      ),
      ruleSet.rules.map((_rule, index) =>
        renderRuleCard({ rules: ruleSet.rules, index, fallbackQueue: ruleSet.fallbackQueue, problems, openRules, hooks, communeName }),
      ),
    );
    renderProblems();
    updatePublishState();
  }

  function renderSide(): void {
    replaceChildren(
      sideArea,
      renderVersionHistory(versions, rollback, (version) => void openDraft(version)),
    );
  }

  function render(): void {
    renderEditor();
    renderSide();
  }

  const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    if (dirty) event.preventDefault();
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);
  const unsubscribe = context.live.on('rules.published', () => {
    void loadVersions().then(renderSide);
  });

  // The acknowledgement templates a simulation may name, by their labels.
  const templateLabels = new Map(
    (await api.get<{ templates: Array<{ id: string; label: string }> }>('/api/mail-templates')).templates.map((template) => [
      template.id,
      template.label,
    ]),
  );
  const templateLabel = (id: string) => templateLabels.get(id) ?? id;
  // Each rule says the level it comes from: the service's (its EPCI's) or a commune's, named.
  const communeNames = new Map(
    (await api.get<{ communes: Array<{ insee: string; name: string }> }>('/api/communes')).communes.map((commune) => [
      commune.insee,
      commune.name,
    ]),
  );
  const communeName = (insee: string) => communeNames.get(insee) ?? insee;
  await loadVersions();
  render();
  return {
    title: 'Règles d’aiguillage',
    element: h(
      'section',
      { class: 'rules-page' },
      h('h1', {}, 'Règles d’aiguillage'),
      status,
      notice,
      h('div', { class: 'editor-layout' }, editorArea, sideArea),
    ),
    dispose() {
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      window.clearTimeout(validationTimer);
      unsubscribe();
    },
  };
}

function problemsOf(error: unknown): RuleSetProblem[] | null {
  if (!(error instanceof ApiError)) return null;
  const body = error.body as { problems?: RuleSetProblem[] } | null;
  return body?.problems ?? null;
}
