import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { freePort, startSmtpSink, type SmtpSink } from '../support/mail-servers';
import { signedInToken, startTestApplication } from '../support/test-application';
import { eventually } from './mail-test-setup';

const birthCertificateRequest = {
  subject: 'Copie intégrale acte de naissance',
  text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Merci. Claire Martin',
  requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
};
const agentText =
  'Bonjour Claire Martin,\n\nVotre copie intégrale part demain par courrier.\n\nBien cordialement,\nJeanne, service de l’état civil';

/** What an agent's reply becomes as mail (issue 17, bugs 4 and 5). */
describe('an agent’s reply as it goes out', () => {
  let application: RunningApplication;
  let smtpPort: number;
  let sink: SmtpSink | undefined;

  async function replyOn() {
    const agent = await signedInToken(application, 'agent', ['etat-civil']);
    const posted = await request(application.url).post('/api/requests').send(birthCertificateRequest).expect(201);
    await application.worker.idle();
    const ticket = (await TicketModel.findOne({ requestId: posted.body.id }).lean())!;
    const as = { Authorization: `Bearer ${agent}` };
    const path = `/api/tickets/${ticket._id.toString()}`;
    const { body } = await request(application.url).post(`${path}/replies`).set(as).send({ text: agentText }).expect(202);
    expect(body.message).toMatchObject({ kind: 'agent-reply' });
    const history = async () =>
      (await request(application.url).get(path).set(as).expect(200)).body.history as Array<{
        type: string;
        to: string | null;
        delivery?: string | null;
      }>;
    return { ticket, as, path, history };
  }

  // The outgoing mail server starts only once the first reply has been seen waiting for it.
  beforeAll(async () => {
    smtpPort = await freePort();
    ({ application } = await startTestApplication({
      smtpIntakeEnabled: false,
      smtpOutHost: '127.0.0.1',
      smtpOutPort: smtpPort,
      outboxIntervalMs: 500,
    }));
  }, 60_000);

  afterAll(async () => {
    await application?.stop();
    await sink?.stop();
  });

  it('says in the history whether the mail is waiting or sent, never « sent » while it waits (bug 5)', async () => {
    const reply = await replyOn();
    const queued = async () => (await reply.history()).filter((event) => event.type === 'mail-queued' && event.to === 'agent-reply');
    expect(await queued()).toEqual([expect.objectContaining({ delivery: 'pending' })]);
    sink = await startSmtpSink(smtpPort);
    await eventually(async () => (await queued())[0]?.delivery === 'sent', 'the reply marked as sent in the history');
  });

  it('is the agent’s own text first, with no greeting added before it, then the footer, as the preview shows (bug 4)', async () => {
    sink ??= await startSmtpSink(smtpPort);
    const { ticket, as, path } = await replyOn();
    const mail = await sink.waitFor((candidate) => candidate.subject === `[${ticket.reference}] Re : ${birthCertificateRequest.subject}`);
    const sent = mail.text!.replace(/\r\n/g, '\n');
    expect(sent.startsWith(`${agentText}\n`)).toBe(true);
    expect(sent.match(/Bonjour/g)).toHaveLength(1);
    expect(sent).not.toContain('Madame');
    const { body: preview } = await request(application.url).post(`${path}/replies/preview`).set(as).send({ text: agentText }).expect(200);
    // Only the links differ: each mail signs its own.
    const withoutLinks = (text: string) => text.replace(/https?:\/\/\S+/g, '<lien>').trimEnd();
    expect(withoutLinks(preview.mail.text)).toBe(withoutLinks(sent));
  });
});
