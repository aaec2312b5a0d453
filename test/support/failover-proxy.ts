import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP load balancer on loopback in front of several web processes: each new connection goes to the first
 * backend that accepts it, in the order given (or, `roundRobin`, starting from the next backend each time), so
 * that a killed process's clients come back through another one. `route` changes the order (traffic moves to
 * another process while the first stays up); `dropClients` cuts every open connection, as a network blip does.
 */
export class FailoverProxy {
  private readonly server: Server;
  private readonly open = new Set<Socket>();
  private turn = 0;

  private constructor(
    private backends: number[],
    private readonly roundRobin: boolean,
    server: Server,
  ) {
    this.server = server;
  }

  static async start(backends: number[], options: { roundRobin?: boolean } = {}): Promise<FailoverProxy> {
    const proxy = new FailoverProxy(backends, options.roundRobin ?? false, createServer());
    proxy.server.on('connection', (client) => proxy.forward(client));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  route(backends: number[]): void {
    this.backends = backends;
  }

  dropClients(): void {
    for (const socket of this.open) socket.destroy();
  }

  async stop(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket, attempt = 0, first = this.roundRobin ? this.turn++ : 0): void {
    client.pause();
    if (attempt >= this.backends.length) {
      client.destroy();
      return;
    }
    const upstream = connect(this.backends[(first + attempt) % this.backends.length], '127.0.0.1');
    upstream.once('error', () => {
      upstream.destroy();
      if (!client.destroyed) this.forward(client, attempt + 1, first);
    });
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      for (const socket of [client, upstream]) {
        this.open.add(socket);
        socket.once('close', () => this.open.delete(socket));
        socket.on('error', () => [client, upstream].forEach((end) => end.destroy()));
      }
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  }
}
