import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from './commune-test-kit';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('the dashboard per commune and for the EPCI', () => {
  let application: RunningApplication;
  let epciSupervisor: string;
  let obernaiSupervisor: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    await addEpciCommunes(application);
    for (const [commune, count] of [
      [obernai.insee, 2],
      [saintDenis.insee, 1],
    ] as const) {
      for (let index = 0; index < count; index += 1) {
        await request(application.url)
          .post('/api/requests')
          .send({ commune, text: `Bonjour, le lampadaire n° ${index} de la rue est éteint.`, requester: { name: 'Usager' } })
          .expect(201);
      }
    }
    await application.worker.idle();
    epciSupervisor = await signedInFor(application, 'supervisor', { epci: epciSiren });
    obernaiSupervisor = await signedInFor(application, 'supervisor', { communes: [obernai.insee] });
  });
  afterAll(async () => application.stop());

  it("rolls the EPCI's communes up, with each commune's totals beside", async () => {
    const dashboard = await request(application.url).get('/api/dashboard').set(bearer(epciSupervisor)).expect(200);
    expect(dashboard.body.statistics.totals.received).toBe(3);
    expect(
      dashboard.body.communes.map((commune: { insee: string; name: string; totals: { received: number; backlog: number } }) => [
        commune.name,
        commune.totals.received,
        commune.totals.backlog,
      ]),
    ).toEqual([
      ['Obernai', 2, 2],
      ['Saint-Denis', 1, 1],
    ]);
  });

  it("shows one commune's figures on its own clock, to those who follow it only", async () => {
    const saintDenisOnly = await request(application.url)
      .get(`/api/dashboard?commune=${saintDenis.insee}`)
      .set(bearer(epciSupervisor))
      .expect(200);
    expect(saintDenisOnly.body.statistics).toMatchObject({ timeZone: 'Indian/Reunion', totals: { received: 1 } });
    const refused = await request(application.url)
      .get(`/api/dashboard?commune=${saintDenis.insee}`)
      .set(bearer(obernaiSupervisor))
      .expect(403);
    expect(refused.body.error).toBe(`Vous ne suivez pas la commune ${saintDenis.insee}.`);
  });

  it('exports one row per commune for a spreadsheet', async () => {
    const csv = await request(application.url).get('/api/dashboard/export.csv?table=communes').set(bearer(epciSupervisor)).expect(200);
    const rows = csv.text
      .replace('\uFEFF', '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(';'));
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual([
      ['Obernai', obernai.insee, '2'],
      ['Saint-Denis', saintDenis.insee, '1'],
    ]);
  });
});
