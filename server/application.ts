import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import mongoose from 'mongoose';
import type { SMTPServer } from 'smtp-server';
import type { Server as SocketServer } from 'socket.io';

import { defaultTaxonomy, queueIds as taxonomyQueueIds } from '../classifiers/taxonomy/taxonomy';
import { anchorAuditChains, dropSingleChainIndex } from '../models/audit/audit-event-repository';
import { assignUnassignedToCommune } from '../models/communes/assign-commune';
import { installModelCipher } from '../models/encryption/model-cipher';
import { allQueueIds, ensureQueues } from '../models/queue/queue-repository';
import { indexRequestsWithoutSearchTokens } from '../models/request/request-search-repository';
import { migrateTicketsToParts } from '../models/ticket/ticket-repository';
import { startAnswers } from './answers/start-answers';
import { startClassifierHead, type ClassifierHeadParts } from './classification/start-classifier-head';
import { systemClock, type Clock, type TownHallClock } from './clock';
import { joinCluster } from './cluster/join-cluster';
import { CommuneDirectory } from './communes/commune-directory';
import { ensureDefaultCommune } from './communes/default-commune';
import type { Config } from './config';
import { TicketEvents } from './events/ticket-events';
import { createApp } from './http/create-app';
import { createWorkerApp } from './http/create-worker-app';
import { llmFallbackFromConfig } from './llm/llm-fallback-from-config';
import type { Logger } from './logger';
import { createMailChannel, type MailChannel } from './mail/mail-channel';
import { createSmtpIntakeServer } from './mail/smtp-intake-server';
import { createServiceMetrics, observeBacklogs, observeSocketConnections, type ServiceMetrics } from './metrics/service-metrics';
import { AgentNotifications } from './notifications/agent-notifications';
import { startNearDueDateJob } from './notifications/near-due-date-job';
import type { ProcessingParts } from './pipeline/process-request';
import { InProcessWorker, type ProcessingWorker } from './pipeline/processing-worker';
import { loadRetentionPolicy } from './privacy/retention-policy';
import { startRetentionPurgeJob } from './privacy/retention-purge-job';
import { startRouting, type RoutingRuntime } from './routing/start-routing';
import { fieldCipherFromConfig } from './security/field-cipher-from-config';
import { attachAgentDesk } from './sockets/agent-desk-sockets';
import { startLivePush } from './sockets/live-push';
import { TicketWorkflow } from './tickets/ticket-workflow';

export interface RunningApplication {
  url: string;
  smtpPort: number | null;
  httpServer: HttpServer;
  /** The HTTP routes (the authorisation matrix test walks them all). */
  expressApp: Express;
  events: TicketEvents;
  worker: ProcessingWorker;
  /** Rule sets, webhook outbox and SLA escalation (tests run the jobs on a fake clock through it). */
  routing: RoutingRuntime;
  /** The shared mailbox: IMAP intake, outbox, acknowledgements, closing messages. */
  mail: MailChannel;
  /** The transformer's head versions: what the model API drives (tests run a second instance's checks through it). */
  classifierHead: ClassifierHeadParts;
  /** This application's metrics registry (what /metrics shows). */
  metrics: ServiceMetrics;
  /** Agents' notices (tests run the near-due-date check at an instant of their choosing through it). */
  notifications: AgentNotifications;
  /** The communes the service works for (reloaded from the database every SWEEP_INTERVAL_MS, or on `load()`). */
  communes: CommuneDirectory;
  stop(): Promise<void>;
}

/** What the application takes from outside besides its configuration (tests choose the instant through it). */
export interface ApplicationDependencies {
  now?: Clock;
  /** Runs once the database is ready, before the service accepts connections (npm start prints the demo accounts). */
  beforeListening?: () => Promise<void>;
  /** Runs once the database is connected, before communes and queues are read (npm start seeds its demonstration EPCI). */
  seed?: () => Promise<void>;
}

/**
 * Composition root: connects the database, builds the pipeline, opens HTTP, sockets and SMTP, and resumes any
 * request a previous run left unprocessed. `stop` drains in-flight work before closing anything.
 */
