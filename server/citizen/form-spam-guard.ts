import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stops robots at the public form without a CAPTCHA (which shuts out people with disabilities and many others):
 * a field hidden from people that robots fill in, and a minimum time between showing the form and sending it,
 * measured from a signed timestamp the form carries. Rate limits per address and the idempotency key do the rest.
 */
export type SpamVerdict = { refused: false } | { refused: true; reason: 'honeypot' | 'too-fast' | 'no-start' };

function signature(startedAt: number, secret: string): Buffer {
  return createHmac('sha256', secret).update(`form-start:${startedAt}`).digest().subarray(0, 16);
}

/** The moment the form was shown, signed so that a robot cannot claim it has been waiting. */
export function formStartToken(now: Date, secret: string): string {
  return `${now.getTime()}.${signature(now.getTime(), secret).toString('base64url')}`;
}

export function formStartOf(token: string | undefined, secret: string): Date | null {
  const match = /^(\d{10,16})\.([A-Za-z0-9_-]{22})$/.exec(token ?? '');
  if (!match) return null;
  const given = Buffer.from(match[2], 'base64url');
  const expected = signature(Number(match[1]), secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? new Date(Number(match[1])) : null;
}

export function spamVerdict(
  submission: { honeypot: string; startToken: string | undefined },
  secret: string,
  minimumSeconds: number,
  now: Date,
): SpamVerdict {
  if (submission.honeypot.trim() !== '') return { refused: true, reason: 'honeypot' };
  const startedAt = formStartOf(submission.startToken, secret);
  if (!startedAt) return { refused: true, reason: 'no-start' };
  if (now.getTime() - startedAt.getTime() < minimumSeconds * 1000) return { refused: true, reason: 'too-fast' };
  return { refused: false };
}
