import { expiresAt, retentionTermFor, type RetentionPolicy } from '../privacy/retention-policy';

const handledStatuses = ['resolved', 'closed'];
const unroutedStatuses = ['failed', 'set-aside'];

/**
 * Whether a request's status link still opens: until its retention ends, by the same terms the purge applies (a
 * handled request's term runs from its tickets' last activity, an unrouted one's from its reception), so the link
 * never outlives the data it shows, even between two runs of the purge. An anonymised request has nothing left to show.
 */
export function statusLinkOpen(
  policy: RetentionPolicy,
  request: { receivedAt: Date; status: string; anonymisedAt?: Date | null },
  tickets: ReadonlyArray<{ queue: string; intent: string; status: string; updatedAt: Date }>,
  now: Date,
): boolean {
  if (request.anonymisedAt) return false;
  if (tickets.length === 0) {
    return !unroutedStatuses.includes(request.status) || now < expiresAt(request.receivedAt, retentionTermFor(policy, null));
  }
  if (!tickets.every((ticket) => handledStatuses.includes(ticket.status))) return true;
  return tickets.some((ticket) => now < expiresAt(ticket.updatedAt, retentionTermFor(policy, ticket)));
}
