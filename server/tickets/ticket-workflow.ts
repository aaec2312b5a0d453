import type { Types } from 'mongoose';

import { listActiveStaff } from '../../models/accounts/colleague-repository';
import type { UserDocument } from '../../models/accounts/user-model';
import { findUserById } from '../../models/accounts/user-repository';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { recordClassifierCorrection } from '../../models/classifier/classifier-correction-repository';
import { findRequestById } from '../../models/request/request-repository';
import { appendTicketHistory, applyTicketChange, ticketStateOf } from '../../models/ticket/ticket-change-repository';
import { findTicketByReference } from '../../models/ticket/ticket-conversation-repository';
import { insertInternalNote } from '../../models/ticket/ticket-message-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { findTicketById, findTicketsToEscalate, ticketHistory } from '../../models/ticket/ticket-repository';
import { mentionedColleagues, noteHistory } from '../../tickets/internal-note';
import { followThrough, type FollowThrough } from '../../tickets/reply-follow-through';
import { assign as assignTicket, type Assignee } from '../../tickets/ticket-assignment';
import { isRefusal, type TicketChange, type TicketDecision } from '../../tickets/ticket-change';
import * as lifecycle from '../../tickets/ticket-lifecycle';
import type { TicketStatus } from '../../tickets/ticket-status';
import {
  accountWithinScope,
  canSeeTicket,
  changesServiceSettings,
  communeScope,
  ticketScope,
  visibleCommunes,
  visibleQueues,
  type ServiceMap,
  type TicketScope,
  type TicketViewer,
} from '../../tickets/ticket-visibility';
import { ApplicationError } from '../application-error';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { TicketEvents } from '../events/ticket-events';
import { toTicketView, type TicketView } from '../presenters/ticket-view';
import { findListedTickets, type TicketListFilter } from './ticket-list';

export type TicketActor = Pick<UserDocument, '_id' | 'role' | 'queues'> & Partial<Pick<UserDocument, 'communes' | 'epci'>>;

export interface TicketWorkflowParts {
  queueIds: readonly string[];
  /** The communes the service works for (visibility is per queue and per commune). */
  communes: Pick<CommuneDirectory, 'serviceCommunes'>;
  events: TicketEvents;
  now: () => Date;
}

/** What a change does besides the ticket itself: its audit entry, and a correction for the classifier. */
interface ChangeEffects {
  audit: { action: string; details?: Record<string, unknown> };
  correction?: { source: 'reroute' | 'pilot'; fromQueue: string; queue: string; intent?: string };
}

const lostRace = 'La demande vient d’être modifiée par quelqu’un d’autre : rechargez-la et recommencez.';

/**
 * Every change of a ticket, by an agent or by the system: load what the actor may see, let the lifecycle
 * (tickets/) decide, apply the change only while the facts it was decided on hold, then history (with the
 * change), audit, present and emit `ticket.updated`. Routes only parse, call and respond.
 */
export class TicketWorkflow {
  constructor(private readonly parts: TicketWorkflowParts) {}

  /** The one visibility check: 404 for a ticket that does not exist and for one the actor may not see. */
  async visibleTicket(actor: TicketActor, id: string): Promise<TicketDocument> {
    const ticket = await findTicketById(id);
    if (!ticket || !canSeeTicket(actor, ticket, this.service())) throw new ApplicationError('not-found', 'Ticket introuvable.');
    return ticket;
  }

  /** Every queue of the service. */
  get queueIds(): readonly string[] {
    return this.parts.queueIds;
  }

  visibleQueues(actor: TicketActor): string[] {
    return visibleQueues(actor, this.parts.queueIds);
  }

  /** The communes the actor's duty covers (audit trail, data subjects, accounts), see communeScope. */
  communeScope(actor: TicketViewer): { communes: string[]; serviceWide: boolean } {
    return communeScope(actor, this.parts.communes.serviceCommunes());
  }

  /** The communes whose own settings the actor may change, and whether the whole service's too (changesServiceSettings). */
  settingsScope(actor: TicketViewer): { communes: string[]; serviceWide: boolean } {
    const service = this.parts.communes.serviceCommunes();
    return { communes: visibleCommunes(actor, service), serviceWide: changesServiceSettings(actor, service) };
  }

  /** Whether an admin (or a supervisor) may manage an account: see accountWithinScope. */
  mayManageAccount(manager: TicketViewer, account: Pick<TicketViewer, 'communes' | 'epci'>): boolean {
    return accountWithinScope(manager, account, this.parts.communes.serviceCommunes());
  }

