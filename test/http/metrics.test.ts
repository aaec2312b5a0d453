import { register as promClientGlobalRegistry } from 'prom-client';
import request from 'supertest';

import { insertRequest } from '../../models/request/request-repository';
import type { RunningApplication } from '../../server/application';
import { llmTestSettings, vagueAssociationRequest } from '../llm/llm-fallback-test-kit';
import { FakeOpenAiServer, scripted } from '../support/fake-openai-server';
import { rawMail } from '../support/raw-mail';
import { connectAgentSocket, signedInToken, startTestApplication } from '../support/test-application';

const metricsToken = 'jeton-des-metriques-0123456789abcdef';
const citizen = { name: 'Éloïse Marchand', email: 'eloise.marchand@example.org' };

/** One sample of the exposition text: `name{labels} value`, labels as written by prom-client. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics in Prometheus format, for the holder of METRICS_TOKEN', () => {
  let fake: FakeOpenAiServer;
  let application: RunningApplication;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    // The LLM is asked about every request the local classifiers are not certain of (threshold 1).
    ({ application } = await startTestApplication({ ...llmTestSettings(fake), metricsToken }));
  });
  afterAll(async () => {
    await application?.stop();
    await fake?.close();
  });

  const scrape = async () =>
    (await request(application.url).get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200)).text;

  it('refuses anyone without the token, signed-in users included', async () => {
    await request(application.url).get('/metrics').expect(401);
    await request(application.url)
      .get('/metrics')
      .set('Authorization', `Bearer ${'x'.repeat(metricsToken.length)}`)
      .expect(401);
    const supervisor = await signedInToken(application, 'supervisor');
    const refused = await request(application.url).get('/metrics').set('Authorization', `Bearer ${supervisor}`).expect(401);
    expect(refused.body.error).toMatch(/Jeton des métriques/);
  });

  it('serves the process metrics in the text exposition format, from a registry of its own', async () => {
    const response = await request(application.url).get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(response.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(response.text, 'aiguillage_socket_connections')).toBe(0);
    // Nothing registered in prom-client's global registry, which would leak from one application to the next.
    expect(promClientGlobalRegistry.getSingleMetric('aiguillage_requests_received_total')).toBeUndefined();
    expect(application.metrics.registry).not.toBe(promClientGlobalRegistry);
  });

  const increase = (before: string, after: string, name: string, labels = '') =>
    (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);

  it('counts a form intake once processed, with its processing and classification times and its LLM call', async () => {
    const before = await scrape();
    fake.enqueue(
      scripted.answer({ queue: 'vie-associative', intent: 'evenement', confidence: 0.9, reason: 'Une manifestation associative.' }),
    );
    await request(application.url)
      .post('/api/requests')
      .send({ ...vagueAssociationRequest, requester: citizen })
      .expect(201);
    await application.worker.idle();
    const after = await scrape();

    expect(increase(before, after, 'aiguillage_requests_received_total', 'channel="form"')).toBe(1);
    expect(increase(before, after, 'aiguillage_request_processing_seconds_count', 'outcome="routed"')).toBe(1);
    expect(increase(before, after, 'aiguillage_classification_seconds_count')).toBe(1);
    expect(increase(before, after, 'aiguillage_llm_calls_total', 'outcome="answered"')).toBe(1);
    expect(sample(after, 'aiguillage_requests_waiting')).toBe(0);
    // No label carries what the citizen wrote or who they are.
    for (const personal of [citizen.name, citizen.email, 'Marchand', 'association']) expect(after).not.toContain(personal);
  });

  it('counts a mail intake by its channel and its acknowledgement waiting in the mail outbox', async () => {
    const before = await scrape();
    fake.enqueue(
      scripted.answer({ queue: 'vie-associative', intent: 'evenement', confidence: 0.9, reason: 'Une manifestation associative.' }),
    );
    const mail = await rawMail({
      from: `${citizen.name} <${citizen.email}>`,
      subject: vagueAssociationRequest.subject,
      text: vagueAssociationRequest.text,
    });
    await request(application.url).post('/api/requests/email').set('Content-Type', 'message/rfc822').send(mail).expect(201);
    await application.worker.idle();
    // The acknowledgement is queued by an event handler after routing; with no outgoing SMTP server it stays queued.
    let after = await scrape();
    for (
      let attempt = 0;
      attempt < 50 &&
      sample(after, 'aiguillage_outbox_waiting', 'outbox="mail"') === sample(before, 'aiguillage_outbox_waiting', 'outbox="mail"');
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await scrape();
    }

    expect(increase(before, after, 'aiguillage_requests_received_total', 'channel="email"')).toBe(1);
    expect(increase(before, after, 'aiguillage_outbox_waiting', 'outbox="mail"')).toBe(1);
    expect(sample(after, 'aiguillage_outbox_waiting', 'outbox="webhook"')).toBe(0);
    for (const personal of [citizen.name, citizen.email]) expect(after).not.toContain(personal);
  });

  it('counts LLM failures by outcome', async () => {
    const before = await scrape();
    fake.enqueue(scripted.status(401));
    await request(application.url)
      .post('/api/requests')
      .send({ ...vagueAssociationRequest, requester: { name: 'Léon' } })
      .expect(201);
    await application.worker.idle();
    const after = await scrape();
    expect(increase(before, after, 'aiguillage_llm_calls_total', 'outcome="rejected"')).toBe(1);
  });

  it('reads the request backlog from the database at each scrape', async () => {
    // Stored without being handed to this instance's worker, as a request another instance stored before crashing.
    await insertRequest({
      commune: '00000',
      channel: 'form',
      subject: '',
      text: 'Bonjour, une demande en attente.',
      requester: { name: 'Inès' },
      attachments: [],
      receivedAt: new Date(),
    });
    expect(sample(await scrape(), 'aiguillage_requests_waiting')).toBe(1);
    await application.worker.sweep();
    await application.worker.idle();
    expect(sample(await scrape(), 'aiguillage_requests_waiting')).toBe(0);
  });

  it('follows the agents’ live sockets', async () => {
    const agent = await signedInToken(application, 'agent', ['etat-civil']);
    const socket = await connectAgentSocket(application, agent);
    expect(sample(await scrape(), 'aiguillage_socket_connections')).toBe(1);
    socket.close();
    let connections = sample(await scrape(), 'aiguillage_socket_connections');
    for (let attempt = 0; attempt < 50 && connections !== 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      connections = sample(await scrape(), 'aiguillage_socket_connections');
    }
    expect(connections).toBe(0);
  });
});
