import { fallbackQueueId } from '../../classifiers/taxonomy/taxonomy';
import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import type { RoutingInput } from '../../routing-rules/routing-input';
import type { TownHallClock } from '../clock';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { TicketWorkflow } from '../tickets/ticket-workflow';
import type { ActiveRuleSet } from './active-rule-set';
import { loadActiveRuleSet, syncActiveRuleSet } from './load-active-rule-set';
import { routeRequest, type TicketRouting } from './route-request';
import { RuleSetEvents } from './rule-set-events';
import { RuleSetWorkflow } from './rule-set-workflow';
import { SlaEscalationJob } from './sla-escalation-job';
import { webhookDestinationPolicy } from './webhook-destination-policy';
import { WebhookDispatcher } from './webhook-dispatcher';

export interface RoutingRuntime {
  active: ActiveRuleSet;
  workflow: RuleSetWorkflow;
  ruleSetEvents: RuleSetEvents;
  webhooks: WebhookDispatcher;
  slaEscalation: SlaEscalationJob;
  /** Where tickets of queues in pilot (`suggest`) mode wait: the taxonomy's fallback queue, `accueil`. */
  receptionQueue: string;
  /** Routes a request of `commune`. */
  route(input: RoutingInput, commune: string): Promise<TicketRouting>;
  /**
   * Starts the background jobs (webhook outbox, SLA escalation) and the rule set refresh; the application calls it
   * once it listens. `ownTimers: false`: in a cluster, the outbox and escalation ticks are cluster-wide jobs.
   */
  start(options?: { ownTimers: boolean }): void;
  stop(): Promise<void>;
}

/** Everything routing needs at run time, built from the configuration and the published rule set. */
export async function startRouting(
  config: Config,
  logger: Logger,
  tickets: TicketWorkflow,
  clock: TownHallClock,
  communes: Pick<CommuneDirectory, 'list' | 'schedule'>,
): Promise<RoutingRuntime> {
  const active = await loadActiveRuleSet(defaultRuleSet(config.confidenceThreshold, clock.timeZone), config.ruleEvaluationBudgetMs, logger);
  const ruleSetEvents = new RuleSetEvents();
  const workflow = new RuleSetWorkflow({
    active,
    events: ruleSetEvents,
    knownQueueIds: tickets.queueIds,
    scopeOf: (viewer) => tickets.scope(viewer),
    communesRouted: () => communes.list().map((commune) => commune.insee),
    settingsScopeOf: (viewer) => tickets.settingsScope(viewer),
    simulationRequests: config.ruleSimulationRequests,
    allowedWebhookDestinations: config.webhookAllowedDestinations,
  });
  const webhooks = new WebhookDispatcher({
    secrets: config.webhookSecrets,
    destinations: webhookDestinationPolicy(config),
    pollIntervalMs: config.webhookPollIntervalMs,
    retryBaseMs: config.webhookRetryBaseMs,
    retryMaxMs: config.webhookRetryMaxMs,
    maxAttempts: config.webhookMaxAttempts,
    timeoutMs: config.webhookTimeoutMs,
    logger,
  });
  const slaEscalation = new SlaEscalationJob(tickets, logger, clock.now);
  let syncTimer: NodeJS.Timeout | undefined;
  return {
    active,
    workflow,
    ruleSetEvents,
    webhooks,
    slaEscalation,
    receptionQueue: fallbackQueueId,
    route: (input, commune) =>
      routeRequest(active, fallbackQueueId, input, (agent, queue) => tickets.canSee(agent, { queue, commune }), communes.schedule(commune)),
    start({ ownTimers } = { ownTimers: true }) {
      if (ownTimers) {
        webhooks.start();
        slaEscalation.start(config.slaEscalationIntervalMs);
      }
      syncTimer = setInterval(() => {
        syncActiveRuleSet(active)
          .then((version) => version !== null && logger.info({ version }, 'rule set published elsewhere is now in force'))
          .catch((error: unknown) => logger.error({ err: error }, 'rule set refresh failed'));
      }, config.sweepIntervalMs);
      syncTimer.unref();
    },
    async stop() {
      clearInterval(syncTimer);
      await Promise.all([webhooks.stop(), slaEscalation.stop()]);
    },
  };
}
