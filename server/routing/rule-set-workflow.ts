import type { Types } from 'mongoose';

import type { UserDocument } from '../../models/accounts/user-model';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import type { RuleSetSimulationDocument } from '../../models/rules/rule-set-simulation-model';
import { findRuleSetSimulation, saveRuleSetSimulation } from '../../models/rules/rule-set-simulation-repository';
import type { RuleSetVersionDocument } from '../../models/rules/rule-set-version-model';
import {
  archiveOtherPublishedVersions,
  createRuleSetVersion,
  findPublishedRuleSetVersion,
  findRuleSetVersion,
  publishDraftRuleSet,
  updateDraftRuleSet,
} from '../../models/rules/rule-set-version-repository';
import { diffRuleSets, type RuleSetDiff } from '../../routing-rules/diff-rule-sets';
import { compileRuleSet } from '../../routing-rules/evaluate-rules';
import { probingRuleProblems } from '../../routing-rules/probing-rules';
import { changesBeyondCommunes } from '../../routing-rules/rule-levels';
import { ruleSetSchema, type RuleSet } from '../../routing-rules/rule-schema';
import { hasBlockingProblems, type RuleSetProblem } from '../../routing-rules/rule-set-problem';
import { simulate, type SimulationResult } from '../../routing-rules/simulate-rule-set';
import { validateRuleSet } from '../../routing-rules/validate-rule-set';
import { webhookDestinationProblems } from '../../routing-rules/webhook-destinations';
import type { TicketScope, TicketViewer } from '../../tickets/ticket-visibility';
import { ApplicationError } from '../application-error';
import type { ActiveRuleSet } from './active-rule-set';
import { auditRuleSetChange } from './rule-set-audit';
import type { RuleSetEvents } from './rule-set-events';
import { storedSimulationInputs, type SimulationSample } from './simulation-inputs';

/** Who changes the rules: their id for the record, their communes for what they may change. */
export type RuleSetActor = Pick<UserDocument, '_id' | 'role' | 'queues'> & Partial<Pick<UserDocument, 'communes' | 'epci'>>;

export interface RuleSetWorkflowParts {
  active: ActiveRuleSet;
  events: RuleSetEvents;
  knownQueueIds: readonly string[];
  /** The tickets a person may read (the ticket workflow's one visibility rule): what their simulation replays. */
  scopeOf: (viewer: TicketViewer) => TicketScope;
  /** The communes the rules apply to: what a commune's rule may name. */
  communesRouted: () => string[];
  /** The communes whose own rules a supervisor may change, and whether the whole service's (its EPCI's) too. */
  settingsScopeOf: (viewer: TicketViewer) => { communes: string[]; serviceWide: boolean };
  /** How many of the latest stored requests a simulation replays by default. */
  simulationRequests: number;
  /** Where webhook actions may send data: the operator's list (WEBHOOK_ALLOWED_DESTINATIONS), never the rule's. */
  allowedWebhookDestinations: readonly string[];
}

/**
 * The supervisors' way of changing routing safely: draft, validate, simulate, publish (only a simulated, valid
 * draft, against the version in force when simulated), roll back. Every change is audited with its diff. A
 * commune's supervisor changes the rules of their communes only; the service's rules are its EPCI's.
 */
export class RuleSetWorkflow {
  constructor(private readonly parts: RuleSetWorkflowParts) {}

  problemsOf(draft: unknown): RuleSetProblem[] {
    const parsed = ruleSetSchema.safeParse(draft);
    return [
      ...validateRuleSet(draft, { knownQueueIds: this.parts.knownQueueIds, knownCommunes: this.parts.communesRouted() }),
      ...(parsed.success ? webhookDestinationProblems(parsed.data, this.parts.allowedWebhookDestinations) : []),
    ];
  }

  async published(): Promise<RuleSetVersionDocument> {
    const published = await findPublishedRuleSetVersion();
    if (!published) throw new ApplicationError('not-found', "Aucun jeu de règles n'est publié.");
    return published;
  }

  async version(version: number): Promise<RuleSetVersionDocument> {
    const found = await findRuleSetVersion(version);
    if (!found) throw new ApplicationError('not-found', `La version ${version} des règles n'existe pas.`);
    return found;
  }

  async createDraft(actor: RuleSetActor, body: { ruleSet?: unknown; basedOnVersion?: number }): Promise<RuleSetVersionDocument> {
    const actorId = actor._id;
    const base = body.basedOnVersion === undefined ? await this.published() : await this.version(body.basedOnVersion);
    const ruleSet = body.ruleSet === undefined ? (base.ruleSet as RuleSet) : this.parseDraft(body.ruleSet);
    this.mayChange(actor, base.ruleSet as RuleSet, ruleSet);
    const draft = await createRuleSetVersion({
      status: 'draft',
      ruleSet,
      authorId: actorId,
      basedOnVersion: base.version,
      diff: diffRuleSets(base.ruleSet as RuleSet, ruleSet),
    });
    await auditRuleSetChange('rule-set.draft-created', draft.version, actorId, { basedOnVersion: base.version, diff: draft.diff });
    return draft;
  }

