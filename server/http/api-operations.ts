import type { ApiOperationGroup } from './api-docs/api-operation';
import { citizenOperations } from './public/citizen-routes';
import { agentNotificationOperations } from './routes/agent-notification-routes';
import { agentSettingsOperations } from './routes/agent-settings-routes';
import { apiDocsOperations } from './routes/api-docs-routes';
import { auditOperations } from './routes/audit-routes';
import { authOperations } from './routes/auth-routes';
import { calendarOperations } from './routes/calendar-routes';
import { checklistOperations } from './routes/checklist-routes';
import { colleagueOperations } from './routes/colleague-routes';
import { communeFactsOperations } from './routes/commune-facts-routes';
import { communeOperations } from './routes/commune-routes';
import { counterRequestOperations } from './routes/counter-request-routes';
import { dashboardOperations } from './routes/dashboard-routes';
import { deskViewOperations } from './routes/desk-view-routes';
import { healthOperations } from './routes/health-routes';
import { intakeOperations } from './routes/intake-routes';
import { liveChangesOperations } from './routes/live-changes-routes';
import { mailTemplateOperations } from './routes/mail-template-routes';
import { mailboxOperations } from './routes/mailbox-routes';
import { metricsOperations } from './routes/metrics-routes';
import { modelOperations } from './routes/model-routes';
import { notificationSettingsOperations } from './routes/notification-settings-routes';
import { privacyOperations } from './routes/privacy-routes';
import { queueCountOperations } from './routes/queue-count-routes';
import { queueOperations } from './routes/queue-routes';
import { replySettingsOperations } from './routes/reply-settings-routes';
import { requesterHistoryOperations } from './routes/requester-history-routes';
import { ruleOperations } from './routes/rule-routes';
import { satisfactionOperations } from './routes/satisfaction-routes';
import { ticketAssistanceOperations } from './routes/ticket-assistance-routes';
import { ticketCollaborationOperations } from './routes/ticket-collaboration-routes';
import { ticketComposerOperations } from './routes/ticket-composer-routes';
import { ticketMailOperations } from './routes/ticket-mail-routes';
import { ticketOperations } from './routes/ticket-routes';
import { ticketSourcesOperations } from './routes/ticket-sources-routes';
import { triageOperations } from './routes/triage-routes';
import { userOperations } from './routes/user-routes';
import { webAppOperations } from './serve-client';

/**
 * The operations each route module declares, in the order of the document's tags. A router added to createApp
 * without its operations here fails the API document test (test/http/api-document.test.ts).
 */
export function apiOperationGroups(queueIds: readonly string[]): ApiOperationGroup[] {
  return [
    intakeOperations,
    counterRequestOperations,
    communeOperations,
    citizenOperations,
    authOperations,
    calendarOperations,
    queueOperations,
    queueCountOperations,
    ticketOperations,
    deskViewOperations,
    requesterHistoryOperations,
    ticketMailOperations,
    ticketComposerOperations,
    ticketCollaborationOperations,
    colleagueOperations,
    agentNotificationOperations,
    replySettingsOperations(queueIds),
    ticketAssistanceOperations,
    ticketSourcesOperations,
    triageOperations,
    ruleOperations,
    liveChangesOperations,
    checklistOperations,
    communeFactsOperations,
    modelOperations,
    mailboxOperations,
    mailTemplateOperations,
    satisfactionOperations,
    notificationSettingsOperations,
    dashboardOperations,
    agentSettingsOperations,
    userOperations(queueIds),
    auditOperations,
    privacyOperations,
    healthOperations,
    metricsOperations,
    apiDocsOperations,
    webAppOperations,
  ];
}
