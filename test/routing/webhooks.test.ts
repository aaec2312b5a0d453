import { WebhookDeliveryModel } from '../../models/ticket/webhook-delivery-model';
import type { RunningApplication } from '../../server/application';
import type { Config } from '../../server/config';
import { isValidWebhookSignature } from '../../server/routing/webhook-signature';
import { freshDatabaseUri, signedInToken, startTestApplication } from '../support/test-application';
import { FakeReceiver, type ReceivedCall } from '../support/webhook-receiver';
import { activeRulesWith, keywordRule, publishThroughApi, submitAndRoute } from './rule-set-api';

const secret = 'secret-partage-avec-n8n-pour-les-tests';
const retryBaseMs = 60_000;

function expectSigned(call: ReceivedCall): void {
  const timestamp = call.headers['x-aiguillage-timestamp'] as string;
  const signature = call.headers['x-aiguillage-signature'] as string;
  expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(isValidWebhookSignature(secret, timestamp, call.body, signature)).toBe(true);
  expect(isValidWebhookSignature('un-autre-secret-de-seize-car', timestamp, call.body, signature)).toBe(false);
}

describe('webhooks asked for by rules: signed, retried with backoff, kept across restarts', () => {
  const receiver = new FakeReceiver();
  const databaseUri = freshDatabaseUri();
  let overrides: Partial<Config>;
  let application: RunningApplication;

  beforeAll(async () => {
    const url = await receiver.listen();
    // The operator allows this receiver, on the loopback address (see test/security/webhook-exfiltration for refusals).
    overrides = {
      webhookSecrets: { n8n: secret },
      webhookRetryBaseMs: retryBaseMs,
      webhookPollIntervalMs: 3_600_000,
      webhookAllowedDestinations: [url],
      webhookAllowedPrivateAddresses: ['127.0.0.1'],
    };
    ({ application } = await startTestApplication(overrides, databaseUri));
    const supervisor = await signedInToken(application, 'supervisor');
    const rules = await activeRulesWith(
      application,
      supervisor,
      keywordRule(
        'encombrants',
        ['encombrants'],
        [
          { type: 'route', queue: 'voirie' },
          { type: 'webhook', url, secretRef: 'n8n' },
        ],
      ),
      keywordRule(
        'secret-inconnu',
        ['tag sur le mur'],
        [
          { type: 'route', queue: 'voirie' },
          { type: 'webhook', url, secretRef: 'absent' },
        ],
      ),
    );
    await publishThroughApi(application, supervisor, rules);
  }, 120_000);
  afterAll(async () => {
    await application?.stop();
    await receiver.close();
  });

  it('signs each call and retries failures with exponential backoff until one succeeds', async () => {
    receiver.statuses = [503, 500];
    const { ticketId } = await submitAndRoute(application, 'Des encombrants sont déposés sur le trottoir depuis une semaine.');
    await receiver.waitForCalls(1);
    await application.routing.webhooks.idle();
    const first = receiver.calls[0];
    expectSigned(first);
    expect(JSON.parse(first.body)).toMatchObject({ event: 'ticket.routed', ticket: { id: ticketId, queue: 'voirie' } });
    expect(first.headers['x-aiguillage-attempt']).toBe('1');

    const afterFirst = await WebhookDeliveryModel.findOne({ ticketId }).lean();
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'réponse HTTP 503' });
    const firstRetryAt = afterFirst!.nextAttemptAt.getTime();

    expect(await application.routing.webhooks.runOnce(new Date(firstRetryAt - 1000))).toBe(0);
    expect(await application.routing.webhooks.runOnce(new Date(firstRetryAt))).toBe(1);
    const afterSecond = await WebhookDeliveryModel.findOne({ ticketId }).lean();
    expect(afterSecond).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 500 });
    expect(afterSecond!.nextAttemptAt.getTime()).toBe(firstRetryAt + 2 * retryBaseMs);

    expect(await application.routing.webhooks.runOnce(afterSecond!.nextAttemptAt)).toBe(1);
    expect(await WebhookDeliveryModel.findOne({ ticketId }).lean()).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
    });
    expect(receiver.calls).toHaveLength(3);
    const deliveryIds = receiver.calls.map((call) => call.headers['x-aiguillage-delivery']);
    expect(new Set(deliveryIds).size).toBe(1);
    expect(receiver.calls.map((call) => call.headers['x-aiguillage-attempt'])).toEqual(['1', '2', '3']);
    receiver.calls.forEach(expectSigned);
  });

  it('never sends a call it cannot sign', async () => {
    const { ticketId } = await submitAndRoute(application, "Quelqu'un a fait un tag sur le mur de l'école.");
    await application.routing.webhooks.runOnce();
    await application.routing.webhooks.idle();
    expect(await WebhookDeliveryModel.findOne({ ticketId }).lean()).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('« absent »'),
    });
    expect(receiver.calls).toHaveLength(3);
  });

  it('delivers after a restart what was still waiting in the outbox', async () => {
    receiver.statuses = [503];
    const { ticketId } = await submitAndRoute(application, 'Ramassage des encombrants oublié dans ma rue ce mardi.');
    await receiver.waitForCalls(4);
    await application.routing.webhooks.idle();
    await application.stop();

    ({ application } = await startTestApplication(overrides, databaseUri));
    const waiting = await WebhookDeliveryModel.findOne({ ticketId }).lean();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await application.routing.webhooks.runOnce(waiting!.nextAttemptAt)).toBe(1);
    expect(await WebhookDeliveryModel.findOne({ ticketId }).lean()).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(receiver.calls).toHaveLength(5);
    expect(receiver.calls[4].headers['x-aiguillage-delivery']).toBe(receiver.calls[3].headers['x-aiguillage-delivery']);
    expect(JSON.parse(receiver.calls[4].body).ticket.id).toBe(ticketId);
  });
});
