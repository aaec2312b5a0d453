import { io as connectSocket, type Socket } from 'socket.io-client';
import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { singleLine } from '../../server/pipeline/single-line-text';
import { connectAgentSocket, signedInToken, startTestApplication } from '../support/test-application';
import { hostileBodies, hostileStrings } from './hostile-payloads';

type Field = 'text' | 'subject' | 'requester.name' | 'requester.email' | 'requester.phone' | 'attachments.filename';
const fields: Field[] = ['text', 'subject', 'requester.name', 'requester.email', 'requester.phone', 'attachments.filename'];
const ordinary = { text: 'Bonjour, le lampadaire de la rue des Écoles ne s’allume plus le soir.', requester: { name: 'Hostile' } };
/** What survives a round trip through UTF-8: a lone surrogate becomes U+FFFD. */
const wellFormed = (value: string) => value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const stackTrace = /\bat .+\.(ts|js):\d+|node_modules|MongoServerError|TypeError|ReferenceError|SyntaxError: /;

function formWith(field: Field, value: string) {
  switch (field) {
    case 'text':
      return { ...ordinary, text: value };
    case 'subject':
      return { ...ordinary, subject: value };
    case 'requester.name':
      return { ...ordinary, requester: { name: value } };
    case 'requester.email':
      return { ...ordinary, requester: { name: 'Hostile', email: value } };
    case 'requester.phone':
      return { ...ordinary, requester: { name: 'Hostile', phone: value } };
    case 'attachments.filename':
      return { ...ordinary, attachments: [{ filename: value, contentType: 'application/pdf', size: 10 }] };
  }
}

/** Names and subjects are stored on one line (see intake-normalisation.test.ts); the rest verbatim. */
function expectedStored(field: Field, value: string): string | undefined {
  if (field === 'subject') return singleLine(value);
  if (field === 'requester.name') return singleLine(value) || undefined;
  return value;
}

function storedValue(field: Field, stored: InstanceType<typeof RequestModel>): unknown {
  switch (field) {
    case 'text':
      return stored.text;
    case 'subject':
      return stored.subject;
    case 'requester.name':
      return stored.requester?.name;
    case 'requester.email':
      return stored.requester?.email;
    case 'requester.phone':
      return stored.requester?.phone;
    case 'attachments.filename':
      return stored.attachments[0]?.filename;
  }
}

