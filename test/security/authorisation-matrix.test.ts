import { Types } from 'mongoose';
import type { Socket } from 'socket.io-client';
import request from 'supertest';

import type { UserRole } from '../../models/accounts/user-model';
import { findUserByEmail } from '../../models/accounts/user-repository';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, obernai, signedInFor } from '../communes/commune-test-kit';
import { listRoutes } from '../support/list-routes';
import { connectAgentSocket, createTestUser, nextEvent, signedInToken, startTestApplication } from '../support/test-application';
import { routeAccessPolicy } from './route-access-policy';

const marker = 'Quetzalcoatl-7731';
const roles: UserRole[] = ['agent', 'supervisor', 'admin', 'dpo'];

describe('authorisation matrix: every route refuses every role it does not name, and every agent outside the queue', () => {
  let application: RunningApplication;
  let ticketId: string;
  let userId: string;
  let requestId: string;
  /** The agent allowed in: serves the ticket's queue and the reception queue. */
  let queueAgent: string;
  let otherQueueAgent: string;
  const tokens = {} as Record<UserRole, string>;
  /** The same roles, with the same queues, in another commune (Obernai) than the ticket's (the default commune). */
  const otherCommune = {} as Record<UserRole, string>;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    queueAgent = await signedInToken(application, 'agent', ['etat-civil', 'accueil']);
    otherQueueAgent = await signedInToken(application, 'agent', ['voirie']);
    for (const role of roles) tokens[role] = role === 'agent' ? queueAgent : await signedInToken(application, role);
    const watcher = await connectAgentSocket(application, queueAgent);
    const pushed = nextEvent<{ id: string; queue: string; request: { id: string } }>(watcher, 'ticket.created');
    await request(application.url)
      .post('/api/requests')
      .send({ text: `Je voudrais une copie intégrale de mon acte de naissance, référence ${marker}.`, requester: { name: 'Lina Perret' } })
      .expect(201);
    const ticket = await pushed;
    expect(ticket.queue).toBe('etat-civil');
    ticketId = ticket.id;
    requestId = ticket.request.id;
    watcher.close();
    const someone = await createTestUser('agent', ['voirie']);
    userId = (await findUserByEmail(someone.email))!.id;
    await addEpciCommunes(application);
    for (const role of roles)
      otherCommune[role] = await signedInFor(application, role, {
        queues: role === 'agent' ? ['etat-civil', 'accueil', 'voirie'] : [],
        communes: [obernai.insee],
      });
  });
  afterAll(async () => application.stop());

  function concretePath(path: string): string {
    return path
      .replace(/^\/api\/(users|agents)\/:id/, `/api/$1/${userId}`)
      .replace('/api/mailbox/set-aside/:id', `/api/mailbox/set-aside/${requestId}`)
      .replace('/api/mail-templates/:id', '/api/mail-templates/acknowledgement')
      .replace('/api/rule-sets/simulations/:id', `/api/rule-sets/simulations/${new Types.ObjectId()}`)
      .replace(':id', ticketId)
      .replace(':storageId', 'none')
      .replace(':kind', 'reply')
      .replace(':version', '1')
      .replace(':queueId', 'voirie')
      .replace(':token', 'not-a-signed-token');
  }

  function call(method: string, path: string, token?: string, body?: object) {
    const pending = request(application.url)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concretePath(path));
    if (token) pending.set('Authorization', `Bearer ${token}`);
    return body ? pending.send(body) : pending;
  }

  it('declares the access of every route the application serves', () => {
    const undeclared = listRoutes(application.expressApp)
      .map((route) => `${route.method} ${route.path}`)
      .filter((route) => !(route in routeAccessPolicy));
    expect(undeclared).toEqual([]);
  });

  it('answers 401 without a token, 403 or 404 to every role not allowed, and leaks nothing', async () => {
    const violations: string[] = [];
    for (const { method, path } of listRoutes(application.expressApp)) {
      const access = routeAccessPolicy[`${method} ${path}`];
      if (!access || access.roles === 'public') continue;
      if (access.roles === 'metrics-token') {
        // Refused (401, or 404 where no METRICS_TOKEN is set) to anyone without it, a signed-in user included.
        for (const [who, token] of [
          ['no token', undefined],
          ['an unknown token', 'a'.repeat(43)],
          ...roles.map((role) => [role, tokens[role]]),
        ]) {
          const refused = await call(method, path, token);
          if (![401, 404].includes(refused.status)) violations.push(`${method} ${path} with ${who}: ${refused.status}`);
        }
        continue;
      }
      const anonymous = await call(method, path, undefined, access.body);
      if (anonymous.status !== 401) violations.push(`${method} ${path} without token: ${anonymous.status}`);
      const forged = await call(method, path, 'a'.repeat(43), access.body);
      if (forged.status !== 401) violations.push(`${method} ${path} with an unknown token: ${forged.status}`);
      for (const role of roles.filter((candidate) => !access.roles.includes(candidate))) {
        const refused = await call(method, path, tokens[role], access.body);
        if (![403, 404].includes(refused.status)) violations.push(`${method} ${path} as ${role}: ${refused.status}`);
        if (refused.text.includes(marker)) violations.push(`${method} ${path} as ${role}: leaked the ticket`);
      }
      if (access.queue) {
        const outsider = await call(method, path, otherQueueAgent, access.body);
        if (![403, 404].includes(outsider.status)) violations.push(`${method} ${path} as an agent of another queue: ${outsider.status}`);
        if (outsider.text.includes(marker)) violations.push(`${method} ${path} as an agent of another queue: leaked the ticket`);
      }
    }
    expect(violations).toEqual([]);
    await request(application.url).get('/api/tickets?queue=etat-civil').set('Authorization', `Bearer ${otherQueueAgent}`).expect(403);
  });

  it('changed nothing through the refused calls', async () => {
    const ticket = await TicketModel.findById(ticketId);
    expect(ticket).toMatchObject({ status: 'new', queue: 'etat-civil' });
    expect(ticket!.assigneeId ?? null).toBeNull();
    expect(await TicketMessageModel.countDocuments({ ticketId, kind: 'agent-reply' })).toBe(0);
  });

  it("refuses every ticket route to another commune's staff of every role, and no route shows them the ticket or the commune's accounts", async () => {
    const leaks: string[] = [];
    for (const { method, path } of listRoutes(application.expressApp)) {
      const access = routeAccessPolicy[`${method} ${path}`];
      if (!access || access.roles === 'public' || access.roles === 'metrics-token') continue;
      // Calls with side effects are made only where a refusal is expected (a ticket's), so nobody signs out.
      if (access.sideEffects && !access.queue) continue;
      for (const role of access.roles) {
        const answer = await call(method, path, otherCommune[role], access.body);
        if (access.queue && ![403, 404].includes(answer.status))
          leaks.push(`${method} ${path} as ${role} of another commune: ${answer.status}`);
        for (const secret of [marker, ticketId, requestId, userId]) {
          if (answer.text.includes(secret))
            leaks.push(`${method} ${path} as ${role} of another commune: showed ${secret === marker ? 'the ticket' : secret}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('lets each allowed role past the access checks', async () => {
    const refusals: string[] = [];
    for (const { method, path } of listRoutes(application.expressApp)) {
      const access = routeAccessPolicy[`${method} ${path}`];
      if (!access || access.sideEffects || access.roles === 'metrics-token') continue;
      const allowed = access.roles === 'public' ? [undefined] : access.roles.map((role) => tokens[role]);
      for (const token of allowed) {
        // No body: an allowed call stops at validation (400) at worst, and changes nothing.
        const response = await call(method, path, token);
        if ([401, 403].includes(response.status)) refusals.push(`${method} ${path}: ${response.status}`);
      }
    }
    expect(refusals).toEqual([]);
  });

  it('pushes a ticket live only to the agents of its queue and to supervisors, of its commune', async () => {
    const sockets: Record<string, Socket> = {
      queueAgent: await connectAgentSocket(application, queueAgent),
      otherQueueAgent: await connectAgentSocket(application, otherQueueAgent),
      otherCommuneAgent: await connectAgentSocket(application, otherCommune.agent),
      otherCommuneSupervisor: await connectAgentSocket(application, otherCommune.supervisor),
      supervisor: await connectAgentSocket(application, tokens.supervisor),
      admin: await connectAgentSocket(application, tokens.admin),
      dpo: await connectAgentSocket(application, tokens.dpo),
    };
    const received: Record<string, string[]> = Object.fromEntries(Object.keys(sockets).map((name) => [name, []]));
    for (const [name, socket] of Object.entries(sockets))
      socket.on('ticket.created', (ticket: { id: string }) => received[name].push(ticket.id));
    const supervisorGot = nextEvent<{ id: string }>(sockets.supervisor, 'ticket.created');
    const agentGot = nextEvent<{ id: string }>(sockets.queueAgent, 'ticket.created');
    await request(application.url)
      .post('/api/requests')
      .send({
        commune: '00000',
        text: 'Je souhaite obtenir un extrait d’acte de mariage pour mon dossier de retraite.',
        requester: { name: 'Odile Brun' },
      })
      .expect(201);
    const [forSupervisor, forAgent] = await Promise.all([supervisorGot, agentGot]);
    expect(forSupervisor.id).toBe(forAgent.id);
    await application.worker.idle();
    expect({
      otherQueueAgent: received.otherQueueAgent,
      otherCommuneAgent: received.otherCommuneAgent,
      otherCommuneSupervisor: received.otherCommuneSupervisor,
      admin: received.admin,
      dpo: received.dpo,
    }).toEqual({ otherQueueAgent: [], otherCommuneAgent: [], otherCommuneSupervisor: [], admin: [], dpo: [] });
    Object.values(sockets).forEach((socket) => socket.close());
  });
});
