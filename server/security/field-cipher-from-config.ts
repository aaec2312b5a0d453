import { developmentKey, keyring } from '../../models/encryption/encryption-keys';
import { FieldCipher } from '../../models/encryption/field-cipher';
import type { Config } from '../config';

export function fieldCipherFromConfig(config: Pick<Config, 'encryptionKeys' | 'encryptionActiveKeyId' | 'lookupHashKey'>): FieldCipher {
  return new FieldCipher(
    keyring(config.encryptionKeys, config.encryptionActiveKeyId),
    config.lookupHashKey ?? developmentKey('lookup-hash'),
  );
}
