import type { UserDocument } from '../../models/accounts/user-model';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import type { ChecklistSetVersionDocument } from '../../models/checklists/checklist-set-version-model';
import {
  archivePublishedChecklistSets,
  createChecklistSetVersion,
  findChecklistSetVersion,
  findPublishedChecklistSetVersions,
  listChecklistSetVersions,
  publishDraftChecklistSet,
  updateDraftChecklistSet,
} from '../../models/checklists/checklist-set-version-repository';
import { checklistSetSchema, type AssistanceMode, type ChecklistSet } from '../../routing-rules/checklists/checklist-schema';
import {
  checklistSetProblems,
  hasBlockingChecklistProblems,
  type ChecklistSetProblem,
} from '../../routing-rules/checklists/checklist-set-problems';
import { describeChecklistChanges } from '../../routing-rules/checklists/describe-checklist-changes';
import { settingForCommune, type SettingLevel } from '../../routing-rules/communes/setting-levels';
import type { TicketViewer } from '../../tickets/ticket-visibility';
import { ApplicationError } from '../application-error';
import { assertSettingLevelAccess, type SettingsScope } from '../communes/setting-level-access';
import type { ActiveChecklistSet } from './active-checklist-set';
import { agreementByIntent } from './assisted-replies';

type Actor = Pick<UserDocument, '_id' | 'role'> & TicketViewer;

export interface ChecklistSetWorkflowParts {
  active: ActiveChecklistSet;
  /** The taxonomy's intents: a checklist or answer for another would never apply. */
  knownIntents: readonly string[];
  /** Whose level each actor reads and changes (TicketWorkflow.settingsScope). */
  settingsScopeOf: (viewer: TicketViewer) => SettingsScope;
}

/**
 * The supervisors' way of changing checklists and answers, like the rules': draft, check, publish (only a valid
 * draft), roll back, and switch one intent's mode (off, pilot, automatic) as a published version of its own. Every
 * change is versioned and audited with what it changes.
 *
 * Two levels: the service's set, which every commune uses, and a commune's own set, which replaces it for that
 * commune's requests as a whole (a set is checked, versioned and compiled as one: a commune's lists and answers are
 * never a mixture nobody checked together). A commune's supervisor changes their commune's level only, the EPCI's
 * the service's (`commune` null); a version's level is its own, whichever route names it.
 */
export class ChecklistSetWorkflow {
  constructor(private readonly parts: ChecklistSetWorkflowParts) {}

  problemsOf(draft: unknown): ChecklistSetProblem[] {
    return checklistSetProblems(draft, { knownIntents: this.parts.knownIntents });
  }

  /** The set in force at a level: a commune's own, else the service's, and the level it comes from. */
  async published(actor: Actor, commune: string | null): Promise<{ version: ChecklistSetVersionDocument; level: SettingLevel }> {
    this.allow(actor, commune, 'read');
    return this.inForce(commune);
  }

  /** The pilot suggestions' agreement in one commune's tickets, or at the service's level in all the actor's communes'. */
  async agreement(actor: Actor, commune: string | null, window: number) {
    this.allow(actor, commune, 'read');
    return agreementByIntent(window, commune === null ? this.parts.settingsScopeOf(actor).communes : [commune]);
  }

  /** The versions of one level, newest first. */
  async versions(actor: Actor, commune: string | null): Promise<ChecklistSetVersionDocument[]> {
    this.allow(actor, commune, 'read');
    return listChecklistSetVersions(commune);
  }

  async version(actor: Actor, version: number): Promise<ChecklistSetVersionDocument> {
    const found = await findChecklistSetVersion(version);
    if (!found) throw new ApplicationError('not-found', `La version ${version} des listes n'existe pas.`);
    this.allow(actor, levelOf(found), 'read');
    return found;
  }