export async function startApplication(
  config: Config,
  logger: Logger,
  databaseUri: string,
  dependencies: ApplicationDependencies = {},
): Promise<RunningApplication> {
  const clock: TownHallClock = { now: dependencies.now ?? systemClock, timeZone: config.timeZone };
  installModelCipher(fieldCipherFromConfig(config));
  if (!config.encryptionKeys)
    logger.warn('DEVELOPMENT ENCRYPTION KEY in use (ENCRYPTION_KEYS unset): personal data is not protected at rest');
  const retentionPolicy = await loadRetentionPolicy(config.retentionPolicyFile, defaultTaxonomy);
  // Indexes are built here rather than by mongoose's automatic init: that one runs as the connection opens and,
  // after a disconnect in the same process (a restart in tests), against the closed client.
  await mongoose.connect(databaseUri, { autoCreate: false, autoIndex: false, serverSelectionTimeoutMS: 10_000 });
  await Promise.all(Object.values(mongoose.models).map((model) => model.createIndexes()));
  await dropSingleChainIndex();
  await migrateTicketsToParts();
  await dependencies.seed?.();
  const indexed = await indexRequestsWithoutSearchTokens();
  if (indexed > 0) logger.info({ indexed }, 'search index built for requests stored before it existed');
  await ensureQueues(defaultTaxonomy.queues);
  await ensureDefaultCommune(config);
  // The taxonomy's queues and those made since (a commune's own desk, an EPCI's shared service), as of start-up.
  const queueIds = await allQueueIds(taxonomyQueueIds);
  const { singleCommuneIndexDropped } = await assignUnassignedToCommune(config.communeInsee);
  if (!singleCommuneIndexDropped)
    logger.warn('the database cannot drop the index messageId_1 (emulator): a Message-ID stays unique across communes');
  const communes = new CommuneDirectory(config.communeInsee);
  await communes.load();
  communes.startRefreshing(config.sweepIntervalMs, (error) => logger.error({ err: error }, 'commune list refresh failed'));

  const metrics = createServiceMetrics();
  observeBacklogs(metrics);
  const events = new TicketEvents();
  const tickets = new TicketWorkflow({ queueIds, communes, events, now: clock.now });
  const notifications = new AgentNotifications({ events, tickets, now: clock.now, logger });
  const routing = await startRouting(config, logger, tickets, clock, communes);
  const answers = await startAnswers(config, logger, events, clock, (viewer) => tickets.settingsScope(viewer));
  const classifierHead = await startClassifierHead(
    config,
    logger,
    llmFallbackFromConfig(config, defaultTaxonomy, logger, metrics.llmCalls),
  );
  const processing: ProcessingParts = {
    classifier: classifierHead.ensemble.parts,
    route: routing.route,
    webhooks: routing.webhooks,
    events,
    metrics,
    logger,
    leaseMs: config.processingLeaseMs,
    maxAttempts: 5,
    timeZoneOf: (commune) => communes.of(commune).timeZone,
    prepareAssistance: answers.prepare,
  };
  // With REDIS_URL, processes share the work through Redis (server/cluster); without, this process does it all.
  const cluster = config.redisUrl ? joinCluster({ ...config, redisUrl: config.redisUrl }, metrics, logger) : null;
  const servesWeb = config.role !== 'worker';
  const worker: ProcessingWorker = cluster?.processing ?? new InProcessWorker(processing, logger);
  const mail = createMailChannel(config, logger, worker, events, tickets, communes, clock.now, cluster?.mail);

  const expressApp = !servesWeb
    ? createWorkerApp(metrics, config, logger)
    : createApp({
        retentionPolicy,
        metrics,
        config,
        logger,
        worker,
        events,
        tickets,
        queueIds,
        routing,
        mail,
        classifierHead,
        clock,
        answers,
        communes,
      });
  const httpServer = createServer(expressApp);
  const io: SocketServer = startLivePush(servesWeb ? httpServer : null, events, { queueIds, communes }, logger, routing.ruleSetEvents, {
    sessionCheckMs: config.socketSessionCheckMs,
    allowedOrigins: config.corsOrigins,
    adapter: cluster?.socketAdapter,
  });
  attachAgentDesk(io, { tickets, notifications, logger });
  observeSocketConnections(metrics, io);
  await dependencies.beforeListening?.();
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const url = `http://${config.host}:${(httpServer.address() as AddressInfo).port}`;

  let smtp: SMTPServer | null = null;
  let smtpPort: number | null = null;
  if (config.smtpIntakeEnabled && servesWeb) {
    smtp = createSmtpIntakeServer(config, mail.receive, communes, logger);
    await new Promise<void>((resolve, reject) => {
      smtp!.once('error', reject);
      smtp!.listen(config.smtpIntakePort, config.smtpIntakeHost, () => resolve());
    });
    smtpPort = (smtp.server.address() as AddressInfo).port;
  }

  // This process's audit chain starts by anchoring the others' heads (those of earlier runs, of other processes).
  await anchorAuditChains();
  const resumed = await worker.sweep();
  if (resumed > 0) logger.info({ resumed }, 'resuming requests left unprocessed');
  routing.start({ ownTimers: !cluster });
  await mail.start();
  // In a cluster, the sweep, the purge and the outboxes are cluster-wide jobs instead of this process's timers.
  await cluster?.start({ processing, classifierHead, mail, routing, retentionPolicy });
  const sweepTimer = cluster
    ? undefined
    : setInterval(() => {
        worker.sweep().catch((error: unknown) => logger.error({ err: error }, 'processing sweep failed'));
      }, config.sweepIntervalMs);
  sweepTimer?.unref();
  const retentionJob =
    config.retentionPurgeEnabled && !cluster
      ? startRetentionPurgeJob(
          retentionPolicy,
          { intervalMinutes: config.retentionPurgeIntervalMinutes, dryRun: config.retentionPurgeDryRun },
          logger,
        )
      : null;

  // Idempotent per notice (its dedupe key): every process may run it, nobody is told twice.
  const nearDueJob = startNearDueDateJob(
    notifications,
    { intervalMs: config.slaEscalationIntervalMs, withinMinutes: config.nearDueWarningMinutes },
    logger,
    clock.now,
  );
  logger.info({ url, smtpPort }, 'Aiguillage is listening');
  return {
    url,
    smtpPort,
    httpServer,
    expressApp,
    events,
    worker,
    routing,
    mail,
    classifierHead,
    metrics,
    communes,
    notifications,
    async stop() {
      clearInterval(sweepTimer);
      nearDueJob.stop();
      communes.stopRefreshing();
      await retentionJob?.stop();
      classifierHead.runtime.stop();
      await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
      httpServer.closeIdleConnections();
      await io.close();
      await cluster?.stop();
      await worker.stop();
      await mail.stop();
      await answers.stop();
      await routing.stop();
      await mongoose.disconnect();
    },
  };
}
