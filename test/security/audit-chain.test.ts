import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { auditEventsInChainOrder, recordAuditEvent } from '../../models/audit/audit-event-repository';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { verifyAuditChain } from '../../server/security/verify-audit-chain';
import { signedInToken, startTestApplication } from '../support/test-application';

const run = promisify(execFile);

async function auditVerifyCommand(databaseUri: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify-cli.ts'], {
      env: { ...process.env, MONGODB_URI: databaseUri },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('the audit trail is append-only and hash-chained', () => {
  let application: RunningApplication;
  let databaseUri: string;
  let raw: MongoClient;

  beforeAll(async () => {
    ({ application, databaseUri } = await startTestApplication());
    raw = await MongoClient.connect(databaseUri);
  });
  afterAll(async () => {
    await raw.close();
    await application.stop();
  });

  const events = () => raw.db().collection('auditevents');

  it('records who read and changed a ticket, with the signed-in user and the time', async () => {
    const token = await signedInToken(application, 'agent', ['voirie']);
    const startedAt = new Date();
    await request(application.url)
      .post('/api/requests')
      .send({
        text: 'Un lampadaire est tombé sur le trottoir de la rue Pasteur, c’est dangereux pour les piétons.',
        requester: { name: 'Hugo Lenoir' },
      })
      .expect(201);
    await application.worker.idle();
    const ticket = await TicketModel.findOne({ queue: 'voirie' });
    await request(application.url).get(`/api/tickets/${ticket!.id}`).set('Authorization', `Bearer ${token}`).expect(200);
    await request(application.url)
      .post(`/api/tickets/${ticket!.id}/status`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'open' })
      .expect(200);

    const trail = await AuditEventModel.find({ objectType: 'Ticket', objectId: ticket!.id }).sort({ sequence: 1 }).lean();
    expect(trail.map((event) => event.action)).toEqual(['ticket.read', 'ticket.status-changed']);
    expect(trail[0]).toMatchObject({ actorRole: 'agent', details: { requestId: ticket!.requestId.toString() } });
    expect(trail[1].details).toEqual({ from: 'new', to: 'open' });
    expect(trail[0].at.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
    expect(JSON.stringify(trail)).not.toMatch(/Lenoir|lampadaire/);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        index % 2 === 0
          ? recordAuditEvent({
              action: 'test.concurrent',
              objectType: 'Test',
              objectId: String(index),
              details: { index, at: new Date(), nested: { b: 1, a: [2, undefined] } },
            })
          : AuditEventModel.create({ at: new Date(), action: 'test.concurrent', objectType: 'Test', objectId: String(index) }),
      ),
    );
    const sequences = (await events().find({}).sort({ sequence: 1 }).toArray()).map((event) => event.sequence);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
    expect(await verifyAuditChain(auditEventsInChainOrder(7))).toMatchObject({ intact: true, events: sequences.length });
  });

  it('refuses to change or delete events through the model', async () => {
    const first = await AuditEventModel.findOne({ sequence: 1 });
    first!.action = 'rewritten';
    await expect(first!.save()).rejects.toThrow(/append-only/);
    await expect(AuditEventModel.updateOne({ sequence: 1 }, { $set: { action: 'rewritten' } })).rejects.toThrow(/append-only/);
    await expect(AuditEventModel.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(first!.deleteOne()).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link when an event is altered, removed or re-hashed in the database', async () => {
    expect((await auditVerifyCommand(databaseUri)).code).toBe(0);

    const victim = await events().findOne({ sequence: 5 });
    await events().updateOne({ _id: victim!._id }, { $set: { objectId: 'tampered' } });
    const altered = await verifyAuditChain(auditEventsInChainOrder());
    expect(altered).toMatchObject({
      intact: false,
      events: 4,
      firstBroken: { sequence: 5, reason: expect.stringMatching(/no longer matches its hash/) },
    });
    const command = await auditVerifyCommand(databaseUri);
    expect(command.code).toBe(1);
    expect(command.output).toMatch(/audit chain BROKEN after 4 intact events: event #5 .*altered/);
    await events().updateOne({ _id: victim!._id }, { $set: { objectId: victim!.objectId } });
    expect(await verifyAuditChain(auditEventsInChainOrder())).toMatchObject({ intact: true });

    const removed = await events().findOne({ sequence: 9 });
    await events().deleteOne({ _id: removed!._id });
    expect(await verifyAuditChain(auditEventsInChainOrder())).toMatchObject({
      intact: false,
      firstBroken: { sequence: 10, reason: expect.stringMatching(/expected event #9/) },
    });
    await events().insertOne(removed!);

    // A forger who recomputes the altered event's own hash still breaks the link from the next event.
    const forged = await events().findOne({ sequence: 12 });
    const { auditEventHash } = await import('../../models/audit/audit-event-hash');
    const rewritten = { ...forged!, objectId: 'someone-else' };
    await events().updateOne({ _id: forged!._id }, { $set: { objectId: 'someone-else', hash: auditEventHash(rewritten as never) } });
    expect(await verifyAuditChain(auditEventsInChainOrder())).toMatchObject({
      intact: false,
      firstBroken: { sequence: 13, reason: expect.stringMatching(/does not link to event #12/) },
    });
  });

  it('lets the DPO, and only the DPO, read the trail and check the chain', async () => {
    const dpo = await signedInToken(application, 'dpo');
    const verdict = await request(application.url).get('/api/audit/verify').set('Authorization', `Bearer ${dpo}`).expect(200);
    expect(verdict.body).toMatchObject({ intact: false, firstBroken: { sequence: 13 } });
    const listed = await request(application.url)
      .get('/api/audit/events?objectType=Ticket&pageSize=5')
      .set('Authorization', `Bearer ${dpo}`)
      .expect(200);
    expect(listed.body.events.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['ticket.read']));
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      await request(application.url)
        .get('/api/audit/events')
        .set('Authorization', `Bearer ${await signedInToken(application, role, ['voirie'])}`)
        .expect(403);
    }
  });
});
