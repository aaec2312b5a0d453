import { MongoClient, ObjectId } from 'mongodb';
import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { erasedText } from '../../server/privacy/personal-data-eraser';
import { bearer } from '../routing/rule-set-api';
import { enableShippedSplitRule, twoRequestsText } from '../support/split-request-fixtures';
import { signedInToken, startTestApplication } from '../support/test-application';

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
/** A split request's tickets share one message: retention, export and erasure treat them together. */
describe('personal data of a split request', () => {
  let application: RunningApplication;
  let raw: MongoClient;
  let dpo: { Authorization: string };

  beforeAll(async () => {
    let databaseUri: string;
    ({ application, databaseUri } = await startTestApplication());
    raw = await MongoClient.connect(databaseUri);
    dpo = bearer(await signedInToken(application, 'dpo'));
    await enableShippedSplitRule(application, await signedInToken(application, 'supervisor'));
  });

  afterAll(async () => {
    await raw?.close();
    await application?.stop();
  });

  async function splitRequest(email: string): Promise<ObjectId> {
    const response = await request(application.url)
      .post('/api/requests')
      .send({ text: twoRequestsText, requester: { name: 'Claire Martin', email } })
      .expect(201);
    await application.worker.idle();
    const requestId = new ObjectId(response.body.id as string);
    expect(await TicketModel.countDocuments({ requestId })).toBe(2);
    return requestId;
  }

  const setTicket = (requestId: ObjectId, part: number, status: string, lastActivity: Date) =>
    raw
      .db()
      .collection('tickets')
      .updateOne({ requestId, part }, { $set: { status, updatedAt: lastActivity } });

  it('is kept while one of its tickets is open, then anonymised in every ticket once all are closed and expired', async () => {
    const requestId = await splitRequest('claire.retention@example.org');
    await setTicket(requestId, 0, 'closed', daysAgo(800));
    await setTicket(requestId, 1, 'pending', daysAgo(800));
    const whileOpen = await request(application.url).post('/api/privacy/retention/purge').set(dpo).send({ dryRun: false }).expect(200);
    expect(whileOpen.body.report.requests.map((item: { requestId: string }) => item.requestId)).not.toContain(requestId.toString());

    await setTicket(requestId, 1, 'resolved', daysAgo(800));
    const once = await request(application.url).post('/api/privacy/retention/purge').set(dpo).send({ dryRun: false }).expect(200);
    expect(once.body.report.requests.filter((item: { requestId: string }) => item.requestId === requestId.toString())).toEqual([
      expect.objectContaining({ action: 'anonymise' }),
    ]);
    const tickets = await TicketModel.find({ requestId }).sort({ part: 1 });
    for (const ticket of tickets) {
      expect(ticket.entities).toEqual([]);
      expect(ticket.parts!.map((part) => part.text)).toEqual([erasedText, erasedText]);
      // The links and routing facts stay for the statistics.
      expect(ticket.parts!.map((part) => part.reference)).toEqual(tickets.map((each) => each.reference));
    }
  });

  it('is exported with all its tickets and erased with all of them', async () => {
    const requestId = await splitRequest('claire.droits@example.org');
    const exported = await request(application.url)
      .post('/api/privacy/subject/export')
      .set(dpo)
      .send({ email: 'claire.droits@example.org' })
      .expect(200);
    const [only] = exported.body.requests;
    expect(only.tickets.map((ticket: { queue: string }) => ticket.queue).sort()).toEqual(['etat-civil', 'voirie']);
    expect(only.tickets[0].parts.map((part: { text: string }) => part.text).join(' ')).toMatch(/acte de naissance.*lampadaire/s);

    const erased = await request(application.url)
      .post('/api/privacy/subject/erase')
      .set(dpo)
      .send({ subject: { email: 'claire.droits@example.org' }, confirm: true })
      .expect(200);
    expect(erased.body.erased).toMatchObject({ requests: 1, tickets: 2 });
    expect(await TicketModel.countDocuments({ requestId })).toBe(0);
  });
});
