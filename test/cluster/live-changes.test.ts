import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

describe('GET /api/live/changes: what a live client missed when its connection could not be recovered', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
  });
  afterAll(async () => {
    await application.stop();
  });

  it('gives the tickets changed since a date, in the user’s queues only, and audits each one sent', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await request(application.url)
      .post('/api/requests')
      .send({ text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance.', requester: { name: 'Claire Martin' } })
      .expect(201);
    await request(application.url)
      .post('/api/requests')
      .send({
        text: 'Le lampadaire de la rue des Lilas est éteint depuis trois jours, merci de le réparer.',
        requester: { name: 'Hugo Lenoir' },
      })
      .expect(201);
    await application.worker.idle();

    const etatCivil = await signedInToken(application, 'agent', ['etat-civil']);
    const answer = await request(application.url)
      .get('/api/live/changes')
      .query({ since })
      .set('Authorization', `Bearer ${etatCivil}`)
      .expect(200);
    expect(answer.body.complete).toBe(true);
    expect(answer.body.changes).toHaveLength(1);
    expect(answer.body.changes[0]).toMatchObject({
      event: 'ticket.created',
      ticket: { queue: 'etat-civil', request: { requester: { name: 'Claire Martin' } } },
    });
    expect(
      await AuditEventModel.countDocuments({ action: 'ticket.pushed', objectId: answer.body.changes[0].ticket.id, 'details.resync': true }),
    ).toBe(1);

    // Nothing changed since the answer's date: nothing to send again.
    const later = await request(application.url)
      .get('/api/live/changes')
      .query({ since: answer.body.until })
      .set('Authorization', `Bearer ${etatCivil}`)
      .expect(200);
    expect(later.body.changes).toEqual([]);
  });

  it('pages through many changes from the last one received', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    for (let index = 0; index < 3; index += 1) {
      await request(application.url)
        .post('/api/requests')
        .send({ text: `Bonjour, je voudrais un extrait d’acte de mariage, demande ${index}.`, requester: { name: 'Claire Martin' } })
        .expect(201);
    }
    await application.worker.idle();
    const supervisor = await signedInToken(application, 'supervisor');
    const first = await request(application.url)
      .get('/api/live/changes')
      .query({ since, limit: 2 })
      .set('Authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(first.body).toMatchObject({ complete: false });
    expect(first.body.changes).toHaveLength(2);
    const rest = await request(application.url)
      .get('/api/live/changes')
      .query({ since: first.body.until })
      .set('Authorization', `Bearer ${supervisor}`)
      .expect(200);
    const ids = new Set([...first.body.changes, ...rest.body.changes].map((change: { ticket: { id: string } }) => change.ticket.id));
    expect(ids.size).toBeGreaterThanOrEqual(3);
    expect(ids.has(first.body.changes[1].ticket.id)).toBe(true);
  });

  it('refuses a date it cannot read, in French, and callers without a ticket duty', async () => {
    const agent = await signedInToken(application, 'agent', ['voirie']);
    const refused = await request(application.url)
      .get('/api/live/changes')
      .query({ since: 'hier' })
      .set('Authorization', `Bearer ${agent}`)
      .expect(400);
    expect(JSON.stringify(refused.body)).toMatch(/ISO 8601/);
    await request(application.url)
      .get('/api/live/changes')
      .query({ since: new Date().toISOString() })
      .set('Authorization', `Bearer ${await signedInToken(application, 'dpo')}`)
      .expect(403);
    await request(application.url).get('/api/live/changes').query({ since: new Date().toISOString() }).expect(401);
  });
});
