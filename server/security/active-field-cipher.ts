import { loadConfig, type Config } from '../config';
import { developmentKey, keyring } from './encryption-keys';
import { FieldCipher } from './field-cipher';

let installed: FieldCipher | undefined;

export function fieldCipherFromConfig(config: Pick<Config, 'encryptionKeys' | 'encryptionActiveKeyId' | 'lookupHashKey'>): FieldCipher {
  return new FieldCipher(keyring(config.encryptionKeys, config.encryptionActiveKeyId), config.lookupHashKey ?? developmentKey('lookup-hash'));
}

/** The application installs its cipher at start-up; tests and commands may install another one. */
export function installFieldCipher(cipher: FieldCipher): void {
  installed = cipher;
}

/**
 * The cipher the models encrypt and decrypt with. Code that touches the models without starting the application
 * (a command, a test) gets the one the environment configures, so that no path writes personal data unencrypted.
 */
export function activeFieldCipher(): FieldCipher {
  installed ??= fieldCipherFromConfig(loadConfig());
  return installed;
}