  async editDraft(actor: RuleSetActor, version: number, body: unknown): Promise<RuleSetVersionDocument> {
    const actorId = actor._id;
    const draft = await this.draft(version);
    const ruleSet = this.parseDraft(body);
    this.mayChange(actor, draft.ruleSet as RuleSet, ruleSet);
    const base =
      draft.basedOnVersion === undefined || draft.basedOnVersion === null ? null : await findRuleSetVersion(draft.basedOnVersion);
    const diff = diffRuleSets((base?.ruleSet as RuleSet | undefined) ?? null, ruleSet);
    const updated = await updateDraftRuleSet(version, ruleSet, diff);
    if (!updated) throw new ApplicationError('conflict', `La version ${version} vient d'être publiée : créez un nouveau brouillon.`);
    await auditRuleSetChange('rule-set.draft-updated', version, actorId, { revision: updated.revision, diff });
    return updated;
  }

  /**
   * Replays requests through the version in force and through `version`: an uploaded sample, or else the `limit`
   * latest stored requests (the configured number by default) among the tickets the actor may read. Over stored
   * requests a simulation says which requests a draft matches, so it is a read of personal data: audited, and
   * refused for a draft whose only purpose is to probe (see probing-rules).
   */
  async simulate(
    actor: Pick<UserDocument, '_id' | 'role' | 'queues'> & Partial<Pick<UserDocument, 'communes' | 'epci'>>,
    version: number,
    source: { uploaded?: SimulationSample; limit?: number },
  ): Promise<RuleSetSimulationDocument> {
    const candidate = await this.version(version);
    const sample = source.uploaded;
    const { active } = this.parts;
    const ruleSet = candidate.ruleSet as RuleSet;
    if (!sample) {
      const probes = probingRuleProblems(active.compiled.source, ruleSet);
      if (probes.length > 0) {
        throw new ApplicationError('rejected', `Le brouillon ${version} ne peut pas être simulé sur les demandes enregistrées.`, {
          problems: probes,
        });
      }
    }
    const readable = this.parts.scopeOf(actor);
    const { inputs, skipped } = sample ?? (await storedSimulationInputs(source.limit ?? this.parts.simulationRequests, readable));
    const activeVersion = active.version;
    const result = simulate(active.compiled, compileRuleSet(ruleSet), inputs, { budgetMs: active.evaluationBudgetMs });
    const simulation = await saveRuleSetSimulation({
      ...result,
      draftVersion: version,
      draftRevision: candidate.revision ?? 1,
      activeVersion,
      source: sample ? 'jsonl' : 'stored',
      requestCount: inputs.length,
      skipped,
      createdBy: actor._id,
    });
    if (!sample) {
      await recordAuditEvent({
        actor,
        action: 'rule-set.simulated',
        objectType: 'RuleSet',
        objectId: String(version),
        details: {
          draftRevision: candidate.revision ?? 1,
          simulationId: simulation._id.toString(),
          requestCount: inputs.length,
          movedRequests: result.moved.length,
        },
      });
    }
    return simulation;
  }

  async simulation(id: string): Promise<RuleSetSimulationDocument> {
    const found = await findRuleSetSimulation(id);
    if (!found) throw new ApplicationError('not-found', 'Simulation introuvable.');
    return found;
  }

  async publish(
    actor: RuleSetActor,
    version: number,
    simulationId: string | undefined,
  ): Promise<{ version: RuleSetVersionDocument; simulation: RuleSetSimulationDocument; diff: RuleSetDiff }> {
    const actorId = actor._id;
    const draft = await this.draft(version);
    // Against the version in force: a draft based on an older one would otherwise undo others' changes unseen.
    this.mayChange(actor, (await this.published()).ruleSet as RuleSet, draft.ruleSet as RuleSet);
    const problems = this.problemsOf(draft.ruleSet);
    if (hasBlockingProblems(problems)) {
      throw new ApplicationError('rejected', `Le brouillon ${version} ne peut pas être publié : corrigez d'abord les erreurs.`, {
        problems,
      });
    }
    const simulation = await this.simulationForPublication(draft, simulationId);
    const compiled = compileRuleSet(draft.ruleSet as RuleSet);
    const previous = await this.published();
    const diff = diffRuleSets(previous.ruleSet as RuleSet, draft.ruleSet as RuleSet);
    const published = await publishDraftRuleSet(version, draft.revision ?? 1, actorId, diff);
    if (!published)
      throw new ApplicationError('conflict', `Le brouillon ${version} a changé pendant la publication : relancez la simulation.`);
    this.parts.active.replace(version, compiled);
    await auditRuleSetChange('rule-set.published', version, actorId, {
      previousVersion: previous.version,
      simulationId: simulation._id.toString(),
      movedRequests: simulation.moved.length,
      diff,
    });
    this.announce(published, actorId, diff);
    return { version: published, simulation, diff };
  }

