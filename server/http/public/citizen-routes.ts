import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';

import { hasOptedOutOfNotifications, optOutOfNotifications } from '../../../models/citizen/notification-opt-out-model';
import { countStatusPageView } from '../../../models/citizen/status-page-visit-model';
import type { RequestDocument } from '../../../models/request/request-model';
import { findRequestById, IdempotencyKeyReusedError } from '../../../models/request/request-repository';
import { findTicketsOfRequest } from '../../../models/ticket/ticket-repository';
import { townHallName } from '../../../routing-rules/communes/town-hall-name';
import { ApplicationError } from '../../application-error';
import { addCitizenMessage, type CitizenMessageParts } from '../../citizen/add-citizen-message';
import { formStartOf, formStartToken, spamVerdict } from '../../citizen/form-spam-guard';
import { requestStatus } from '../../citizen/request-status';
import { requestIdOfStatusToken, statusToken } from '../../citizen/status-link';
import { statusLinkOpen } from '../../citizen/status-link-validity';
import type { CommuneDirectory } from '../../communes/commune-directory';
import type { Config } from '../../config';
import { keepAttachments } from '../../mail/keep-attachments';
import { acceptFormRequest } from '../../pipeline/accept-form-request';
import type { ProcessingWorker } from '../../pipeline/processing-worker';
import type { RetentionPolicy } from '../../privacy/retention-policy';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { HttpError } from '../http-error';
import { intakeRateLimit } from '../rate-limits';
import { escapeHtml, messagePage, publicPage, sendPublicPage as sendPage } from './public-page';
import { readFormSubmission, SubmissionTooLargeError, UnsupportedSubmissionError } from './read-form-submission';
import { formCommuneOf, type FormCommune } from './request-form-commune';
import { errorSummaryHtml, pageTitleOf, requestFormPage, type RequestFormState } from './request-form-page';
import { checkRequestForm, typedValues } from './request-form-submission';
import { confirmationDetailsHtml, confirmationPage, statusDetailsHtml, statusPage } from './status-page';

export interface CitizenRouteParts {
  config: Pick<
    Config,
    | 'maxEmailBytes'
    | 'maxAttachmentBytes'
    | 'maxAttachmentsPerEmail'
    | 'intakeRateLimitPerMinute'
    | 'corsOrigins'
    | 'publicFormMinFillSeconds'
    | 'statusPageRefreshSeconds'
  >;
  worker: ProcessingWorker;
  retentionPolicy: RetentionPolicy;
  receptionQueue: string;
  /** Signs status links and form start times (the mail links' secret). */
  signingSecret: string;
  now: () => Date;
  messages: CitizenMessageParts;
  /** Which commune a form is for (the one funnel, acceptFormRequest, resolves it). */
  communes: Pick<CommuneDirectory, 'intakeCommune' | 'of' | 'list'>;
}

const formKeyPattern = /^[A-Za-z0-9-]{16,64}$/;
const pageFieldOrder = ['commune', 'name', 'email', 'phone', 'subject', 'text', 'attachments'];
const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));

/**
 * The citizens' side, server-rendered and working without JavaScript: the request form (/demande), the
 * confirmation, the status page reached by its signed link, adding a message or document there, and the one-click
 * end of follow-up mails. Handlers parse, call the application services and render.
 */
