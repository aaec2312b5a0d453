import { loadConfig } from '../../server/config';
import { startDatabase, type DatabaseHandle } from '../../server/database/start-database';
import { createLogger } from '../../server/logger';

declare global {
  var testDatabase: DatabaseHandle | undefined;
}

/**
 * One embedded database server for the whole run, started exactly as `npm start` does (real mongod where it can
 * be had, the emulator otherwise); each test file works in its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await startDatabase(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'warn'));
  globalThis.testDatabase = database;
  process.env.TEST_MONGODB_URI = database.uri;
}