  /** Whether someone may see a ticket (to be assigned it, say): the one visibility rule. */
  canSee(viewer: TicketViewer, ticket: { queue: string; commune?: string | null }): boolean {
    return canSeeTicket(viewer, ticket, this.service());
  }

  /** The tickets the actor may see, as a filter for lists, counts, exports and simulations. */
  scope(actor: TicketViewer): TicketScope {
    return ticketScope(actor, this.service());
  }

  /** The agents' list and search (server/tickets/ticket-list), within the actor's scope. */
  async list(actor: TicketActor, filter: TicketListFilter) {
    const { queues: allowed, communes } = this.scope(actor);
    if (filter.queue && !allowed.includes(filter.queue)) throw new ApplicationError('forbidden', 'Vous ne servez pas cette file.');
    return findListedTickets({ queues: filter.queue ? [filter.queue] : allowed, communes }, filter, {
      actorId: actor._id.toString(),
      now: this.parts.now(),
    });
  }

  /** Reading a ticket reads personal data: audited before the data leaves. */
  async read(actor: TicketActor, id: string) {
    const ticket = await this.visibleTicket(actor, id);
    await recordAuditEvent({
      actor,
      action: 'ticket.read',
      objectType: 'Ticket',
      objectId: ticket.id,
      commune: ticket.commune,
      details: { requestId: ticket.requestId },
    });
    const [request, history] = await Promise.all([findRequestById(ticket.requestId), ticketHistory(ticket._id)]);
    return { ticket: toTicketView(ticket, request), history };
  }

  async changeStatus(actor: TicketActor, id: string, status: TicketStatus): Promise<TicketView> {
    const ticket = await this.visibleTicket(actor, id);
    const decision = lifecycle.changeStatus(ticketStateOf(ticket), status, actor._id.toString());
    return this.commit(actor, ticket, decision, {
      audit: { action: 'ticket.status-changed', details: { from: ticket.status, to: status } },
    });
  }

  async take(actor: TicketActor, id: string): Promise<TicketView> {
    const ticket = await this.visibleTicket(actor, id);
    const decision = lifecycle.take(ticketStateOf(ticket), actor._id.toString());
    return this.commit(actor, ticket, decision, {
      audit: { action: 'ticket.taken', details: { from: ticket.assigneeId?.toString() ?? null } },
    });
  }

  async reroute(actor: TicketActor, id: string, target: { queue: string; reason: string; intent?: string }): Promise<TicketView> {
    this.knownQueue(target.queue);
    const ticket = await this.visibleTicket(actor, id);
    const decision = lifecycle.reroute(ticketStateOf(ticket), target.queue, target.reason, actor._id.toString());
    return this.commit(actor, ticket, decision, {
      audit: { action: 'ticket.rerouted', details: { from: ticket.queue, to: target.queue } },
      correction: { source: 'reroute', fromQueue: ticket.queue, queue: target.queue, intent: target.intent },
    });
  }

  /** Pilot mode: reception confirms or corrects the suggested queue; a correction (of queue or intent) teaches the classifier. */
  async decideSuggestion(
    actor: TicketActor,
    id: string,
    choice: { queue: string; intent?: string },
  ): Promise<{ ticket: TicketView; agreed: boolean }> {
    this.knownQueue(choice.queue);
    const ticket = await this.visibleTicket(actor, id);
    const decision = lifecycle.decideSuggestion(ticketStateOf(ticket), choice.queue, actor._id.toString(), this.parts.now());
    const agreed = !isRefusal(decision) && decision.set.suggestionOutcome?.agreed === true;
    const corrected = !agreed || (choice.intent !== undefined && choice.intent !== ticket.intent);
    const view = await this.commit(actor, ticket, decision, {
      audit: { action: 'ticket.suggestion-decided', details: { suggested: ticket.suggestedQueue ?? null, chosen: choice.queue, agreed } },
      ...(corrected
        ? {
            correction: {
              source: 'pilot' as const,
              fromQueue: ticket.suggestedQueue ?? ticket.queue,
              queue: choice.queue,
              intent: choice.intent,
            },
          }
        : {}),
    });
    return { ticket: view, agreed };
  }

