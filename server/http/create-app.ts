import express, { type Express } from 'express';
import helmet from 'helmet';

import { AssistedReplies } from '../answers/assisted-replies';
import type { AnswersRuntime } from '../answers/start-answers';
import { AccountNotices } from '../auth/account-notices';
import { SignInThrottle } from '../auth/sign-in-throttle';
import type { ClassifierHeadParts } from '../classification/start-classifier-head';
import type { TownHallClock } from '../clock';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { Config } from '../config';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import type { MailChannel } from '../mail/mail-channel';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { acceptFormRequest } from '../pipeline/accept-form-request';
import type { ProcessingWorker } from '../pipeline/processing-worker';
import type { RetentionPolicy } from '../privacy/retention-policy';
import type { RoutingRuntime } from '../routing/start-routing';
import { answerDrafterFromConfig } from '../sources/answer-drafter';
import { ficheSources } from '../sources/fiche-sources';
import { TicketSources } from '../sources/ticket-sources';
import { DeskViewWorkflow } from '../tickets/desk-view-workflow';
import { TicketReplies } from '../tickets/ticket-replies';
import type { TicketWorkflow } from '../tickets/ticket-workflow';
import { apiOperationGroups } from './api-operations';
import { corsPolicy } from './cors-policy';
import { errorHandler, notFoundHandler } from './error-handler';
import { citizenRoutes } from './public/citizen-routes';
import { intakeRateLimit } from './rate-limits';
import { agentNotificationRoutes } from './routes/agent-notification-routes';
import { agentSettingsRoutes } from './routes/agent-settings-routes';
import { apiDocsRoutes } from './routes/api-docs-routes';
import { auditRoutes } from './routes/audit-routes';
import { authRoutes } from './routes/auth-routes';
import { calendarRoutes } from './routes/calendar-routes';
import { checklistRoutes } from './routes/checklist-routes';
import { colleagueRoutes } from './routes/colleague-routes';
import { communeFactsRoutes } from './routes/commune-facts-routes';
import { communeRoutes } from './routes/commune-routes';
import { counterRequestRoutes } from './routes/counter-request-routes';
import { dashboardRoutes } from './routes/dashboard-routes';
import { deskViewRoutes } from './routes/desk-view-routes';
import { healthRoutes } from './routes/health-routes';
import { intakeRoutes } from './routes/intake-routes';
import { liveChangesRoutes } from './routes/live-changes-routes';
import { mailTemplateRoutes } from './routes/mail-template-routes';
import { mailboxRoutes } from './routes/mailbox-routes';
import { metricsRoutes } from './routes/metrics-routes';
import { modelRoutes } from './routes/model-routes';
import { notificationSettingsRoutes } from './routes/notification-settings-routes';
import { privacyRoutes } from './routes/privacy-routes';
import { queueCountRoutes } from './routes/queue-count-routes';
import { queueRoutes } from './routes/queue-routes';
import { replySettingsRoutes } from './routes/reply-settings-routes';
import { requesterHistoryRoutes } from './routes/requester-history-routes';
import { ruleRoutes } from './routes/rule-routes';
import { satisfactionRoutes } from './routes/satisfaction-routes';
import { ticketAssistanceRoutes } from './routes/ticket-assistance-routes';
import { ticketCollaborationRoutes } from './routes/ticket-collaboration-routes';
import { ticketComposerRoutes } from './routes/ticket-composer-routes';
import { ticketMailRoutes } from './routes/ticket-mail-routes';
import { ticketRoutes } from './routes/ticket-routes';
import { ticketSourcesRoutes } from './routes/ticket-sources-routes';
import { triageRoutes } from './routes/triage-routes';
import { userRoutes } from './routes/user-routes';
import { serveClient } from './serve-client';

export interface AppParts {
  config: Config;
  retentionPolicy: RetentionPolicy;
  metrics: ServiceMetrics;
  logger: Logger;
  worker: ProcessingWorker;
  events: TicketEvents;
  queueIds: readonly string[];
  mail: MailChannel;
  routing: RoutingRuntime;
  classifierHead: ClassifierHeadParts;
  clock: TownHallClock;
  tickets: TicketWorkflow;
  /** Checklists, missing-information requests and immediate answers. */
  answers: AnswersRuntime;
  /** The communes the service works for. */
  communes: CommuneDirectory;
}

