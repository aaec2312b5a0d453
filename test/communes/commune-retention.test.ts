import request from 'supertest';

import { saveCommune } from '../../models/communes/commune-repository';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, communeSettings, epciSiren, obernai, saintDenis, signedInFor } from './commune-test-kit';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** A commune's own retention rule comes before the service's policy, for its requests only. */
describe("a commune's retention rules", () => {
  let application: RunningApplication;
  let dpo: string;
  const requestIds = {} as Record<'obernai' | 'saintDenis', string>;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    await addEpciCommunes(application);
    await saveCommune(
      obernai.insee,
      communeSettings(obernai.name, {
        holidayCalendar: 'alsace-moselle',
        inboxAddresses: [obernai.address],
        retentionOverrides: [
          {
            queue: 'voirie',
            days: 30,
            action: 'delete',
            legalBasis: 'Délibération du conseil municipal : signalements de voirie gardés un mois.',
          },
        ],
      }),
    );
    await application.communes.load();
    for (const [name, commune] of [
      ['obernai', obernai.insee],
      ['saintDenis', saintDenis.insee],
    ] as const) {
      const created = await request(application.url)
        .post('/api/requests')
        .send({
          commune,
          text: 'Bonjour, un nid de poule dangereux devant la boulangerie de la rue principale.',
          requester: { name: 'Usager' },
        })
        .expect(201);
      await application.worker.idle();
      // Closed forty days ago: past Obernai's month, well within the service's two years.
      await TicketModel.collection.updateOne(
        { requestId: new TicketModel.base.Types.ObjectId(created.body.id as string) },
        { $set: { queue: 'voirie', status: 'closed', updatedAt: daysAgo(40) } },
      );
      requestIds[name] = created.body.id;
    }
    dpo = await signedInFor(application, 'dpo', { epci: epciSiren });
  });
  afterAll(async () => application.stop());

  it('expires the request of the commune whose rule is shorter, under that rule, and keeps the other', async () => {
    const { body } = await request(application.url)
      .post('/api/privacy/retention/purge')
      .set('Authorization', `Bearer ${dpo}`)
      .send({ dryRun: true })
      .expect(200);
    expect(
      body.report.requests.map((item: { requestId: string; rule: string; action: string }) => [item.requestId, item.rule, item.action]),
    ).toEqual([[requestIds.obernai, 'commune:voirie', 'delete']]);
    expect(body.report.byRule).toEqual([
      expect.objectContaining({ rule: 'commune:voirie', days: 30, legalBasis: expect.stringMatching(/conseil municipal/) }),
    ]);
  });
});
