import type { Socket } from 'socket.io-client';
import request from 'supertest';

import { UserModel } from '../../models/accounts/user-model';
import { computeDueDate } from '../../routing-rules/sla';
import { mairieWorkingSchedule } from '../../routing-rules/working-schedule';
import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';
import { activeRulesWith, bearer, keywordRule, publishThroughApi, submitAndRoute, ticketOf } from './rule-set-api';

const potholeRule = keywordRule(
  'nid-de-poule',
  ['nid-de-poule', 'nid de poule'],
  [
    { type: 'route', queue: 'voirie' },
    { type: 'setPriority', priority: 'high' },
    { type: 'setSla', sla: { amount: 2, unit: 'workingHours' } },
    { type: 'escalate', queue: 'police-municipale' },
    { type: 'assign', strategy: 'round-robin' },
    { type: 'acknowledge', templateId: 'signalement-voirie' },
  ],
);

describe('routing actions: assignment with capacity, due dates and escalation of overdue tickets', () => {
  let application: RunningApplication;
  let supervisor: string;
  let partTimeAgent: { token: string; id: string };
  let fullTimeAgent: { token: string; id: string };
  let policeSocket: Socket;
  let voirieSocket: Socket;
  const api = () => request(application.url);

  async function voirieAgent(capacity: number) {
    const token = await signedInToken(application, 'agent', ['voirie']);
    const id = (await api().get('/api/auth/me').set(bearer(token)).expect(200)).body.user.id as string;
    await UserModel.updateOne({ _id: id }, { $set: { capacity } });
    return { token, id };
  }

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
    partTimeAgent = await voirieAgent(1);
    fullTimeAgent = await voirieAgent(5);
    policeSocket = await connectAgentSocket(application, await signedInToken(application, 'agent', ['police-municipale']));
    voirieSocket = await connectAgentSocket(application, fullTimeAgent.token);
    await publishThroughApi(application, supervisor, await activeRulesWith(application, supervisor, potholeRule));
  }, 120_000);
  afterAll(async () => {
    policeSocket?.close();
    voirieSocket?.close();
    await application?.stop();
  });

  it('applies every action of the rule to the ticket and escalates it, live, once it is overdue', async () => {
    const texts = [
      'Un énorme nid-de-poule rue Victor Hugo, les voitures font des écarts.',
      'Nid de poule devant le 12 avenue Jean Jaurès, merci de le reboucher.',
      'Encore un nid-de-poule boulevard Gambetta, près de la boulangerie.',
    ];
    const tickets = [];
    for (const text of texts) tickets.push(await ticketOf(application, supervisor, (await submitAndRoute(application, text)).ticketId));

    // Round robin, skipping the part-time agent once their single slot is taken.
    expect(tickets.map((ticket) => ticket.assigneeId)).toEqual([partTimeAgent.id, fullTimeAgent.id, fullTimeAgent.id]);
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({
        queue: 'voirie',
        priority: 'high',
        escalateTo: 'police-municipale',
        acknowledgementTemplate: 'signalement-voirie',
        escalatedAt: null,
      });
      const expectedDue = computeDueDate(new Date(ticket.receivedAt), { amount: 2, unit: 'workingHours' }, mairieWorkingSchedule);
      expect(ticket.dueAt).toBe(expectedDue.toISOString());
    }
    const history = await api().get(`/api/tickets/${tickets[0].id}`).set(bearer(supervisor)).expect(200);
    expect(history.body.history.map((event: { type: string }) => event.type)).toEqual(['created', 'assigned']);

    await api().post(`/api/tickets/${tickets[2].id}/status`).set(bearer(fullTimeAgent.token)).send({ status: 'resolved' }).expect(200);

    const earliestDue = Math.min(...tickets.map((ticket) => Date.parse(ticket.dueAt)));
    const latestDue = Math.max(...tickets.map((ticket) => Date.parse(ticket.dueAt)));
    expect(await application.routing.slaEscalation.runOnce(new Date(earliestDue - 60_000))).toBe(0);

    const arrives = nextEvent<{ id: string; queue: string; escalatedAt: string }>(policeSocket, 'ticket.updated');
    const leaves = nextEvent<{ id: string; from: string; to: string }>(voirieSocket, 'ticket.moved');
    const fakeNow = new Date(latestDue + 60_000);
    expect(await application.routing.slaEscalation.runOnce(fakeNow)).toBe(2);
    expect(await arrives).toMatchObject({ queue: 'police-municipale', escalatedAt: fakeNow.toISOString() });
    expect(await leaves).toMatchObject({ from: 'voirie', to: 'police-municipale' });

    const escalated = await api().get(`/api/tickets/${tickets[0].id}`).set(bearer(supervisor)).expect(200);
    expect(escalated.body.ticket).toMatchObject({ queue: 'police-municipale', assigneeId: null, escalatedAt: fakeNow.toISOString() });
    expect(escalated.body.history.at(-1)).toMatchObject({
      type: 'rerouted',
      from: 'voirie',
      to: 'police-municipale',
      reason: expect.stringMatching(/^échéance dépassée/),
    });
    expect((await ticketOf(application, supervisor, tickets[2].id)).queue).toBe('voirie');

    expect(await application.routing.slaEscalation.runOnce(new Date(latestDue + 3_600_000))).toBe(0);
  });
});
