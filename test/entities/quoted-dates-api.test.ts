import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

interface EntityView {
  type: string;
  value: string;
  text: string;
  start: number;
  end: number;
  fromQuotedHistory: boolean;
}

describe('dates of quoted headers, from intake to the agent’s ticket', () => {
  let application: RunningApplication;
  let supervisor: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
  });

  afterAll(async () => {
    await application.stop();
  });

  it('stores and serves the header date marked, every offset pointing into the request text', async () => {
    const text = [
      'Hello,',
      'I will come on 19 March with the signed form for the parcelle AB 12.',
      'Regards,',
      'Sarah Whitfield',
      '',
      'On Tue, 4 Mar 2025 at 09:12, Mairie <contact@mairie.example> wrote:',
      '> Dear Madam, please bring the form before 31 March.',
    ].join('\n');
    await request(application.url)
      .post('/api/requests')
      .send({ subject: 'Certificat d’urbanisme', text, requester: { name: 'Sarah Whitfield', email: 'sarah@example.org' } })
      .expect(201);
    await application.worker.idle();

    const list = await request(application.url).get('/api/tickets').set('authorization', `Bearer ${supervisor}`).expect(200);
    const { body } = await request(application.url)
      .get(`/api/tickets/${list.body.tickets[0].id}`)
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    const entities = body.ticket.entities as EntityView[];

    expect(
      entities.filter((entity) => entity.type === 'date').map(({ value, fromQuotedHistory }) => ({ value, fromQuotedHistory })),
    ).toEqual([
      { value: expect.stringMatching(/-03-19$/), fromQuotedHistory: false },
      { value: '2025-03-04', fromQuotedHistory: true },
    ]);
    expect(entities.map((entity) => entity.value)).not.toContainEqual(expect.stringMatching(/-03-31$/));
    for (const entity of entities) expect(body.ticket.request.text.slice(entity.start, entity.end)).toBe(entity.text);
  });
});
