import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A business application on a loopback address that answers with the statuses it is told to, then 200. */
export class FakeReceiver {
  readonly calls: ReceivedCall[] = [];
  statuses: number[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.calls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = this.statuses.shift() ?? 200;
      response.end();
      this.waiters.splice(0).forEach((wake) => wake());
    });
  });
  private waiters: Array<() => void> = [];

  /** Returns the URL to call: a path with a query string, as a real receiver's often is. */
  async listen(host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    return `http://${host}:${this.port}/hooks/aiguillage?source=test`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async waitForCalls(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} webhook calls, got ${this.calls.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
