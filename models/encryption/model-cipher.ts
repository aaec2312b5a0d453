import type { FieldCipher } from './field-cipher';

let installed: FieldCipher | undefined;

/**
 * Installs the cipher the models encrypt and decrypt with. Every process that touches the models installs one at
 * start-up (the application, each command, the test setup): there is deliberately no default read from the
 * environment here, so that a missing key is a start-up error rather than a silent fallback.
 */
export function installModelCipher(cipher: FieldCipher): void {
  installed = cipher;
}

export function modelCipher(): FieldCipher {
  if (!installed) throw new Error('No field cipher installed: call installModelCipher() at start-up, before touching the models');
  return installed;
}
