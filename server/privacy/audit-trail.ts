import { Types } from 'mongoose';

import { findUsersByIds } from '../../models/accounts/user-repository';
import { auditActorIds, listAuditEvents, type AuditScope, type StoredAuditEvent } from '../../models/audit/audit-event-repository';
import { listQueuesByIds } from '../../models/queue/queue-repository';
import { findTicketByReference } from '../../models/ticket/ticket-conversation-repository';
import { findTicketsByIdsOrRequests } from '../../models/ticket/ticket-repository';
import { localToInstant } from '../../routing-rules/zoned-time';
import { toAuditEventView, type AuditNames } from '../presenters/audit-event-view';

export interface AuditTrailQuery {
  action?: string;
  actorId?: string;
  /** A request's reference (AIG-…): the events about its ticket. */
  reference?: string;
  objectType?: string;
  objectId?: string;
  /** Town hall calendar days (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const dayMs = 86_400_000;

/**
 * The DPO's reading of the audit trail: filtered by action, person, period (the town hall's days) and object (a
 * request by its reference), each event with the names people use (accounts, references, queue labels, versions).
 */
export async function readAuditTrail(query: AuditTrailQuery, scope: AuditScope, timeZone: string) {
  const object = query.reference ? await ticketObject(query.reference) : { objectType: query.objectType, objectId: query.objectId };
  if (object === null) return { events: [], total: 0 };
  const { events, total } = await listAuditEvents({
    ...scope,
    ...object,
    action: query.action,
    actorId: query.actorId ? new Types.ObjectId(query.actorId) : undefined,
    from: query.from ? startOfDay(query.from, timeZone) : undefined,
    to: query.to ? startOfDay(query.to, timeZone, 1) : undefined,
    page: query.page,
    pageSize: query.pageSize,
  });
  const names = await namesOf(events);
  return { events: events.map((event) => toAuditEventView(event, names)), total };
}

/** The accounts that acted in this scope, by name: the choices of the « person » filter. */
export async function auditTrailActors(scope: AuditScope) {
  const users = await findUsersByIds(await auditActorIds(scope));
  return users
    .map((user) => ({ id: user._id.toString(), name: user.displayName, role: user.role }))
    .sort((left, right) => left.name.localeCompare(right.name, 'fr'));
}

async function ticketObject(reference: string): Promise<{ objectType: string; objectId: string } | null> {
  const ticket = await findTicketByReference(reference);
  return ticket ? { objectType: 'Ticket', objectId: ticket._id.toString() } : null;
}

function startOfDay(isoDate: string, timeZone: string, daysLater = 0): Date {
  return localToInstant(Date.parse(`${isoDate}T00:00:00Z`) / dayMs + daysLater, 0, timeZone);
}

async function namesOf(events: readonly StoredAuditEvent[]): Promise<AuditNames> {
  const idsOf = (type: string) =>
    [...new Set(events.filter((event) => event.objectType === type).map((event) => event.objectId))].filter((id) =>
      Types.ObjectId.isValid(id),
    );
  const objectIds = (type: string) => idsOf(type).map((id) => new Types.ObjectId(id));
  const actorIds = events.flatMap((event) => (event.actorId ? [event.actorId] : []));
  const [users, tickets, queues] = await Promise.all([
    findUsersByIds([...new Map([...actorIds, ...objectIds('User')].map((id) => [id.toString(), id])).values()]),
    findTicketsByIdsOrRequests(objectIds('Ticket'), objectIds('Request')),
    listQueuesByIds([...new Set(events.filter((event) => event.objectType === 'Queue').map((event) => event.objectId))]),
  ]);
  const objects = new Map<string, string>();
  for (const user of users) objects.set(`User:${user._id.toString()}`, user.displayName);
  for (const ticket of tickets) {
    objects.set(`Ticket:${ticket._id.toString()}`, `Demande ${ticket.reference}`);
    objects.set(`Request:${ticket.requestId.toString()}`, `Demande ${ticket.reference}`);
  }
  for (const queue of queues) objects.set(`Queue:${queue._id}`, `File ${queue.label}`);
  for (const event of events) {
    if (event.objectType === 'RuleSet') objects.set(`RuleSet:${event.objectId}`, `Règles d’aiguillage, version ${event.objectId}`);
    if (event.objectType === 'ClassifierHead')
      objects.set(`ClassifierHead:${event.objectId}`, `Modèle de classement, version ${event.objectId}`);
  }
  return { actors: new Map(users.map((user) => [user._id.toString(), { name: user.displayName, role: user.role }])), objects };
}
