import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateSecret, normalizeHashAlgorithm, type Base32Plugin, type CryptoPlugin } from '@otplib/core';
import { verify } from '@otplib/totp';
import { generateTOTP } from '@otplib/uri';

const periodSeconds = 30;
const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// otplib's default plugins are ES modules only; these two use Node's crypto and RFC 4648 base32 directly.
const nodeCrypto: CryptoPlugin = {
  name: 'node',
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(normalizeHashAlgorithm(algorithm), key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  constantTimeEqual: (a, b) => {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  },
};

const base32: Base32Plugin = {
  name: 'rfc4648',
  encode(data) {
    let bits = 0;
    let value = 0;
    let output = '';
    for (const byte of data) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        output += base32Alphabet[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return bits > 0 ? output + base32Alphabet[(value << (5 - bits)) & 31] : output;
  },
  decode(text) {
    const clean = text.toUpperCase().replace(/=+$/, '');
    const bytes: number[] = [];
    let bits = 0;
    let value = 0;
    for (const character of clean) {
      const index = base32Alphabet.indexOf(character);
      if (index < 0) throw new Error('invalid base32 character');
      value = (value << 5) | index;
      bits += 5;
      if (bits >= 8) {
        bytes.push((value >>> (bits - 8)) & 255);
        bits -= 8;
      }
    }
    return new Uint8Array(bytes);
  },
};

export function newTotpSecret(): string {
  return generateSecret({ crypto: nodeCrypto, base32, length: 20 });
}

/** The otpauth:// address an authenticator app reads (usually from a QR code). */
export function totpEnrolmentUri(issuer: string, accountLabel: string, secret: string): string {
  return generateTOTP({ issuer, label: accountLabel, secret, period: periodSeconds });
}

/**
 * The time step the code belongs to when it is valid now (one step of clock drift allowed either way), else null.
 * The caller must refuse a time step already used (replay).
 */
export async function totpTimeStepOf(secret: string, code: string, now = new Date()): Promise<number | null> {
  if (!/^\d{6}$/.test(code) || secret === '') return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret,
    token: code,
    period: periodSeconds,
    epoch,
    epochTolerance: periodSeconds,
    crypto: nodeCrypto,
    base32,
  });
  return result.valid ? result.timeStep : null;
}
