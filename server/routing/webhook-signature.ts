import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-aiguillage-signature';
export const timestampHeader = 'x-aiguillage-timestamp';

/**
 * `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}`. Signing the timestamp with the body lets a receiver
 * refuse a replayed call by its age (the n8n/Stripe/GitHub convention, so existing recipes apply).
 */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers written in TypeScript, and for the tests: constant-time comparison. */
export function isValidWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhookBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
