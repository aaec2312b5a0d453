import { io as connectSocket } from 'socket.io-client';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

const mairieSite = 'https://www.mairie.example';
const evilSite = 'https://evil.example';
const form = { text: 'Bonjour, le panneau stop du carrefour des Tilleuls a été arraché.', requester: { name: 'Yanis Roche' } };

describe('hardening: headers, strict CORS, cross-site requests, intake rate limit', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ corsOrigins: [mairieSite], intakeRateLimitPerMinute: 3, trustProxyHops: 1 }));
  });
  afterAll(async () => application.stop());

  it('sends the security headers on every answer', async () => {
    const response = await request(application.url).get('/api/nothing-here').expect(404);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'content-security-policy': expect.stringMatching(/default-src 'self'/),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('lets the mairie’s website post the form, and refuses any other site', async () => {
    const allowed = await request(application.url)
      .post('/api/requests')
      .set({ Origin: mairieSite, 'X-Forwarded-For': '198.51.100.1' })
      .send(form)
      .expect(201);
    expect(allowed.headers['access-control-allow-origin']).toBe(mairieSite);
    const refused = await request(application.url)
      .post('/api/requests')
      .set({ Origin: evilSite, 'X-Forwarded-For': '198.51.100.1' })
      .send(form)
      .expect(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.body.error).toMatch(/origine/);

    const preflight = await request(application.url)
      .options('/api/tickets')
      .set({ Origin: mairieSite, 'Access-Control-Request-Method': 'GET' })
      .expect(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    await request(application.url).options('/api/tickets').set({ Origin: evilSite, 'Access-Control-Request-Method': 'GET' }).expect(403);
    const readable = await request(application.url).get('/health').set('Origin', evilSite).expect(200);
    expect(readable.headers['access-control-allow-origin']).toBeUndefined();
    await request(application.url)
      .post('/api/requests')
      .set({ Origin: application.url, 'X-Forwarded-For': '198.51.100.2' })
      .send(form)
      .expect(201);
  });

  it('refuses a forged cross-site form post on a signed-in agent’s behalf', async () => {
    const token = await signedInToken(application, 'supervisor');
    await request(application.url)
      .post('/api/auth/sign-out')
      .set({ Origin: evilSite, Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' })
      .send('x=1')
      .expect(403);
    // A browser attaches no bearer token to a cross-site form: without it, nothing is done.
    await request(application.url)
      .post('/api/auth/sign-out')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('x=1')
      .expect(401);
    await request(application.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses a live socket opened from another site', async () => {
    const token = await signedInToken(application, 'agent', ['voirie']);
    const socket = connectSocket(application.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { Origin: evilSite },
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect_error', () => resolve('refused'));
      socket.once('session.ready', () => resolve('connected'));
    });
    socket.close();
    expect(outcome).toBe('refused');
  });

  it('limits the public intake per client address, in French', async () => {
    const client = { 'X-Forwarded-For': '198.51.100.77' };
    for (let index = 0; index < 3; index += 1) await request(application.url).post('/api/requests').set(client).send(form).expect(201);
    const limited = await request(application.url).post('/api/requests').set(client).send(form).expect(429);
    expect(limited.body.error).toMatch(/Trop de demandes/);
    expect(limited.headers['ratelimit-policy'] ?? limited.headers.ratelimit).toBeDefined();
    await request(application.url).post('/api/requests').set({ 'X-Forwarded-For': '198.51.100.78' }).send(form).expect(201);
    await request(application.url).get('/api/queues').set(client).expect(401);
  });
});
