import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import request from 'supertest';

import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { AuditEventModel } from '../../models/audit/audit-event-model';
import { RequestModel } from '../../models/request/request-model';
import { deletedRequestCounts } from '../../models/statistics/retention-statistic-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { erasedText } from '../../server/privacy/personal-data-eraser';
import { loadRetentionPolicy } from '../../server/privacy/retention-policy';
import { signedInToken, startTestApplication } from '../support/test-application';

const day = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);

describe('retention: expired requests are anonymised or deleted by policy, with a dry run', () => {
  let application: RunningApplication;
  let databaseUri: string;
  let raw: MongoClient;
  let dpo: { Authorization: string };
  const ids: Record<'anonymised' | 'deleted' | 'recent' | 'open' | 'unrouted', string> = {
    anonymised: '',
    deleted: '',
    recent: '',
    open: '',
    unrouted: '',
  };

  async function routedRequest(
    text: string,
    requester: object,
    ticket: { queue: string; intent: string; status: string; lastActivity: Date },
  ) {
    const response = await request(application.url).post('/api/requests').send({ text, requester }).expect(201);
    await application.worker.idle();
    await raw
      .db()
      .collection('tickets')
      .updateOne(
        { requestId: new ObjectId(response.body.id as string) },
        { $set: { queue: ticket.queue, intent: ticket.intent, status: ticket.status, updatedAt: ticket.lastActivity } },
      );
    return response.body.id as string;
  }

  beforeAll(async () => {
    ({ application, databaseUri } = await startTestApplication());
    raw = await MongoClient.connect(databaseUri);
    dpo = { Authorization: `Bearer ${await signedInToken(application, 'dpo')}` };
    ids.anonymised = await routedRequest(
      'Le trottoir devant le 8 rue Victor Hugo est défoncé, ma mère est tombée. Contactez-moi au 06 11 22 33 44.',
      { name: 'Rémi Fontaine', email: 'remi.fontaine@example.org', phone: '06 11 22 33 44' },
      { queue: 'voirie', intent: 'signalement-chaussee', status: 'closed', lastActivity: daysAgo(800) },
    );
    ids.deleted = await routedRequest(
      'Je voudrais donner procuration à ma sœur pour le second tour.',
      { name: 'Awa Diallo', email: 'awa.diallo@example.org' },
      { queue: 'elections', intent: 'procuration', status: 'resolved', lastActivity: daysAgo(400) },
    );
    ids.recent = await routedRequest(
      'Un arbre menace de tomber sur la route du Moulin.',
      { name: 'Paul Girard' },
      { queue: 'voirie', intent: 'espaces-verts', status: 'closed', lastActivity: daysAgo(100) },
    );
    ids.open = await routedRequest(
      'Ma demande de logement social n’avance pas depuis deux ans.',
      { name: 'Inès Morel' },
      { queue: 'social', intent: 'logement-social', status: 'pending', lastActivity: daysAgo(2000) },
    );
    const failed = await raw
      .db()
      .collection('requests')
      .insertOne({
        channel: 'email',
        subject: 'Réponse automatique',
        text: 'Je suis absent du bureau.',
        requester: { email: 'robot@example.org' },
        references: [],
        attachments: [],
        receivedAt: daysAgo(120),
        status: 'failed',
        processingAttempts: 5,
        createdAt: daysAgo(120),
        updatedAt: daysAgo(120),
      });
    ids.unrouted = failed.insertedId.toString();
  });
  afterAll(async () => {
    await raw.close();
    await application.stop();
  });

  const rawRequest = (id: string) =>
    raw
      .db()
      .collection('requests')
      .findOne({ _id: new ObjectId(id) });

  it('reports in a dry run what would go, by rule and legal basis, and changes nothing', async () => {
    const before = await raw.db().collection('requests').find({}).sort({ _id: 1 }).toArray();
    const response = await request(application.url).post('/api/privacy/retention/purge').set(dpo).send({ dryRun: true }).expect(200);
    const { report } = response.body;
    expect(report).toMatchObject({ dryRun: true, anonymised: 1, deleted: 2 });
    expect(report.requests.map((item: { requestId: string; action: string }) => [item.requestId, item.action]).sort()).toEqual(
      [
        [ids.anonymised, 'anonymise'],
        [ids.deleted, 'delete'],
        [ids.unrouted, 'delete'],
      ].sort(),
    );
    expect(report.byRule).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'default', action: 'anonymise', requests: 1, legalBasis: expect.stringMatching(/intérêt public/) }),
        expect.objectContaining({ rule: 'elections', action: 'delete', requests: 1 }),
        expect.objectContaining({ rule: 'unrouted', action: 'delete', requests: 1 }),
      ]),
    );
    expect(await raw.db().collection('requests').find({}).sort({ _id: 1 }).toArray()).toEqual(before);
    expect(await AuditEventModel.countDocuments({ action: 'retention.dry-run' })).toBe(1);
  });

  it('anonymises and deletes what expired, keeps statistics, and leaves recent and open cases alone', async () => {
    const { body } = await request(application.url).post('/api/privacy/retention/purge').set(dpo).send({ dryRun: false }).expect(200);
    expect(body.report).toMatchObject({ dryRun: false, anonymised: 1, deleted: 2 });

    const anonymised = await RequestModel.findById(ids.anonymised);
    expect(anonymised!.text).toBe(erasedText);
    expect(anonymised!.subject).toBe('');
    expect(anonymised!.requester?.name).toBeUndefined();
    expect(anonymised!.anonymisedAt).toBeInstanceOf(Date);
    const anonymisedRaw = await rawRequest(ids.anonymised);
    expect(anonymisedRaw).not.toHaveProperty('requesterEmailHash');
    expect(anonymisedRaw).not.toHaveProperty('requesterPhoneHash');
    const keptTicket = await TicketModel.findOne({ requestId: ids.anonymised });
    expect(keptTicket).toMatchObject({ queue: 'voirie', intent: 'signalement-chaussee', status: 'closed' });
    expect(keptTicket!.entities).toHaveLength(0);

    expect(await rawRequest(ids.deleted)).toBeNull();
    expect(await rawRequest(ids.unrouted)).toBeNull();
    expect(await TicketModel.countDocuments({ requestId: ids.deleted })).toBe(0);
    expect(
      (await deletedRequestCounts())
        .map(({ queue, intent, channel, count }) => ({ queue, intent, channel, count }))
        .sort((a, b) => a.queue.localeCompare(b.queue)),
    ).toEqual([
      { queue: 'elections', intent: 'procuration', channel: 'form', count: 1 },
      { queue: 'non-routé', intent: 'non-routé', channel: 'email', count: 1 },
    ]);

    expect((await RequestModel.findById(ids.recent))!.text).toMatch(/arbre/);
    expect((await RequestModel.findById(ids.open))!.text).toMatch(/logement social/);

    const audit = await AuditEventModel.findOne({ action: 'retention.purged' }).lean();
    expect(audit!.details).toMatchObject({ anonymised: 1, deleted: 2 });
    expect(JSON.stringify(audit)).not.toMatch(/Fontaine|Diallo|procuration à ma sœur/);
  });

  it('does nothing more when run again', async () => {
    const { body } = await request(application.url).post('/api/privacy/retention/purge').set(dpo).send({ dryRun: false }).expect(200);
    expect(body.report).toMatchObject({ anonymised: 0, deleted: 0, requests: [] });
  });

  it('shows the policy to the DPO and refuses a policy naming an unknown queue or intent', async () => {
    const { body } = await request(application.url).get('/api/privacy/retention/policy').set(dpo).expect(200);
    expect(body.policy.rules.map((rule: { queue: string }) => rule.queue)).toContain('social');

    const file = path.join(tmpdir(), `retention-${process.pid}.json`);
    const policy = {
      ...body.policy,
      rules: [{ queue: 'voirie', intent: 'permis-construire', days: 10, action: 'delete', legalBasis: 'Une base légale inventée.' }],
    };
    await writeFile(file, JSON.stringify(policy));
    await expect(loadRetentionPolicy(file, defaultTaxonomy)).rejects.toThrow(/queue "voirie" has no intent "permis-construire"/);
    await writeFile(file, JSON.stringify({ ...policy, rules: [{ ...policy.rules[0], queue: 'piscine' }] }));
    await expect(loadRetentionPolicy(file, defaultTaxonomy)).rejects.toThrow(/unknown queue "piscine"/);
  });
});
