import { Types } from 'mongoose';
import nodemailer from 'nodemailer';
import type { Socket } from 'socket.io-client';
import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import { createTicketOnce, planPartTickets } from '../../models/ticket/ticket-repository';
import type { RunningApplication } from '../../server/application';
import type { TicketView } from '../../server/presenters/ticket-view';
import { eventually } from '../mail/mail-test-setup';
import { bearer } from '../routing/rule-set-api';
import { startSmtpSink, type SmtpSink } from '../support/mail-servers';
import { enableShippedSplitRule, twoRequestsText } from '../support/split-request-fixtures';
import { connectAgentSocket, freshDatabaseUri, nextEvent, signedInToken, startTestApplication } from '../support/test-application';

const twoRequests = twoRequestsText;

/** Everything one socket receives, to check later that nothing of another queue reached it. */
function recordPushes(socket: Socket): TicketView[] {
  const pushed: TicketView[] = [];
  socket.on('ticket.created', (ticket: TicketView) => pushed.push(ticket));
  return pushed;
}

describe('a message holding two requests, split by a rule the supervisors published, becomes two linked tickets', () => {
  let application: RunningApplication;
  let sink: SmtpSink;
  let tokens: Record<'etat-civil' | 'voirie' | 'accueil' | 'supervisor', string>;
  let sockets: Record<'etat-civil' | 'voirie' | 'accueil', Socket>;
  let pushed: Record<'etat-civil' | 'voirie' | 'accueil', TicketView[]>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ application } = await startTestApplication({ smtpOutHost: '127.0.0.1', smtpOutPort: sink.port, outboxIntervalMs: 500 }));
    tokens = {
      'etat-civil': await signedInToken(application, 'agent', ['etat-civil']),
      voirie: await signedInToken(application, 'agent', ['voirie']),
      accueil: await signedInToken(application, 'agent', ['accueil']),
      supervisor: await signedInToken(application, 'supervisor'),
    };
    sockets = {
      'etat-civil': await connectAgentSocket(application, tokens['etat-civil']),
      voirie: await connectAgentSocket(application, tokens.voirie),
      accueil: await connectAgentSocket(application, tokens.accueil),
    };
    pushed = {
      'etat-civil': recordPushes(sockets['etat-civil']),
      voirie: recordPushes(sockets.voirie),
      accueil: recordPushes(sockets.accueil),
    };

    // The supervisor opts in: the shipped rule that splits such messages is switched on and published.
    await enableShippedSplitRule(application, tokens.supervisor);
  });

  afterAll(async () => {
    Object.values(sockets ?? {}).forEach((socket) => socket.close());
    await application?.stop();
    await sink?.stop();
  });

  /** Waits for the ticket pushed to each of the two queues, then checks what the API shows each agent. */
  async function expectTwoLinkedTickets(requestId: string, pushedNow: { etatCivil: Promise<TicketView>; voirie: Promise<TicketView> }) {
    const [etatCivil, voirie] = await Promise.all([pushedNow.etatCivil, pushedNow.voirie]);
    await application.worker.idle();
    expect(etatCivil).toMatchObject({ queue: 'etat-civil', intent: 'copie-acte-naissance', part: expect.any(Number) });
    expect(voirie).toMatchObject({ queue: 'voirie', intent: 'eclairage-public', part: expect.any(Number) });
    expect(etatCivil.reference).not.toBe(voirie.reference);

    const stored = await TicketModel.find({ requestId }).sort({ part: 1 });
    expect(stored.map((ticket) => ticket.queue).sort()).toEqual(['etat-civil', 'voirie']);
    expect(stored.map((ticket) => ticket.part)).toEqual([0, 1]);

    for (const [own, sibling, token, excerpt] of [
      [etatCivil, voirie, tokens['etat-civil'], /acte de naissance/],
      [voirie, etatCivil, tokens.voirie, /lampadaire devant le numéro 12/],
    ] as const) {
      const view = (await request(application.url).get(`/api/tickets/${own.id}`).set(bearer(token)).expect(200)).body.ticket as TicketView;
      // The whole message, which excerpt is this ticket's, and the sibling ticket's reference.
      expect(view.request?.text).toContain('copie intégrale de mon acte de naissance');
      expect(view.request?.text).toContain('le lampadaire devant le numéro 12');
      expect(view.parts).toHaveLength(2);
      expect(view.parts[view.part!].text).toMatch(excerpt);
      expect(view.parts[view.part!].reference).toBe(own.reference);
      const siblingPart = view.parts.find((part) => part.ticketId === sibling.id);
      expect(siblingPart).toMatchObject({ reference: sibling.reference, queue: sibling.queue });
      expect((view.trace as { split?: { ruleId: string } }).split).toEqual({
        ruleId: 'un-ticket-par-service',
        ruleName: expect.any(String),
      });
      // The split shows the sibling's reference, not its ticket: another queue's agents still cannot open it.
      await request(application.url).get(`/api/tickets/${sibling.id}`).set(bearer(token)).expect(404);
    }
    return { etatCivil, voirie };
  }

  function expectEachQueueGotOnlyItsOwn(requestId: string) {
    const ofRequest = (tickets: TicketView[]) => tickets.filter((ticket) => ticket.request?.id === requestId);
    expect(ofRequest(pushed['etat-civil']).map((ticket) => ticket.queue)).toEqual(['etat-civil']);
    expect(ofRequest(pushed.voirie).map((ticket) => ticket.queue)).toEqual(['voirie']);
    expect(ofRequest(pushed.accueil)).toEqual([]);
  }

  it('splits a web form request: one ticket per queue, pushed to that queue only, each showing the whole message and its sibling', async () => {
    const pushedNow = {
      etatCivil: nextEvent<TicketView>(sockets['etat-civil'], 'ticket.created'),
      voirie: nextEvent<TicketView>(sockets.voirie, 'ticket.created'),
    };
    const response = await request(application.url)
      .post('/api/requests')
      .send({ subject: 'Deux demandes', text: twoRequests, requester: { name: 'Claire Martin', email: 'claire.martin@example.org' } })
      .expect(201);

    await expectTwoLinkedTickets(response.body.id, pushedNow);
    expectEachQueueGotOnlyItsOwn(response.body.id);
    // Web-form acknowledgements are off in tests (test/support/test-application.ts): the form answers on screen.
    expect(await TicketMessageModel.countDocuments({ requestId: response.body.id })).toBe(0);
  });

  it('splits a mail received over SMTP and acknowledges it once, listing both references and their services', async () => {
    const pushedNow = {
      etatCivil: nextEvent<TicketView>(sockets['etat-civil'], 'ticket.created'),
      voirie: nextEvent<TicketView>(sockets.voirie, 'ticket.created'),
    };
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: application.smtpPort!, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({
      from: '"Claire Martin" <claire.martin@example.org>',
      to: 'contact@mairie.example',
      subject: 'Acte de naissance et lampadaire',
      text: twoRequests,
    });
    transport.close();

    const requestId = await eventually(
      async () => (await RequestModel.findOne({ messageId: sent.messageId }))?._id.toString(),
      'the mail stored as a request',
    );
    const { etatCivil, voirie } = await expectTwoLinkedTickets(requestId, pushedNow);
    expectEachQueueGotOnlyItsOwn(requestId);

    const acknowledgement = await sink.waitFor((mail) => mail.inReplyTo === sent.messageId);
    expect(acknowledgement.to).toMatchObject({ text: 'claire.martin@example.org' });
    const lines = acknowledgement.text!.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^- ${etatCivil.reference} : .*service État civil`)),
        expect.stringMatching(new RegExp(`^- ${voirie.reference} : .*service Voirie`)),
      ]),
    );
    // One acknowledgement for the request, not one per ticket: the outbox holds one, the server received one.
    expect(await TicketMessageModel.countDocuments({ requestId, kind: 'acknowledgement' })).toBe(1);
    await eventually(
      async () => (await TicketMessageModel.findOne({ requestId, kind: 'acknowledgement' }))?.delivery?.status === 'sent',
      'the acknowledgement sent',
    );
    expect((await sink.received()).filter((mail) => mail.inReplyTo === sent.messageId)).toHaveLength(1);
  });

  it('leaves a message without parts whole under the split rule', async () => {
    const pushedNow = nextEvent<TicketView>(sockets['etat-civil'], 'ticket.created');
    const response = await request(application.url)
      .post('/api/requests')
      .send({
        text: "Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Je suis née à la maternité de la ville. Merci d'avance.",
        requester: { name: 'Claire Martin' },
      })
      .expect(201);
    const ticket = await pushedNow;
    await application.worker.idle();
    expect(ticket).toMatchObject({ queue: 'etat-civil', part: null, parts: [] });
    expect(await TicketModel.countDocuments({ requestId: response.body.id })).toBe(1);
  });
});

describe('without a split rule (the default), such a message waits in reception with its parts suggested', () => {
  it('makes one ticket in accueil, pushed to reception only, that shows each request found', async () => {
    const { application } = await startTestApplication();
    const receptionToken = await signedInToken(application, 'agent', ['accueil']);
    const [reception, etatCivil] = await Promise.all([
      connectAgentSocket(application, receptionToken),
      connectAgentSocket(application, await signedInToken(application, 'agent', ['etat-civil'])),
    ]);
    try {
      const toEtatCivil = recordPushes(etatCivil);
      const pushed = nextEvent<TicketView>(reception, 'ticket.created');
      const response = await request(application.url)
        .post('/api/requests')
        .send({ text: twoRequests, requester: { name: 'Claire Martin' } })
        .expect(201);
      const ticket = await pushed;
      await application.worker.idle();
      expect(ticket).toMatchObject({ queue: 'accueil', intent: 'demandes-multiples', part: null });
      expect(await TicketModel.countDocuments({ requestId: response.body.id })).toBe(1);
      expect(toEtatCivil).toEqual([]);

      const view = (await request(application.url).get(`/api/tickets/${ticket.id}`).set(bearer(receptionToken)).expect(200)).body
        .ticket as TicketView;
      expect(view.parts.map(({ queue, intent, ticketId, reference }) => ({ queue, intent, ticketId, reference }))).toEqual([
        { queue: 'etat-civil', intent: 'copie-acte-naissance', ticketId: null, reference: null },
        { queue: 'voirie', intent: 'eclairage-public', ticketId: null, reference: null },
      ]);
      expect(view.parts[0].text).toMatch(/acte de naissance/);
      expect(view.parts[1].text).toMatch(/lampadaire/);
      // The excerpts are the citizen's words: encrypted at rest like the message, and kept out of the clear trace.
      const raw = await TicketModel.collection.findOne({ _id: new Types.ObjectId(ticket.id) });
      expect(JSON.stringify(raw)).not.toMatch(/lampadaire|acte de naissance/);
    } finally {
      reception.close();
      etatCivil.close();
      await application.stop();
    }
  });
});

describe('a restart in the middle of a split', () => {
  it('creates the part tickets still missing from the stored plan, and never a second one', async () => {
    const databaseUri = freshDatabaseUri();
    let { application } = await startTestApplication({}, databaseUri);
    const receivedAt = new Date();
    const birth = twoRequests.indexOf('Je souhaiterais');
    const light = twoRequests.indexOf('Par ailleurs');
    const parts = [
      {
        queue: 'etat-civil',
        intent: 'copie-acte-naissance',
        confidence: 0.9,
        text: twoRequests.slice(birth, light - 1),
        start: birth,
        end: light - 1,
      },
      {
        queue: 'voirie',
        intent: 'eclairage-public',
        confidence: 0.9,
        text: twoRequests.slice(light, twoRequests.indexOf('\nMerci')),
        start: light,
        end: twoRequests.indexOf('\nMerci'),
      },
    ];
    let requestId: string;
    let plan: Awaited<ReturnType<typeof planPartTickets>>;
    try {
      // What a crash after the first part's ticket leaves: the request held by an expired lease, one ticket of two.
      const stored = await RequestModel.create({
        channel: 'form',
        text: twoRequests,
        receivedAt,
        status: 'processing',
        processingAttempts: 1,
        leaseUntil: new Date(Date.now() - 1000),
      });
      requestId = stored._id.toString();
      plan = await planPartTickets(parts, receivedAt);
      await createTicketOnce({
        _id: plan[0].ticketId,
        reference: plan[0].reference,
        requestId: stored._id,
        part: 0,
        parts: plan,
        split: true,
        queue: 'etat-civil',
        intent: 'copie-acte-naissance',
        confidence: 0.9,
        decidedBy: 'pipeline',
        language: 'fr',
        priority: 'normal',
        tags: [],
        entities: [],
        trace: { split: { ruleId: 'un-ticket-par-service', ruleName: 'Scission' } },
        receivedAt,
      });
    } finally {
      await application.stop();
    }

    ({ application } = await startTestApplication({}, databaseUri));
    try {
      await application.worker.idle();
      const tickets = await TicketModel.find({ requestId }).sort({ part: 1 });
      expect(tickets.map((ticket) => [ticket.part, ticket.queue, ticket.reference, ticket._id.toString()])).toEqual([
        [0, 'etat-civil', plan[0].reference, plan[0].ticketId.toString()],
        [1, 'voirie', plan[1].reference, plan[1].ticketId.toString()],
      ]);
      expect(await RequestModel.findById(requestId)).toMatchObject({ status: 'processed' });
      expect(await application.worker.sweep()).toBe(0);

      // The unique index on (request, part) refuses a second ticket for a part, whoever tries.
      await expect(TicketModel.create({ ...tickets[1].toObject(), _id: undefined, reference: 'AIG-1999-000001' })).rejects.toMatchObject({
        code: 11000,
      });
    } finally {
      await application.stop();
    }
  });
});
