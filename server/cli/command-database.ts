import mongoose from 'mongoose';

import { installModelCipher } from '../../models/encryption/model-cipher';
import { loadConfig, type Config } from '../config';
import { fieldCipherFromConfig } from '../security/field-cipher-from-config';

/**
 * What the maintenance commands share: the configuration from the environment, the field cipher it names, and the
 * database of MONGODB_URI (required: the embedded database lives only inside the running server).
 */
export async function connectCommandDatabase(): Promise<{ config: Config; close(): Promise<void> }> {
  const config = loadConfig();
  if (!config.mongodbUri) throw new Error('MONGODB_URI must name the database this command works on');
  installModelCipher(fieldCipherFromConfig(config));
  await mongoose.connect(config.mongodbUri, { autoCreate: false, autoIndex: false, serverSelectionTimeoutMS: 10_000 });
  return { config, close: () => mongoose.disconnect() };
}

/** Runs a command's main function: failures are printed without a stack trace and end with exit code 1. */
export function runCommand(main: () => Promise<number | void>): void {
  main()
    .then((exitCode) => {
      process.exitCode = exitCode ?? 0;
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    });
}
