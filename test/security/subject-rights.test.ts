import { MongoClient } from 'mongodb';
import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { attachmentBucket, storeAttachment } from '../../models/request/attachment-store';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

describe('data subjects’ rights: the DPO exports, rectifies and erases what is held about a person', () => {
  let application: RunningApplication;
  let databaseUri: string;
  let raw: MongoClient;
  let dpo: { Authorization: string };
  const mine: string[] = [];
  let someoneElse = '';

  const post = (body: object) => request(application.url).post('/api/requests').send(body).expect(201);

  beforeAll(async () => {
    ({ application, databaseUri } = await startTestApplication());
    raw = await MongoClient.connect(databaseUri);
    dpo = { Authorization: `Bearer ${await signedInToken(application, 'dpo')}` };
    mine.push(
      (
        await post({
          text: 'Je souhaite inscrire mon fils Théo en CE1 à l’école Jules Ferry.',
          requester: { name: 'Sophie Marchal', email: 'sophie.marchal@example.org' },
        })
      ).body.id,
    );
    mine.push(
      (
        await post({
          text: 'Mon fils Théo mangera-t-il à la cantine dès lundi ?',
          requester: { name: 'S. Marchal', email: 'Sophie.Marchal@Example.org', phone: '06 98 76 54 32' },
        })
      ).body.id,
    );
    mine.push(
      (
        await post({
          text: 'Bonjour, le périscolaire du mercredi a-t-il encore des places ?',
          requester: { name: 'Sophie', phone: '+33 6 98 76 54 32' },
        })
      ).body.id,
    );
    someoneElse = (
      await post({
        text: 'Je souhaite réserver la salle des fêtes pour un mariage le 12 juin.',
        requester: { name: 'Marc Vidal', email: 'marc.vidal@example.org' },
      })
    ).body.id;
    await application.worker.idle();
    await storeAttachment('subject-rights-certificate', Buffer.from('certificat de scolarité de Théo Marchal'), {
      contentType: 'text/plain',
    });
    const withAttachment = await RequestModel.findById(mine[0]);
    withAttachment!.set('attachments', [
      { filename: 'certificat-theo.txt', contentType: 'text/plain', size: 40, storageId: 'subject-rights-certificate' },
    ]);
    await withAttachment!.save();
  });
  afterAll(async () => {
    await raw.close();
    await application.stop();
  });

  it('keeps attachment contents encrypted in the file store', async () => {
    const chunks = await raw.db().collection('attachments.chunks').find({ files_id: 'subject-rights-certificate' }).toArray();
    expect(chunks.length).toBeGreaterThan(0);
    expect(Buffer.concat(chunks.map((chunk) => chunk.data.buffer as Buffer)).toString('latin1')).not.toMatch(/certificat|Marchal/);
  });

  it('exports everything held, found by e-mail or phone however written, as machine-readable JSON', async () => {
    const byEmail = await request(application.url)
      .post('/api/privacy/subject/export')
      .set(dpo)
      .send({ email: 'SOPHIE.marchal@example.org' })
      .expect(200);
    expect(byEmail.headers['content-disposition']).toMatch(/attachment/);
    expect(byEmail.body.requests.map((item: { id: string }) => item.id).sort()).toEqual([mine[0], mine[1]].sort());
    const both = await request(application.url)
      .post('/api/privacy/subject/export')
      .set(dpo)
      .send({ email: 'sophie.marchal@example.org', phone: '0698765432' })
      .expect(200);
    expect(both.body.format).toBe('aiguillage-subject-export/2');
    expect(both.body.requests.map((item: { id: string }) => item.id).sort()).toEqual([...mine].sort());
    const first = both.body.requests.find((item: { id: string }) => item.id === mine[0]);
    expect(first).toMatchObject({
      text: expect.stringMatching(/Théo en CE1/),
      requester: { name: 'Sophie Marchal' },
      tickets: [{ reference: expect.stringMatching(/^AIG-/), history: [expect.objectContaining({ type: 'created' })] }],
    });
    const attachment = first.attachments.find((item: { filename: string }) => item.filename === 'certificat-theo.txt');
    expect(Buffer.from(attachment.contentBase64, 'base64').toString()).toBe('certificat de scolarité de Théo Marchal');
    expect(JSON.stringify(both.body)).not.toMatch(/Vidal|salle des fêtes/);

    const audit = await AuditEventModel.findOne({ action: 'privacy.subject-exported' }).sort({ sequence: -1 }).lean();
    expect(audit!.details).toMatchObject({ requestIds: expect.arrayContaining(mine), designatedBy: ['email', 'phone'] });
    expect(JSON.stringify(audit)).not.toMatch(/marchal|98 76/i);
  });

  it('rectifies the requester’s details everywhere, and finds them by the corrected address', async () => {
    await request(application.url)
      .post('/api/privacy/subject/rectify')
      .set(dpo)
      .send({ subject: { email: 'sophie.marchal@example.org' }, changes: { name: 'Sophie Marchal-Roy', email: 'sophie.roy@example.org' } })
      .expect(200, { rectified: 2 });
    for (const id of [mine[0], mine[1]])
      expect((await RequestModel.findById(id))!.requester).toMatchObject({ name: 'Sophie Marchal-Roy', email: 'sophie.roy@example.org' });
    const found = await request(application.url)
      .post('/api/privacy/subject/export')
      .set(dpo)
      .send({ email: 'sophie.roy@example.org' })
      .expect(200);
    expect(found.body.requests).toHaveLength(2);
    const stale = await request(application.url)
      .post('/api/privacy/subject/export')
      .set(dpo)
      .send({ email: 'sophie.marchal@example.org' })
      .expect(200);
    expect(stale.body.requests).toHaveLength(0);
    await request(application.url)
      .post('/api/privacy/subject/rectify')
      .set(dpo)
      .send({ subject: { email: 'sophie.roy@example.org' }, changes: {} })
      .expect(400);
  });

  it('erases every request of the person, attachments included, keeping an audit entry without personal data', async () => {
    await request(application.url)
      .post('/api/privacy/subject/erase')
      .set(dpo)
      .send({ subject: { email: 'sophie.roy@example.org', phone: '06 98 76 54 32' } })
      .expect(400);
    const erased = await request(application.url)
      .post('/api/privacy/subject/erase')
      .set(dpo)
      .send({ subject: { email: 'sophie.roy@example.org', phone: '06 98 76 54 32' }, confirm: true })
      .expect(200);
    expect(erased.body.erased).toEqual({ requests: 3, tickets: 3, messages: 0, attachments: 1 });
    expect(await RequestModel.countDocuments({ _id: { $in: mine } })).toBe(0);
    expect(await TicketModel.countDocuments({ requestId: { $in: mine } })).toBe(0);
    expect(
      await attachmentBucket()
        .find({ _id: 'subject-rights-certificate' as never })
        .toArray(),
    ).toEqual([]);
    expect((await RequestModel.findById(someoneElse))!.requester?.name).toBe('Marc Vidal');

    const audit = await AuditEventModel.findOne({ action: 'privacy.subject-erased' }).lean();
    expect(audit!.details).toMatchObject({ requests: 3, requestIds: expect.arrayContaining(mine) });
    expect(JSON.stringify(audit)).not.toMatch(/sophie|marchal|roy@|98 76/i);
    const again = await request(application.url).post('/api/privacy/subject/export').set(dpo).send({ phone: '06 98 76 54 32' }).expect(200);
    expect(again.body.requests).toEqual([]);
  });
});
