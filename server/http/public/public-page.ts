import type { Response } from 'express';

/** Text into HTML, attribute values included: every piece of data on the public pages goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}

export interface PublicPage {
  /** The page's own title: it changes with the step (form, errors, confirmation), as screen reader users hear first. */
  title: string;
  main: string;
  /** A script of ours (/public/…), loaded deferred: every page works without it. */
  script?: string;
  /** The town hall the page speaks for (« Mairie d’Obernai », see townHallName); « Mairie » where no commune is known. */
  townHall?: string;
}

/**
 * The frame of the citizens' pages (form, confirmation, status, rating): French, a skip link, one main landmark,
 * the styles in a file of their own (the Content-Security-Policy allows no inline script, and the pages need none).
 */
export function publicPage(page: PublicPage): string {
  const townHall = page.townHall ?? 'Mairie';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} – ${escapeHtml(townHall)}</title>
<link rel="stylesheet" href="/public/citoyen.css">
${page.script ? `<script src="/public/${escapeHtml(page.script)}" defer></script>\n` : ''}</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header"><p class="site-name">${escapeHtml(townHall)} – services en ligne</p></header>
<main id="contenu" tabindex="-1">
${page.main}
</main>
</body>
</html>`;
}

/** A page that only says something (a link that no longer works, a thank-you). */
export function messagePage(title: string, message: string, link?: { href: string; label: string }, townHall?: string): string {
  return publicPage({
    title,
    ...(townHall ? { townHall } : {}),
    main: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>${link ? `\n<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''}`,
  });
}

/**
 * Sends a citizens' page. Their addresses carry signed links: `same-origin` keeps those from other sites, yet lets
 * the browser send the Origin header with the page's own forms (under helmet's `no-referrer`, Chromium sends
 * `Origin: null` and the CORS policy refuses the post).
 */
export function sendPublicPage(response: Response, status: number, html: string): void {
  response.status(status).type('html').setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'same-origin');
  response.send(html);
}
