import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
  role: string;
  content: string;
}

/** A chat completion request exactly as it arrived, for assertions on what left the application. */
export interface ReceivedCall {
  path: string;
  authorization: string | undefined;
  rawBody: string;
  body: { model: string; messages: ChatMessage[]; response_format?: { type: string } };
}

export type ScriptedReply =
  | { kind: 'content'; content: string; totalTokens: number }
  | { kind: 'status'; status: number }
  | { kind: 'broken-body'; body: string }
  | { kind: 'slow'; delayMs: number; then: ScriptedReply };

export const scripted = {
  /** A well-formed completion whose message content is this object as JSON. */
  answer: (answer: object, totalTokens = 120): ScriptedReply => ({ kind: 'content', content: JSON.stringify(answer), totalTokens }),
  /** A well-formed completion whose message content is this text as it is (malformed JSON, prose). */
  content: (content: string, totalTokens = 120): ScriptedReply => ({ kind: 'content', content, totalTokens }),
  status: (status: number): ScriptedReply => ({ kind: 'status', status }),
  /** A 200 whose body itself is not JSON, as a misbehaving proxy might send. */
  brokenBody: (body: string): ScriptedReply => ({ kind: 'broken-body', body }),
  slow: (delayMs: number, then: ScriptedReply): ScriptedReply => ({ kind: 'slow', delayMs, then }),
};

/**
 * An OpenAI-compatible server on loopback that answers `/v1/chat/completions` from a script, one reply per call in
 * order, and keeps every request it received. An unscripted call gets a 500, which tests see as a server error.
 */
export class FakeOpenAiServer {
  readonly received: ReceivedCall[] = [];
  private readonly script: ScriptedReply[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeOpenAiServer> {
    const server = createServer();
    const fake = new FakeOpenAiServer(server);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Replies scripted but not yet used: a test that ends with some left did not make the calls it expected. */
  get pendingReplies(): number {
    return this.script.length;
  }

  enqueue(...replies: ScriptedReply[]): void {
    this.script.push(...replies);
  }

  async close(): Promise<void> {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      this.send(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: 'invalid_request_error' } });
      return;
    }
    const body = JSON.parse(rawBody) as ReceivedCall['body'];
    this.received.push({ path: request.url, authorization: request.headers.authorization, rawBody, body });
    this.reply(response, body.model, this.script.shift() ?? { kind: 'status', status: 500 });
  }

  private reply(response: ServerResponse, model: string, reply: ScriptedReply): void {
    if (reply.kind === 'slow') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!response.destroyed) this.reply(response, model, reply.then);
      }, reply.delayMs);
      this.timers.add(timer);
      return;
    }
    if (reply.kind === 'broken-body') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(reply.body);
      return;
    }
    if (reply.kind === 'status') {
      this.send(response, reply.status, { error: { message: `scripted status ${reply.status}`, type: 'server_error', code: null } });
      return;
    }
    const completionTokens = Math.min(40, reply.totalTokens);
    this.send(response, 200, {
      id: `chatcmpl-${this.received.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: reply.totalTokens - completionTokens, completion_tokens: completionTokens, total_tokens: reply.totalTokens },
    });
  }

  private send(response: ServerResponse, status: number, body: object): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}