export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', parts.config.trustProxyHops);
  app.use(helmet());
  app.use(corsPolicy(parts.config.corsOrigins));
  app.use('/api/requests', intakeRateLimit(parts.config));
  app.use(healthRoutes());
  app.use(
    citizenRoutes({
      config: parts.config,
      worker: parts.worker,
      retentionPolicy: parts.retentionPolicy,
      receptionQueue: parts.routing.receptionQueue,
      signingSecret: parts.mail.ticketMail.signingSecret,
      now: parts.clock.now,
      messages: {
        attachmentLimits: { maxBytes: parts.config.maxAttachmentBytes, maxCount: parts.config.maxAttachmentsPerEmail },
        inboxAddress: parts.config.inboxAddress,
        noteFollowUp: (ticket, messageId) => parts.tickets.noteFollowUp(ticket, messageId),
      },
      communes: parts.communes,
    }),
  );
  app.use(intakeRoutes(parts.config, parts.worker, parts.mail.receive, parts.clock.now, parts.communes));
  app.use(communeRoutes({ directory: parts.communes, settingsScopeOf: (viewer) => parts.tickets.settingsScope(viewer) }));
  const signInThrottle = new SignInThrottle(new AccountNotices(parts.config, parts.logger));
  app.use(authRoutes(parts.config, signInThrottle));
  app.use(
    calendarRoutes(parts.clock, (viewer) =>
      parts.communes.sharedTimeZone(parts.tickets.communeScope(viewer).communes, parts.clock.timeZone),
    ),
  );
  app.use(queueRoutes(parts.queueIds));
  app.use(ticketRoutes(parts.tickets));
  app.use(deskViewRoutes(new DeskViewWorkflow(parts.tickets)));
  app.use(requesterHistoryRoutes(parts.tickets));
  app.use(ruleRoutes(parts.routing.workflow, parts.config));
  app.use(
    triageRoutes({
      queueIds: parts.queueIds,
      receptionQueue: parts.routing.receptionQueue,
      workflow: parts.tickets,
      agreementWindow: parts.config.pilotAgreementWindow,
    }),
  );
  app.use(modelRoutes(parts.classifierHead, (viewer) => parts.tickets.scope(viewer)));
  const replies = new TicketReplies({ tickets: parts.tickets, ticketMail: parts.mail.ticketMail });
  app.use(ticketMailRoutes(parts.tickets, replies));
  app.use(ticketComposerRoutes(parts.tickets, replies));
  app.use(ticketCollaborationRoutes(parts.tickets));
  app.use(colleagueRoutes(parts.tickets));
  app.use(replySettingsRoutes(parts.queueIds, (viewer) => parts.tickets.settingsScope(viewer)));
  app.use(agentNotificationRoutes(parts.clock.now));
  app.use(
    counterRequestRoutes((form) => acceptFormRequest(parts.worker, form, { receivedAt: parts.clock.now(), communes: parts.communes })),
  );
  app.use(
    ticketSourcesRoutes(
      new TicketSources(parts.tickets, ficheSources(), answerDrafterFromConfig(parts.config, parts.logger, parts.metrics.llmCalls)),
    ),
  );
  app.use(
    ticketAssistanceRoutes(
      new AssistedReplies({ tickets: parts.tickets, ticketMail: parts.mail.ticketMail, events: parts.events, now: parts.clock.now }),
    ),
  );
  app.use(checklistRoutes(parts.answers.workflow, parts.config.pilotAgreementWindow));
  app.use(communeFactsRoutes((viewer) => parts.tickets.settingsScope(viewer)));
  app.use(liveChangesRoutes(parts.tickets));
  app.use(mailboxRoutes(parts.worker, (viewer) => parts.tickets.scope(viewer)));
  app.use(mailTemplateRoutes((viewer) => parts.tickets.settingsScope(viewer)));
  app.use(notificationSettingsRoutes());
  app.use(satisfactionRoutes((viewer) => parts.tickets.scope(viewer), parts.mail.ticketMail.signingSecret));
  app.use(queueCountRoutes((viewer) => parts.tickets.scope(viewer)));
  app.use(
    dashboardRoutes({
      queueIds: parts.queueIds,
      scopeOf: (viewer) => parts.tickets.scope(viewer),
      communes: parts.communes,
      receptionQueue: parts.routing.receptionQueue,
      clock: parts.clock,
    }),
  );
  app.use(agentSettingsRoutes((manager, account) => parts.tickets.mayManageAccount(manager, account)));
  app.use(serveClient());
  app.use(
    userRoutes(parts.queueIds, signInThrottle, {
      mayManageAccount: (manager, account) => parts.tickets.mayManageAccount(manager, account),
      communeExists: (insee) => parts.communes.get(insee) !== undefined,
    }),
  );
  app.use(auditRoutes((viewer) => parts.tickets.communeScope(viewer), parts.clock.timeZone));
  app.use(privacyRoutes(parts.retentionPolicy, parts.logger, (viewer) => parts.tickets.communeScope(viewer)));
  app.use(metricsRoutes(parts.metrics, parts.config.metricsToken));
  app.use(apiDocsRoutes(apiOperationGroups(parts.queueIds)));
  app.use(notFoundHandler);
  app.use(errorHandler(parts.logger));
  return app;
}
