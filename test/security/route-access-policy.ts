import type { UserRole } from '../../models/accounts/user-model';

/**
 * Who may call each route: the authorisation matrix test tries every other role (and no token) on every route the
 * application registers, and fails on a route missing here. `queue`: the route reaches a ticket, which only the
 * agents of the ticket's queue (and supervisors) may. `sideEffects`: the allowed roles are not tried, so that the
 * test does not sign out, retrain or revoke anything.
 */
export interface RouteAccess {
  /** `metrics-token`: for Prometheus only, with METRICS_TOKEN (no session of any role opens it). */
  roles: readonly UserRole[] | 'public' | 'metrics-token';
  queue?: true;
  sideEffects?: true;
  /** A valid body, so that a refusal is due to the access check and not to validation. */
  body?: object;
}

const everyone: UserRole[] = ['agent', 'supervisor', 'admin', 'dpo'];
const ticketStaff: UserRole[] = ['agent', 'supervisor'];
/** Separation of duties: an admin manages accounts only (server/auth/duties.ts). */
const steering: UserRole[] = ['supervisor'];

export const routeAccessPolicy: Record<string, RouteAccess> = {
  'GET /health': { roles: 'public' },
  'GET /ready': { roles: 'public' },
  'GET /': { roles: 'public' },
  'GET /index.html': { roles: 'public' },
  'GET /favicon.svg': { roles: 'public' },
  'POST /api/requests': { roles: 'public' },
  'POST /api/requests/email': { roles: 'public' },
  'GET /api/communes': { roles: 'public' },
  'POST /api/auth/sign-in': { roles: 'public' },
  'GET /satisfaction/:token': { roles: 'public' },
  'POST /satisfaction/:token': { roles: 'public' },
  'GET /demande': { roles: 'public' },
  'POST /demande': { roles: 'public' },
  'GET /suivi/:token': { roles: 'public' },
  'GET /suivi/:token/confirmation': { roles: 'public' },
  'GET /suivi/:token/etat': { roles: 'public' },
  'POST /suivi/:token/messages': { roles: 'public' },
  'GET /suivi/:token/desabonnement': { roles: 'public' },
  'POST /suivi/:token/desabonnement': { roles: 'public' },
  'GET /api/docs': { roles: 'public' },
  'GET /api/docs/openapi.json': { roles: 'public' },
  'GET /metrics': { roles: 'metrics-token' },

  'POST /api/auth/sign-out': { roles: everyone, sideEffects: true },
  'GET /api/auth/me': { roles: everyone },
  'POST /api/auth/password': { roles: everyone },
  'POST /api/auth/totp/setup': { roles: ['supervisor', 'admin', 'dpo'], sideEffects: true },
  'POST /api/auth/totp/enable': { roles: ['supervisor', 'admin', 'dpo'] },
  'POST /api/auth/totp/disable': { roles: ['supervisor', 'admin', 'dpo'] },
  'GET /api/calendar': { roles: everyone },
  'GET /api/queues': { roles: everyone },
  'GET /api/queues/counts': { roles: everyone },

  'GET /api/tickets': { roles: ticketStaff },
  'GET /api/desk-views': { roles: ticketStaff },
  'POST /api/desk-views': { roles: ticketStaff, body: { name: 'Vue refusée', filter: { view: 'mine' } } },
  'DELETE /api/desk-views/:id': { roles: ticketStaff },
  'GET /api/tickets/:id/requester-history': { roles: ticketStaff, queue: true },
  'GET /api/tickets/:id': { roles: ticketStaff, queue: true },
  'POST /api/tickets/:id/status': { roles: ticketStaff, queue: true, body: { status: 'closed' } },
  'POST /api/tickets/:id/reroute': { roles: ticketStaff, queue: true, body: { queue: 'voirie', reason: 'je le prends' } },
  'GET /api/tickets/:id/messages': { roles: ticketStaff, queue: true },
  'POST /api/tickets/:id/replies': { roles: ticketStaff, queue: true, body: { text: 'Réponse non autorisée' } },
  'GET /api/tickets/:id/attachments/:storageId': { roles: ticketStaff, queue: true },
  'POST /api/tickets/:id/take': { roles: ticketStaff, queue: true, sideEffects: true },
  'POST /api/tickets/:id/merge': { roles: ticketStaff, queue: true, body: { into: 'AIG-2026-000001' } },
  'POST /api/tickets/:id/replies/preview': { roles: ticketStaff, queue: true, body: { text: 'Aperçu non autorisé' } },
  'GET /api/tickets/:id/canned-responses': { roles: ticketStaff, queue: true },
  'GET /api/tickets/:id/attachments/:storageId/preview': { roles: ticketStaff, queue: true },
  'GET /api/tickets/:id/assignees': { roles: ticketStaff, queue: true },
  'POST /api/tickets/:id/assign': { roles: ticketStaff, queue: true, body: { assigneeId: null } },
  'POST /api/tickets/:id/notes': { roles: ticketStaff, queue: true, body: { text: 'Note non autorisée' } },
  'GET /api/tickets/:id/drafts': { roles: ticketStaff, queue: true },
  'PUT /api/tickets/:id/drafts/:kind': { roles: ticketStaff, queue: true, body: { text: 'Brouillon non autorisé' } },
  'GET /api/colleagues': { roles: ticketStaff },
  'GET /api/notifications': { roles: ticketStaff },
  'POST /api/notifications/read': { roles: ticketStaff, body: { all: true } },
  'POST /api/tickets/:id/assistance/send': { roles: ticketStaff, queue: true, sideEffects: true },
  'POST /api/tickets/:id/assistance/dismiss': { roles: ticketStaff, queue: true, sideEffects: true },
  'GET /api/tickets/:id/sources': { roles: ticketStaff, queue: true },
  'POST /api/tickets/:id/sources/:ficheId/draft': { roles: ticketStaff, queue: true },
  'GET /api/triage/suggestions': { roles: ticketStaff },
  'POST /api/triage/tickets/:id': { roles: ticketStaff, queue: true, body: { queue: 'voirie' } },
  'GET /api/triage/agreement': { roles: steering },
  'PUT /api/triage/queues/:queueId/mode': { roles: steering },

  'GET /api/rule-sets/active': { roles: steering },
  'GET /api/rule-sets/versions': { roles: steering },
  'POST /api/rule-sets/versions': { roles: steering },
  'GET /api/rule-sets/versions/:version': { roles: steering },
  'PUT /api/rule-sets/versions/:version': { roles: steering },
  'POST /api/rule-sets/validate': { roles: steering },
  'POST /api/rule-sets/versions/:version/validate': { roles: steering },
  'POST /api/rule-sets/versions/:version/simulate': { roles: steering, sideEffects: true },
  'GET /api/rule-sets/simulations/:id': { roles: steering },
  'POST /api/rule-sets/versions/:version/publish': { roles: steering, sideEffects: true },
  'POST /api/rule-sets/versions/:version/rollback': { roles: steering, sideEffects: true },
  'GET /api/rule-sets/audit': { roles: steering },
  'GET /api/checklists/active': { roles: steering },
  'GET /api/checklists/versions': { roles: steering },
  'POST /api/checklists/versions': { roles: steering },
  'GET /api/checklists/versions/:version': { roles: steering },
  'PUT /api/checklists/versions/:version': { roles: steering },
  'POST /api/checklists/versions/:version/publish': { roles: steering, sideEffects: true },
  'POST /api/checklists/versions/:version/rollback': { roles: steering, sideEffects: true },
  'POST /api/checklists/modes': { roles: steering, sideEffects: true },
  'GET /api/checklists/agreement': { roles: steering },
  /** The commune's public facts: the admin keeps them too (server/auth/duties.ts, communeFacts). */
  'GET /api/commune-facts': { roles: ['supervisor', 'admin'] },
  'PUT /api/commune-facts': { roles: ['supervisor', 'admin'], sideEffects: true },
  'GET /api/model/versions': { roles: steering },
  'GET /api/model/corrections': { roles: steering },
  'GET /api/model/retraining': { roles: steering },
  'POST /api/model/retrain': { roles: steering, sideEffects: true },
  'POST /api/model/versions/:version/activate': { roles: steering, sideEffects: true },
  'GET /api/mailbox/set-aside': { roles: ['supervisor'] },
  'POST /api/mailbox/set-aside/:id/release': { roles: ['supervisor'], sideEffects: true },
  'GET /api/mailbox/imports': { roles: ['supervisor'] },
  'GET /api/mail-templates': { roles: steering },
  'GET /api/mail-templates/:id': { roles: steering },
  'PUT /api/mail-templates/:id': { roles: steering },
  'DELETE /api/mail-templates/:id': { roles: steering, sideEffects: true },
  'POST /api/mail-templates/:id/preview': { roles: steering },
  'GET /api/satisfaction': { roles: steering },
  'GET /api/satisfaction/comments': { roles: steering },
  'GET /api/notification-settings': { roles: steering },
  'PUT /api/notification-settings/:intent': {
    roles: steering,
    body: { choices: { 'sent-to-service': true, 'information-needed': true, answered: true, closed: true } },
  },
  'GET /api/dashboard': { roles: ['supervisor'] },
  'GET /api/dashboard/export.csv': { roles: ['supervisor'] },
  'GET /api/agents': { roles: ['supervisor'] },
  'GET /api/reply-settings': { roles: steering },
  'PUT /api/queues/:queueId/signature': { roles: steering, body: { signature: 'Le service' } },
  'POST /api/canned-responses': { roles: steering, sideEffects: true },
  'PUT /api/canned-responses/:id': { roles: steering },
  'DELETE /api/canned-responses/:id': { roles: steering, sideEffects: true },
  'PUT /api/agents/:id/settings': { roles: ['supervisor'] },

  'GET /api/users': { roles: ['admin'] },
  'POST /api/users': { roles: ['admin'] },
  'PATCH /api/users/:id': { roles: ['admin'] },
  'POST /api/users/:id/sessions/revoke': { roles: ['admin'], sideEffects: true },
  'POST /api/users/:id/totp/reset': { roles: ['admin'], sideEffects: true },
  'POST /api/users/:id/sign-in/unlock': { roles: ['admin'], sideEffects: true },

  'GET /api/audit/events': { roles: ['dpo'] },
  'GET /api/audit/verify': { roles: ['dpo'] },
  'GET /api/audit/filters': { roles: ['dpo'] },
  'POST /api/privacy/subject/export': { roles: ['dpo'] },
  'POST /api/privacy/subject/rectify': { roles: ['dpo'] },
  'POST /api/privacy/subject/erase': { roles: ['dpo'] },
  'GET /api/privacy/retention/policy': { roles: ['dpo'] },
  'POST /api/privacy/retention/purge': { roles: ['dpo'] },
};