  /** A draft of the level's own set, from the set in force there (a commune's first: the service's) or another version. */
  async createDraft(
    actor: Actor,
    commune: string | null,
    body: { checklistSet?: unknown; basedOnVersion?: number },
  ): Promise<ChecklistSetVersionDocument> {
    this.allow(actor, commune, 'change');
    const base = body.basedOnVersion === undefined ? (await this.inForce(commune)).version : await this.version(actor, body.basedOnVersion);
    const checklistSet = body.checklistSet === undefined ? (base.checklistSet as ChecklistSet) : this.parse(body.checklistSet);
    const changes = describeChecklistChanges(base.checklistSet as ChecklistSet, checklistSet);
    const draft = await createChecklistSetVersion({
      status: 'draft',
      commune,
      checklistSet,
      authorId: actor._id,
      basedOnVersion: base.version,
      changes,
    });
    await this.audit(actor, 'checklist-set.draft-created', draft, { basedOnVersion: base.version, changes });
    return draft;
  }

  async editDraft(actor: Actor, version: number, body: unknown): Promise<ChecklistSetVersionDocument> {
    const draft = await this.draft(actor, version);
    const checklistSet = this.parse(body);
    const base = draft.basedOnVersion ? await findChecklistSetVersion(draft.basedOnVersion) : null;
    const changes = describeChecklistChanges((base?.checklistSet as ChecklistSet | undefined) ?? null, checklistSet);
    const updated = await updateDraftChecklistSet(version, checklistSet, changes);
    if (!updated) throw new ApplicationError('conflict', `La version ${version} vient d'être publiée : créez un nouveau brouillon.`);
    await this.audit(actor, 'checklist-set.draft-updated', updated, { changes });
    return updated;
  }

  async publish(actor: Actor, version: number): Promise<ChecklistSetVersionDocument> {
    const draft = await this.draft(actor, version);
    const problems = this.problemsOf(draft.checklistSet);
    if (hasBlockingChecklistProblems(problems)) {
      throw new ApplicationError('rejected', `Le brouillon ${version} ne peut pas être publié : corrigez d'abord les erreurs.`, {
        problems,
      });
    }
    const { version: previous } = await this.inForce(levelOf(draft));
    const published = await publishDraftChecklistSet(version, actor._id);
    if (!published) throw new ApplicationError('conflict', `Le brouillon ${version} vient d'être publié par quelqu'un d'autre.`);
    this.parts.active.use(published);
    await this.audit(actor, 'checklist-set.published', published, {
      previousVersion: previous.version,
      changes: describeChecklistChanges(previous.checklistSet as ChecklistSet, published.checklistSet as ChecklistSet),
    });
    return published;
  }

  /** Publishes a copy of an earlier version as a new version of the same level, at once. */
  async rollback(actor: Actor, targetVersion: number, reason: string | undefined): Promise<ChecklistSetVersionDocument> {
    const target = await this.version(actor, targetVersion);
    const commune = levelOf(target);
    this.allow(actor, commune, 'change');
    if (target.status === 'draft')
      throw new ApplicationError('conflict', `La version ${targetVersion} est un brouillon jamais publié : publiez-la plutôt.`);
    const { version: previous } = await this.inForce(commune);
    if (previous.version === target.version) throw new ApplicationError('conflict', `La version ${targetVersion} est déjà en vigueur.`);
    return this.publishCopy(actor, 'checklist-set.rolled-back', commune, previous, target.checklistSet as ChecklistSet, {
      restoredFromVersion: target.version,
      reason: reason ?? null,
    });
  }

  /**
   * The per-intent switch at one level: one intent's missing-information request or answer goes off, pilot or
   * automatic. At a commune that has no set of its own yet, the switch makes one, from the service's.
   */
  async setMode(actor: Actor, commune: string | null, intent: string, mode: AssistanceMode): Promise<ChecklistSetVersionDocument> {
    this.allow(actor, commune, 'change');
    const { version: previous } = await this.inForce(commune);
    const current = previous.checklistSet as ChecklistSet;
    const checklist = current.checklists.find((entry) => entry.intent === intent);
    const answer = current.answers.find((entry) => entry.intent === intent);
    if (!checklist && !answer) throw new ApplicationError('not-found', `Le motif « ${intent} » n'a ni liste ni réponse.`);
    const from = checklist ? checklist.missingRequest : answer!.mode;
    if (from === mode) throw new ApplicationError('conflict', `Le motif « ${intent} » est déjà dans ce mode.`);
    const changed: ChecklistSet = {
      ...current,
      checklists: current.checklists.map((entry) => (entry.intent === intent ? { ...entry, missingRequest: mode } : entry)),
      answers: current.answers.map((entry) => (entry.intent === intent ? { ...entry, mode } : entry)),
    };
    return this.publishCopy(actor, 'checklist-set.mode-changed', commune, previous, changed, { intent, from, to: mode });
  }

