import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from '../support/mail-servers';

const repositoryRoot = path.resolve(__dirname, '../..');

/**
 * `npm start` as a newcomer runs it: through npm (its project config and its warnings), no MONGODB_URI, the embedded
 * database in its default mode (here, offline, the download of mongod fails and the emulator takes over; with
 * internet the real mongod is downloaded once and cached). `--ignore-scripts` skips only the prestart build of the
 * web app, which `npm test` has done already.
 */
function npmStart(port: number, smtpPort: number): { child: ChildProcess; output: { stdout: string; stderr: string } } {
  // The child starts as a newcomer's shell would: none of the test run's database or environment settings.
  const environment = { ...process.env };
  for (const name of ['MONGODB_URI', 'TEST_MONGODB_URI', 'EMBEDDED_MONGO', 'NODE_ENV']) delete environment[name];
  const child = spawn('npm', ['start', '--ignore-scripts'], {
    cwd: repositoryRoot,
    env: { ...environment, HOST: '127.0.0.1', PORT: String(port), SMTP_INTAKE_PORT: String(smtpPort) },
    // Its own process group, so that stopping it stops npm, the shell and the server together.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}

async function firstReadyAnswer(url: string, child: ChildProcess, output: { stdout: string; stderr: string }): Promise<string> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited (code ${child.exitCode}) before /ready answered:\n${output.stdout}${output.stderr}`);
    const status = await fetch(`${url}/ready`)
      .then((response) => response.status)
      .catch(() => null);
    // What a script waiting for /ready could read at that moment.
    if (status === 200) return output.stdout;
    await sleep(100);
  }
}

describe('npm start, as a newcomer runs it', () => {
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  });

  it('has printed the demo accounts when /ready first answers, with no stack trace and no npm warning', async () => {
    const [port, smtpPort] = [await freePort(), await freePort()];
    const started = npmStart(port, smtpPort);
    child = started.child;

    const stdoutWhenReady = await firstReadyAnswer(`http://127.0.0.1:${port}`, child, started.output);
    expect(stdoutWhenReady).toContain('Comptes de démonstration');
    for (const email of ['agent.etat-civil@mairie.example', 'superviseur@mairie.example', 'admin@mairie.example', 'dpo@mairie.example']) {
      expect(stdoutWhenReady).toMatch(new RegExp(`${email.replace(/\./g, '\\.')} +\\S{12}\\n`));
    }

    const exited = once(child, 'exit');
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    const everything = `${started.output.stdout}${started.output.stderr}`;
    expect(everything).not.toContain('    at ');
    expect(everything).not.toMatch(/npm warn/i);
  }, 240_000);
});
