import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

import type { Keyring } from './encryption-keys';

const prefix = 'enc:v1:';
const bufferMagic = Buffer.from('AGE1', 'latin1');
const ciphertextPattern = /^enc:v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;

export type LookupKind = 'email' | 'phone';

/**
 * AES-256-GCM for personal fields: "enc:v1:<key id>:<iv>:<tag>:<ciphertext>" (base64url), so that each value
 * names the key it needs and keys can be rotated while old values stay readable. GCM's tag makes any tampering,
 * or a citizen typing something that merely looks like a ciphertext, fail to decrypt instead of yielding garbage.
 */
export class FieldCipher {
  constructor(
    private readonly keyring: Keyring,
    private readonly lookupKey: Buffer,
  ) {}

  get activeKeyId(): string {
    return this.keyring.activeKeyId;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys.get(this.keyring.activeKeyId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${prefix}${this.keyring.activeKeyId}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ciphertext.toString('base64url')}`;
  }

  /** The plaintext, or undefined when the value is not a ciphertext this keyring can authenticate. */
  tryDecrypt(value: string): string | undefined {
    const match = ciphertextPattern.exec(value);
    const key = match && this.keyring.keys.get(match[1]);
    if (!match || !key) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(match[2], 'base64url'));
      decipher.setAuthTag(Buffer.from(match[3], 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(match[4], 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** Stored values: a ciphertext is decrypted, anything else (rows written before encryption existed) is returned as is. */
  decrypt(value: string): string {
    if (!value.startsWith(prefix)) return value;
    const plaintext = this.tryDecrypt(value);
    if (plaintext === undefined) {
      throw new Error(`a stored value cannot be decrypted (key "${keyIdOf(value) ?? '?'}" missing from ENCRYPTION_KEYS, or data altered)`);
    }
    return plaintext;
  }

  /** Files (attachments): "AGE1", key id length and key id, IV, tag, then the ciphertext. */
  encryptBuffer(plaintext: Buffer): Buffer {
    const iv = randomBytes(12);
    const keyId = Buffer.from(this.keyring.activeKeyId, 'utf8');
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys.get(this.keyring.activeKeyId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([bufferMagic, Buffer.from([keyId.length]), keyId, iv, cipher.getAuthTag(), ciphertext]);
  }

  /** A file written before encryption existed (no header) is returned as is. */
  decryptBuffer(stored: Buffer): Buffer {
    const keyId = keyIdOfBuffer(stored);
    if (keyId === undefined) return stored;
    const keyIdEnd = bufferMagic.length + 1 + stored[bufferMagic.length];
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new Error(`a stored file cannot be decrypted (key "${keyId}" missing from ENCRYPTION_KEYS)`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(keyIdEnd, keyIdEnd + 12));
      decipher.setAuthTag(stored.subarray(keyIdEnd + 12, keyIdEnd + 28));
      return Buffer.concat([decipher.update(stored.subarray(keyIdEnd + 28)), decipher.final()]);
    } catch {
      throw new Error('a stored file cannot be decrypted (data altered)');
    }
  }

  /** Keyed hash of a whole content, to recognise it again without keeping it (e.g. a retried form's body). */
  contentHash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(`content:${value}`).digest('hex');
  }

  /**
   * Keyed hash of one normalised word, for the search index (`searchIndex` in encrypted-fields). Truncated to 128
   * bits: enough to tell a town hall's words apart, and a quarter of the index's size.
   */
  wordHash(word: string): string {
    return createHmac('sha256', this.lookupKey).update(`word:${word}`).digest().subarray(0, 16).toString('base64url');
  }

  /** Keyed hash for exact-match lookups (a plain hash of an e-mail address is reversible by dictionary). */
  lookupHash(kind: LookupKind, value: string): string {
    return createHmac('sha256', this.lookupKey)
      .update(`${kind}:${normaliseForLookup(kind, value)}`)
      .digest('hex');
  }
}

export function keyIdOf(value: string): string | undefined {
  return ciphertextPattern.exec(value)?.[1];
}

/** The key id in an encrypted file's header; undefined for a file stored before encryption existed. */
export function keyIdOfBuffer(stored: Buffer): string | undefined {
  if (!stored.subarray(0, bufferMagic.length).equals(bufferMagic)) return undefined;
  return stored.subarray(bufferMagic.length + 1, bufferMagic.length + 1 + stored[bufferMagic.length]).toString('utf8');
}

/** The same person written differently must hash the same: case and spacing for e-mail, national format for phones. */
export function normaliseForLookup(kind: LookupKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  const digits = value.replace(/[^0-9+]/g, '');
  return digits.replace(/^(\+33|0033)/, '0');
}
