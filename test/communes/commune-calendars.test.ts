import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from './commune-test-kit';

/**
 * Thursday 2 April 2026, 08:00 UTC: 10:00 in Paris (open), 12:00 in Réunion (its lunch break). The next day is
 * Good Friday, a public holiday in Alsace-Moselle only; the Monday after is Easter Monday everywhere.
 */
const thursdayBeforeEaster = new Date('2026-04-02T08:00:00Z');

describe("each commune's clock and public holidays, through the shipped rules", () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication({}, undefined, { now: () => thursdayBeforeEaster }));
    await addEpciCommunes(application);
  });
  afterAll(async () => application.stop());

  async function ticketFor(commune: string) {
    const created = await request(application.url)
      .post('/api/requests')
      .send({
        commune,
        text: 'Bonjour, le lampadaire devant le 4 rue de l’Église est éteint depuis une semaine.',
        requester: { name: 'Marc Hoarau' },
      })
      .expect(201);
    await application.worker.idle();
    return (await TicketModel.findOne({ requestId: created.body.id }).lean())!;
  }

  it("counts the ten working days of the standard delay on each commune's calendar and clock", async () => {
    // Metropolitan France: Friday 3, then Tuesday 7 to Friday 17 April (Easter Monday off), closing at 17:30 in Paris.
    expect((await ticketFor('00000')).dueAt).toEqual(new Date('2026-04-17T15:30:00Z'));
    // Alsace-Moselle: Good Friday off too, so one working day later, Monday 20 April.
    expect((await ticketFor(obernai.insee)).dueAt).toEqual(new Date('2026-04-20T15:30:00Z'));
    // Réunion: the metropolitan count, but closing at 17:30 on Réunion's clock (UTC+4).
    expect((await ticketFor(saintDenis.insee)).dueAt).toEqual(new Date('2026-04-17T13:30:00Z'));
  });

  it("gives each user the calendar of their communes: Réunion's for Saint-Denis's staff, the service's for the EPCI's", async () => {
    const saintDenisAgent = await signedInFor(application, 'agent', { queues: ['voirie'], communes: [saintDenis.insee] });
    const epciAgent = await signedInFor(application, 'agent', { queues: ['voirie'], epci: epciSiren });
    const calendarOf = async (token: string) =>
      (await request(application.url).get('/api/calendar').set('Authorization', `Bearer ${token}`).expect(200)).body;
    expect(await calendarOf(saintDenisAgent)).toMatchObject({ timeZone: 'Indian/Reunion', today: '2026-04-02' });
    expect(await calendarOf(epciAgent)).toMatchObject({ timeZone: 'Europe/Paris', today: '2026-04-02' });
  });

  it("tells a request received out of the commune's opening hours by the commune's clock", async () => {
    expect((await ticketFor(obernai.insee)).tags).not.toContain('hors-horaires');
    expect((await ticketFor(saintDenis.insee)).tags).toContain('hors-horaires');
  });
});
