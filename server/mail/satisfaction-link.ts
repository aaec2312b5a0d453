import { createHmac, timingSafeEqual } from 'node:crypto';

const validityDays = 60;

export interface SatisfactionClaim {
  ticketId: string;
  expiresAt: Date;
}

function signature(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`satisfaction:${payload}`).digest();
}

/**
 * A token for the public rating page: the ticket id and an expiry, signed with HMAC so that nobody can rate a
 * ticket they were not sent the link for. It is single-use because a ticket is rated once (see rateTicket).
 */
export function signSatisfactionToken(ticketId: string, secret: string, now = new Date()): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + validityDays * 86_400;
  const payload = Buffer.from(`${ticketId}.${expiresAt}`).toString('base64url');
  return `${payload}.${signature(payload, secret).toString('base64url')}`;
}

/** The claim of a valid, unexpired token; null for anything else (tampered, truncated, expired). */
export function verifySatisfactionToken(token: string, secret: string, now = new Date()): SatisfactionClaim | null {
  const match = /^([A-Za-z0-9_-]{10,120})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expected = signature(match[1], secret);
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [ticketId, expiry] = Buffer.from(match[1], 'base64url').toString().split('.');
  const expiresAt = new Date(Number(expiry) * 1000);
  if (!/^[0-9a-f]{24}$/.test(ticketId ?? '') || Number.isNaN(expiresAt.getTime()) || expiresAt <= now) return null;
  return { ticketId, expiresAt };
}

export function satisfactionUrl(publicBaseUrl: string, token: string, rating: number): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/satisfaction/${token}?note=${rating}`;
}

const ratingLabels = ['Très insatisfait', 'Insatisfait', 'Correct', 'Satisfait', 'Très satisfait'];

/** The one-click rating block of the mails that end a request; empty once the citizen has rated it. */
export function satisfactionSurvey(
  ticket: { _id: { toString(): string }; satisfaction?: unknown },
  publicBaseUrl: string,
  secret: string,
): string {
  if (ticket.satisfaction) return '';
  const token = signSatisfactionToken(ticket._id.toString(), secret);
  return `Votre avis nous aide à améliorer le service. Quelle note donnez-vous au traitement de votre demande ? Un clic suffit :\n${ratingLabels
    .map((label, index) => `  ${index + 1} – ${label} : ${satisfactionUrl(publicBaseUrl, token, index + 1)}`)
    .join('\n')}`;
}
