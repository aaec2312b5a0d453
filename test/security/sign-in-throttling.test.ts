import request from 'supertest';

import { SignInThrottleModel } from '../../models/accounts/sign-in-throttle-model';
import { AuditEventModel } from '../../models/audit/audit-event-model';
import type { RunningApplication } from '../../server/application';
import { startSmtpSink, type SmtpSink } from '../support/mail-servers';
import { createTestUser, signedInToken, startTestApplication } from '../support/test-application';

const mairieNat = { 'X-Forwarded-For': '192.0.2.10' };
const elsewhere = { 'X-Forwarded-For': '198.51.100.77' };

describe('sign-in throttling per account and address, behind one NAT', () => {
  let application: RunningApplication;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ application } = await startTestApplication({
      trustProxyHops: 1,
      smtpIntakeEnabled: false,
      smtpOutHost: '127.0.0.1',
      smtpOutPort: sink.port,
    }));
  });
  afterAll(async () => {
    await application?.stop();
    await sink?.stop();
  });

  const signIn = (body: object, client: Record<string, string>) =>
    request(application.url).post('/api/auth/sign-in').set(client).send(body);
  const wrong = (email: string) => ({ email, password: 'pas le bon mot de passe' });

  it('lets the other agents behind the mairie’s address sign in while someone guesses one account’s password', async () => {
    const target = await createTestUser('agent', ['voirie']);
    const colleagues = await Promise.all([
      createTestUser('agent', ['etat-civil']),
      createTestUser('agent', ['social']),
      createTestUser('supervisor'),
    ]);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const answer = await signIn(wrong(target.email), mairieNat);
      expect([401, 429]).toContain(answer.status);
    }
    for (const colleague of colleagues) await signIn(colleague, mairieNat).expect(200);
    // Mistyping colleagues are not slowed down by the attack on another account either.
    await signIn(wrong(colleagues[0]!.email), mairieNat).expect(401);
    await signIn(colleagues[0]!, mairieNat).expect(200);
  });

  it('delays attempts on the guessed account from that address with growing delays, never locking its owner out', async () => {
    const target = await createTestUser('agent', ['voirie']);
    for (let attempt = 0; attempt < 5; attempt += 1) await signIn(wrong(target.email), mairieNat).expect(401);
    await signIn(wrong(target.email), mairieNat).expect(401);

    const first = await signIn(target, mairieNat).expect(429);
    expect(first.headers['retry-after']).toBe('30');
    expect(first.body.error).toBe("Trop d'essais de connexion à ce compte depuis votre poste. Réessayez dans 30 secondes.");
    await signIn(target, elsewhere).expect(200);

    // The delay has run out (moved into the past rather than waited for); the next wrong password doubles it.
    await SignInThrottleModel.updateMany({}, { $set: { delayedUntil: new Date(Date.now() - 1000) } });
    await signIn(wrong(target.email), mairieNat).expect(401);
    expect((await signIn(target, mairieNat).expect(429)).headers['retry-after']).toBe('60');
    await SignInThrottleModel.updateMany({}, { $set: { delayedUntil: new Date(Date.now() - 1000) } });
    await signIn(wrong(target.email), mairieNat).expect(401);
    expect((await signIn(target, mairieNat).expect(429)).body.error).toMatch(/Réessayez dans 2 minutes/);
  });

  it('answers an unknown account exactly like a known one, delays included', async () => {
    const known = await createTestUser('agent');
    const answers = async (email: string) => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1) statuses.push((await signIn(wrong(email), elsewhere)).status);
      return statuses;
    };
    expect(await answers('personne.inconnue@mairie.example')).toEqual(await answers(known.email));
  });

  it('tells the owner by mail once when the delays start, and lets an admin lift them', async () => {
    const target = await createTestUser('supervisor');
    for (let attempt = 0; attempt < 6; attempt += 1) await signIn(wrong(target.email), mairieNat).expect(401);
    const notice = await sink.waitFor((mail) => mail.to !== undefined && JSON.stringify(mail.to).includes(target.email));
    expect(notice.subject).toBe('Tentatives de connexion à votre compte Aiguillage');
    expect(notice.text).toMatch(/6 tentatives de connexion à votre compte ont échoué depuis l'adresse 192\.0\.2\.10/);
    expect(notice.text).toMatch(/administrateur des comptes, qui peut aussi lever ce ralentissement/);
    expect(await AuditEventModel.countDocuments({ action: 'auth.sign-in-delayed', 'details.ownerNotified': true })).toBeGreaterThanOrEqual(
      1,
    );

    const admin = await signedInToken(application, 'admin');
    const users = await request(application.url).get('/api/users').set('Authorization', `Bearer ${admin}`).expect(200);
    const row = users.body.users.find((user: { email: string }) => user.email === target.email);
    expect(row.signInDelayedUntil).not.toBeNull();
    await signIn(target, mairieNat).expect(429);
    const unlocked = await request(application.url)
      .post(`/api/users/${row.id}/sign-in/unlock`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(unlocked.body).toEqual({ addresses: 1 });
    await signIn(target, mairieNat).expect(200);
    expect(await AuditEventModel.countDocuments({ action: 'user.sign-in-unlocked', objectId: row.id })).toBe(1);
    const mails = (await sink.received()).filter((mail) => JSON.stringify(mail.to).includes(target.email));
    expect(mails).toHaveLength(1);
  });
});