  /** Folds a duplicate into the ticket kept, named by its reference; the actor must see both. */
  async merge(actor: TicketActor, id: string, intoReference: string): Promise<{ ticket: TicketView; into: TicketView }> {
    const duplicate = await this.visibleTicket(actor, id);
    const kept = await findTicketByReference(intoReference);
    if (!kept || !canSeeTicket(actor, kept, this.service()))
      throw new ApplicationError('not-found', `La demande ${intoReference} est introuvable dans vos files.`);
    const decision = lifecycle.merge(
      { ...ticketStateOf(duplicate), id: duplicate.id },
      { ...ticketStateOf(kept), id: kept.id },
      actor._id.toString(),
    );
    if (isRefusal(decision)) throw new ApplicationError(decision.refused, decision.message);
    const merged = await this.commit(actor, duplicate, decision.duplicate, {
      audit: { action: 'ticket.merged', details: { into: kept.id } },
    });
    const into = await this.commit(actor, kept, decision.kept, {
      audit: { action: 'ticket.merge-kept', details: { duplicate: duplicate.id } },
    });
    return { ticket: merged, into };
  }

  /** Gives the ticket to a named colleague who may handle it, or back to its queue (`null`); the assignee is told. */
  async assign(actor: TicketActor, id: string, assigneeId: string | null): Promise<TicketView> {
    const ticket = await this.visibleTicket(actor, id);
    const assignee = assigneeId === null ? null : await this.assigneeFor(ticket, assigneeId);
    const decision = assignTicket(ticketStateOf(ticket), assignee, actor._id.toString());
    const view = await this.commit(actor, ticket, decision, {
      audit: { action: 'ticket.assigned', details: { from: ticket.assigneeId?.toString() ?? null, to: assigneeId } },
    });
    this.parts.events.emit('ticket.assigned', {
      ticketId: ticket.id,
      reference: ticket.reference,
      actorId: actor._id.toString(),
      assigneeId,
    });
    return view;
  }

  /**
   * The active colleagues whose names the actor may read: those who work on some of the same tickets (a queue and a
   * commune in common), so that assignees and history show names, and nobody learns another commune's staff.
   */
  async colleaguesOf(actor: TicketActor): Promise<UserDocument[]> {
    const mine = this.scope(actor);
    return (await listActiveStaff()).filter((user) => {
      const theirs = this.scope(user);
      return (
        theirs.queues.some((queue) => mine.queues.includes(queue)) && theirs.communes.some((commune) => mine.communes.includes(commune))
      );
    });
  }

  /** The active colleagues who may see (and so be given, or mentioned on) a ticket the actor sees. */
  async handlersOf(actor: TicketActor, id: string): Promise<UserDocument[]> {
    return this.colleaguesWhoMaySee(await this.visibleTicket(actor, id));
  }

  /**
   * An internal note: kept with the conversation, never sent, shown to the agents who may see the ticket; the
   * colleagues it mentions by name (`@Marie Dupont`, among those who may see the ticket) are told.
   */
  async addNote(actor: TicketActor, id: string, text: string) {
    const ticket = await this.visibleTicket(actor, id);
    const colleagues = await this.colleaguesWhoMaySee(ticket);
    const mentioned = mentionedColleagues(
      text,
      colleagues.map((user) => ({ id: user.id, displayName: user.displayName })),
      actor._id.toString(),
    );
    const now = this.parts.now();
    const note = await insertInternalNote({
      requestId: ticket.requestId,
      ticketId: ticket._id,
      authorId: actor._id,
      text,
      at: now,
      mentions: colleagues.filter((user) => mentioned.includes(user.id)).map((user) => user._id),
    });
    await appendTicketHistory(ticket._id, noteHistory(actor._id.toString(), note.id), now);
    await recordAuditEvent({
      actor,
      action: 'ticket.note-added',
      objectType: 'Ticket',
      objectId: ticket.id,
      commune: ticket.commune,
      details: { noteId: note.id, mentioned },
    });
    this.parts.events.emit('ticket.updated', { ticket, request: await findRequestById(ticket.requestId) });
    this.parts.events.emit('ticket.noted', {
      ticketId: ticket.id,
      reference: ticket.reference,
      actorId: actor._id.toString(),
      noteId: note.id,
      mentioned,
    });
    return note;
  }

  /**
   * What a reply will do to the ticket besides the mail (a status, tags: « Répondre et mettre en attente », a
   * macro), decided before the mail is queued so that a refusal comes first; null when nothing is to change.
   */
  planFollowThrough(actor: TicketActor, ticket: TicketDocument, then: FollowThrough): TicketChange | null {
    const decision = followThrough(ticketStateOf(ticket), then, actor._id.toString());
    if (decision && isRefusal(decision)) throw new ApplicationError(decision.refused, decision.message);
    return decision;
  }

