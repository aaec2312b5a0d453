import request from 'supertest';

import { queueIds } from '../../classifiers/taxonomy/taxonomy';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { demoCommuneFacts, demoCommunes, demoDefaultCommune, seedDemoEpci, seedDemoEpciAccounts } from '../../server/seed/seed-demo-epci';
import { startTestApplication } from '../support/test-application';

const permit = 'Bonjour, je souhaite déposer un permis de construire pour agrandir ma maison.';

/** What npm start shows a newcomer: an EPCI of three communes, one overseas, and a shared building-permit service. */
describe('the demonstration EPCI', () => {
  let application: RunningApplication;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    ({ application } = await startTestApplication({ communeInsee: demoDefaultCommune }, undefined, { seed: seedDemoEpci }));
    for (const account of await seedDemoEpciAccounts(queueIds)) {
      const credentials = { email: account.email, password: account.password };
      tokens.set(account.email, (await request(application.url).post('/api/auth/sign-in').send(credentials).expect(200)).body.token);
    }
  });
  afterAll(async () => application.stop());

  it('serves three communes, one of them overseas on its own clock and holidays', async () => {
    const listed = await request(application.url).get('/api/communes').expect(200);
    expect(listed.body.communes.map((commune: { insee: string }) => commune.insee)).toEqual(['67348', '69264', '97411']);
    expect(application.communes.get('97411')).toMatchObject({ timeZone: 'Indian/Reunion', holidayCalendar: 'reunion' });
  });

  it("has the EPCI's building-permit agent examine every commune's permits, each labelled; a commune's agent sees its own requests only", async () => {
    for (const { insee } of demoCommunes) {
      await request(application.url)
        .post('/api/requests')
        .send({ commune: insee, text: permit, requester: { name: 'Demandeur' } })
        .expect(201);
    }
    await request(application.url)
      .post('/api/requests')
      .send({ commune: '69264', text: 'Le lampadaire de la rue Nationale est éteint.', requester: { name: 'Demandeur' } })
      .expect(201);
    await application.worker.idle();
    const shared = await request(application.url)
      .get('/api/tickets?queue=urbanisme')
      .set('Authorization', `Bearer ${tokens.get('agent.ads@epci.example')}`)
      .expect(200);
    expect(shared.body.tickets.map((ticket: { commune: string }) => ticket.commune).sort()).toEqual(['67348', '69264', '97411']);
    const saintDenis = await request(application.url)
      .get('/api/tickets')
      .set('Authorization', `Bearer ${tokens.get('agent@saintdenis.example')}`)
      .expect(200);
    expect(saintDenis.body.tickets).toEqual([]);
    const villefranche = await request(application.url)
      .get('/api/tickets')
      .set('Authorization', `Bearer ${tokens.get('agent@villefranche.example')}`)
      .expect(200);
    expect(villefranche.body.tickets.map((ticket: { commune: string; queue: string }) => [ticket.commune, ticket.queue])).toEqual([
      ['69264', 'voirie'],
    ]);
  });

  it("answers a question on opening hours with the hours of the request's commune", async () => {
    const asked = await request(application.url)
      .post('/api/requests')
      .send({ commune: '97411', text: 'Bonjour, à quelle heure ouvre la mairie le mercredi ? Merci.', requester: { name: 'Demandeur' } })
      .expect(201);
    await application.worker.idle();
    const { body } = await request(application.url)
      .get(`/api/tickets/${String((await TicketModel.findOne({ requestId: asked.body.id }).lean())!._id)}`)
      .set('Authorization', `Bearer ${tokens.get('superviseur@epci.example')}`)
      .expect(200);
    expect(body.ticket.assistance.reply.text).toContain(demoCommuneFacts['97411']!.horaires);
  });
});
