import type { UserDocument } from '../../models/accounts/user-model';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import type { ChecklistSetVersionDocument } from '../../models/checklists/checklist-set-version-model';
import {
  createChecklistSetVersion,
  findChecklistSetVersion,
  findPublishedChecklistSetVersion,
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
import { ApplicationError } from '../application-error';
import type { ActiveChecklistSet } from './active-checklist-set';

type Actor = Pick<UserDocument, '_id' | 'role'>;

export interface ChecklistSetWorkflowParts {
  active: ActiveChecklistSet;
  /** The taxonomy's intents: a checklist or answer for another would never apply. */
  knownIntents: readonly string[];
}

/**
 * The supervisors' way of changing checklists and answers, like the rules': draft, check, publish (only a valid
 * draft), roll back, and switch one intent's mode (off, pilot, automatic) as a published version of its own. Every
 * change is versioned and audited with what it changes.
 */
export class ChecklistSetWorkflow {
  constructor(private readonly parts: ChecklistSetWorkflowParts) {}

  problemsOf(draft: unknown): ChecklistSetProblem[] {
    return checklistSetProblems(draft, { knownIntents: this.parts.knownIntents });
  }

  async published(): Promise<ChecklistSetVersionDocument> {
    const published = await findPublishedChecklistSetVersion();
    if (!published) throw new ApplicationError('not-found', "Aucune version des listes n'est publiée.");
    return published;
  }

  async version(version: number): Promise<ChecklistSetVersionDocument> {
    const found = await findChecklistSetVersion(version);
    if (!found) throw new ApplicationError('not-found', `La version ${version} des listes n'existe pas.`);
    return found;
  }

  async createDraft(actor: Actor, body: { checklistSet?: unknown; basedOnVersion?: number }): Promise<ChecklistSetVersionDocument> {
    const base = body.basedOnVersion === undefined ? await this.published() : await this.version(body.basedOnVersion);
    const checklistSet = body.checklistSet === undefined ? (base.checklistSet as ChecklistSet) : this.parse(body.checklistSet);
    const changes = describeChecklistChanges(base.checklistSet as ChecklistSet, checklistSet);
    const draft = await createChecklistSetVersion({
      status: 'draft',
      checklistSet,
      authorId: actor._id,
      basedOnVersion: base.version,
      changes,
    });
    await this.audit(actor, 'checklist-set.draft-created', draft.version, { basedOnVersion: base.version, changes });
    return draft;
  }

  async editDraft(actor: Actor, version: number, body: unknown): Promise<ChecklistSetVersionDocument> {
    const draft = await this.draft(version);
    const checklistSet = this.parse(body);
    const base = draft.basedOnVersion ? await findChecklistSetVersion(draft.basedOnVersion) : null;
    const changes = describeChecklistChanges((base?.checklistSet as ChecklistSet | undefined) ?? null, checklistSet);
    const updated = await updateDraftChecklistSet(version, checklistSet, changes);
    if (!updated) throw new ApplicationError('conflict', `La version ${version} vient d'être publiée : créez un nouveau brouillon.`);
    await this.audit(actor, 'checklist-set.draft-updated', version, { changes });
    return updated;
  }

  async publish(actor: Actor, version: number): Promise<ChecklistSetVersionDocument> {
    const draft = await this.draft(version);
    const problems = this.problemsOf(draft.checklistSet);
    if (hasBlockingChecklistProblems(problems)) {
      throw new ApplicationError('rejected', `Le brouillon ${version} ne peut pas être publié : corrigez d'abord les erreurs.`, {
        problems,
      });
    }
    const previous = await this.published();
    const published = await publishDraftChecklistSet(version, actor._id);
    if (!published) throw new ApplicationError('conflict', `Le brouillon ${version} vient d'être publié par quelqu'un d'autre.`);
    this.parts.active.use(published);
    await this.audit(actor, 'checklist-set.published', version, {
      previousVersion: previous.version,
      changes: describeChecklistChanges(previous.checklistSet as ChecklistSet, published.checklistSet as ChecklistSet),
    });
    return published;
  }

  /** Publishes a copy of an earlier version as a new version, at once. */
  async rollback(actor: Actor, targetVersion: number, reason: string | undefined): Promise<ChecklistSetVersionDocument> {
    const target = await this.version(targetVersion);
    if (target.status === 'draft')
      throw new ApplicationError('conflict', `La version ${targetVersion} est un brouillon jamais publié : publiez-la plutôt.`);
    const previous = await this.published();
    if (previous.version === target.version) throw new ApplicationError('conflict', `La version ${targetVersion} est déjà en vigueur.`);
    return this.publishCopy(actor, 'checklist-set.rolled-back', previous, target.checklistSet as ChecklistSet, {
      restoredFromVersion: target.version,
      reason: reason ?? null,
    });
  }

  /** The per-intent switch: one intent's missing-information request or answer goes off, pilot or automatic. */
  async setMode(actor: Actor, intent: string, mode: AssistanceMode): Promise<ChecklistSetVersionDocument> {
    const previous = await this.published();
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
    return this.publishCopy(actor, 'checklist-set.mode-changed', previous, changed, { intent, from, to: mode });
  }

  private async publishCopy(
    actor: Actor,
    action: string,
    previous: ChecklistSetVersionDocument,
    checklistSet: ChecklistSet,
    details: Record<string, unknown>,
  ) {
    const changes = describeChecklistChanges(previous.checklistSet as ChecklistSet, checklistSet);
    const published = await createChecklistSetVersion({
      status: 'published',
      checklistSet,
      authorId: actor._id,
      basedOnVersion: previous.version,
      changes,
      ...(typeof details.restoredFromVersion === 'number' ? { restoredFromVersion: details.restoredFromVersion } : {}),
    });
    this.parts.active.use(published);
    await this.audit(actor, action, published.version, { ...details, previousVersion: previous.version, changes });
    return published;
  }

  private async draft(version: number): Promise<ChecklistSetVersionDocument> {
    const found = await this.version(version);
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

  private async audit(actor: Actor, action: string, version: number, details: Record<string, unknown>) {
    await recordAuditEvent({ actor, action, objectType: 'ChecklistSet', objectId: String(version), details });
  }
}
