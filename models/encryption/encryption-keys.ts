import { createHash } from 'node:crypto';
import { z } from 'zod';

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/** The AES-256 keys the database's personal fields may be encrypted with, by id, and the one new values use. */
export interface Keyring {
  keys: ReadonlyMap<string, Buffer>;
  activeKeyId: string;
}

/** "k1:BASE64,k2:BASE64": each key exactly 32 bytes once base64-decoded. */
export const encryptionKeysSchema = z.string().transform((value, context) => {
  const keys = new Map<string, Buffer>();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !keyIdPattern.test(id)) {
      context.addIssue({ code: 'custom', message: 'each key must be written "id:base64" with an id of letters, digits, _ or -' });
      return z.NEVER;
    }
    if (key.length !== 32) {
      context.addIssue({ code: 'custom', message: `key "${id}" must decode to 32 bytes (AES-256), not ${key.length}` });
      return z.NEVER;
    }
    if (keys.has(id)) {
      context.addIssue({ code: 'custom', message: `key id "${id}" appears twice` });
      return z.NEVER;
    }
    keys.set(id, key);
  }
  if (keys.size === 0) {
    context.addIssue({ code: 'custom', message: 'at least one key is required' });
    return z.NEVER;
  }
  return keys;
});

/** A base64 secret of at least 32 bytes (for the keyed lookup hashes). */
export const secretKeySchema = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length >= 32, 'must decode to at least 32 bytes');

export const developmentKeyId = 'dev';

/**
 * Outside production, a fixed, publicly known key, labelled as such, so that a developer's database stays readable
 * across restarts without any setup. Production refuses to start without real keys (see config).
 */
export function developmentKey(purpose: 'encryption' | 'lookup-hash'): Buffer {
  return createHash('sha256').update(`aiguillage development ${purpose} key: NOT SECRET, NEVER USE IN PRODUCTION`).digest();
}

export function keyring(keys: ReadonlyMap<string, Buffer> | undefined, activeKeyId: string | undefined): Keyring {
  if (!keys) return { keys: new Map([[developmentKeyId, developmentKey('encryption')]]), activeKeyId: developmentKeyId };
  const active = activeKeyId ?? [...keys.keys()].at(-1)!;
  if (!keys.has(active)) throw new Error(`ENCRYPTION_ACTIVE_KEY_ID "${active}" is not one of the ENCRYPTION_KEYS ids`);
  return { keys, activeKeyId: active };
}
