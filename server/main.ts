import { queueIds } from '../classifiers/taxonomy/taxonomy';
import { startApplication } from './application';
import { loadConfig } from './config';
import { startDatabase } from './database/start-database';
import { createLogger } from './logger';
import { seedDemoAccounts } from './seed/seed-demo-data';
import { demoDefaultCommune, seedDemoEpci, seedDemoEpciAccounts } from './seed/seed-demo-epci';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await startDatabase(config, logger);
  const seedDemoData = config.seedDemoData ?? database.kind !== 'external';
  // The demonstration is an EPCI of three communes on a database that lives as long as the process; a kept
  // embedded database (EMBEDDED_MONGO_DBPATH) or a named commune (COMMUNE_INSEE) stays a single commune.
  const demoEpci = seedDemoData && !config.embeddedMongoDbPath && config.communeInsee === '00000';
  let demoAccountsPrinted = false;
  const application = await startApplication(demoEpci ? { ...config, communeInsee: demoDefaultCommune } : config, logger, database.uri, {
    ...(demoEpci ? { seed: seedDemoEpci } : {}),
    // Before the service listens, so that a script waiting for /ready can already read the accounts.
    beforeListening: async () => {
      if (!seedDemoData) return;
      const accounts = [...(await seedDemoAccounts(queueIds)), ...(demoEpci ? await seedDemoEpciAccounts(queueIds) : [])];
      if (accounts.length === 0) return;
      // Printed on the terminal, not logged: these are the only copy of the demo passwords.
      process.stdout.write(
        `\nComptes de démonstration (mots de passe générés, affichés une seule fois) :\n${accounts
          .map((account) => `  ${account.role.padEnd(10)} ${account.email.padEnd(38)} ${account.password}`)
          .join('\n')}\n\n`,
      );
      demoAccountsPrinted = true;
    },
  });
  if (demoAccountsPrinted) process.stdout.write(`API : ${application.url}  —  SMTP : port ${application.smtpPort ?? 'désactivé'}\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    application
      .stop()
      .then(() => database.stop())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Aiguillage could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
