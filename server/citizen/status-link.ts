import { createHmac, timingSafeEqual } from 'node:crypto';

const signatureBytes = 16;

function signature(requestId: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`status:${requestId}`).digest().subarray(0, signatureBytes);
}

/**
 * The credential of a request's status page: the request id and a 128-bit HMAC of it, so that a link can be neither
 * guessed nor made for another request. It carries no expiry of its own: the page closes when the request's
 * retention ends (see statusLinkOpen), which is known only once the request is routed and handled.
 */
export function statusToken(requestId: string, secret: string): string {
  return `${Buffer.from(requestId, 'hex').toString('base64url')}.${signature(requestId, secret).toString('base64url')}`;
}

/** The request id a token was signed for; null for anything tampered with, truncated or made up. */
export function requestIdOfStatusToken(token: string, secret: string): string | null {
  const match = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const requestId = Buffer.from(match[1], 'base64url').toString('hex');
  const given = Buffer.from(match[2], 'base64url');
  const expected = signature(requestId, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? requestId : null;
}

/** The links a citizen is given: the status page, and the one-click end of follow-up notifications. */
export interface CitizenLinks {
  statusUrl(requestId: string): string;
  unsubscribeUrl(requestId: string): string;
}

export function citizenLinks(publicBaseUrl: string, secret: string): CitizenLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    statusUrl: (requestId) => `${base}/suivi/${statusToken(requestId, secret)}`,
    unsubscribeUrl: (requestId) => `${base}/suivi/${statusToken(requestId, secret)}/desabonnement`,
  };
}
