import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

describe('the supervisors’ dashboard and agent settings API', () => {
  let application: RunningApplication;
  let supervisor: string;
  let agent: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    [supervisor, agent] = await Promise.all([signedInToken(application, 'supervisor'), signedInToken(application, 'agent', ['voirie'])]);
    await request(application.url)
      .post('/api/requests')
      .send({
        text: 'Un énorme nid de poule sur la chaussée de la rue des Lilas, devant le numéro 12.',
        requester: { name: 'Paul Durand', email: 'paul@example.org' },
      })
      .expect(201);
    await application.worker.idle();
  });
  afterAll(async () => application.stop());

  it('gives supervisors the indicators of the last 30 days by default', async () => {
    const { body } = await request(application.url).get('/api/dashboard').set(as(supervisor)).expect(200);
    expect(body.statistics.days).toHaveLength(30);
    expect(body.statistics.totals.received).toBe(1);
    expect(body.statistics.queues.map((queue: { queue: string }) => queue.queue)).toContain('voirie');
    expect(body.minutesPerManualTriage).toEqual(expect.any(Number));
  });

  it('does not count a merged duplicate as processed (issue 17, bug 12)', async () => {
    const duplicate = await request(application.url)
      .post('/api/requests')
      .send({
        text: 'Un énorme nid de poule sur la chaussée de la rue des Lilas, devant le numéro 12. Je relance.',
        requester: { name: 'Paul Durand', email: 'paul@example.org' },
      })
      .expect(201);
    await application.worker.idle();
    const { body: list } = await request(application.url).get('/api/tickets?queue=voirie').set(as(agent)).expect(200);
    const kept = list.tickets.find((ticket: { id: string; reference: string }) => ticket.reference !== duplicate.body.reference)!;
    const copy = list.tickets.find((ticket: { reference: string }) => ticket.reference === duplicate.body.reference)!;
    await request(application.url).post(`/api/tickets/${copy.id}/merge`).set(as(agent)).send({ into: kept.reference }).expect(200);

    const { body } = await request(application.url).get('/api/dashboard').set(as(supervisor)).expect(200);
    const voirie = body.statistics.queues.find((queue: { queue: string }) => queue.queue === 'voirie');
    expect(voirie).toMatchObject({ received: 2, resolved: 0, averageProcessingMs: null });
    expect(voirie.misrouteRate).toBe(voirie.misrouted / voirie.received);
  });

  it('refuses agents, and periods that are reversed or too long, in French', async () => {
    await request(application.url).get('/api/dashboard').set(as(agent)).expect(403);
    expect(
      (await request(application.url).get('/api/dashboard?from=2026-03-10&to=2026-03-01').set(as(supervisor)).expect(400)).body.error,
    ).toBe('La date de début doit précéder la date de fin.');
    expect(
      (await request(application.url).get('/api/dashboard?from=2025-01-01&to=2026-01-01').set(as(supervisor)).expect(400)).body.error,
    ).toMatch(/93 jours/);
    expect((await request(application.url).get('/api/dashboard?from=hier').set(as(supervisor)).expect(400)).body.error).toMatch(
      /AAAA-MM-JJ/,
    );
  });

  it('exports the indicators as a CSV attachment and records the export in the audit trail', async () => {
    const response = await request(application.url).get('/api/dashboard/export.csv?table=daily').set(as(supervisor)).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="aiguillage-demandes-par-jour-/);
    expect(response.text.startsWith('\uFEFFjour;')).toBe(true);
    expect(await AuditEventModel.countDocuments({ action: 'dashboard.exported' })).toBe(1);
  });

  it('lets a supervisor set an agent’s availability and capacity, and audits it', async () => {
    const { body } = await request(application.url).get('/api/agents').set(as(supervisor)).expect(200);
    const voirieAgent = body.agents.find((candidate: { queues: string[] }) => candidate.queues.includes('voirie'));
    expect(voirieAgent).toMatchObject({ available: true, openTickets: expect.any(Number) });

    await request(application.url)
      .put(`/api/agents/${voirieAgent.id}/settings`)
      .set(as(supervisor))
      .send({ capacity: 5, available: false })
      .expect(200);
    const after = (await request(application.url).get('/api/agents').set(as(supervisor)).expect(200)).body.agents.find(
      (candidate: { id: string }) => candidate.id === voirieAgent.id,
    );
    expect(after).toMatchObject({ capacity: 5, available: false });
    expect(await AuditEventModel.countDocuments({ action: 'agent.settings-changed', objectId: voirieAgent.id })).toBe(1);

    expect(
      (await request(application.url).put(`/api/agents/${voirieAgent.id}/settings`).set(as(supervisor)).send({ capacity: -1 }).expect(400))
        .body.error,
    ).toMatch(/négative/);
    await request(application.url)
      .put('/api/agents/000000000000000000000000/settings')
      .set(as(supervisor))
      .send({ capacity: 3 })
      .expect(404);
    await request(application.url).get('/api/agents').set(as(agent)).expect(403);
  });
});
