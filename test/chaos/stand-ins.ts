import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Something that can be taken down and brought back on the same port, mid-run. */
export interface StandIn {
  port: number;
  up: boolean;
  served: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function listen(server: Server | SMTPServer, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = (server instanceof SMTPServer ? server.server : server).address() as AddressInfo;
  return address.port;
}

function standIn(create: (count: () => void) => Server | SMTPServer): Promise<StandIn> {
  let server = create(() => (handle.served += 1));
  const handle: StandIn = {
    port: 0,
    up: true,
    served: 0,
    async stop() {
      handle.up = false;
      if (server instanceof SMTPServer) await new Promise<void>((resolve) => server.close(() => resolve()));
      else {
        server.closeAllConnections();
        await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
      }
    },
    async start() {
      server = create(() => (handle.served += 1));
      await listen(server, handle.port);
      handle.up = true;
    },
  };
  return listen(server, 0).then((port) => Object.assign(handle, { port }));
}

/** An OpenAI-compatible chat endpoint answering every classification with the reception queue. */
export function fakeLlm(): Promise<StandIn> {
  return standIn((count) =>
    createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        count();
        const answer = { queue: 'accueil', intent: 'renseignement-general', confidence: 0.6, reason: 'Réponse de test.', entities: [] };
        response.setHeader('Content-Type', 'application/json');
        response.end(
          JSON.stringify({
            id: 'chaos',
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: 'chaos-model',
            choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer) }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
          }),
        );
      });
    }),
  );
}

/** The town's outgoing mail server: accepts every message (acknowledgements) and counts them. */
export function smtpSink(): Promise<StandIn> {
  return standIn(
    (count) =>
      new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, _session, callback) {
          stream.resume();
          stream.on('end', () => {
            count();
            callback();
          });
        },
      }),
  );
}
