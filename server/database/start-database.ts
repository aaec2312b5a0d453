import path from 'node:path';
import { MongoBinary, MongoMemoryServer } from 'mongodb-memory-server';

import type { Config } from '../config';
import type { Logger } from '../logger';

export interface DatabaseHandle {
  uri: string;
  kind: 'external' | 'mongod' | 'emulator';
  stop(): Promise<void>;
}

const emulatorShim = path.join(__dirname, 'mongod-emulator-shim.sh');
/** What the shim answers to `--version`: asking for it spares mongodb-memory-server's version-conflict warning. */
const emulatorShimVersion = '8.0.0';

/**
 * MONGODB_URI wins. Otherwise an embedded server: a real mongod through mongodb-memory-server (downloaded once,
 * cached), or, where it cannot be had (no internet), the jongodb wire-compatible emulator, which is only fit for
 * trying the product.
 */
export async function startDatabase(
  config: Pick<Config, 'mongodbUri' | 'embeddedMongo' | 'embeddedMongoDbPath'>,
  logger: Logger,
): Promise<DatabaseHandle> {
  if (config.mongodbUri) return { uri: config.mongodbUri, kind: 'external', stop: async () => undefined };
  if (config.embeddedMongo !== 'emulator') {
    try {
      // Obtaining the binary first (cached after the first download) keeps "no internet" a single warning line:
      // a download failure inside MongoMemoryServer.create() is also printed by mongodb-memory-server itself,
      // with its whole stack, before it reaches this catch.
      await MongoBinary.getPath();
      const server = await MongoMemoryServer.create({
        instance: {
          ip: '127.0.0.1',
          ...(config.embeddedMongoDbPath ? { dbPath: config.embeddedMongoDbPath, storageEngine: 'wiredTiger' } : {}),
        },
      });
      logger.info({ uri: server.getUri() }, 'embedded MongoDB (real mongod) started');
      return {
        uri: server.getUri(),
        kind: 'mongod',
        stop: async () => {
          await server.stop();
        },
      };
    } catch (error) {
      if (config.embeddedMongo === 'mongod') throw error;
      logger.warn({ reason: (error as Error).message }, 'no mongod could be obtained for the embedded database: using the emulator');
    }
  }
  const server = await MongoMemoryServer.create({
    instance: { ip: '127.0.0.1' },
    binary: { systemBinary: emulatorShim, version: emulatorShimVersion, checkMD5: false },
  });
  logger.warn(
    { uri: server.getUri() },
    'EMULATED DATABASE (jongodb): in memory, data is lost at exit, not MongoDB. For trying Aiguillage only: set MONGODB_URI in production.',
  );
  return {
    uri: server.getUri(),
    kind: 'emulator',
    stop: async () => {
      await server.stop();
    },
  };
}