  /** Publishes a copy of an earlier version as a new version, at once: rolling back is for when something broke. */
  async rollback(
    actor: RuleSetActor,
    targetVersion: number,
    reason: string | undefined,
  ): Promise<{ version: RuleSetVersionDocument; simulation: SimulationResult & { requestCount: number }; diff: RuleSetDiff }> {
    const actorId = actor._id;
    const target = await this.version(targetVersion);
    this.mayChange(actor, (await this.published()).ruleSet as RuleSet, target.ruleSet as RuleSet);
    if (target.status === 'draft')
      throw new ApplicationError('conflict', `La version ${targetVersion} est un brouillon jamais publié : publiez-la plutôt.`);
    const { active } = this.parts;
    if (target.version === active.version) throw new ApplicationError('conflict', `La version ${targetVersion} est déjà en vigueur.`);
    const ruleSet = target.ruleSet as RuleSet;
    const compiled = compileRuleSet(ruleSet);
    const previous = await this.published();
    // Shown to the actor: only the requests they may read (a commune's supervisor rolls back their commune's rules).
    const { inputs } = await storedSimulationInputs(this.parts.simulationRequests, this.parts.scopeOf(actor));
    const simulation = {
      ...simulate(active.compiled, compiled, inputs, { budgetMs: active.evaluationBudgetMs }),
      requestCount: inputs.length,
    };
    const diff = diffRuleSets(previous.ruleSet as RuleSet, ruleSet);
    const restored = await createRuleSetVersion({
      status: 'published',
      ruleSet,
      authorId: actorId,
      basedOnVersion: target.version,
      restoredFromVersion: target.version,
      diff,
    });
    await archiveOtherPublishedVersions(restored.version);
    active.replace(restored.version, compiled);
    await auditRuleSetChange('rule-set.rolled-back', restored.version, actorId, {
      restoredFromVersion: target.version,
      previousVersion: previous.version,
      reason: reason ?? null,
      movedRequests: simulation.moved.length,
      diff,
    });
    this.announce(restored, actorId, diff);
    return { version: restored, simulation, diff };
  }

  /** A commune's supervisor changes the rules of their communes alone (routing-rules/rule-levels). */
  private mayChange(actor: RuleSetActor, before: RuleSet, after: RuleSet): void {
    const scope = this.parts.settingsScopeOf(actor);
    if (scope.serviceWide) return;
    const beyond = changesBeyondCommunes(before, after, scope.communes);
    if (beyond.serviceSettings)
      throw new ApplicationError(
        'forbidden',
        "La file par défaut et les horaires du jeu de règles sont ceux du service : seul l'EPCI les modifie.",
      );
    if (beyond.rules.length > 0) {
      throw new ApplicationError(
        'forbidden',
        `Vous ne modifiez que les règles propres à vos communes ; celles-ci sont d'un autre niveau : ${beyond.rules.join(', ')}.`,
      );
    }
  }

  private async draft(version: number): Promise<RuleSetVersionDocument> {
    const found = await this.version(version);
    if (found.status !== 'draft') {
      throw new ApplicationError(
        'conflict',
        `La version ${version} est ${found.status === 'published' ? 'publiée' : 'archivée'} : seul un brouillon se modifie ou se publie.`,
      );
    }
    return found;
  }

  /** Only a rule set that passes the schema is stored, so that every stored version can be simulated. */
  private parseDraft(draft: unknown): RuleSet {
    const parsed = ruleSetSchema.safeParse(draft);
    if (parsed.success) return parsed.data;
    throw new ApplicationError('rejected', "Le jeu de règles est invalide et n'a pas été enregistré.", {
      problems: this.problemsOf(draft),
    });
  }

  private async simulationForPublication(
    draft: RuleSetVersionDocument,
    simulationId: string | undefined,
  ): Promise<RuleSetSimulationDocument> {
    if (!simulationId) {
      throw new ApplicationError(
        'conflict',
        `Simulez d'abord le brouillon ${draft.version} (POST /api/rule-sets/versions/${draft.version}/simulate), vérifiez ce qui change, puis publiez avec son simulationId.`,
      );
    }
    const simulation = await findRuleSetSimulation(simulationId);
    if (!simulation || simulation.draftVersion !== draft.version) {
      throw new ApplicationError('conflict', `La simulation ${simulationId} ne porte pas sur le brouillon ${draft.version}.`);
    }
    if (simulation.draftRevision !== (draft.revision ?? 1)) {
      throw new ApplicationError(
        'conflict',
        'Le brouillon a été modifié depuis cette simulation : relancez la simulation avant de publier.',
      );
    }
    if (simulation.activeVersion !== this.parts.active.version) {
      throw new ApplicationError(
        'conflict',
        `Les règles en vigueur ont changé depuis cette simulation (version ${simulation.activeVersion}, maintenant ${this.parts.active.version}) : relancez la simulation.`,
      );
    }
    return simulation;
  }

  private announce(version: RuleSetVersionDocument, actorId: Types.ObjectId, diff: RuleSetDiff): void {
    this.parts.events.emit('rules.published', {
      version: version.version,
      publishedAt: (version.publishedAt ?? new Date()).toISOString(),
      publishedBy: actorId.toString(),
      restoredFromVersion: version.restoredFromVersion ?? null,
      rulesAdded: diff.added.length,
      rulesRemoved: diff.removed.length,
      rulesChanged: diff.changed.length,
    });
  }
}
