import { MongoClient } from 'mongodb';

import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import { freshDatabaseUri, startTestApplication } from '../support/test-application';

/** What a crash between "stored" and "routed" leaves in the database, written with the plain driver. */
async function leaveRequestsAsACrashWould(databaseUri: string) {
  const client = await MongoClient.connect(databaseUri);
  try {
    const now = new Date();
    const base = {
      channel: 'form',
      references: [],
      attachments: [],
      receivedAt: now,
      processingAttempts: 0,
      createdAt: now,
      updatedAt: now,
    };
    const requests = client.db().collection('requests');
    const neverStarted = await requests.insertOne({
      ...base,
      subject: 'Procuration',
      text: 'Bonjour, je serai absent pour le second tour des élections, comment faire une procuration ?',
      requester: { name: 'Jean Petit' },
      status: 'received',
    });
    const abandoned = await requests.insertOne({
      ...base,
      subject: 'Lampadaire',
      text: 'Le lampadaire devant chez moi est éteint depuis une semaine, la rue est toute noire le soir.',
      requester: { name: 'Nora Ali' },
      status: 'processing',
      processingAttempts: 1,
      leaseUntil: new Date(now.getTime() - 1000),
    });
    return [neverStarted.insertedId.toString(), abandoned.insertedId.toString()];
  } finally {
    await client.close();
  }
}

describe('requests left unprocessed by a crash are processed after a restart', () => {
  it('routes a request stored but never processed, and one abandoned mid-processing, exactly once', async () => {
    const databaseUri = freshDatabaseUri();
    const leftBehind = await leaveRequestsAsACrashWould(databaseUri);

    const { application } = await startTestApplication({}, databaseUri);
    try {
      await application.worker.idle();
      const tickets = await TicketModel.find({}).lean();
      expect(tickets.map((ticket) => ticket.requestId.toString()).sort()).toEqual(leftBehind.sort());
      expect(await RequestModel.countDocuments({ status: 'processed' })).toBe(2);
      expect(await application.worker.sweep()).toBe(0);
    } finally {
      await application.stop();
    }
  });
});
