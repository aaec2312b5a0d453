import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import type { SMTPServer } from 'smtp-server';
import type { Server as SocketServer } from 'socket.io';
import { defaultTaxonomy, queueIds } from '../classifiers/taxonomy/taxonomy';
import { ensureQueues } from '../models/queue-repository';
import { defaultRuleSet } from '../routing-rules/default-rule-set';
import { compileRuleSet, evaluateRules } from '../routing-rules/evaluate-rules';
import { buildRequestClassifier } from './classification/build-request-classifier';
import type { Config } from './config';
import { TicketEvents } from './events/ticket-events';
import { createApp } from './http/create-app';
import type { Logger } from './logger';
import { createSmtpIntakeServer } from './mail/smtp-intake-server';
import { ProcessingWorker } from './pipeline/processing-worker';
import { startLivePush } from './sockets/live-push';

export interface RunningApplication {
  url: string;
  smtpPort: number | null;
  httpServer: HttpServer;
  events: TicketEvents;
  worker: ProcessingWorker;
  stop(): Promise<void>;
}

/**
 * Composition root: connects the database, builds the pipeline, opens HTTP, sockets and SMTP, and resumes any
 * request a previous run left unprocessed. `stop` drains in-flight work before closing anything.
 */
export async function startApplication(config: Config, logger: Logger, databaseUri: string): Promise<RunningApplication> {
  await mongoose.connect(databaseUri, { autoCreate: false, autoIndex: true, serverSelectionTimeoutMS: 10_000 });
  await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
  await ensureQueues(defaultTaxonomy.queues);

  const events = new TicketEvents();
  const compiledRules = compileRuleSet(defaultRuleSet(config.confidenceThreshold));
  const worker = new ProcessingWorker(
    {
      classifier: await buildRequestClassifier(),
      route: (input) => evaluateRules(compiledRules, input),
      events,
      logger,
      leaseMs: config.processingLeaseMs,
      maxAttempts: 5,
    },
    logger,
  );

  const httpServer = createServer(createApp({ config, logger, worker, events, queueIds }));
  const io: SocketServer = startLivePush(httpServer, events, queueIds, logger);
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const url = `http://${config.host}:${(httpServer.address() as AddressInfo).port}`;

  let smtp: SMTPServer | null = null;
  let smtpPort: number | null = null;
  if (config.smtpIntakeEnabled) {
    smtp = createSmtpIntakeServer(config, worker, logger);
    await new Promise<void>((resolve, reject) => {
      smtp!.once('error', reject);
      smtp!.listen(config.smtpIntakePort, config.smtpIntakeHost, () => resolve());
    });
    smtpPort = (smtp.server.address() as AddressInfo).port;
  }

  const resumed = await worker.sweep();
  if (resumed > 0) logger.info({ resumed }, 'resuming requests left unprocessed');
  const sweepTimer = setInterval(() => {
    worker.sweep().catch((error: unknown) => logger.error({ err: error }, 'processing sweep failed'));
  }, config.sweepIntervalMs);
  sweepTimer.unref();

  logger.info({ url, smtpPort }, 'Aiguillage is listening');
  return {
    url,
    smtpPort,
    httpServer,
    events,
    worker,
    async stop() {
      clearInterval(sweepTimer);
      await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
      httpServer.closeIdleConnections();
      await io.close();
      await worker.stop();
      await mongoose.disconnect();
    },
  };
}
