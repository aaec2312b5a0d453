import { randomBytes } from 'node:crypto';

import { createUser } from '../../models/accounts/user-repository';
import { startApplication } from '../../server/application';
import { hashPassword } from '../../server/auth/password-hashing';
import { loadConfig } from '../../server/config';
import { startDatabase } from '../../server/database/start-database';
import { createLogger } from '../../server/logger';
import { ensureClientBuilt, launchBrowser, signInThroughForm } from '../browser/support/browser';
import { percentile } from './percentile';

const requestCount = Number(process.env.BENCH_REQUESTS ?? 30);

/**
 * What an agent sees: from the API's 201 to the request's row in the agent's list in Chromium (classification,
 * routing, live push and rendering included), one request at a time.
 */
async function benchLivePush(): Promise<void> {
  ensureClientBuilt();
  const logger = createLogger('warn');
  const config = loadConfig(process.env, { port: 0, smtpIntakeEnabled: false, logLevel: 'warn' });
  const database = await startDatabase(config, logger);
  const application = await startApplication(
    config,
    logger,
    `${database.uri.replace(/\/$/, '')}/bench_live_${randomBytes(3).toString('hex')}`,
  );
  const password = randomBytes(12).toString('base64url');
  const email = `agent.bench.${randomBytes(3).toString('hex')}@mairie.example`;
  await createUser({
    email,
    displayName: 'Agent du banc d’essai',
    role: 'agent',
    queues: ['etat-civil'],
    passwordHash: await hashPassword(password),
  });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInThroughForm(page, application.url, { email, password });
  await page.getByText('En direct', { exact: true }).waitFor();

  const latencies: number[] = [];
  for (let index = 0; index < requestCount; index += 1) {
    const rowsBefore = await page.locator('tr.ticket-row').count();
    const response = await fetch(`${application.url}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: `Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance (demande n° ${index}).`,
        requester: { name: 'Banc d’essai', email: 'banc@example.org' },
      }),
    });
    if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
    const acceptedAt = performance.now();
    await page.locator('tr.ticket-row').nth(rowsBefore).waitFor({ timeout: 30_000 });
    latencies.push(performance.now() - acceptedAt);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `live push to the browser (API 201 → row shown in Chromium), embedded ${database.kind}, ${requestCount} requests one at a time`,
  );
  console.log(
    `  latency p50: ${percentile(latencies, 50).toFixed(0)} ms  p90: ${percentile(latencies, 90).toFixed(0)} ms  max: ${latencies.at(-1)!.toFixed(0)} ms`,
  );
  await browser.close();
  await application.stop();
  await database.stop();
}

benchLivePush().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