export function citizenRoutes(parts: CitizenRouteParts): Router {
  const router = Router();
  const { config, signingSecret } = parts;
  const limits = { maxBytes: config.maxAttachmentBytes, maxCount: config.maxAttachmentsPerEmail };
  const submissionLimit = intakeRateLimit(config);

  router.use('/public', express.static(path.join(__dirname, 'assets'), { index: false, maxAge: '1h' }));

  const formState = (commune: FormCommune, overrides: Partial<RequestFormState> = {}): RequestFormState => ({
    values: {},
    commune,
    errors: [],
    formKey: randomUUID(),
    startToken: formStartToken(parts.now(), signingSecret),
    limits: {
      maxAttachmentMegabytes: megabytes(config.maxAttachmentBytes),
      maxAttachments: config.maxAttachmentsPerEmail,
      maxTotalMegabytes: megabytes(config.maxEmailBytes),
    },
    ...overrides,
  });

  router.get('/demande', (request, response) => {
    allowEmbedding(response, config.corsOrigins);
    sendPage(response, 200, requestFormPage(formState(formCommuneOf(parts.communes, request.query.commune))));
  });

  router.post('/demande', submissionLimit, async (request, response) => {
    allowEmbedding(response, config.corsOrigins);
    const { fields, files } = await readFormSubmission(request, config.maxEmailBytes);
    const given = {
      formKey: formKeyPattern.test(fields.get('cle') ?? '') ? fields.get('cle')! : randomUUID(),
      startToken: fields.get('debut') ?? '',
    };
    const again = (status: number, state: Partial<RequestFormState>) => {
      const startToken = formStartOf(given.startToken, signingSecret) ? given.startToken : formStartToken(parts.now(), signingSecret);
      const full = formState(formCommuneOf(parts.communes, request.query.commune), {
        values: typedValues(fields),
        formKey: given.formKey,
        startToken,
        ...state,
      });
      full.errors.sort((left, right) => pageFieldOrder.indexOf(left.field) - pageFieldOrder.indexOf(right.field));
      if (wantsJson(request)) {
        response.status(status).json({
          title: pageTitleOf(full),
          errors: full.errors,
          summaryHtml: errorSummaryHtml(full.errors, full.notice),
          formKey: full.formKey,
          startToken: full.startToken,
        });
      } else sendPage(response, status, requestFormPage(full));
    };

    const spam = spamVerdict(
      { honeypot: fields.get('site_web') ?? '', startToken: given.startToken },
      signingSecret,
      config.publicFormMinFillSeconds,
      parts.now(),
    );
    if (spam.refused) {
      again(422, {
        notice:
          spam.reason === 'honeypot'
            ? 'Un champ réservé à la détection des robots a été rempli, sans doute automatiquement : vérifiez votre demande, puis envoyez-la de nouveau.'
            : 'Votre demande a été envoyée très vite après l’ouverture du formulaire : relisez-la, puis envoyez-la de nouveau.',
      });
      return;
    }
    const checked = checkRequestForm(fields, files, limits);
    if (!checked.ok) {
      again(422, { errors: checked.errors });
      return;
    }
    const attachments = await keepAttachments(`<demande.${given.formKey}>`, files, limits);
    try {
      const accepted = await acceptFormRequest(
        parts.worker,
        { ...checked.submission, attachments },
        { idempotencyKey: given.formKey, receivedAt: parts.now(), communes: parts.communes },
      );
      const statusPath = `/suivi/${statusToken(accepted.id, signingSecret)}`;
      if (wantsJson(request))
        response.status(201).json({ reference: accepted.reference, confirmationUrl: `${statusPath}/confirmation`, statusUrl: statusPath });
      else response.redirect(303, `${statusPath}/confirmation`);
    } catch (error) {
      // The one refusal before anything is stored is the commune's (not served, no longer taking requests, not chosen).
      if (error instanceof ApplicationError && error.kind === 'rejected') {
        again(422, { errors: [{ field: 'commune', message: error.message }] });
        return;
      }
      if (!(error instanceof IdempotencyKeyReusedError)) throw error;
      again(409, {
        formKey: randomUUID(),
        notice:
          'Une demande a déjà été envoyée depuis ce formulaire. S’il s’agit d’une nouvelle demande, vérifiez-la et envoyez-la de nouveau.',
      });
    }
  });

  /** The request a status token opens, while its retention lasts; a page saying why not otherwise. */
  const openRequest = async (request: Request, response: Response) => {
    const requestId = requestIdOfStatusToken(String(request.params.token), signingSecret);
    const stored = requestId ? await findRequestById(requestId) : null;
    const tickets = stored ? await findTicketsOfRequest(stored._id) : [];
    if (!stored || !statusLinkOpen(parts.retentionPolicy, stored, tickets, parts.now())) {
      sendPage(
        response,
        404,
        messagePage(
          'Lien de suivi invalide ou expiré',
          'Ce lien ne correspond à aucune demande en cours : il est incomplet, ou la demande a été supprimée à la fin de sa durée de conservation. Pour toute question, contactez la mairie.',
          { href: '/demande', label: 'Faire une nouvelle demande' },
        ),
      );
      return null;
    }
    const commune = parts.communes.of(stored.commune);
    // Dates on the clock of the commune the citizen wrote to, whose town hall the pages name.
    return {
      request: stored,
      tickets,
      path: `/suivi/${String(request.params.token)}`,
      timeZone: commune.timeZone,
      townHall: townHallName(commune.name),
    };
  };

  const renderStatus = async (
    opened: { request: RequestDocument; path: string; timeZone: string; townHall: string },
    status: number,
    response: Response,
    extra: { notice?: string; messageError?: string; messageText?: string } = {},
  ) => {
    const [view, optedOut] = await Promise.all([
      requestStatus(opened.request, parts.receptionQueue),
      hasOptedOutOfNotifications(opened.request._id),
    ]);
    sendPage(
      response,
      status,
      statusPage({
        status: view,
        path: opened.path,
        timeZone: opened.timeZone,
        townHall: opened.townHall,
        refreshSeconds: config.statusPageRefreshSeconds,
        messageKey: randomUUID(),
        optedOut,
        ...extra,
      }),
    );
  };

  router.get('/suivi/:token', async (request, response) => {
    const opened = await openRequest(request, response);
    if (!opened) return;
    await countStatusPageView(opened.request._id);
    await renderStatus(
      opened,
      200,
      response,
      request.query.envoye === '1' ? { notice: 'Votre message a bien été ajouté à votre dossier.' } : {},
    );
  });

  router.get('/suivi/:token/confirmation', async (request, response) => {
    const opened = await openRequest(request, response);
    if (!opened) return;
    sendPage(
      response,
      200,
      confirmationPage(
        await requestStatus(opened.request, parts.receptionQueue, opened.tickets),
        opened.path,
        opened,
        config.statusPageRefreshSeconds,
      ),
    );
  });

  /** What the page's script polls: the changing part of the page, and a version to tell whether it changed. */
  router.get('/suivi/:token/etat', async (request, response) => {
    const opened = await openRequest(request, response);
    if (!opened) return;
    const status = await requestStatus(opened.request, parts.receptionQueue, opened.tickets);
    const html =
      request.query.vue === 'confirmation' ? confirmationDetailsHtml(status, opened.timeZone) : statusDetailsHtml(status, opened.timeZone);
    const latest = status.steps[status.steps.length - 1];
    response.setHeader('Cache-Control', 'no-store');
    response.json({ version: createHash('sha256').update(html).digest('base64url'), html, latest: latest?.label ?? null });
  });

  router.post('/suivi/:token/messages', submissionLimit, async (request, response) => {
    const opened = await openRequest(request, response);
    if (!opened) return;
    const { fields, files } = await readFormSubmission(request, config.maxEmailBytes);
    const text = (fields.get('message') ?? '').trim();
    const key = fields.get('cle') ?? '';
    if (!formKeyPattern.test(key)) throw new HttpError(400, 'Le formulaire est incomplet : rechargez la page de suivi, puis recommencez.');
    if (text === '' && files.length === 0) {
      await renderStatus(opened, 422, response, { messageError: 'Écrivez un message ou joignez un document.' });
      return;
    }
    if (text.length > 20_000) {
      await renderStatus(opened, 422, response, { messageError: 'Le message ne doit pas dépasser 20 000 caractères.', messageText: text });
      return;
    }
    const outcome = await addCitizenMessage(parts.messages, opened.request, {
      key,
      text: text || '(document joint sans message)',
      files,
      at: parts.now(),
    });
    if (!outcome.added) {
      await renderStatus(opened, 422, response, {
        messageError: `${outcome.refusals.join(' ')} Choisissez un autre fichier, ou envoyez le message sans lui.`,
        messageText: text,
      });
      return;
    }
    response.redirect(303, `${opened.path}?envoye=1`);
  });

  router.get('/suivi/:token/desabonnement', async (request, response) => {
    const opened = await openRequest(request, response);
    if (!opened) return;
    sendPage(
      response,
      200,
      publicPage({
        title: 'Ne plus recevoir les e-mails de suivi',
        townHall: opened.townHall,
        main: `<h1>Ne plus recevoir les e-mails de suivi</h1>
<p>Vous ne recevrez plus d’e-mail quand votre demande avance. Les réponses écrites par les agents vous parviendront toujours, et la page de suivi reste ouverte.</p>
<form method="post" action="${escapeHtml(opened.path)}/desabonnement"><button type="submit">Ne plus recevoir les e-mails de suivi</button></form>
<p><a href="${escapeHtml(opened.path)}">Revenir au suivi de ma demande</a></p>`,
      }),
    );
  });

  /** One click from the page, or from the mail client itself (RFC 8058 posts `List-Unsubscribe=One-Click`). */
  router.post('/suivi/:token/desabonnement', express.urlencoded({ extended: false, limit: '1kb' }), async (request, response) => {
    const opened = await openRequest(request, response);
    if (!opened) return;
    await optOutOfNotifications(opened.request._id, parts.now());
    sendPage(
      response,
      200,
      messagePage(
        'C’est noté',
        'Vous ne recevrez plus d’e-mails de suivi pour cette demande.',
        { href: opened.path, label: 'Revenir au suivi de ma demande' },
        opened.townHall,
      ),
    );
  });

  router.use(['/demande', '/suivi'], (error: unknown, request: Request, response: Response, next: NextFunction) => {
    const problem = publicProblem(error);
    if (!problem) {
      next(error);
      return;
    }
    if (wantsJson(request))
      response.status(problem.status).json({ title: problem.title, errors: [], summaryHtml: errorSummaryHtml([], problem.message) });
    else
      sendPage(response, problem.status, messagePage(problem.title, problem.message, { href: '/demande', label: 'Revenir au formulaire' }));
  });
  return router;
}