  /** A commune's own set withdrawn (archived, kept in its history): the commune takes the service's again. */
  async removeOverride(actor: Actor, commune: string | null) {
    this.allow(actor, commune, 'change');
    if (commune === null)
      throw new ApplicationError('conflict', 'Les listes du service valent pour toutes les communes : elles ne se retirent pas.');
    const { version: withdrawn, level } = await this.inForce(commune);
    if (level !== 'commune')
      throw new ApplicationError('not-found', `La commune ${commune} n'a pas de listes propres : elle suit déjà celles du service.`);
    await archivePublishedChecklistSets(commune);
    await this.audit(actor, 'checklist-set.override-removed', withdrawn, {});
    return this.inForce(commune);
  }

  private async publishCopy(
    actor: Actor,
    action: string,
    commune: string | null,
    previous: ChecklistSetVersionDocument,
    checklistSet: ChecklistSet,
    details: Record<string, unknown>,
  ) {
    const changes = describeChecklistChanges(previous.checklistSet as ChecklistSet, checklistSet);
    const published = await createChecklistSetVersion({
      status: 'published',
      commune,
      checklistSet,
      authorId: actor._id,
      basedOnVersion: previous.version,
      changes,
      ...(typeof details.restoredFromVersion === 'number' ? { restoredFromVersion: details.restoredFromVersion } : {}),
    });
    this.parts.active.use(published);
    await this.audit(actor, action, published, { ...details, previousVersion: previous.version, changes });
    return published;
  }

  /** The set in force at a level, whoever asks (the callers check access). */
  private async inForce(commune: string | null): Promise<{ version: ChecklistSetVersionDocument; level: SettingLevel }> {
    const { value, level } = settingForCommune(await findPublishedChecklistSetVersions(commune), commune, null);
    if (!value) throw new ApplicationError('not-found', "Aucune version des listes n'est publiée.");
    return { version: value, level };
  }

  /** A draft the actor may change. */
  private async draft(actor: Actor, version: number): Promise<ChecklistSetVersionDocument> {
    const found = await this.version(actor, version);
    this.allow(actor, levelOf(found), 'change');
    if (found.status !== 'draft') {
      throw new ApplicationError(
        'conflict',
        `La version ${version} est ${found.status === 'published' ? 'publiée' : 'archivée'} : seul un brouillon se modifie ou se publie.`,
      );
    }
    return found;
  }

  /** Only a set that passes the checks is stored, so that every stored version compiles. */
  private parse(draft: unknown): ChecklistSet {
    const problems = this.problemsOf(draft);
    if (hasBlockingChecklistProblems(problems))
      throw new ApplicationError('rejected', "Les listes sont invalides et n'ont pas été enregistrées.", { problems });
    return checklistSetSchema.parse(draft);
  }

  private allow(actor: Actor, commune: string | null, access: 'read' | 'change'): void {
    assertSettingLevelAccess(this.parts.settingsScopeOf(actor), commune, access);
  }

  private async audit(actor: Actor, action: string, version: ChecklistSetVersionDocument, details: Record<string, unknown>) {
    const commune = levelOf(version);
    await recordAuditEvent({
      actor,
      action,
      objectType: 'ChecklistSet',
      objectId: String(version.version),
      ...(commune ? { commune } : {}),
      details: { ...details, level: commune ?? 'service' },
    });
  }
}

const levelOf = (version: ChecklistSetVersionDocument) => version.commune ?? null;
