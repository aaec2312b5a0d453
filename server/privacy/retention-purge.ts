import { Types } from 'mongoose';

import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { listCommunes } from '../../models/communes/commune-repository';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import { anonymiseRequestData, deleteRequestData } from './personal-data-eraser';
import { expiresAt, retentionTermFor, shortestRetentionDays, type RetentionPolicy, type RetentionTerm } from './retention-policy';

const closedStatuses = ['resolved', 'closed'] as const;
const unroutedStatuses = ['failed', 'set-aside'] as const;
const batchSize = 200;
const listedLimit = 1000;

export interface PurgeReport {
  dryRun: boolean;
  ranAt: string;
  anonymised: number;
  deleted: number;
  byRule: Array<{ rule: string; action: RetentionTerm['action']; days: number; legalBasis: string; requests: number }>;
  /** What was (or, dry-run, would be) purged: ids and references only, the first thousand. */
  requests: Array<{ requestId: string; reference: string | null; rule: string; action: RetentionTerm['action']; expiredAt: string }>;
}

interface Expired {
  requestId: Types.ObjectId;
  reference: string | null;
  term: RetentionTerm;
  expiredAt: Date;
}

/**
 * Applies the retention policy: a closed ticket's request expires the policy's duration after the ticket's last
 * activity (a split request's, after its last ticket's), a request that never became a ticket after its reception. Open tickets are never purged.
 * Running it twice does nothing more; `dryRun` reports without changing anything.
 */
export async function purgeExpiredData(policy: RetentionPolicy, options: { now?: Date; dryRun: boolean }): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  // Each commune's own retention rules, checked before the service's.
  const overrides = new Map((await listCommunes()).map((commune) => [commune.insee, commune.retentionOverrides]));
  const expired = [...(await expiredTickets(policy, overrides, now)), ...(await expiredUnroutedRequests(policy, now))];
  const report: PurgeReport = { dryRun: options.dryRun, ranAt: now.toISOString(), anonymised: 0, deleted: 0, byRule: [], requests: [] };
  for (const item of expired) {
    if (!options.dryRun) {
      if (item.term.action === 'delete') await deleteRequestData(item.requestId);
      else await anonymiseRequestData(item.requestId, now);
    }
    if (item.term.action === 'delete') report.deleted += 1;
    else report.anonymised += 1;
    const rule = report.byRule.find((entry) => entry.rule === item.term.rule);
    if (rule) rule.requests += 1;
    else
      report.byRule.push({
        rule: item.term.rule,
        action: item.term.action,
        days: item.term.days,
        legalBasis: item.term.legalBasis,
        requests: 1,
      });
    if (report.requests.length < listedLimit) {
      report.requests.push({
        requestId: item.requestId.toString(),
        reference: item.reference,
        rule: item.term.rule,
        action: item.term.action,
        expiredAt: item.expiredAt.toISOString(),
      });
    }
  }
  return report;
}

/** Records a purge (or a dry run) in the audit trail: counts per rule and the ids, never any content. */
export async function auditPurge(report: PurgeReport, actor?: Parameters<typeof recordAuditEvent>[0]['actor']): Promise<void> {
  await recordAuditEvent({
    actor,
    action: report.dryRun ? 'retention.dry-run' : 'retention.purged',
    objectType: 'RetentionPolicy',
    objectId: 'retention',
    details: {
      anonymised: report.anonymised,
      deleted: report.deleted,
      byRule: report.byRule.map(({ rule, action, requests }) => ({ rule, action, requests })),
      requestIds: report.requests.map((request) => request.requestId),
    },
  });
}

async function expiredTickets(policy: RetentionPolicy, overrides: Overrides, now: Date): Promise<Expired[]> {
  const horizon = new Date(now.getTime() - shortestRetentionDays(policy, [...overrides.values()].flat()) * 24 * 60 * 60 * 1000);
  const expired: Expired[] = [];
  let after = new Types.ObjectId('000000000000000000000000');
  const seen = new Set<string>();
  for (;;) {
    const tickets = await TicketModel.find({ status: { $in: closedStatuses }, updatedAt: { $lt: horizon }, _id: { $gt: after } })
      .sort({ _id: 1 })
      .limit(batchSize)
      .lean();
    if (tickets.length === 0) return expired;
    after = tickets.at(-1)!._id;
    const anonymised = new Set(
      (
        await RequestModel.find(
          { _id: { $in: tickets.map((ticket) => ticket.requestId) }, anonymisedAt: { $exists: true } },
          { _id: 1 },
        ).lean()
      ).map((request) => request._id.toString()),
    );
    for (const ticket of tickets) {
      if (seen.has(ticket.requestId.toString())) continue;
      seen.add(ticket.requestId.toString());
      const latest = ticket.split
        ? await latestExpiryOfSplitRequest(policy, overrides, ticket.requestId)
        : expiryOf(policy, overrides, ticket);
      if (!latest) continue;
      const { term, expiredAt } = latest;
      if (expiredAt > now || (term.action === 'anonymise' && anonymised.has(ticket.requestId.toString()))) continue;
      expired.push({ requestId: ticket.requestId, reference: ticket.reference, term, expiredAt });
    }
  }
}

type ClosedTicket = NonNullable<Parameters<typeof retentionTermFor>[1]> & { updatedAt: Date; commune?: string | null };
type Overrides = ReadonlyMap<string, NonNullable<Parameters<typeof retentionTermFor>[2]>>;

function expiryOf(policy: RetentionPolicy, overrides: Overrides, ticket: ClosedTicket): { term: RetentionTerm; expiredAt: Date } {
  const term = retentionTermFor(policy, ticket, overrides.get(ticket.commune ?? '') ?? []);
  return { term, expiredAt: expiresAt(ticket.updatedAt, term) };
}

/**
 * The tickets of a split request share its message: it expires once every one of them is closed, with the term of
 * the one kept longest. Null while one is still open.
 */
async function latestExpiryOfSplitRequest(policy: RetentionPolicy, overrides: Overrides, requestId: Types.ObjectId) {
  const siblings = await TicketModel.find({ requestId }).lean();
  if (siblings.some((sibling) => !(closedStatuses as readonly string[]).includes(sibling.status))) return null;
  return siblings
    .map((sibling) => expiryOf(policy, overrides, sibling))
    .sort((left, right) => right.expiredAt.getTime() - left.expiredAt.getTime())[0];
}

async function expiredUnroutedRequests(policy: RetentionPolicy, now: Date): Promise<Expired[]> {
  const term = retentionTermFor(policy, null);
  const horizon = new Date(now.getTime() - term.days * 24 * 60 * 60 * 1000);
  const requests = await RequestModel.find(
    { status: { $in: unroutedStatuses }, receivedAt: { $lt: horizon }, anonymisedAt: { $exists: false } },
    { _id: 1, receivedAt: 1 },
  ).lean();
  return requests.map((request) => ({ requestId: request._id, reference: null, term, expiredAt: expiresAt(request.receivedAt, term) }));
}
