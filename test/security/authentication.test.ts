import request from 'supertest';

import { SessionModel } from '../../models/accounts/session-model';
import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, createTestUser, nextEvent, signedInToken, startTestApplication } from '../support/test-application';
import { totpCode } from '../support/totp-code';

describe('authentication: sign-in delays, rate limits, second factor, session expiry and revocation', () => {
  let application: RunningApplication;
  let clientNumber = 0;
  // Behind one trusted proxy hop, each test acts from its own client address.
  const fromNewClient = () => ({ 'X-Forwarded-For': `203.0.113.${++clientNumber}` });

  beforeAll(async () => {
    ({ application } = await startTestApplication({ signInRateLimitPerMinute: 8, trustProxyHops: 1, socketSessionCheckMs: 200 }));
  });
  afterAll(async () => application.stop());

  const signIn = (body: object, client: Record<string, string>) =>
    request(application.url).post('/api/auth/sign-in').set(client).send(body);

  it('delays an account’s sign-in from an address after repeated wrong passwords, even for the right one (see sign-in-throttling)', async () => {
    const user = await createTestUser('agent', ['voirie']);
    const client = fromNewClient();
    for (let attempt = 0; attempt < 6; attempt += 1)
      await signIn({ email: user.email, password: 'mauvais-mot-de-passe' }, client).expect(401);
    const delayed = await signIn(user, client).expect(429);
    expect(delayed.body.error).toMatch(/Réessayez dans 30 secondes/);
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const client = fromNewClient();
    const unknown = await signIn({ email: 'personne@mairie.example', password: 'x' }, client).expect(401);
    const user = await createTestUser('agent');
    const wrong = await signIn({ email: user.email, password: 'x' }, client).expect(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('slows down password guessing from one address across accounts (429)', async () => {
    const client = fromNewClient();
    const statuses = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      statuses.push((await signIn({ email: `inconnu${attempt}@mairie.example`, password: 'devine' }, client)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    const otherClient = fromNewClient();
    await signIn(await createTestUser('agent'), otherClient).expect(200);
  });

  it('requires a TOTP code once a supervisor enables it, and refuses a code used twice', async () => {
    const user = await createTestUser('supervisor');
    const client = fromNewClient();
    const token = (await signIn(user, client).expect(200)).body.token as string;
    const auth = { Authorization: `Bearer ${token}` };
    const setup = await request(application.url).post('/api/auth/totp/setup').set(auth).expect(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Aiguillage:.*secret=/);
    const code = totpCode(setup.body.secret, new Date());
    const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    await request(application.url).post('/api/auth/totp/enable').set(auth).send({ code: wrongCode }).expect(403);
    await request(application.url).post('/api/auth/totp/enable').set(auth).send({ code }).expect(204);

    const withoutCode = await signIn(user, client).expect(401);
    expect(withoutCode.body.secondFactorRequired).toBe(true);
    const nextCode = totpCode(setup.body.secret, new Date(Date.now() + 30_000));
    const signedIn = await signIn({ ...user, totpCode: nextCode }, client).expect(200);
    expect(signedIn.body.user.secondFactor).toBe(true);
    const replayed = await signIn({ ...user, totpCode: nextCode }, client).expect(401);
    expect(replayed.body.error).toMatch(/déjà utilisé/);
  });

  it('offers the second factor to supervisors, admins and the DPO, not to agents', async () => {
    const agent = await signedInToken(application, 'agent', ['voirie']);
    await request(application.url).post('/api/auth/totp/setup').set('Authorization', `Bearer ${agent}`).expect(403);
  });

  it('refuses an expired session and a revoked one, over HTTP and on the live socket', async () => {
    const expiring = await signedInToken(application, 'agent', ['voirie']);
    await request(application.url).get('/api/auth/me').set('Authorization', `Bearer ${expiring}`).expect(200);
    await SessionModel.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await request(application.url).get('/api/auth/me').set('Authorization', `Bearer ${expiring}`).expect(401);

    const token = await signedInToken(application, 'agent', ['voirie']);
    const socket = await connectAgentSocket(application, token);
    const ended = nextEvent<{ reason: string }>(socket, 'session.ended');
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    await request(application.url).post('/api/auth/sign-out').set('Authorization', `Bearer ${token}`).expect(204);
    expect((await ended).reason).toMatch(/révoquée/);
    await disconnected;
    await request(application.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    socket.close();
  });

  it('signs a user out everywhere else when they change their password', async () => {
    const user = await createTestUser('agent', ['voirie']);
    const first = (await signIn(user, fromNewClient()).expect(200)).body.token;
    const second = (await signIn(user, fromNewClient()).expect(200)).body.token;
    await request(application.url)
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${second}`)
      .send({ currentPassword: user.password, newPassword: 'court' })
      .expect(400);
    await request(application.url)
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${second}`)
      .send({ currentPassword: user.password, newPassword: 'une phrase de passe assez longue' })
      .expect(204);
    await request(application.url).get('/api/auth/me').set('Authorization', `Bearer ${first}`).expect(401);
    await request(application.url).get('/api/auth/me').set('Authorization', `Bearer ${second}`).expect(200);
    await signIn({ email: user.email, password: 'une phrase de passe assez longue' }, fromNewClient()).expect(200);
  });

  it('lets an admin create accounts, narrow access and disable a user, ending their sessions', async () => {
    const admin = { Authorization: `Bearer ${await signedInToken(application, 'admin')}` };
    const created = await request(application.url)
      .post('/api/users')
      .set(admin)
      .send({ email: 'nouvel.agent@mairie.example', displayName: 'Nouvel agent', role: 'agent', queues: ['voirie', 'etat-civil'] })
      .expect(201);
    await request(application.url)
      .post('/api/users')
      .set(admin)
      .send({ email: 'x@mairie.example', displayName: 'X', role: 'agent', queues: ['inconnue'] })
      .expect(400);
    const agentToken = (
      await signIn({ email: 'nouvel.agent@mairie.example', password: created.body.initialPassword }, fromNewClient()).expect(200)
    ).body.token;
    const agent = { Authorization: `Bearer ${agentToken}` };
    await request(application.url).get('/api/tickets?queue=etat-civil').set(agent).expect(200);

    await request(application.url)
      .patch(`/api/users/${created.body.user.id}`)
      .set(admin)
      .send({ queues: ['voirie'] })
      .expect(200);
    await request(application.url).get('/api/auth/me').set(agent).expect(401);
    const narrowed = (
      await signIn({ email: 'nouvel.agent@mairie.example', password: created.body.initialPassword }, fromNewClient()).expect(200)
    ).body.token;
    await request(application.url).get('/api/tickets?queue=etat-civil').set('Authorization', `Bearer ${narrowed}`).expect(403);

    await request(application.url).patch(`/api/users/${created.body.user.id}`).set(admin).send({ active: false }).expect(200);
    await request(application.url).get('/api/auth/me').set('Authorization', `Bearer ${narrowed}`).expect(401);
    await signIn({ email: 'nouvel.agent@mairie.example', password: created.body.initialPassword }, fromNewClient()).expect(401);
  });
});
