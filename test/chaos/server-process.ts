import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** `npm start` without the client build: the server as its own process, killed and restarted by the chaos run. */
export class ServerProcess {
  private child: ChildProcess | null = null;

  constructor(
    private readonly environment: NodeJS.ProcessEnv,
    readonly url: string,
  ) {}

  async start(timeoutMs = 120_000): Promise<number> {
    const startedAt = Date.now();
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: this.environment,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    while (Date.now() - startedAt < timeoutMs) {
      if (this.child.exitCode !== null) throw new Error(`the server exited during start-up (code ${this.child.exitCode})`);
      const ready = await fetch(`${this.url}/ready`)
        .then((response) => response.ok)
        .catch(() => false);
      if (ready) return Date.now() - startedAt;
      await sleep(200);
    }
    throw new Error('the server did not become ready in time');
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGSTOP freezes the process as a blocked event loop would; SIGCONT lets it go on. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.child?.kill(signal);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
