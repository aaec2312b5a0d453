import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

const validForm = { text: 'Bonjour, je voudrais inscrire ma fille en CP à la rentrée.', requester: { name: 'Ana Silva' } };

function rawEmail(messageId: string, body = 'Bonjour, je souhaite une copie de mon acte de mariage.') {
  return [
    'From: "Léa Bernard" <lea.bernard@example.org>',
    'To: contact@mairie.example',
    'Subject: =?UTF-8?Q?Acte_de_mariage_=C3=A9tat_civil?=',
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

describe('intake refuses bad input clearly and keeps serving', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
  });
  afterAll(async () => application.stop());

  afterEach(async () => {
    await request(application.url).get('/health').expect(200, { status: 'ok' });
  });

  it('rejects an empty text with a French message naming the field', async () => {
    const response = await request(application.url)
      .post('/api/requests')
      .send({ ...validForm, text: '   ' })
      .expect(400);
    expect(response.body.error).toMatch(/texte de la demande est obligatoire/);
    expect(response.body.details[0].field).toBe('text');
  });

  it('rejects wrong types and unknown fields', async () => {
    const wrongType = await request(application.url)
      .post('/api/requests')
      .send({ text: 42, requester: { name: 'X' } })
      .expect(400);
    expect(wrongType.body.details.map((detail: { field: string }) => detail.field)).toContain('text');
    const unknown = await request(application.url)
      .post('/api/requests')
      .send({ ...validForm, status: 'processed' })
      .expect(400);
    expect(unknown.body.error).toMatch(/champ\(s\) inconnu\(s\) : status/);
  });

  it('rejects a 10 MB body with 413', async () => {
    const response = await request(application.url)
      .post('/api/requests')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...validForm, text: 'a'.repeat(10 * 1024 * 1024) }))
      .expect(413);
    expect(response.body.error).toBe('La demande est trop volumineuse.');
  });

  it('rejects invalid JSON', async () => {
    const response = await request(application.url)
      .post('/api/requests')
      .set('Content-Type', 'application/json')
      .send('{"text": "oups",')
      .expect(400);
    expect(response.body.error).toMatch(/JSON valide/);
  });

  it('rejects a body that is not JSON', async () => {
    await request(application.url).post('/api/requests').set('Content-Type', 'text/plain').send('bonjour').expect(415);
  });

  it('rejects malformed MIME and an email without sender', async () => {
    const noHeaders = await request(application.url)
      .post('/api/requests/email')
      .set('Content-Type', 'message/rfc822')
      .send('juste du texte')
      .expect(400);
    expect(noHeaders.body.error).toMatch(/RFC 822/);
    const noSender = await request(application.url)
      .post('/api/requests/email')
      .set('Content-Type', 'message/rfc822')
      .send('Subject: test\r\n\r\nBonjour')
      .expect(400);
    expect(noSender.body.error).toMatch(/expéditeur/);
  });

  it('stores the same email (same Message-ID) once, even when delivered concurrently', async () => {
    const messageId = `dup-${Date.now()}@example.org`;
    const deliveries = await Promise.all(
      [1, 2, 3].map(() =>
        request(application.url).post('/api/requests/email').set('Content-Type', 'message/rfc822').send(rawEmail(messageId)),
      ),
    );
    expect(deliveries.map((delivery) => delivery.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(deliveries.map((delivery) => delivery.body.id)).size).toBe(1);
    expect(await RequestModel.countDocuments({ messageId: `<${messageId}>` })).toBe(1);
    const stored = await RequestModel.findOne({ messageId: `<${messageId}>` });
    expect(stored?.subject).toBe('Acte de mariage état civil');
    expect(stored?.requester?.email).toBe('lea.bernard@example.org');
  });

  it('sets an out-of-office reply posted as a raw email aside instead of creating a request', async () => {
    const autoReply = rawEmail(`ooo-${Date.now()}@example.org`, 'Je suis absente du bureau jusqu’au 3 janvier.').replace(
      'MIME-Version: 1.0',
      'Auto-Submitted: auto-replied\r\nMIME-Version: 1.0',
    );
    const response = await request(application.url)
      .post('/api/requests/email')
      .set('Content-Type', 'message/rfc822')
      .send(autoReply)
      .expect(201);
    expect(response.body.outcome).toBe('set-aside');
    await application.worker.idle();
    expect(await TicketModel.countDocuments({ requestId: response.body.id })).toBe(0);
  });

  it('refuses NoSQL operators smuggled in query parameters', async () => {
    const token = await signedInToken(application, 'supervisor');
    for (const query of ['status[$gt]=', 'status[$ne]=new', 'queue[$regex]=.*', 'page[$gt]=0']) {
      const response = await request(application.url).get(`/api/tickets?${query}`).set('Authorization', `Bearer ${token}`).expect(400);
      expect(response.body.error).toMatch(/Paramètres de recherche invalide/);
    }
    const injectedBody = await request(application.url)
      .post('/api/requests')
      .send({ text: { $gt: '' }, requester: { name: 'X' } })
      .expect(400);
    expect(injectedBody.body.details[0].field).toBe('text');
  });

  it('answers 401 without a token and 404 on unknown routes, in JSON', async () => {
    await request(application.url).get('/api/tickets').expect(401);
    const missing = await request(application.url).get('/api/nothing-here').expect(404);
    expect(missing.body.error).toBe('Ressource introuvable.');
  });
});
