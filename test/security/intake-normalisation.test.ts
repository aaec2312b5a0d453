import { gzipSync } from 'node:zlib';
import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import type { RunningApplication } from '../../server/application';
import { eventually } from '../mail/mail-test-setup';
import { rawMail } from '../support/raw-mail';
import { startTestApplication } from '../support/test-application';

const form = { text: 'Bonjour, le lampadaire de la rue des Lilas ne fonctionne plus depuis lundi.', requester: { name: 'Inès Garnier' } };

describe('intake: undecodable bodies are the client’s fault, names and subjects stay on one line', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false }));
  });
  afterAll(async () => application.stop());

  it('answers 400 in French to a body declared gzip that is not, and stores nothing', async () => {
    const before = await RequestModel.countDocuments();
    const response = await request(application.url)
      .post('/api/requests')
      .set({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      .send(JSON.stringify(form))
      .expect(400);
    expect(response.body.error).toMatch(/déclaré compressé/);
    expect(JSON.stringify(response.body)).not.toMatch(/at |Error|zlib/);
    expect(await RequestModel.countDocuments()).toBe(before);

    const truncated = await fetch(`${application.url}/api/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify(form)).subarray(0, 20),
    });
    expect(truncated.status).toBe(400);
  });

  it('still accepts a body that really is gzip', async () => {
    const response = await fetch(`${application.url}/api/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify(form)),
    });
    expect(response.status).toBe(201);
  });

  it('stores a form’s name and subject on one line', async () => {
    const response = await request(application.url)
      .post('/api/requests')
      .send({ ...form, subject: 'Lampadaire\r\nBcc: victime@example.org', requester: { name: 'Inès\r\nGarnier\u2028\u202e' } })
      .expect(201);
    const stored = await RequestModel.findById(response.body.id);
    expect(stored!.requester!.name).toBe('Inès Garnier');
    expect(stored!.subject).toBe('Lampadaire Bcc: victime@example.org');
  });

  it('writes the acknowledgement of a mail whose sender name and subject carry CR/LF without any line they injected', async () => {
    const raw = await rawMail({
      from: {
        name: 'Claire\r\nMartin\r\n\r\nVotre dossier est clos, payez ici : http://arnaque.example',
        address: 'claire.martin@example.org',
      },
      subject: 'Lampadaire\r\nContent-Type: text/html',
      messageId: '<crlf-injection@example.org>',
      text: form.text,
    });
    const received = await request(application.url).post('/api/requests/email').set('Content-Type', 'message/rfc822').send(raw).expect(201);
    await application.worker.idle();
    const stored = await RequestModel.findById(received.body.id);
    expect(stored!.requester!.name).not.toMatch(/[\r\n]/);
    expect(stored!.subject).toBe('Lampadaire Content-Type: text/html');

    const acknowledgement = await eventually(
      () => TicketMessageModel.findOne({ requestId: received.body.id, kind: 'acknowledgement' }),
      'the acknowledgement to be queued',
    );
    const lines = acknowledgement.text.split('\n');
    expect(lines[0]).toBe('Bonjour Claire Martin Votre dossier est clos, payez ici : http://arnaque.example,');
    expect(lines.filter((line) => line.includes('arnaque.example'))).toHaveLength(1);
    expect(acknowledgement.subject).not.toMatch(/[\r\n]/);
    expect(lines.some((line) => line.startsWith('Content-Type'))).toBe(false);
  });
});
