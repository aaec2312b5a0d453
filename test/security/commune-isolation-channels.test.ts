import type { Socket } from 'socket.io-client';
import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { RequestModel } from '../../models/request/request-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import { WebhookDeliveryModel } from '../../models/ticket/webhook-delivery-model';
import type { Rule } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from '../communes/commune-test-kit';
import { activeRuleSet, activeRulesWith, bearer, keywordRule, publishThroughApi } from '../routing/rule-set-api';
import { startSmtpSink, type SmtpSink } from '../support/mail-servers';
import { rawMail } from '../support/raw-mail';
import { connectAgentSocket, nextEvent, startTestApplication } from '../support/test-application';
import { FakeReceiver } from '../support/webhook-receiver';

type Commune = typeof obernai;
interface Submitted {
  requestId: string;
  ticketId: string;
  reference: string;
}

const secret = 'secret-des-crochets-de-test-de-l-epci';

/**
 * The channels besides lists and dashboards (see commune-isolation.test): search, webhooks, mail, live sockets and
 * agents' notices, and a commune's own threshold. Obernai's staff never get anything of Saint-Denis's requests,
 * the EPCI's staff get both, each with its commune.
 */
describe('isolation between communes through search, webhooks, mail, sockets and thresholds', () => {
  const receiver = new FakeReceiver();
  let sink: SmtpSink;
  let application: RunningApplication;
  const staff = {} as Record<
    'obernaiAgent' | 'epciAgent' | 'obernaiSupervisor' | 'obernaiDpo' | 'saintDenisDpo' | 'defaultCommuneDpo' | 'obernaiVoirie',
    string
  >;

  async function submit(commune: Commune, text: string, requester: { name: string; email?: string }): Promise<Submitted> {
    const created = await request(application.url).post('/api/requests').send({ commune: commune.insee, text, requester }).expect(201);
    await application.worker.idle();
    const ticket = (await TicketModel.findOne({ requestId: created.body.id }).lean())!;
    return { requestId: created.body.id as string, ticketId: ticket._id.toString(), reference: ticket.reference };
  }

  async function listed(token: string, query: string): Promise<Array<{ reference: string; commune: string }>> {
    return (await request(application.url).get('/api/tickets').query(query).set(bearer(token)).expect(200)).body.tickets;
  }

  async function auditedObjects(token: string, action: string): Promise<string[]> {
    const events = await request(application.url).get(`/api/audit/events?action=${action}&pageSize=200`).set(bearer(token)).expect(200);
    return events.body.events.map((event: { objectId: string }) => event.objectId);
  }

  beforeAll(async () => {
    const url = await receiver.listen();
    sink = await startSmtpSink();
    ({ application } = await startTestApplication({
      webhookSecrets: { default: secret },
      webhookAllowedDestinations: [url],
      webhookAllowedPrivateAddresses: ['127.0.0.1'],
      smtpOutHost: '127.0.0.1',
      smtpOutPort: sink.port,
      outboxIntervalMs: 500,
    }));
    await addEpciCommunes(application);
    staff.obernaiAgent = await signedInFor(application, 'agent', { queues: ['etat-civil'], communes: [obernai.insee] });
    staff.obernaiVoirie = await signedInFor(application, 'agent', { queues: ['voirie'], communes: [obernai.insee] });
    staff.epciAgent = await signedInFor(application, 'agent', { queues: ['etat-civil', 'voirie'], epci: epciSiren });
    staff.obernaiSupervisor = await signedInFor(application, 'supervisor', { communes: [obernai.insee] });
    staff.obernaiDpo = await signedInFor(application, 'dpo', { communes: [obernai.insee] });
    staff.saintDenisDpo = await signedInFor(application, 'dpo', { communes: [saintDenis.insee] });
    // The DPO of the service's first commune, who also reads what concerns no commune.
    staff.defaultCommuneDpo = await signedInFor(application, 'dpo', {});
    // Obernai's own rule: its bulky-waste reports also go to its waste contractor's application.
    const obernaiWebhook = keywordRule(
      'obernai-encombrants',
      ['encombrants'],
      [
        { type: 'route', queue: 'voirie' },
        { type: 'webhook', url },
      ],
      { communes: [obernai.insee] },
    );
    await publishThroughApi(
      application,
      staff.obernaiSupervisor,
      await activeRulesWith(application, staff.obernaiSupervisor, obernaiWebhook),
    );
  }, 120_000);

  afterAll(async () => {
    await application?.stop();
    await Promise.all([receiver.close(), sink?.stop()]);
  });

  describe('search', () => {
    const citizen = { name: 'Mireille Grondin', email: 'mireille.grondin@example.org' };
    const tickets = {} as Record<'obernai' | 'saintDenis', Submitted>;

    beforeAll(async () => {
      tickets.obernai = await submit(obernai, 'Bonjour, je voudrais une copie intégrale de mon acte de naissance, merci.', citizen);
      tickets.saintDenis = await submit(
        saintDenis,
        'Bonjour, je voudrais une copie intégrale de mon acte de naissance pour mon dossier de cafrine à Bellepierre.',
        citizen,
      );
    });

    it("finds nothing of Saint-Denis's request for Obernai's agent, by a word, the citizen's name, e-mail or the reference", async () => {
      expect(await listed(staff.obernaiAgent, 'q=Bellepierre')).toEqual([]);
      expect(await listed(staff.obernaiAgent, `q=${tickets.saintDenis.reference}`)).toEqual([]);
      for (const q of [citizen.name, citizen.email]) {
        const found = await listed(staff.obernaiAgent, `q=${encodeURIComponent(q)}`);
        expect(found.map((ticket) => ticket.reference)).toEqual([tickets.obernai.reference]);
      }
      // Opened beside Obernai's ticket, the citizen's other requests leave out Saint-Denis's.
      const history = await request(application.url)
        .get(`/api/tickets/${tickets.obernai.ticketId}/requester-history`)
        .set(bearer(staff.obernaiAgent))
        .expect(200);
      expect(history.body).toMatchObject({ tickets: [], total: 0, likelyDuplicates: [] });
      expect(history.text).not.toContain(tickets.saintDenis.ticketId);
    });

    it("finds both for the EPCI's agent, each labelled with its commune", async () => {
      expect(await listed(staff.epciAgent, 'q=Bellepierre')).toMatchObject([
        { reference: tickets.saintDenis.reference, commune: saintDenis.insee },
      ]);
      const byEmail = await listed(staff.epciAgent, `q=${encodeURIComponent(citizen.email)}`);
      expect(byEmail.map(({ reference, commune }) => ({ reference, commune })).sort((a, b) => a.commune.localeCompare(b.commune))).toEqual([
        { reference: tickets.obernai.reference, commune: obernai.insee },
        { reference: tickets.saintDenis.reference, commune: saintDenis.insee },
      ]);
      const history = await request(application.url)
        .get(`/api/tickets/${tickets.obernai.ticketId}/requester-history`)
        .set(bearer(staff.epciAgent))
        .expect(200);
      expect(history.body.tickets).toMatchObject([{ reference: tickets.saintDenis.reference, commune: saintDenis.insee }]);
    });

    it("names as colleagues and possible assignees only those who work for the ticket's commune", async () => {
      const saintDenisAgent = await signedInFor(application, 'agent', { queues: ['etat-civil'], communes: [saintDenis.insee] });
      const userIdOf = async (token: string) => ({
        id: (await request(application.url).get('/api/auth/me').set(bearer(token)).expect(200)).body.user.id as string,
      });
      const [stranger, shared] = [await userIdOf(saintDenisAgent), await userIdOf(staff.epciAgent)];
      const colleagues = await request(application.url).get('/api/colleagues').set(bearer(staff.obernaiAgent)).expect(200);
      expect(colleagues.body.colleagues).toEqual(expect.arrayContaining([expect.objectContaining(shared)]));
      expect(colleagues.body.colleagues).not.toContainEqual(expect.objectContaining(stranger));
      const assignees = await request(application.url)
        .get(`/api/tickets/${tickets.obernai.ticketId}/assignees`)
        .set(bearer(staff.obernaiAgent))
        .expect(200);
      expect(assignees.body.assignees).toEqual(expect.arrayContaining([expect.objectContaining(shared)]));
      expect(assignees.body.assignees).not.toContainEqual(expect.objectContaining(stranger));
    });
  });

  describe('webhooks', () => {
    const text = 'Des encombrants sont déposés sur le trottoir devant chez moi depuis une semaine.';

    it("fires a commune's webhook for that commune's requests only, each delivery carrying its commune", async () => {
      const fromObernai = await submit(obernai, text, { name: 'Luc Meyer' });
      const fromSaintDenis = await submit(saintDenis, text, { name: 'Jean Hoarau' });
      await receiver.waitForCalls(1);
      await application.routing.webhooks.idle();
      expect(receiver.calls.map((call) => (JSON.parse(call.body) as { ticket: { id: string } }).ticket.id)).toEqual([fromObernai.ticketId]);
      const deliveries = await WebhookDeliveryModel.find().lean();
      expect(deliveries.map(({ ticketId, commune, status }) => ({ ticketId: ticketId.toString(), commune, status }))).toEqual([
        { ticketId: fromObernai.ticketId, commune: obernai.insee, status: 'delivered' },
      ]);
      expect(await WebhookDeliveryModel.countDocuments({ ticketId: fromSaintDenis.ticketId })).toBe(0);
    });

    it("records each call in its commune's audit trail: the commune's DPO reads it, another commune's does not", async () => {
      const [delivery] = await WebhookDeliveryModel.find().lean();
      const ticketId = delivery.ticketId.toString();
      expect(await auditedObjects(staff.obernaiDpo, 'webhook.sent')).toContain(ticketId);
      expect(await auditedObjects(staff.saintDenisDpo, 'webhook.sent')).not.toContain(ticketId);
      expect(await auditedObjects(staff.defaultCommuneDpo, 'webhook.sent')).not.toContain(ticketId);
    });
  });

  describe('mail', () => {
    const citizen = { name: 'Paulette Kuhn', email: 'paulette.kuhn@example.org' };
    let ticket: Submitted;
    let agentReply: { messageId: string; subject: string };

    beforeAll(async () => {
      ticket = await submit(obernai, 'Bonjour, je voudrais une copie intégrale de mon acte de mariage.', citizen);
    });

    it("sends an agent's reply on Obernai's ticket from Obernai's address", async () => {
      await request(application.url)
        .post(`/api/tickets/${ticket.ticketId}/replies`)
        .set(bearer(staff.obernaiAgent))
        .send({ text: 'Bonjour Madame, votre acte vous sera envoyé par courrier cette semaine.' })
        .expect(202);
      const sent = await sink.waitFor(
        (mail) => mail.subject?.includes(ticket.reference) === true && mail.text?.includes('par courrier') === true,
      );
      expect(sent.from).toMatchObject({ value: [{ address: obernai.address }] });
      expect(sent.messageId).toMatch(/@obernai\.example>$/);
      agentReply = { messageId: sent.messageId!, subject: sent.subject! };
    });

    it("makes a reply to Obernai's mail sent to Saint-Denis's address a request of Saint-Denis, never a message of Obernai's ticket", async () => {
      // The citizen's answer to that mail, written to the address given.
      const answer = async (to: string, messageId: string) =>
        request(application.url)
          .post('/api/requests/email')
          .set('Content-Type', 'message/rfc822')
          .send(
            await rawMail({
              from: `"${citizen.name}" <${citizen.email}>`,
              to,
              subject: `Re: ${agentReply.subject}`,
              messageId,
              inReplyTo: agentReply.messageId,
              references: [agentReply.messageId],
              text: 'Merci, pouvez-vous aussi me donner le livret de famille ?',
            }),
          )
          .expect(201);
      const misdirected = await answer(saintDenis.address, '<kuhn-1@example.org>');
      expect(misdirected.body.outcome).toBe('request');
      await application.worker.idle();
      expect(await TicketModel.findOne({ requestId: misdirected.body.id }).lean()).toMatchObject({ commune: saintDenis.insee });
      expect(await TicketMessageModel.countDocuments({ ticketId: ticket.ticketId, kind: 'follow-up' })).toBe(0);
      const conversation = await request(application.url)
        .get(`/api/tickets/${ticket.ticketId}/messages`)
        .set(bearer(staff.obernaiAgent))
        .expect(200);
      expect(conversation.text).not.toContain('livret de famille');

      // The same answer written to Obernai joins its ticket: the headers do thread, within the commune.
      expect((await answer(obernai.address, '<kuhn-2@example.org>')).body.outcome).toBe('follow-up');
      expect(await TicketMessageModel.countDocuments({ ticketId: ticket.ticketId, kind: 'follow-up' })).toBe(1);
    });
  });

  describe('live sockets and notices', () => {
    const sockets = {} as Record<'obernaiAgent' | 'obernaiSupervisor' | 'epciAgent', Socket>;
    const received = {} as Record<keyof typeof sockets, string[]>;

    beforeAll(async () => {
      for (const name of ['obernaiAgent', 'obernaiSupervisor', 'epciAgent'] as const) {
        sockets[name] = await connectAgentSocket(application, staff[name]);
        received[name] = [];
        for (const event of ['ticket.created', 'ticket.updated', 'ticket.moved', 'notification.created'])
          sockets[name].on(event, (payload: { id?: string; ticketId?: string }) =>
            received[name].push(payload.ticketId ?? payload.id ?? ''),
          );
      }
    });
    afterAll(() => Object.values(sockets).forEach((socket) => socket.close()));

    it("pushes Saint-Denis's ticket, created then changed, to the EPCI's agent of the queue and never to Obernai's staff", async () => {
      const created = nextEvent<{ id: string; commune: string }>(sockets.epciAgent, 'ticket.created');
      const saintDenisTicket = await submit(saintDenis, "Bonjour, il me faut un extrait d'acte de décès de mon père.", {
        name: 'Gilles Payet',
      });
      expect(await created).toMatchObject({ id: saintDenisTicket.ticketId, commune: saintDenis.insee });
      const updated = nextEvent<{ id: string; status: string }>(sockets.epciAgent, 'ticket.updated');
      await request(application.url).post(`/api/tickets/${saintDenisTicket.ticketId}/take`).set(bearer(staff.epciAgent)).expect(200);
      expect(await updated).toMatchObject({ id: saintDenisTicket.ticketId });

      // Obernai's own ticket afterwards: once its events arrived, any of Saint-Denis's would have come before.
      const obernaiCreated = nextEvent<{ id: string }>(sockets.obernaiSupervisor, 'ticket.created');
      const agentCreated = nextEvent<{ id: string }>(sockets.obernaiAgent, 'ticket.created');
      const obernaiTicket = await submit(obernai, "Bonjour, il me faut un extrait d'acte de décès de ma mère.", { name: 'Anne Roth' });
      expect((await obernaiCreated).id).toBe(obernaiTicket.ticketId);
      expect((await agentCreated).id).toBe(obernaiTicket.ticketId);
      expect(received.obernaiAgent).not.toContain(saintDenisTicket.ticketId);
      expect(received.obernaiSupervisor).not.toContain(saintDenisTicket.ticketId);

      // Nor through the catch-up after a dropped connection, and each push is in its commune's audit trail.
      const changes = await request(application.url)
        .get('/api/live/changes')
        .query({ since: new Date(Date.now() - 3_600_000).toISOString() })
        .set(bearer(staff.obernaiAgent))
        .expect(200);
      expect(changes.text).not.toContain(saintDenisTicket.ticketId);
      expect(await auditedObjects(staff.saintDenisDpo, 'ticket.pushed')).toContain(saintDenisTicket.ticketId);
      expect(await auditedObjects(staff.obernaiDpo, 'ticket.pushed')).not.toContain(saintDenisTicket.ticketId);
      expect(await auditedObjects(staff.defaultCommuneDpo, 'ticket.pushed')).not.toContain(saintDenisTicket.ticketId);
    });

    it("warns of a near due date the agents of the ticket's commune only, never those of the same queue elsewhere", async () => {
      const saintDenisTicket = await submit(saintDenis, 'Bonjour, la route de la Montagne est bloquée par un arbre tombé.', {
        name: 'Rémi Hoareau',
      });
      const obernaiTicket = await submit(obernai, 'Bonjour, un arbre tombé bloque la route du Mont Sainte-Odile.', { name: 'Karl Adam' });
      await TicketModel.updateMany(
        { _id: { $in: [saintDenisTicket.ticketId, obernaiTicket.ticketId] } },
        { $set: { queue: 'voirie', dueAt: new Date(Date.now() + 10 * 60_000) }, $unset: { assigneeId: 1 } },
      );
      await application.notifications.warnOfNearDueDates(new Date(), 30);
      const notices = async (token: string) =>
        (await request(application.url).get('/api/notifications').set(bearer(token)).expect(200)).body.notifications.map(
          (notice: { ticketId: string }) => notice.ticketId,
        );
      expect(await notices(staff.obernaiVoirie)).toEqual([obernaiTicket.ticketId]);
      expect(await notices(staff.epciAgent)).toEqual(expect.arrayContaining([saintDenisTicket.ticketId, obernaiTicket.ticketId]));
    });
  });

  describe("a commune's own threshold", () => {
    const text = "Bonjour, je souhaite obtenir une copie de l'acte de naissance de mon fils né en 2019.";
    let previousVersion: number;

    it('sends to manual triage a request of the commune whose rule asks for more confidence, the same request elsewhere routed', async () => {
      const before = await submit(obernai, text, { name: 'Alice Weber' });
      const routed = (await TicketModel.findById(before.ticketId).lean())!;
      expect(routed.queue).toBe('etat-civil');
      expect(routed.confidence).toBeLessThan(0.99);
      const stricter: Rule = {
        id: 'obernai-classifieur-sur',
        name: 'File du classifieur, seulement quand il est presque certain (Obernai)',
        priority: 100,
        enabled: true,
        communes: [obernai.insee],
        replaces: 'file-du-classifieur',
        when: { kind: 'confidence', op: 'gte', value: 0.99 },
        then: [{ type: 'routeToPredictedQueue' }],
        stop: false,
      };
      previousVersion = (await activeRuleSet(application, staff.obernaiSupervisor)).version;
      await publishThroughApi(application, staff.obernaiSupervisor, await activeRulesWith(application, staff.obernaiSupervisor, stricter));
      const obernaiTicket = (await TicketModel.findById((await submit(obernai, text, { name: 'Alice Weber' })).ticketId).lean())!;
      const saintDenisTicket = (await TicketModel.findById((await submit(saintDenis, text, { name: 'Alice Payet' })).ticketId).lean())!;
      expect(obernaiTicket.confidence).toBe(routed.confidence);
      expect(obernaiTicket.queue).toBe('accueil');
      expect(saintDenisTicket.queue).toBe('etat-civil');
    });

    it("rolls Obernai's rule back with a simulation of Obernai's requests only, counted for its supervisor", async () => {
      const rolledBack = await request(application.url)
        .post(`/api/rule-sets/versions/${previousVersion}/rollback`)
        .set(bearer(staff.obernaiSupervisor))
        .send({ reason: 'Trop de demandes en tri manuel' })
        .expect(200);
      const obernaiTickets = await TicketModel.find({ commune: obernai.insee }, { _id: 1 }).lean();
      expect(rolledBack.body.simulation.requestCount).toBe(obernaiTickets.length);
      const ids = new Set(obernaiTickets.map((ticket) => ticket._id.toString()));
      expect(rolledBack.body.simulation.moved.length).toBeGreaterThan(0);
      expect(rolledBack.body.simulation.moved.every((moved: { ticketId: string }) => ids.has(moved.ticketId))).toBe(true);
    });
  });

  describe('audit trail', () => {
    it("records what is done about a commune's request in that commune's trail, whichever channel did it", async () => {
      const taken = await request(application.url)
        .post('/api/counter-requests')
        .set(bearer(staff.epciAgent))
        .send({
          commune: saintDenis.insee,
          channel: 'telephone',
          text: 'Bonjour, je voudrais un extrait de naissance.',
          requester: { name: 'Marc Payet' },
        })
        .expect(201);
      await application.worker.idle();
      expect(await auditedObjects(staff.saintDenisDpo, 'request.taken-down')).toEqual([taken.body.id]);
      expect(await auditedObjects(staff.defaultCommuneDpo, 'request.taken-down')).toEqual([]);

      // Every event of this run about a ticket or a request (reads, pushes, webhooks, mails, rules' effects) is its commune's.
      const [tickets, requests] = await Promise.all([
        TicketModel.find({}, { commune: 1 }).lean(),
        RequestModel.find({}, { commune: 1 }).lean(),
      ]);
      const communeOf = new Map([...tickets, ...requests].map((owned) => [owned._id.toString(), owned.commune]));
      const events = await AuditEventModel.find(
        { objectId: { $in: [...communeOf.keys()] } },
        { action: 1, objectId: 1, commune: 1 },
      ).lean();
      const strays = events
        .filter((event) => event.commune !== communeOf.get(event.objectId))
        .map((event) => `${event.action} ${event.objectId}: ${event.commune ?? 'aucune commune'}`);
      expect(strays).toEqual([]);
      expect([...new Set(events.map((event) => event.action))]).toEqual(
        expect.arrayContaining(['ticket.pushed', 'ticket.taken', 'ticket.follow-up', 'webhook.sent', 'request.taken-down']),
      );
    });

    it("records what a commune's staff do (sign-ins, a DPO's data-subject request) in their commune's trail only", async () => {
      const saintDenisAgent = await signedInFor(application, 'agent', { queues: ['etat-civil'], communes: [saintDenis.insee] });
      const me = await request(application.url).get('/api/auth/me').set(bearer(saintDenisAgent)).expect(200);
      await request(application.url)
        .post('/api/privacy/subject/export')
        .set(bearer(staff.saintDenisDpo))
        .send({ email: 'mireille.grondin@example.org' })
        .expect(200);
      expect(await auditedObjects(staff.saintDenisDpo, 'auth.signed-in')).toContain(me.body.user.id);
      expect(await auditedObjects(staff.saintDenisDpo, 'privacy.subject-exported')).toHaveLength(1);
      for (const other of [staff.obernaiDpo, staff.defaultCommuneDpo]) {
        expect(await auditedObjects(other, 'auth.signed-in')).not.toContain(me.body.user.id);
        expect(await auditedObjects(other, 'privacy.subject-exported')).toEqual([]);
      }
    });
  });
});
