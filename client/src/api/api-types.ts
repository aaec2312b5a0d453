/**
 * The shapes of the API's JSON. Where the server exports a type (a presenter, a zod schema), it is imported from
 * there, so that a change on the server breaks the client's type check instead of the screen.
 */
import type { Classification } from '../../../classifiers/classification';
import type { UserRole } from '../../../models/accounts/user-model';
import type { DashboardStatistics } from '../../../models/statistics/dashboard-statistics';
import type { RuleSetDiff } from '../../../routing-rules/diff-rule-sets';
import type { RuleTrace } from '../../../routing-rules/routing-decision';
import type { RuleSet } from '../../../routing-rules/rule-schema';
import type { RuleSetProblem } from '../../../routing-rules/rule-set-problem';
import type { SimulationResult } from '../../../routing-rules/simulate-rule-set';
import type { RetrainingProgress } from '../../../server/classification/retrain-head';
import type { AuditEventView } from '../../../server/presenters/audit-event-view';
import type { toHeadVersionView } from '../../../server/presenters/classifier-head-version-view';
import type { ticketCompletenessView } from '../../../server/presenters/ticket-assistance-view';
import type { toTicketMessageView } from '../../../server/presenters/ticket-message-view';
import type { TicketView } from '../../../server/presenters/ticket-view';
import type { RetentionPolicy } from '../../../server/privacy/retention-policy';
import type { PurgeReport } from '../../../server/privacy/retention-purge';
import type { DataSubject } from '../../../server/privacy/subject-rights';
import type { ChainVerdict } from '../../../server/security/verify-audit-chain';
import type { DeskViewSummary } from '../../../server/tickets/desk-view-workflow';
import type { TicketFilter } from '../../../server/tickets/ticket-list';
import type { DeskView, StatusFilter } from '../../../tickets/desk-views';

export type { RuleSet, RuleSetDiff, RuleSetProblem, UserRole, DashboardStatistics };
export type Ticket = TicketView;
export type TicketMessage = ReturnType<typeof toTicketMessageView>;
/** GET /api/tickets/:id/sources */
export interface TicketSource {
  id: string;
  title: string;
  url: string;
  date: string;
  section: string;
  excerpt: string;
  suggestedAnswer: string;
}
/** GET /api/tickets/:id/sources: `drafting` when a reply drafted by the LLM can be asked for. */
export interface TicketSources {
  drafting: boolean;
  sources: TicketSource[];
}
/** POST /api/tickets/:id/sources/:ficheId/draft */
export interface DraftedReply {
  source: Pick<TicketSource, 'id' | 'title' | 'url'>;
  draft: string;
  origin: 'llm' | 'extractive';
  notice: string;
}
export type TicketStatus = Ticket['status'];
export type TicketPriority = Ticket['priority'];

/** GET /api/auth/me, POST /api/auth/sign-in */
export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  queues: string[];
  /** Whether the account signs in with a second factor (TOTP). */
  secondFactor?: boolean;
}
export interface SignInAnswer {
  token: string;
  expiresAt: string;
  user: SignedInUser;
}

/** GET /api/calendar: the town hall's calendar, decided by the server (the browser's clock and zone may differ). */
export interface TownHallCalendar {
  timeZone: string;
  /** Today's date there, `yyyy-mm-dd`. */
  today: string;
  now: string;
}

/** GET /api/queues */
export interface Queue {
  id: string;
  label: string;
  description: string;
  mode: 'auto' | 'suggest';
}

/** GET /api/tickets: a row of the list, or the same fields taken from a pushed ticket. */
export type TicketSummary = Pick<
  Ticket,
  'id' | 'reference' | 'queue' | 'intent' | 'confidence' | 'priority' | 'tags' | 'status' | 'receivedAt'
> & {
  assigneeId?: string | null;
  dueAt?: string | null;
  subject?: string | null;
  /** Who wrote (name, else address, else phone) and the start of the message: what tells rows apart. */
  requester?: string | null;
  excerpt?: string;
  /** The checklist's verdict: « complet » or « manque : … » (null when no checklist applies). */
  completeness?: TicketCompleteness | null;
};
export type TicketCompleteness = NonNullable<ReturnType<typeof ticketCompletenessView>>;
export type TicketAssistance = NonNullable<Ticket['assistance']>;

/** GET /api/commune-facts: what immediate answers quote. */
export type CommuneFacts = Record<'commune' | 'horaires' | 'fermetures' | 'adresse' | 'telephone' | 'courriel' | 'siteWeb', string>;

