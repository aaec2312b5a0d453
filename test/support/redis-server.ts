import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

import { freePort } from './mail-servers';

export const redisServerBinary = '/usr/bin/redis-server';

export interface RedisTestServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A real Redis from Debian's redis-server, on loopback, on a free port, with a throw-away configuration: nothing
 * saved to disk, no eviction (BullMQ must never lose a key to memory pressure). Never a shared server: each caller
 * gets its own. A missing binary fails the test with the package to install.
 */
export async function startRedisServer(): Promise<RedisTestServer> {
  if (!existsSync(redisServerBinary)) {
    throw new Error(
      `${redisServerBinary} is missing: these tests need Debian's redis-server. \`npm run prerequisites\` installs it, or says how`,
    );
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'aiguillage-redis-'));
  const port = await freePort();
  const configFile = path.join(directory, 'redis.conf');
  await writeFile(
    configFile,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      'protected-mode yes',
      `dir ${directory}`,
      'save ""',
      'appendonly no',
      'maxmemory-policy noeviction',
      'daemonize no',
      'loglevel warning',
      'logfile ""',
    ].join('\n'),
  );
  const child = spawn(redisServerBinary, [configFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url, child);
  return {
    url,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start-up (code ${child.exitCode})`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused while the server starts: the loop tries again.
    client.on('error', () => undefined);
    const answered = await client
      .connect()
      .then(() => client.ping())
      .then((pong) => pong === 'PONG')
      .catch(() => false)
      .finally(() => client.disconnect());
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
