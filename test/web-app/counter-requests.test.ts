import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

const citizenWords = 'Bonjour, je voudrais une copie intégrale de mon acte de naissance pour refaire ma carte d’identité.';

describe('requests an agent takes down for a citizen on the phone or at the counter', () => {
  let application: RunningApplication;
  let agent: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    agent = await signedInToken(application, 'agent', ['accueil']);
    // The first request a freshly started service classifies is less confident (seen with any channel): not compared.
    await request(application.url)
      .post('/api/requests')
      .send({ text: citizenWords, requester: { name: 'Premier' } })
      .expect(201);
    await application.worker.idle();
  });
  afterAll(async () => application?.stop());

  const post = (body: object, token = agent) =>
    request(application.url).post('/api/counter-requests').set('Authorization', `Bearer ${token}`).send(body);

  it.each(['telephone', 'guichet'] as const)(
    'stores a %s request, gives its reference at once and routes it like a form',
    async (channel) => {
      const viaForm = await request(application.url)
        .post('/api/requests')
        .send({ text: citizenWords, requester: { name: 'Jean Dupuis' } })
        .expect(201);
      await application.worker.idle();
      const taken = await post({ channel, text: citizenWords, requester: { name: 'Jean Dupuis', phone: '06 11 22 33 44' } }).expect(201);
      expect(taken.body.reference).toMatch(/^AIG-\d{4}-\d{6}$/);
      await application.worker.idle();

      const [ticket, formTicket] = await Promise.all([
        TicketModel.findOne({ requestId: taken.body.id }),
        TicketModel.findOne({ requestId: viaForm.body.id }),
      ]);
      expect({ reference: ticket?.reference, queue: ticket?.queue, intent: ticket?.intent }).toEqual({
        reference: taken.body.reference,
        queue: formTicket?.queue,
        intent: formTicket?.intent,
      });
      expect(ticket?.queue).toBe('etat-civil');
      expect((await RequestModel.findById(taken.body.id))!.channel).toBe(channel);
      const audit = await AuditEventModel.findOne({ action: 'request.taken-down', objectId: taken.body.id }).lean();
      expect(audit?.details).toEqual({ channel });
      expect(audit?.actorId).toBeDefined();
    },
  );

  it('refuses what is not a phone or counter request, in French', async () => {
    const wrongChannel = await post({ channel: 'form', text: citizenWords, requester: { name: 'Jean Dupuis' } }).expect(400);
    expect(wrongChannel.body.error).toContain('Indiquez si la demande est reçue par téléphone ou au guichet.');
    const noText = await post({ channel: 'telephone', text: ' ', requester: { name: 'Jean Dupuis' } }).expect(400);
    expect(noText.body.error).toContain('Le texte de la demande est obligatoire.');
    await post({ channel: 'telephone', text: citizenWords, requester: { name: 'Jean Dupuis' }, attachments: [] }).expect(400);
    const admin = await signedInToken(application, 'admin');
    await post({ channel: 'telephone', text: citizenWords, requester: { name: 'Jean Dupuis' } }, admin).expect(403);
  });
});
