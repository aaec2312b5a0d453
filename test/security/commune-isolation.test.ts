import request from 'supertest';

import { findUserByEmail } from '../../models/accounts/user-repository';
import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from '../communes/commune-test-kit';
import { eventually } from '../mail/mail-test-setup';
import { startTestApplication } from '../support/test-application';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const citizen = { name: 'Nadia Payet', email: 'nadia.payet@example.org' };

/**
 * Two communes of one EPCI, the same citizen writing to both: every channel gives each commune's staff their
 * commune's data only, and the EPCI's staff both, each labelled with its commune.
 */
describe('isolation between communes, for every role and channel', () => {
  let application: RunningApplication;
  const tickets = {} as Record<'obernai' | 'saintDenis', { id: string; reference: string }>;
  const staff = {} as Record<string, string>;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    await addEpciCommunes(application);
    for (const [name, commune] of [
      ['obernai', obernai.insee],
      ['saintDenis', saintDenis.insee],
    ] as const) {
      const created = await request(application.url)
        .post('/api/requests')
        .send({ commune, text: `Bonjour, je voudrais une copie intégrale de mon acte de naissance (${name}).`, requester: citizen })
        .expect(201);
      await application.worker.idle();
      tickets[name] = { id: '', reference: created.body.reference };
    }
    staff.obernaiAgent = await signedInFor(application, 'agent', { queues: ['etat-civil'], communes: [obernai.insee] });
    staff.epciAgent = await signedInFor(application, 'agent', { queues: ['etat-civil'], epci: epciSiren });
    staff.obernaiSupervisor = await signedInFor(application, 'supervisor', { communes: [obernai.insee] });
    staff.epciSupervisor = await signedInFor(application, 'supervisor', { epci: epciSiren });
    staff.obernaiDpo = await signedInFor(application, 'dpo', { communes: [obernai.insee] });
    staff.epciDpo = await signedInFor(application, 'dpo', { epci: epciSiren });
    staff.obernaiAdmin = await signedInFor(application, 'admin', { communes: [obernai.insee] });
    staff.epciAdmin = await signedInFor(application, 'admin', { epci: epciSiren });
    const listed = await request(application.url).get('/api/tickets').set(bearer(staff.epciAgent)).expect(200);
    for (const name of ['obernai', 'saintDenis'] as const)
      tickets[name].id = listed.body.tickets.find((ticket: { reference: string }) => ticket.reference === tickets[name].reference).id;
  });
  afterAll(async () => application.stop());

  it("lists, counts and opens a commune's tickets for its agents only; an EPCI agent sees both, each with its commune", async () => {
    const own = await request(application.url).get('/api/tickets').set(bearer(staff.obernaiAgent)).expect(200);
    expect(own.body.tickets.map((ticket: { reference: string }) => ticket.reference)).toEqual([tickets.obernai.reference]);
    await request(application.url).get(`/api/tickets/${tickets.saintDenis.id}`).set(bearer(staff.obernaiAgent)).expect(404);
    const counts = await request(application.url).get('/api/queues/counts').set(bearer(staff.obernaiAgent)).expect(200);
    expect(counts.body.counts['etat-civil'].new).toBe(1);

    const epci = await request(application.url).get('/api/tickets').set(bearer(staff.epciAgent)).expect(200);
    expect(epci.body.tickets.map((ticket: { commune: string }) => ticket.commune).sort()).toEqual([obernai.insee, saintDenis.insee]);
    const opened = await request(application.url).get(`/api/tickets/${tickets.saintDenis.id}`).set(bearer(staff.epciAgent)).expect(200);
    expect(opened.body.ticket.commune).toBe(saintDenis.insee);
  });

  it("counts only the supervisor's communes on the dashboard, in its CSV export and in rule simulations", async () => {
    const figures = async (token: string) =>
      (await request(application.url).get('/api/dashboard').set(bearer(token)).expect(200)).body.statistics.totals.received;
    expect(await figures(staff.obernaiSupervisor)).toBe(1);
    expect(await figures(staff.epciSupervisor)).toBe(2);
    const csv = await request(application.url)
      .get('/api/dashboard/export.csv?table=daily')
      .set(bearer(staff.obernaiSupervisor))
      .expect(200);
    // One line per day, its last cell the day's total.
    const csvTotal = csv.text
      .trim()
      .split('\r\n')
      .slice(1)
      .reduce((sum, line) => sum + Number(line.split(';').at(-1)), 0);
    expect(csvTotal).toBe(1);

    const draft = await request(application.url).post('/api/rule-sets/versions').set(bearer(staff.obernaiSupervisor)).send({}).expect(201);
    const simulation = await request(application.url)
      .post(`/api/rule-sets/versions/${draft.body.version.version}/simulate`)
      .set(bearer(staff.obernaiSupervisor))
      .send({})
      .expect(201);
    expect(simulation.body.simulation.requestCount).toBe(1);
  });

  it("gives a DPO the data subject's requests and the audit trail of their communes; an EPCI's DPO searches all of them", async () => {
    const exported = async (token: string) =>
      (await request(application.url).post('/api/privacy/subject/export').set(bearer(token)).send({ email: citizen.email }).expect(200))
        .body.requests.length;
    expect(await exported(staff.obernaiDpo)).toBe(1);
    expect(await exported(staff.epciDpo)).toBe(2);
    await request(application.url).get(`/api/tickets/${tickets.saintDenis.id}`).set(bearer(staff.epciAgent)).expect(200);
    const readEvents = async (token: string) =>
      (
        await request(application.url).get('/api/audit/events?action=ticket.read&pageSize=200').set(bearer(token)).expect(200)
      ).body.events.map((event: { objectId: string }) => event.objectId);
    expect(await readEvents(staff.obernaiDpo)).not.toContain(tickets.saintDenis.id);
    expect(await readEvents(staff.epciDpo)).toContain(tickets.saintDenis.id);
  });

  it('lets an admin manage the accounts of their scope only', async () => {
    const stranger = await request(application.url)
      .post('/api/users')
      .set(bearer(staff.epciAdmin))
      .send({
        email: 'agent.sd@example.org',
        displayName: 'Agent de Saint-Denis',
        role: 'agent',
        queues: ['etat-civil'],
        communes: [saintDenis.insee],
      })
      .expect(201);
    expect(stranger.body.user).toMatchObject({ communes: [saintDenis.insee], epci: null });
    const listed = await request(application.url).get('/api/users').set(bearer(staff.obernaiAdmin)).expect(200);
    expect(listed.body.users.map((user: { email: string }) => user.email)).not.toContain('agent.sd@example.org');
    expect(listed.body.users.every((user: { communes: string[] }) => user.communes.every((insee) => insee === obernai.insee))).toBe(true);
    await request(application.url)
      .patch(`/api/users/${stranger.body.user.id}`)
      .set(bearer(staff.obernaiAdmin))
      .send({ active: false })
      .expect(404);
    const refused = await request(application.url)
      .post('/api/users')
      .set(bearer(staff.obernaiAdmin))
      .send({ email: 'intrus@example.org', displayName: 'Intrus', role: 'agent', communes: [saintDenis.insee] })
      .expect(403);
    expect(refused.body.error).toBe('Vous ne gérez pas les comptes de ces communes.');
    const made = await request(application.url)
      .post('/api/users')
      .set(bearer(staff.obernaiAdmin))
      .send({ email: 'agent.ob@example.org', displayName: 'Agent', role: 'agent' })
      .expect(201);
    expect(made.body.user).toMatchObject({ communes: [obernai.insee], epci: null });
    expect(await findUserByEmail('intrus@example.org')).toBeNull();
  });

  it("keeps a commune's agents out of another commune's automatic assignment", async () => {
    const agents = await request(application.url).get('/api/agents').set(bearer(staff.obernaiSupervisor)).expect(200);
    expect(agents.body.agents.length).toBeGreaterThan(0);
    const sdAgent = await findUserByEmail('agent.sd@example.org');
    expect(agents.body.agents.map((agent: { id: string }) => agent.id)).not.toContain(sdAgent!.id);
    await request(application.url)
      .put(`/api/agents/${sdAgent!.id}/settings`)
      .set(bearer(staff.obernaiSupervisor))
      .send({ available: false })
      .expect(404);
  });

  it('sets aside noise for the commune it was written to, seen by that commune only', async () => {
    const bounce = [
      'From: MAILER-DAEMON@example.org',
      `To: ${saintDenis.address}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <rebond-1@example.org>',
      'Auto-Submitted: auto-replied',
      '',
      'Delivery failed.',
    ].join('\r\n');
    await request(application.url).post('/api/requests/email').set('Content-Type', 'message/rfc822').send(bounce).expect(201);
    const seen = async (token: string) =>
      (await request(application.url).get('/api/mailbox/set-aside').set(bearer(token)).expect(200)).body.messages.length;
    await eventually(async () => (await seen(staff.epciSupervisor)) === 1, 'the bounce set aside');
    expect(await seen(staff.obernaiSupervisor)).toBe(0);
  });
});
