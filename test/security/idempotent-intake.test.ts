import { randomUUID } from 'node:crypto';
import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';

const mairieSite = 'https://www.mairie.example';
const form = {
  text: 'Bonjour, la benne à verre de la place du Marché déborde depuis samedi.',
  requester: { name: 'Lucas Perrin', email: 'lucas.perrin@example.org' },
};

describe('form intake retried with an Idempotency-Key: one request, the same answer', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false, corsOrigins: [mairieSite] }));
  });
  afterAll(async () => application?.stop());

  const post = (body: object, key?: string) => {
    const call = request(application.url).post('/api/requests');
    return (key ? call.set('Idempotency-Key', key) : call).send(body);
  };

  it('answers a retry with the same key and body exactly as the first time, and stores one request and one ticket', async () => {
    const key = randomUUID();
    const first = await post(form, key).expect(201);
    const retry = await post(form, key).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await application.worker.idle();
    expect(await RequestModel.countDocuments({ idempotencyKey: key })).toBe(1);
    expect(await TicketModel.countDocuments({ requestId: first.body.id })).toBe(1);
  });

  it('stores one request when the retries arrive at the same moment (unique index)', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(form, key)));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await RequestModel.countDocuments({ idempotencyKey: key })).toBe(1);
  });

  it('refuses, in French, the same key with another body, and changes nothing', async () => {
    const key = randomUUID();
    const first = await post(form, key).expect(201);
    const conflict = await post({ ...form, text: 'Une tout autre demande : le banc du square est cassé.' }, key).expect(422);
    expect(conflict.body.error).toMatch(/a déjà servi pour une demande différente/);
    const stored = await RequestModel.find({ idempotencyKey: key });
    expect(stored.map((document) => document._id.toString())).toEqual([first.body.id]);
    expect(stored[0]!.text).toBe(form.text);
  });

  it('refuses a malformed key and still creates a request per post without one', async () => {
    const malformed = await post(form, 'court').expect(400);
    expect(malformed.body.error).toMatch(/Idempotency-Key doit contenir de 8 à 200 caractères/);
    const one = await post(form).expect(201);
    const two = await post(form).expect(201);
    expect(one.body.id).not.toBe(two.body.id);
  });

  it('lets the mairie’s website send the header from the browser', async () => {
    const preflight = await request(application.url)
      .options('/api/requests')
      .set({
        Origin: mairieSite,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key',
      })
      .expect(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
  });
});
