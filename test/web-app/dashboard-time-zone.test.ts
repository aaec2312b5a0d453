import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import { computeDueDate } from '../../routing-rules/sla';
import { mairieWorkingSchedule } from '../../routing-rules/working-schedule';
import type { RunningApplication } from '../../server/application';
import { loadConfig } from '../../server/config';
import { signedInToken, startTestApplication } from '../support/test-application';

/**
 * The server decides dates on the town hall's calendar with its own clock: between midnight and 1 a.m. (2 a.m. in
 * summer) in Paris the UTC date is still yesterday's, and an hour before midnight it is already today's in both.
 */
const instants = [
  { name: 'winter, 23:30 in Paris', at: '2026-01-15T22:30:00Z', today: '2026-01-15' },
  { name: 'winter, 00:30 in Paris (UTC still the day before)', at: '2026-01-15T23:30:00Z', today: '2026-01-16' },
  { name: 'summer, 23:30 in Paris', at: '2026-07-15T21:30:00Z', today: '2026-07-15' },
  { name: 'summer, 00:30 in Paris (UTC still the day before)', at: '2026-07-15T22:30:00Z', today: '2026-07-16' },
];

describe('dates decided by the server in the town hall’s time zone, on the application’s clock', () => {
  let application: RunningApplication;
  let supervisor: string;
  let now = new Date(instants[0].at);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ({ application } = await startTestApplication({}, undefined, { now: () => now }));
    supervisor = await signedInToken(application, 'supervisor');
  });
  afterAll(async () => application.stop());

  // In order: each winter (summer) request shares its UTC date with the one before it, not its Paris date.
  describe.each(instants)('$name', ({ at, today }) => {
    let requestId: string;

    beforeAll(async () => {
      now = new Date(at);
      const posted = await request(application.url)
        .post('/api/requests')
        .send({
          text: 'Depuis hier, un lampadaire ne fonctionne plus devant le 4 rue des Écoles, la rue est plongée dans le noir.',
          requester: { name: 'Usager', email: 'usager@example.org' },
        })
        .expect(201);
      requestId = posted.body.id;
      await application.worker.idle();
    });

    it('counts the request received now under today, and ends the default period on the town hall’s date', async () => {
      const { body } = await request(application.url).get('/api/dashboard').set(as(supervisor)).expect(200);
      expect(body.today).toBe(today);
      expect(body.statistics).toMatchObject({ to: today, timeZone: 'Europe/Paris' });
      expect(body.statistics.days).toHaveLength(30);
      expect(body.statistics.from).toBe(new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10));
      expect(body.statistics.daily.at(-1)).toMatchObject({ day: today, total: 1 });
    });

    it('tells the web app today’s date and the time zone to show dates in', async () => {
      const { body } = await request(application.url).get('/api/calendar').set(as(supervisor)).expect(200);
      expect(body).toEqual({ timeZone: 'Europe/Paris', today, now: at.replace('Z', '.000Z') });
    });

    it('stamps the ticket with the clock’s instant and counts its due date, office hours and “hier” from it', async () => {
      const ticket = (await TicketModel.findOne({ requestId }).lean())!;
      expect(ticket.receivedAt.toISOString()).toBe(new Date(at).toISOString());
      expect(ticket.dueAt).toEqual(computeDueDate(new Date(at), { amount: 10, unit: 'workingDays' }, mairieWorkingSchedule));
      expect(ticket.tags).toContain('hors-horaires');
      const { body } = await request(application.url).get(`/api/tickets/${ticket._id.toString()}`).set(as(supervisor)).expect(200);
      const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(
        body.ticket.entities.filter((entity: { type: string }) => entity.type === 'date').map((entity: { value: string }) => entity.value),
      ).toEqual([yesterday]);
    });
  });

  it('refuses the calendar without a session', async () => {
    await request(application.url).get('/api/calendar').expect(401);
  });
});

describe('the town hall’s time zone is one setting', () => {
  it('is an IANA zone, Europe/Paris unless TIME_ZONE says otherwise', () => {
    expect(loadConfig({}).timeZone).toBe('Europe/Paris');
    expect(loadConfig({ TIME_ZONE: 'America/Cayenne' }).timeZone).toBe('America/Cayenne');
    expect(() => loadConfig({ TIME_ZONE: 'Europe/Pariss' })).toThrow(/TIME_ZONE: an IANA time zone/);
  });

  it('decides today, the dashboard’s period and office hours for a town hall elsewhere (Cayenne, UTC−3)', async () => {
    let at = new Date('2026-01-16T02:30:00Z');
    const { application } = await startTestApplication({ timeZone: 'America/Cayenne' }, undefined, { now: () => at });
    try {
      const supervisor = { Authorization: `Bearer ${await signedInToken(application, 'supervisor')}` };
      expect((await request(application.url).get('/api/calendar').set(supervisor).expect(200)).body).toMatchObject({
        timeZone: 'America/Cayenne',
        today: '2026-01-15',
      });
      const { body } = await request(application.url).get('/api/dashboard').set(supervisor).expect(200);
      expect(body).toMatchObject({ today: '2026-01-15', statistics: { to: '2026-01-15', timeZone: 'America/Cayenne' } });

      // 09:00 in Cayenne, when the Paris town hall is closed for lunch (13:00): the shipped rules open at Cayenne's hours.
      at = new Date('2026-01-15T12:00:00Z');
      const posted = await request(application.url)
        .post('/api/requests')
        .send({ text: 'Le lampadaire de la rue des Écoles ne s’allume plus.', requester: { name: 'Usager' } })
        .expect(201);
      await application.worker.idle();
      const ticket = (await TicketModel.findOne({ requestId: posted.body.id }).lean())!;
      expect(ticket.tags).not.toContain('hors-horaires');
    } finally {
      await application.stop();
    }
  });
});
