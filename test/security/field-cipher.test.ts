import { randomBytes } from 'node:crypto';

import { keyIdOf } from '../../models/encryption/field-cipher';
import { loadConfig } from '../../server/config';
import { fieldCipherFromConfig } from '../../server/security/field-cipher-from-config';

const key = () => randomBytes(32).toString('base64');

describe('field cipher and its keys', () => {
  it('makes the models refuse to work until a cipher is installed, instead of falling back to the environment', () => {
    jest.isolateModules(() => {
      // A fresh copy of the module, as a process that forgot to install its cipher would have.
      const { modelCipher } = jest.requireActual<typeof import('../../models/encryption/model-cipher')>(
        '../../models/encryption/model-cipher',
      );
      expect(() => modelCipher()).toThrow(/No field cipher installed/);
    });
  });

  it('refuses to start in production without encryption and lookup keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /ENCRYPTION_KEYS: required in production[\s\S]*LOOKUP_HASH_KEY: required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${key()}`, LOOKUP_HASH_KEY: key() })).not.toThrow();
  });

  it('names the variable when a key is malformed', () => {
    expect(() => loadConfig({ ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/ENCRYPTION_KEYS: key "k1" must decode to 32 bytes/);
    expect(() => loadConfig({ ENCRYPTION_KEYS: `k1:${key()},k1:${key()}` })).toThrow(/appears twice/);
    expect(() => loadConfig({ ENCRYPTION_KEYS: `k1:${key()}`, ENCRYPTION_ACTIVE_KEY_ID: 'k9' })).toThrow(
      /ENCRYPTION_ACTIVE_KEY_ID: must be one of the ids/,
    );
    expect(() => loadConfig({ LOOKUP_HASH_KEY: 'c2hvcnQ=' })).toThrow(/LOOKUP_HASH_KEY: must decode to at least 32 bytes/);
  });

  it('encrypts with the active key and still decrypts values of older keys', () => {
    const [k1, k2, lookup] = [key(), key(), key()];
    const before = fieldCipherFromConfig(loadConfig({ ENCRYPTION_KEYS: `k1:${k1}`, LOOKUP_HASH_KEY: lookup }));
    const after = fieldCipherFromConfig(
      loadConfig({ ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`, ENCRYPTION_ACTIVE_KEY_ID: 'k2', LOOKUP_HASH_KEY: lookup }),
    );
    const old = before.encrypt('Acte de naissance de Léa');
    const fresh = after.encrypt('Acte de naissance de Léa');
    expect([keyIdOf(old), keyIdOf(fresh)]).toEqual(['k1', 'k2']);
    expect(after.decrypt(old)).toBe('Acte de naissance de Léa');
    expect(() => before.decrypt(fresh)).toThrow(/key "k2" missing/);
    expect(before.encrypt('x')).not.toBe(before.encrypt('x'));
  });

  it('detects any alteration and returns values written before encryption unchanged', () => {
    const cipher = fieldCipherFromConfig(loadConfig({}));
    const value = cipher.encrypt('06 12 34 56 78');
    const [tag, body] = value.split(':').slice(4);
    expect(() => cipher.decrypt(value.replace(`:${body}`, `:${body.slice(1)}A`))).toThrow(/cannot be decrypted/);
    expect(() => cipher.decrypt(value.replace(tag, 'A'.repeat(22)))).toThrow(/cannot be decrypted/);
    expect(cipher.decrypt('texte ancien, jamais chiffré')).toBe('texte ancien, jamais chiffré');
  });

  it('makes lookup hashes depend on the key and not on how the value is written', () => {
    const first = fieldCipherFromConfig(loadConfig({ LOOKUP_HASH_KEY: key() }));
    const second = fieldCipherFromConfig(loadConfig({ LOOKUP_HASH_KEY: key() }));
    expect(first.lookupHash('email', ' Marie.Curie@Example.ORG')).toBe(first.lookupHash('email', 'marie.curie@example.org'));
    expect(first.lookupHash('phone', '+33 6 12 34 56 78')).toBe(first.lookupHash('phone', '06.12.34.56.78'));
    expect(first.lookupHash('email', 'marie.curie@example.org')).not.toBe(second.lookupHash('email', 'marie.curie@example.org'));
    expect(first.lookupHash('phone', '06 12 34 56 78')).not.toBe(first.lookupHash('phone', '06 12 34 56 79'));
  });
});