/** The errors a citizen may cause, as a page they can read (the API's JSON errors are for programs). */
function publicProblem(error: unknown): { status: number; title: string; message: string } | null {
  if (error instanceof SubmissionTooLargeError) {
    return {
      status: 413,
      title: 'Envoi trop volumineux',
      message: `L’ensemble de l’envoi dépasse ${megabytes(error.maxBytes)} Mo. Revenez en arrière, retirez ou réduisez des pièces jointes, puis envoyez de nouveau.`,
    };
  }
  if (error instanceof UnsupportedSubmissionError)
    return { status: 415, title: 'Envoi incompris', message: 'Le formulaire doit être envoyé depuis la page de la mairie.' };
  if (error instanceof HttpError)
    return { status: error.status, title: error.status === 429 ? 'Trop d’envois' : 'Envoi refusé', message: error.message };
  return null;
}

function wantsJson(request: Request): boolean {
  return request.accepts(['html', 'json']) === 'json';
}

/** The form may be embedded in the mairie's own site, named by CORS_ORIGINS; nowhere else. */
function allowEmbedding(response: Response, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const policy = String(response.getHeader('Content-Security-Policy') ?? '');
  response.setHeader('Content-Security-Policy', policy.replace(/frame-ancestors [^;]*/, `frame-ancestors 'self' ${origins.join(' ')}`));
  response.removeHeader('X-Frame-Options');
}

