import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import request from 'supertest';

import { CommuneModel } from '../../models/communes/commune-model';
import { RequestModel } from '../../models/request/request-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { restoreDatabase } from '../../server/cli/database-backup';
import { freshDatabaseUri, startTestApplication } from '../support/test-application';
import { signedInFor } from './commune-test-kit';

const run = promisify(execFile);
const fixture = path.join(__dirname, 'fixtures', 'single-mairie-database');
const repositoryRoot = path.join(__dirname, '..', '..');
const obernai = { COMMUNE_INSEE: '67348', COMMUNE_NAME: 'Obernai', COMMUNE_HOLIDAY_CALENDAR: 'alsace-moselle' };

/**
 * A database the version before communes made (test/communes/fixtures/make-single-mairie-database.ts: forms, mails,
 * an agent's read and take), restored with its indexes, then migrated by the command as an operator would.
 */
describe('npm run communes:migrate on a single-mairie database of the previous version', () => {
  const databaseUri = freshDatabaseUri();
  let application: RunningApplication | undefined;
  const migrate = async (...args: string[]) =>
    (
      await run(
        process.execPath,
        [path.join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'server/cli/migrate-communes-cli.ts', ...args],
        {
          cwd: repositoryRoot,
          env: { ...process.env, ...obernai, MONGODB_URI: databaseUri, EMBEDDED_MONGO: '' },
          timeout: 120_000,
        },
      )
    ).stdout;

  beforeAll(async () => {
    const connection = await mongoose.createConnection(databaseUri).asPromise();
    await restoreDatabase(connection.db!, fixture, { replace: false });
    const indexes = JSON.parse(await readFile(path.join(fixture, 'indexes.json'), 'utf8')) as Record<
      string,
      Array<{ key: Record<string, 1 | -1>; name: string } & Record<string, unknown>>
    >;
    for (const [collection, specs] of Object.entries(indexes)) {
      for (const { key, name, v: _version, ...options } of specs) {
        // The audit trail's single-chain index is left out: its own start-up migration drops it, which the
        // emulator used offline cannot do (no dropIndexes command).
        if (name === '_id_' || (collection === 'auditevents' && name === 'sequence_1')) continue;
        await connection.db!.collection(collection).createIndex(key, { name, ...options });
      }
    }
    await connection.close();
  }, 60_000);
  afterAll(async () => application?.stop());

  it('counts, dry, what it would give the commune, and changes nothing', async () => {
    const output = await migrate('--dry-run');
    expect(output).toContain('commune: Obernai (67348), to be created');
    expect(output).toMatch(/'requests'\s*│\s*5\s*│/);
    expect(output).toMatch(/'tickets'\s*│\s*5\s*│/);
    expect(output).toMatch(/'ticket messages'\s*│\s*5\s*│/);
    expect(output).toMatch(/'accounts'\s*│\s*1\s*│/);
    const connection = await mongoose.createConnection(databaseUri).asPromise();
    expect(await connection.db!.collection('communes').countDocuments({})).toBe(0);
    expect(await connection.db!.collection('requests').countDocuments({ commune: { $exists: true } })).toBe(0);
    await connection.close();
  }, 120_000);

  it('creates the commune, gives it every request, ticket, message and account, and drops the index that made a Message-ID unique across communes', async () => {
    const output = await migrate();
    expect(output).toContain('commune: Obernai (67348), created');
    const connection = await mongoose.createConnection(databaseUri).asPromise();
    const db = connection.db!;
    expect(await db.collection('communes').findOne({ _id: '67348' as never })).toMatchObject({
      name: 'Obernai',
      holidayCalendar: 'alsace-moselle',
      inboxAddresses: ['contact@mairie.example'],
    });
    for (const name of ['requests', 'tickets', 'ticketmessages']) {
      expect({ name, without: await db.collection(name).countDocuments({ commune: { $ne: '67348' } }) }).toEqual({ name, without: 0 });
    }
    expect(await db.collection('users').findOne({ email: 'agent.etat-civil@mairie.example' })).toMatchObject({ communes: ['67348'] });
    // The emulator used offline cannot drop an index, and the command says so; MongoDB drops it.
    const kept = output.includes('warning: this database cannot drop the index messageId_1');
    expect((await db.collection('requests').indexes()).some((index) => index.name === 'messageId_1')).toBe(kept);
    expect(await db.collection('auditevents').countDocuments({ action: 'communes.migrated', objectId: '67348' })).toBe(1);
    await connection.close();
    expect(await migrate()).toMatch(/'requests'\s*│\s*0\s*│/);
  }, 120_000);

  it('starts on the migrated database: the commune works as before, its old tickets, mails and audit trail included', async () => {
    ({ application } = await startTestApplication(
      { communeInsee: '67348', communeName: 'Obernai', communeHolidayCalendar: 'alsace-moselle' },
      databaseUri,
    ));
    await request(application.url)
      .get('/api/communes')
      .expect(200, { communes: [{ insee: '67348', name: 'Obernai' }] });
    const agent = await signedInFor(application, 'agent', { queues: ['etat-civil'], communes: ['67348'] });
    const listed = await request(application.url).get('/api/tickets?queue=etat-civil').set('Authorization', `Bearer ${agent}`).expect(200);
    expect(listed.body.tickets.length).toBe(await TicketModel.countDocuments({ queue: 'etat-civil' }));
    expect(listed.body.tickets.length).toBeGreaterThan(0);
    expect(listed.body.tickets.every((ticket: { commune: string }) => ticket.commune === '67348')).toBe(true);
    // The same mail again is still known, under the commune it now belongs to.
    const again = await request(application.url)
      .post('/api/requests/email')
      .set('Content-Type', 'message/rfc822')
      .send(
        [
          'From: Paul Durand <paul.durand@example.org>',
          'To: contact@mairie.example',
          'Subject: Nid de poule',
          'Message-ID: <nid-de-poule@example.org>',
          '',
          'Un nid de poule dangereux avenue Jean Jaurès.',
        ].join('\r\n'),
      )
      .expect(200);
    expect(again.body.duplicate).toBe(true);
    expect(await RequestModel.countDocuments({})).toBe(5);
    expect(await TicketMessageModel.countDocuments({ commune: { $ne: '67348' } })).toBe(0);
    expect(await CommuneModel.countDocuments({})).toBe(1);
    const dpo = await signedInFor(application, 'dpo', { communes: ['67348'] });
    const chain = await request(application.url).get('/api/audit/verify').set('Authorization', `Bearer ${dpo}`).expect(200);
    expect(chain.body).toMatchObject({ intact: true, unchained: 0 });
    const events = await request(application.url)
      .get('/api/audit/events?action=ticket.read')
      .set('Authorization', `Bearer ${dpo}`)
      .expect(200);
    expect(events.body.total).toBe(1);
  }, 120_000);
});
