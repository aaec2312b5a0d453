import type { RequestStatus } from '../../citizen/request-status';
import { escapeHtml, publicPage } from './public-page';

export interface StatusPageContext {
  status: RequestStatus;
  /** The page's own path (/suivi/<token>): forms post to it, the script polls it. */
  path: string;
  timeZone: string;
  /** The request's commune's town hall (townHallName), named in the page's header and title. */
  townHall: string;
  refreshSeconds: number;
  /** The key of the "add a message" form shown (a double click posts one message). */
  messageKey: string;
  messageError?: string;
  messageText?: string;
  /** Shown once after the citizen's message was added. */
  notice?: string;
  optedOut: boolean;
}

function dateTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

function referenceOf(status: RequestStatus): string {
  return status.reference ?? 'en cours d’attribution';
}

/** Where the request stands: its reference(s), service, state and expected delay. */
function standingHtml(status: RequestStatus, timeZone: string): string {
  const rows = (label: string, value: string) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`;
  const received = rows('Reçue le', dateTime(status.receivedAt, timeZone));
  if (status.sorting) {
    return `<dl class="standing">${rows('Référence', referenceOf(status))}${received}${rows('Service', 'Accueil de la mairie, qui trie votre demande')}${rows('État', 'en cours de tri : le service concerné sera connu dans quelques instants')}</dl>`;
  }
  return status.tickets
    .map(
      (ticket) =>
        `<dl class="standing">${rows('Référence', ticket.reference)}${received}${rows('Service', ticket.service)}${rows('État', ticket.standing)}${ticket.delay ? rows('Réponse attendue', ticket.delay) : ''}</dl>`,
    )
    .join('\n');
}

function waitingHtml(status: RequestStatus): string {
  if (!status.tickets.some((ticket) => ticket.waitingForCitizen)) return '';
  return `<div class="callout" id="attente"><h2>La mairie attend une réponse de votre part</h2><p>Lisez son dernier message ci-dessous, puis répondez avec le formulaire « Ajouter un message ou un document ».</p></div>`;
}

function stepsHtml(status: RequestStatus, timeZone: string): string {
  const items = status.steps.map(
    (step) =>
      `<li><span class="when">${escapeHtml(dateTime(step.at, timeZone))}</span> ${escapeHtml(step.label)}${step.reference ? ` <span class="reference">(${escapeHtml(step.reference)})</span>` : ''}</li>`,
  );
  return `<h2 id="historique-titre">Historique</h2>\n<ol class="steps" aria-labelledby="historique-titre">\n${items.join('\n')}\n</ol>`;
}

function messagesHtml(status: RequestStatus, timeZone: string): string {
  if (status.messages.length === 0) return '<h2>Échanges</h2>\n<p>Aucun message pour l’instant.</p>';
  const items = status.messages.map((message) => {
    const author = message.from === 'citizen' ? 'Vous' : 'La mairie';
    const attachments =
      message.attachments.length === 0
        ? ''
        : `<ul class="attachments">${message.attachments
            .map(
              (attachment) =>
                `<li>${escapeHtml(attachment.filename)}${attachment.refusedReason ? ` : non acceptée (${escapeHtml(attachment.refusedReason)})` : ''}</li>`,
            )
            .join('')}</ul>`;
    return `<li class="message from-${message.from}"><p class="meta"><strong>${author}</strong>, le ${escapeHtml(dateTime(message.at, timeZone))}</p><div class="message-text">${escapeHtml(message.text)}</div>${attachments}</li>`;
  });
  return `<h2>Échanges</h2>\n<ol class="messages">\n${items.join('\n')}\n</ol>`;
}

/** The part of the status page that changes as the mairie acts: what the script refreshes in place. */
export function statusDetailsHtml(status: RequestStatus, timeZone: string): string {
  return `${standingHtml(status, timeZone)}\n${waitingHtml(status)}\n${stepsHtml(status, timeZone)}\n${messagesHtml(status, timeZone)}`;
}

function messageFormHtml(context: StatusPageContext): string {
  const error = context.messageError;
  return `<h2 id="ajout-titre">Ajouter un message ou un document</h2>
${error ? `<div id="erreurs" class="error-summary" tabindex="-1" role="alert"><h2>Votre message n’est pas encore envoyé</h2><ul><li><a href="#champ-message">${escapeHtml(error)}</a></li></ul></div>\n` : ''}<form method="post" action="${escapeHtml(context.path)}/messages" enctype="multipart/form-data" novalidate aria-labelledby="ajout-titre">
<div class="field${error ? ' has-error' : ''}">
<label for="champ-message">Votre message</label>
<p class="hint" id="champ-message-aide">Il est ajouté à votre dossier, comme une réponse par e-mail. Vous pouvez y joindre un document.</p>
${error ? `<p class="field-error" id="champ-message-erreur"><span class="visually-hidden">Erreur : </span>${escapeHtml(error)}</p>\n` : ''}<textarea id="champ-message" name="message" rows="5" maxlength="20000" aria-describedby="champ-message-aide${error ? ' champ-message-erreur' : ''}"${error ? ' aria-invalid="true"' : ''}>${escapeHtml(context.messageText ?? '')}</textarea>
</div>
<div class="field">
<label for="champ-document">Document (facultatif)</label>
<input id="champ-document" name="attachments" type="file" multiple>
</div>
<input type="hidden" name="cle" value="${escapeHtml(context.messageKey)}">
<button type="submit">Ajouter à mon dossier</button>
</form>`;
}

/** The citizen's page for one request, reached by its signed link. */
export function statusPage(context: StatusPageContext): string {
  const { status } = context;
  const title = `${context.messageError ? 'Erreur : ' : ''}Suivi de la demande ${referenceOf(status)}`;
  return publicPage({
    title,
    script: 'suivi.js',
    townHall: context.townHall,
    main: `<h1>Suivi de votre demande</h1>
${context.notice ? `<p class="notice" role="status">${escapeHtml(context.notice)}</p>\n` : ''}<p class="hint">Gardez le lien de cette page : il est personnel. Elle se met à jour d’elle-même quand la mairie avance sur votre demande.</p>
<div id="etat-demande" data-refresh-url="${escapeHtml(context.path)}/etat" data-refresh-seconds="${context.refreshSeconds}">
${statusDetailsHtml(status, context.timeZone)}
</div>
<p id="annonce-mise-a-jour" class="visually-hidden" role="status" aria-live="polite"></p>
${messageFormHtml(context)}
${status.hasEmail && !context.optedOut ? `<p class="footer-links"><a href="${escapeHtml(context.path)}/desabonnement">Ne plus recevoir les e-mails de suivi de cette demande</a></p>` : ''}`,
  });
}

/** Right after sending: the reference, the service (or the reception desk while sorting), the delay and what comes next. */
export function confirmationPage(
  status: RequestStatus,
  statusPath: string,
  commune: { timeZone: string; townHall: string },
  refreshSeconds: number,
): string {
  const { timeZone, townHall } = commune;
  const ticket = status.tickets[0];
  const next = [
    !ticket
      ? 'Votre demande est en cours de tri : l’accueil de la mairie la confie au service concerné, ce qui prend d’ordinaire quelques instants.'
      : `Votre demande est confiée ${ticket.toService}, qui vous répondra ${ticket.delay ?? 'dans les meilleurs délais'}.`,
    status.hasEmail
      ? 'Vous recevrez par e-mail un accusé de réception reprenant ces informations, puis un message à chaque étape importante.'
      : 'Vous n’avez pas donné d’adresse e-mail : notez votre référence et gardez le lien de suivi ci-dessous.',
    'Sur la page de suivi, vous voyez où en est votre demande et pouvez ajouter un message ou un document.',
  ];
  return publicPage({
    title: `Demande envoyée : ${referenceOf(status)}`,
    script: 'suivi.js',
    townHall,
    main: `<h1>Votre demande est bien envoyée</h1>
<div id="etat-demande" data-refresh-url="${escapeHtml(statusPath)}/etat?vue=confirmation" data-refresh-seconds="${refreshSeconds}">
${confirmationDetailsHtml(status, timeZone)}
</div>
<p id="annonce-mise-a-jour" class="visually-hidden" role="status" aria-live="polite"></p>
<h2>Et ensuite ?</h2>
<ul>${next.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<p><a class="button-link" href="${escapeHtml(statusPath)}">Suivre ma demande</a></p>
<p><a href="/demande">Faire une autre demande</a></p>`,
  });
}

export function confirmationDetailsHtml(status: RequestStatus, timeZone: string): string {
  return `<p class="reference-banner">Votre référence : <strong>${escapeHtml(referenceOf(status))}</strong></p>\n${standingHtml(status, timeZone)}`;
}
