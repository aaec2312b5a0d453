import express, { Router, type Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { recordSatisfactionComment, satisfactionComments } from '../../../models/citizen/satisfaction-comment-model';
import { rateTicket, satisfactionByQueue } from '../../../models/ticket/ticket-conversation-repository';
import { findTicketById } from '../../../models/ticket/ticket-repository';
import type { TicketScope, TicketViewer } from '../../../tickets/ticket-visibility';
import { duties } from '../../auth/duties';
import { verifySatisfactionToken } from '../../mail/satisfaction-link';
import { satisfactionCommentMaxLength, satisfactionFormPage, satisfactionMessagePage } from '../../presenters/satisfaction-page';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';
import { sendPublicPage as sendPage } from '../public/public-page';

const ratingSchema = z.coerce.number().int().min(1).max(5);
const figuresQuerySchema = z.strictObject({ days: z.coerce.number().int().min(1).max(3660).default(90) });
const commentSchema = z.string().trim().max(satisfactionCommentMaxLength).optional().catch(undefined);

/**
 * The small public page of the closing message's rating links (no account: the signed token is the credential),
 * and the figures and comments for the supervisors' dashboards.
 */
export function satisfactionRoutes(scopeOf: (viewer: TicketViewer) => TicketScope, signingSecret: string): Router {
  const router = Router();

  router.get('/satisfaction/:token', async (request, response) => {
    const ticket = await ticketOfToken(request.params.token, signingSecret, response);
    if (!ticket) return;
    if (ticket.satisfaction) {
      sendPage(response, 200, satisfactionMessagePage('Merci', 'Votre note a déjà été enregistrée. Merci de votre participation.'));
      return;
    }
    const chosen = ratingSchema.safeParse(request.query.note);
    sendPage(
      response,
      200,
      satisfactionFormPage(ticket.reference, `/satisfaction/${request.params.token}`, chosen.success ? chosen.data : null),
    );
  });

  router.post('/satisfaction/:token', express.urlencoded({ extended: false, limit: '32kb' }), async (request, response) => {
    const ticket = await ticketOfToken(request.params.token, signingSecret, response);
    if (!ticket) return;
    const rating = ratingSchema.safeParse(request.body?.note);
    if (!rating.success) {
      sendPage(response, 400, satisfactionMessagePage('Note manquante', 'Choisissez une note de 1 à 5, puis envoyez-la.'));
      return;
    }
    const rated = await rateTicket(ticket._id, rating.data);
    const comment = commentSchema.parse(request.body?.commentaire);
    if (rated && comment) {
      await recordSatisfactionComment({
        ticketId: rated._id,
        reference: rated.reference,
        commune: rated.commune ?? undefined,
        queue: rated.queue,
        rating: rating.data,
        comment,
        at: rated.satisfaction!.ratedAt,
      });
    }
    sendPage(
      response,
      rated ? 200 : 409,
      rated
        ? satisfactionMessagePage('Merci', 'Votre note a bien été enregistrée. Merci de nous aider à améliorer le service.')
        : satisfactionMessagePage('Déjà noté', 'Une note a déjà été enregistrée pour cette demande : ce lien ne peut servir qu’une fois.'),
    );
  });

  router.get('/api/satisfaction', requireUser, requireRole(...duties.steering), async (request, response) => {
    const { days } = parseInput(figuresQuerySchema, request.query, 'Paramètres');
    const since = new Date(Date.now() - days * 86_400_000);
    response.json({ since: since.toISOString(), queues: await satisfactionByQueue(scopeOf(currentUser(response)), since) });
  });

  /** What citizens wrote with their rating, newest first: free text, so reading it is audited like a ticket's content. */
  router.get('/api/satisfaction/comments', requireUser, requireRole(...duties.steering), async (request, response) => {
    const { days } = parseInput(figuresQuerySchema, request.query, 'Paramètres');
    const since = new Date(Date.now() - days * 86_400_000);
    const comments = await satisfactionComments(scopeOf(currentUser(response)), since, 100);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'satisfaction.comments-read',
      objectType: 'SatisfactionComment',
      objectId: 'dashboard',
      details: { count: comments.length },
    });
    response.json({ since: since.toISOString(), comments: comments.map((entry) => ({ ...entry, at: entry.at.toISOString() })) });
  });
  return router;
}

async function ticketOfToken(token: string, secret: string, response: Response) {
  const claim = verifySatisfactionToken(token, secret);
  const ticket = claim && Types.ObjectId.isValid(claim.ticketId) ? await findTicketById(claim.ticketId) : null;
  if (!ticket) {
    sendPage(response, 404, satisfactionMessagePage('Lien invalide', 'Ce lien de notation est invalide ou a expiré.'));
    return null;
  }
  return ticket;
}

const tokenParams = z.object({ token: z.string().meta({ description: 'The signed single-use token of the closing mail’s link' }) });

export const satisfactionOperations: ApiOperationGroup = {
  tag: 'Satisfaction',
  operations: [
    {
      method: 'GET',
      path: '/satisfaction/:token',
      summary: "The citizen's rating page of the closing mail's link",
      params: tokenParams,
      query: z.object({ note: ratingSchema.optional() }),
      success: { mediaType: 'text/html' },
    },
    {
      method: 'POST',
      path: '/satisfaction/:token',
      summary: "Record the citizen's rating (once)",
      params: tokenParams,
      body: { mediaTypes: ['application/x-www-form-urlencoded'], schema: z.object({ note: ratingSchema }) },
      success: { mediaType: 'text/html' },
    },
    { method: 'GET', path: '/api/satisfaction', summary: 'Ratings per queue over the last days', query: figuresQuerySchema },
    {
      method: 'GET',
      path: '/api/satisfaction/comments',
      summary: "Citizens' comments with their rating, newest first (audited)",
      query: figuresQuerySchema,
    },
  ],
};