describe('hostile inputs on intake, query parameters and sockets: a 4xx or stored inert, never a crash or a leak', () => {
  let application: RunningApplication;
  let supervisor: string;
  let tried = 0;
  const accepted: string[] = [];
  const acceptedTexts = new Map<string, string>();

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
  });
  afterAll(async () => application.stop());

  afterEach(async () => {
    await request(application.url).get('/health').expect(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses or stores verbatim (names and subjects on one line) each hostile string in each field of the public form', async () => {
    const problems: string[] = [];
    const attempts = hostileStrings.flatMap((value) => fields.map((field) => ({ value, field })));
    const tryOne = async ({ value, field }: (typeof attempts)[number]) => {
      tried += 1;
      const response = await request(application.url).post('/api/requests').send(formWith(field, value));
      const label = `${field} = ${JSON.stringify(value.slice(0, 40))}`;
      if (response.status === 201) {
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        const stored = await RequestModel.findById(response.body.id);
        if (storedValue(field, stored!) !== expectedStored(field, wellFormed(value.trim()))) problems.push(`${label}: stored differently`);
        accepted.push(response.body.id);
        if (field === 'text') acceptedTexts.set(value, response.body.id);
      } else if (response.status < 400 || response.status >= 500) {
        problems.push(`${label}: ${response.status}`);
      } else if (typeof response.body.error !== 'string' || stackTrace.test(response.text)) {
        problems.push(`${label}: unexpected error body ${response.text.slice(0, 200)}`);
      }
    };
    // A few at a time, as several citizens would.
    for (let start = 0; start < attempts.length; start += 8) await Promise.all(attempts.slice(start, start + 8).map(tryOne));
    expect(problems).toEqual([]);
    expect(accepted.length).toBeGreaterThan(50);
  });

  it('refuses bodies whose structure is the attack, and is not polluted by them', async () => {
    const statuses: Record<string, number> = {};
    for (const body of hostileBodies) {
      tried += 1;
      const response = await request(application.url).post('/api/requests').set('Content-Type', 'application/json').send(body.raw);
      statuses[body.name] = response.status;
      expect(stackTrace.test(response.text)).toBe(false);
    }
    expect(Object.entries(statuses).filter(([, status]) => status < 400 || status >= 500)).toEqual([]);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('processes every accepted hostile request into a ticket, and shows it back as JSON text', async () => {
    await application.worker.idle();
    expect(await RequestModel.countDocuments({ _id: { $in: accepted }, status: { $ne: 'processed' } })).toBe(0);
    expect(await TicketModel.countDocuments({ requestId: { $in: accepted } })).toBe(accepted.length);
    for (const payload of ['<script>alert(document.cookie)</script>', '<img src=x onerror=alert(1)>', "' OR '1'='1"]) {
      const ticket = await TicketModel.findOne({ requestId: acceptedTexts.get(payload) });
      const detail = await request(application.url)
        .get(`/api/tickets/${ticket!.id}`)
        .set('Authorization', `Bearer ${supervisor}`)
        .expect(200);
      expect(detail.headers['content-type']).toMatch(/^application\/json/);
      expect(detail.headers['x-content-type-options']).toBe('nosniff');
      expect(detail.body.ticket.request.text).toBe(payload);
    }
  });

  it('answers each hostile query parameter with a 4xx', async () => {
    const problems: string[] = [];
    for (const value of hostileStrings.map(wellFormed)) {
      for (const query of [
        `queue=${encodeURIComponent(value)}`,
        `status=${encodeURIComponent(value)}`,
        `page=${encodeURIComponent(value)}`,
        `${encodeURIComponent(value)}=1`,
      ]) {
        tried += 1;
        const response = await request(application.url).get(`/api/tickets?${query}`).set('Authorization', `Bearer ${supervisor}`);
        if (response.status < 400 || response.status >= 500 || stackTrace.test(response.text))
          problems.push(`${query.slice(0, 60)}: ${response.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('ignores hostile socket messages and refuses hostile handshake tokens', async () => {
    const token = await signedInToken(application, 'agent', ['voirie']);
    const attacker = await connectAgentSocket(application, token);
    const bystander = await connectAgentSocket(application, await signedInToken(application, 'agent', ['etat-civil']));
    const seenByBystander: string[] = [];
    bystander.onAny((event: string) => seenByBystander.push(event));
    const requestsBefore = await RequestModel.countDocuments();

    for (const value of hostileStrings.filter((candidate) => candidate.length < 1_000)) {
      tried += 2;
      attacker.emit(value || 'vide', { text: value, queue: 'etat-civil', $where: value });
      attacker.emit('ticket.created', { id: value, queue: 'etat-civil', request: { text: value } });
    }
    await request(application.url).get('/health').expect(200);
    expect(attacker.connected).toBe(true);
    expect(seenByBystander).toEqual([]);
    expect(await RequestModel.countDocuments()).toBe(requestsBefore);

    const oversized = await connectAgentSocket(application, token);
    const cutOff = new Promise((resolve) => oversized.once('disconnect', resolve));
    oversized.emit('message', 'A'.repeat(100_000));
    await cutOff;

    const refusals: string[] = [];
    for (const auth of [
      ...hostileStrings.map((value) => ({ token: value })),
      { token: { $ne: null } },
      { token: ['a'.repeat(43)] },
      {},
      { token: null },
    ]) {
      tried += 1;
      const socket: Socket = connectSocket(application.url, { auth, transports: ['websocket'], reconnection: false });
      refusals.push(
        await new Promise<string>((resolve) => {
          socket.once('connect_error', (error) => resolve(error.message));
          // A handshake over the size limit is cut off before any answer.
          socket.io.once('close', () => resolve('connexion coupée'));
          socket.once('session.ready', () => resolve('CONNECTED'));
        }),
      );
      socket.close();
    }
    expect(refusals.filter((message) => !/Authentification requise|connexion coupée/.test(message))).toEqual([]);
    attacker.close();
    bystander.close();
  });

  it('tried at least 200 hostile inputs', () => {
    expect(tried).toBeGreaterThanOrEqual(200);
  });
});