const statusTokenParams = z.object({ token: z.string().meta({ description: 'The signed token of the request’s status link' }) });
const htmlForm = { mediaTypes: ['multipart/form-data', 'application/x-www-form-urlencoded'] } as const;

export const citizenOperations: ApiOperationGroup = {
  tag: 'Citizens',
  operations: [
    {
      method: 'GET',
      path: '/demande',
      summary: 'The public request form (works without JavaScript); where the service has several communes, it offers their list',
      query: z.object({
        commune: z.string().optional().meta({
          description: "A commune's INSEE code, for a commune's own website: the form is for that commune and shows no list",
        }),
      }),
      success: { mediaType: 'text/html' },
    },
    {
      method: 'POST',
      path: '/demande',
      summary: 'Send the public form (fields checked by the same schema as POST /api/requests); redirects to the confirmation',
      body: htmlForm,
      success: {
        status: 303,
        mediaType: 'text/html',
        description: 'Stored: redirect to the confirmation page (201 JSON when asked for JSON).',
      },
    },
    {
      method: 'GET',
      path: '/suivi/:token',
      summary: "The request's status page, opened by its signed link",
      params: statusTokenParams,
      success: { mediaType: 'text/html' },
    },
    {
      method: 'GET',
      path: '/suivi/:token/confirmation',
      summary: 'The confirmation shown once the request is stored',
      params: statusTokenParams,
      success: { mediaType: 'text/html' },
    },
    {
      method: 'GET',
      path: '/suivi/:token/etat',
      summary: 'The changing part of the status page, polled by its script',
      params: statusTokenParams,
    },
    {
      method: 'POST',
      path: '/suivi/:token/messages',
      summary: 'Add a message or a document to the request',
      params: statusTokenParams,
      body: htmlForm,
      success: { status: 303, mediaType: 'text/html', description: 'Added: back to the status page.' },
    },
    {
      method: 'GET',
      path: '/suivi/:token/desabonnement',
      summary: 'Page to stop the follow-up mails',
      params: statusTokenParams,
      success: { mediaType: 'text/html' },
    },
    {
      method: 'POST',
      path: '/suivi/:token/desabonnement',
      summary: 'Stop the follow-up mails (one click, RFC 8058)',
      params: statusTokenParams,
      body: { mediaTypes: ['application/x-www-form-urlencoded'] },
      success: { mediaType: 'text/html' },
    },
  ],
};
