import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { WebhookDeliveryModel } from '../../models/ticket/webhook-delivery-model';
import type { RunningApplication } from '../../server/application';
import { activeRulesWith, bearer, keywordRule, publishThroughApi } from '../routing/rule-set-api';
import { signedInToken, startTestApplication } from '../support/test-application';
import { FakeReceiver } from '../support/webhook-receiver';

const citizen = { name: 'Solène Marchand', email: 'solene.marchand@example.org', phone: '06 71 82 93 04' };
const secret = 'secret-du-recepteur-de-la-mairie';

async function submit(application: RunningApplication, text: string) {
  const response = await request(application.url).post('/api/requests').send({ text, requester: citizen }).expect(201);
  await application.worker.idle();
  await application.routing.webhooks.idle();
  const delivery = await WebhookDeliveryModel.findOne({}).sort({ createdAt: -1, _id: -1 }).lean();
  return { requestId: response.body.id as string, delivery: delivery! };
}

describe('an admin cannot read citizens’ data through a webhook', () => {
  // The mairie's business application, on an internal address the operator allowed; a second one reached by a host
  // name that resolves to a loopback address the operator did not allow (a DNS rebinding target).
  const allowed = new FakeReceiver();
  const rebinding = new FakeReceiver();
  let allowedUrl: string;
  let application: RunningApplication;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    allowedUrl = await allowed.listen('127.0.0.2');
    await rebinding.listen('127.0.0.1');
    ({ application } = await startTestApplication({
      smtpIntakeEnabled: false,
      webhookSecrets: { default: secret },
      webhookPollIntervalMs: 3_600_000,
      webhookAllowedDestinations: [`http://127.0.0.2:${allowed.port}/hooks/`, `http://localhost:${rebinding.port}/hooks/`],
      webhookAllowedPrivateAddresses: ['127.0.0.2'],
    }));
    supervisor = await signedInToken(application, 'supervisor');
    admin = await signedInToken(application, 'admin');
  });
  afterAll(async () => {
    await application?.stop();
    await allowed.close();
    await rebinding.close();
  });

  it('keeps admins to accounts: rules, simulation, templates and the model are the supervisors’', async () => {
    const api = request(application.url);
    await api.get('/api/rule-sets/active').set(bearer(admin)).expect(403);
    await api
      .post('/api/rule-sets/validate')
      .set(bearer(admin))
      .send({ ruleSet: { fallbackQueue: 'accueil', rules: [] } })
      .expect(403);
    await api.post('/api/rule-sets/versions').set(bearer(admin)).send({}).expect(403);
    await api.post('/api/rule-sets/versions/1/simulate').set(bearer(admin)).send({}).expect(403);
    await api.get('/api/mail-templates').set(bearer(admin)).expect(403);
    await api.get('/api/model/versions').set(bearer(admin)).expect(403);
    await api.get('/api/users').set(bearer(admin)).expect(200);
  });

  it('refuses, in French, a webhook to any address the operator did not allow', async () => {
    for (const url of [
      'https://collecte.example/x',
      `http://127.0.0.2:${allowed.port}/ailleurs`,
      `http://127.0.0.1:${allowed.port}/hooks/`,
    ]) {
      const ruleSet = await activeRulesWith(
        application,
        supervisor,
        keywordRule(
          'fuite',
          ['lampadaire'],
          [
            { type: 'route', queue: 'voirie' },
            { type: 'webhook', url },
          ],
        ),
      );
      const validation = await request(application.url)
        .post('/api/rule-sets/validate')
        .set(bearer(supervisor))
        .send({ ruleSet })
        .expect(200);
      expect(validation.body.publishable).toBe(false);
      expect(validation.body.problems).toContainEqual(
        expect.objectContaining({
          code: 'webhook-destination',
          message: expect.stringMatching(/n'est pas une destination de webhook autorisée.*WEBHOOK_ALLOWED_DESTINATIONS/),
        }),
      );
      await publishThroughApi(application, supervisor, ruleSet, 422);
    }
  });

  it('sends no personal data by default, and only the opted-in fields otherwise, auditing each call with its fields', async () => {
    await publishThroughApi(
      application,
      supervisor,
      await activeRulesWith(
        application,
        supervisor,
        keywordRule(
          'lampadaire',
          ['lampadaire'],
          [
            { type: 'route', queue: 'voirie' },
            { type: 'webhook', url: allowedUrl },
          ],
        ),
        keywordRule(
          'encombrants',
          ['encombrants'],
          [
            { type: 'route', queue: 'voirie' },
            { type: 'webhook', url: allowedUrl, personalFields: ['requesterEmail'] },
          ],
        ),
      ),
    );
    const active = await request(application.url).get('/api/rule-sets/active').set(bearer(supervisor)).expect(200);
    expect(active.body.version.ruleSet.rules.find((rule: { id: string }) => rule.id === 'encombrants').then[1]).toMatchObject({
      personalFields: ['requesterEmail'],
    });

    const plain = await submit(application, 'Le lampadaire devant le 3 impasse des Glycines clignote toute la nuit.');
    expect(plain.delivery).toMatchObject({ status: 'delivered', personalFields: [] });
    const plainBody = allowed.calls.at(-1)!.body;
    for (const personal of [citizen.name, 'Solène', 'Marchand', citizen.email, '06 71', 'Glycines', 'clignote'])
      expect(plainBody).not.toContain(personal);
    const payload = JSON.parse(plainBody);
    expect(payload).toMatchObject({
      event: 'ticket.routed',
      ticket: { requestId: plain.requestId, queue: 'voirie', priority: 'normal', reference: expect.stringMatching(/^AIG-/) },
    });
    expect(payload.personalData).toBeUndefined();

    const optedIn = await submit(application, 'Des encombrants bloquent le trottoir du 3 impasse des Glycines.');
    const optedInBody = allowed.calls.at(-1)!.body;
    expect(JSON.parse(optedInBody).personalData).toEqual({ requesterEmail: citizen.email });
    for (const personal of ['Solène', 'Marchand', '06 71', 'Glycines', 'trottoir']) expect(optedInBody).not.toContain(personal);

    const audits = await AuditEventModel.find({
      action: 'webhook.sent',
      objectId: { $in: [plain.delivery.ticketId.toString(), optedIn.delivery.ticketId.toString()] },
    })
      .sort({ sequence: 1 })
      .lean();
    expect(audits.map((event) => event.details)).toEqual([
      expect.objectContaining({
        outcome: 'delivered',
        statusCode: 200,
        destination: `http://127.0.0.2:${allowed.port}`,
        personalFields: [],
        fields: expect.arrayContaining(['ticket.reference', 'ticket.queue']),
      }),
      expect.objectContaining({
        outcome: 'delivered',
        personalFields: ['requesterEmail'],
        fields: expect.arrayContaining(['ticket.reference', 'personalData.requesterEmail']),
      }),
    ]);
    expect(JSON.stringify(audits)).not.toContain(citizen.email);
  });

  it('checks the address a host name resolves to when connecting: a loopback address not allowed is refused', async () => {
    await publishThroughApi(
      application,
      supervisor,
      await activeRulesWith(
        application,
        supervisor,
        keywordRule(
          'nid-de-poule',
          ['nid-de-poule'],
          [
            { type: 'route', queue: 'voirie' },
            { type: 'webhook', url: `http://localhost:${rebinding.port}/hooks/a` },
          ],
        ),
      ),
    );
    const { delivery } = await submit(application, 'Un nid-de-poule énorme s’est formé rue du Moulin.');
    expect(delivery).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/^destination refusée : connexion refusée à localhost : l'adresse .* est locale ou privée/),
    });
    expect(rebinding.calls).toHaveLength(0);
    expect(await AuditEventModel.countDocuments({ action: 'webhook.refused', objectId: delivery.ticketId.toString() })).toBe(1);
  });
});