/** GET /api/checklists/agreement: per intent, how often agents sent the pilot suggestion as it was. */
export interface IntentAgreement {
  intent: string;
  kind: string;
  considered: number;
  agreed: number;
  rate: number | null;
}
/** A row of GET /api/tickets: a summary with the intent guessed for each queue (reroute and triage forms). */
export type TicketListItem = TicketSummary & Pick<Ticket, 'intentGuesses'>;
export interface TicketPage {
  tickets: TicketListItem[];
  page: number;
  pageSize: number;
  total: number;
  /** The server's instant the list was read at: overdue was measured against it, countdowns start from it. */
  asOf: string;
}
/** What selects and orders the list (GET /api/tickets), and what a saved view keeps. */
export type ListFilter = TicketFilter;
export type { DeskView, StatusFilter };
/** GET /api/desk-views */
export type DeskViewItem = DeskViewSummary;
/** GET /api/tickets/:id/requester-history */
export interface RequesterHistory {
  tickets: TicketListItem[];
  total: number;
  likelyDuplicates: Array<{ id: string; similarity: number; sameIntent: boolean }>;
}

/** What process-request stores as a ticket's `trace`: the classifier's opinions and each rule evaluated. */
export interface RoutingTrace {
  classification?: Omit<Classification, 'entities'>;
  routing?: RuleTrace[];
  fellBack?: boolean;
  routedBy?: { ruleId: string; ruleName: string } | null;
  decidedQueue?: string;
  ruleSetVersion?: number | null;
  pilot?: { waitingIn: string; suggestedQueue: string };
  /** The rule that split the message into one ticket per part (`decidedQueue` is then this part's queue). */
  split?: { ruleId: string; ruleName: string };
}

export interface HistoryEvent {
  type: string;
  at: string;
  actorId: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
  /** A mail's entry: where that mail stands now. */
  delivery: 'pending' | 'sent' | 'failed' | 'suppressed' | null;
}
export interface TicketDetail {
  ticket: Ticket;
  history: HistoryEvent[];
}

/** GET /api/queues/counts */
export type QueueCounts = Record<string, { new: number; open: number; pending: number }>;

/** GET /api/triage/suggestions */
export type TriageSuggestion = Pick<
  Ticket,
  'id' | 'reference' | 'queue' | 'intent' | 'intentGuesses' | 'confidence' | 'priority' | 'receivedAt'
> & {
  suggestedQueue: string;
};
/** GET /api/triage/agreement */
export interface QueueAgreement {
  queue: string;
  mode: string;
  window: number;
  considered: number;
  agreed: number;
  rate: number | null;
}

/** The rule API's version view (server/http/routes/rule-routes.ts). */
export interface RuleSetVersion {
  version: number;
  status: 'draft' | 'published' | 'archived';
  revision: number;
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
  basedOnVersion: number | null;
  restoredFromVersion: number | null;
  publishedAt: string | null;
  ruleCount: number;
  diff: RuleSetDiff | null;
  ruleSet?: RuleSet;
}
export interface RuleSetVersionAnswer {
  version: RuleSetVersion & { ruleSet: RuleSet };
  problems: RuleSetProblem[];
  publishable: boolean;
}
export type Simulation = SimulationResult & {
  id: string;
  draftVersion: number;
  draftRevision: number;
  activeVersion: number;
  requestCount: number;
  skipped: number;
  createdAt: string;
};

/** GET /api/users (admins): an account as server/http/routes/user-routes.ts shows it. */
export interface UserAccount {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  queues: string[];
  active: boolean;
  secondFactor: boolean;
  signInDelayedUntil: string | null;
}

/** GET /api/audit/events (DPO) */
export type AuditEntry = AuditEventView;
/** GET /api/audit/filters */
export interface AuditFilters {
  actors: Array<{ id: string; name: string; role: UserRole }>;
  actions: Array<{ code: string; label: string }>;
}
export type { ChainVerdict, PurgeReport, RetentionPolicy, DataSubject };

/** GET /api/agents */
export interface AgentSettings {
  id: string;
  displayName: string;
  queues: string[];
  available: boolean;
  capacity: number;
  openTickets: number;
}

/** GET /api/model/versions: the transformer classifier's head versions (server/http/routes/model-routes.ts). */
export type ModelVersion = ReturnType<typeof toHeadVersionView>;
export interface ModelVersions {
  activeVersion: number | null;
  versions: ModelVersion[];
}
/** GET /api/model/corrections */
export interface ModelCorrections {
  activeVersion: number | null;
  waiting: number;
  total: number;
  /** The latest correction of each request of the supervisor's communes, newest first. */
  corrections: Array<{
    ticketId: string;
    reference: string | null;
    source: 'reroute' | 'pilot';
    fromQueue: string;
    queue: string;
    intent: string | null;
    at: string;
    learnt: boolean;
  }>;
}
/** GET /api/model/retraining */
export type RetrainingState = { inProgress: boolean } & (
  { step: RetrainingProgress['step']; index: number; count: number } | { step: null; index: null; count: null }
);