  /** Applies a planned follow-through once the reply is queued (see TicketReplies). */
  async applyFollowThrough(actor: TicketActor, ticket: TicketDocument, change: TicketChange): Promise<TicketView> {
    return this.commit(actor, ticket, change, { audit: { action: 'ticket.reply-follow-through', details: { set: change.set } } });
  }

  /** A citizen's new message (by mail or from the status page), noted and re-opening the ticket when it waited. */
  async noteFollowUp(ticket: TicketDocument, messageId: Types.ObjectId): Promise<{ ticket: TicketDocument; reopened: boolean }> {
    const change = lifecycle.followUp(ticketStateOf(ticket), messageId.toString());
    // A follow-up is never refused: when another change won the race, the message is still noted, without re-opening.
    const applied =
      (await applyTicketChange(ticket._id, change, this.parts.now())) ??
      (await applyTicketChange(ticket._id, { expected: {}, set: {}, history: change.history.slice(0, 1) }, this.parts.now()));
    const updated = applied ?? ticket;
    const reopened = change.set.status !== undefined && applied !== null && updated.status === 'open' && ticket.status !== 'open';
    await recordAuditEvent({
      action: 'ticket.follow-up',
      objectType: 'Ticket',
      objectId: ticket.id,
      commune: ticket.commune,
      details: { messageId: messageId.toString(), reopened },
    });
    const request = await findRequestById(updated.requestId);
    this.parts.events.emit('ticket.updated', { ticket: updated, request, followUp: { messageId: messageId.toString(), reopened } });
    return { ticket: updated, reopened };
  }

  /** Moves every still-open overdue ticket to its escalation queue, once whatever the number of runs. */
  async escalateOverdue(now: Date, batchSize: number): Promise<TicketDocument[]> {
    const escalated: TicketDocument[] = [];
    for (const ticket of await findTicketsToEscalate(now, batchSize)) {
      const decision = lifecycle.escalate(ticketStateOf(ticket), now);
      if (isRefusal(decision)) continue;
      const changed = await applyTicketChange(ticket._id, decision, now);
      if (!changed) continue;
      await recordAuditEvent({
        action: 'ticket.escalated',
        objectType: 'Ticket',
        objectId: ticket.id,
        commune: ticket.commune,
        details: { from: ticket.queue, to: changed.queue },
        at: now,
      });
      this.parts.events.emit('ticket.updated', {
        ticket: changed,
        request: await findRequestById(changed.requestId),
        previousQueue: ticket.queue,
      });
      escalated.push(changed);
    }
    return escalated;
  }

  private async colleaguesWhoMaySee(ticket: TicketDocument): Promise<UserDocument[]> {
    return (await listActiveStaff()).filter((user) => canSeeTicket(user, ticket, this.service()));
  }

  private async assigneeFor(ticket: TicketDocument, userId: string): Promise<Assignee> {
    const user = await findUserById(userId);
    if (!user) throw new ApplicationError('invalid', 'Ce ou cette collègue est introuvable.');
    return { id: user.id, mayHandle: user.active && canSeeTicket(user, ticket, this.service()) };
  }

  private service(): ServiceMap {
    return { queueIds: this.parts.queueIds, ...this.parts.communes.serviceCommunes() };
  }

  private knownQueue(queue: string): void {
    if (!this.parts.queueIds.includes(queue)) throw new ApplicationError('invalid', `La file « ${queue} » n'existe pas.`);
  }

  private async commit(
    actor: TicketActor,
    ticket: TicketDocument,
    decision: TicketDecision | TicketChange,
    effects: ChangeEffects,
  ): Promise<TicketView> {
    if (isRefusal(decision)) throw new ApplicationError(decision.refused, decision.message);
    const changed = await applyTicketChange(ticket._id, decision, this.parts.now());
    if (!changed) throw new ApplicationError('conflict', lostRace);
    if (effects.correction) {
      await recordClassifierCorrection({
        requestId: ticket.requestId,
        ticketId: ticket._id,
        commune: ticket.commune,
        ...effects.correction,
        previousIntent: ticket.intent,
        agentId: actor._id,
      });
    }
    await recordAuditEvent({
      actor,
      action: effects.audit.action,
      objectType: 'Ticket',
      objectId: ticket.id,
      commune: ticket.commune,
      details: effects.audit.details,
    });
    const request = await findRequestById(changed.requestId);
    const previousQueue = changed.queue !== ticket.queue ? ticket.queue : undefined;
    this.parts.events.emit('ticket.updated', { ticket: changed, request, ...(previousQueue ? { previousQueue } : {}) });
    return toTicketView(changed, request);
  }
}
