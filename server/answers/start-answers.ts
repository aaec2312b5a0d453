import { allIntentIds, defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { defaultChecklistSet } from '../../routing-rules/checklists/default-checklist-set';
import type { TicketViewer } from '../../tickets/ticket-visibility';
import type { TownHallClock } from '../clock';
import type { SettingsScope } from '../communes/setting-level-access';
import type { Config } from '../config';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import type { ProcessingParts } from '../pipeline/process-request';
import { ficheSources } from '../sources/fiche-sources';
import { ActiveChecklistSet, installDefaultChecklistSet } from './active-checklist-set';
import { ChecklistSetWorkflow } from './checklist-set-workflow';
import { prepareAssistance } from './prepare-assistance';
import { reassessChecklistsOnReplies } from './reassess-on-reply';

export interface AnswersRuntime {
  workflow: ChecklistSetWorkflow;
  /** What the pipeline calls for each request it routes (not split). */
  prepare: NonNullable<ProcessingParts['prepareAssistance']>;
  /** Waits for the re-evaluations still running. */
  stop(): Promise<void>;
}

/**
 * Checklists, missing-information requests and immediate answers (issue 14): the published set (the shipped one on
 * a new installation), its supervisors' workflow, the pipeline's hook and the re-evaluation of a checklist when the
 * citizen writes again.
 */
export async function startAnswers(
  config: Config,
  logger: Logger,
  events: TicketEvents,
  clock: TownHallClock,
  settingsScopeOf: (viewer: TicketViewer) => SettingsScope,
): Promise<AnswersRuntime> {
  await installDefaultChecklistSet(defaultChecklistSet(), logger);
  const active = new ActiveChecklistSet();
  const inFlight = new Set<Promise<unknown>>();
  reassessChecklistsOnReplies(events, { active, timeZone: clock.timeZone, now: clock.now, logger }, inFlight);
  const assistance = {
    active,
    taxonomy: defaultTaxonomy,
    confidenceThreshold: config.confidenceThreshold,
    fiches: ficheSources(),
    now: clock.now,
  };
  return {
    workflow: new ChecklistSetWorkflow({ active, knownIntents: allIntentIds(defaultTaxonomy), settingsScopeOf }),
    // Plain data in the shape of the ticket's sub-document (mongoose types its arrays as document arrays).
    prepare: (request, classification, decidedQueue) =>
      prepareAssistance(assistance, request, classification, decidedQueue) as ReturnType<AnswersRuntime['prepare']>,
    async stop() {
      await Promise.all(inFlight);
    },
  };
}
