import { LlmCallModel } from '../../models/classifier/llm-call-model';
import { RequestModel } from '../../models/request/request-model';
import type { RunningApplication } from '../../server/application';
import { FakeOpenAiServer, scripted, type ScriptedReply } from '../support/fake-openai-server';
import { startTestApplication } from '../support/test-application';
import { llmTestSettings, llmTraceOf, submitAndGetTicket, vagueAssociationRequest } from './llm-fallback-test-kit';

const eventAnswer = {
  queue: 'vie-associative',
  intent: 'evenement',
  confidence: 0.9,
  reason: "L'association veut organiser une manifestation.",
};

describe('LLM fallback, through the real SDK over HTTP, end to end', () => {
  let fake: FakeOpenAiServer;
  let application: RunningApplication;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    ({ application } = await startTestApplication(llmTestSettings(fake)));
  });

  afterAll(async () => {
    await application.stop();
    await fake.close();
  });

  afterEach(() => expect(fake.pendingReplies).toBe(0));

  it('routes a request the local classifier is unsure of where the LLM says, and records the call', async () => {
    const callsBefore = fake.received.length;
    fake.enqueue(scripted.answer(eventAnswer, 321));

    const ticket = await submitAndGetTicket(application, vagueAssociationRequest);

    // The LLM's own 0.9 is not calibrated: the decision claims no more than the routing threshold (0.85).
    expect(ticket).toMatchObject({ queue: 'vie-associative', intent: 'evenement', decidedBy: 'llm', confidence: 0.85 });
    expect(llmTraceOf(ticket)).toMatchObject({
      outcome: 'answered',
      promptVersion: 'classify-request.v1',
      model: 'modele-de-test',
      reason: eventAnswer.reason,
      selfReportedConfidence: 0.9,
      agreement: 'agreed',
    });
    const [call] = fake.received.slice(callsBefore);
    expect(fake.received).toHaveLength(callsBefore + 1);
    expect(call).toMatchObject({ path: '/v1/chat/completions', authorization: 'Bearer cle-de-test' });
    expect(call!.body).toMatchObject({ model: 'modele-de-test', response_format: { type: 'json_object' } });
    const record = await LlmCallModel.findById(llmTraceOf(ticket)!.callId).lean();
    expect(record).toMatchObject({
      outcome: 'answered',
      promptVersion: 'classify-request.v1',
      model: 'modele-de-test',
      attempts: 1,
      totalTokens: 321,
    });
    expect(record!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a transient failure and uses the answer that follows', async () => {
    fake.enqueue(scripted.status(500), scripted.answer(eventAnswer));

    const ticket = await submitAndGetTicket(application, vagueAssociationRequest);

    expect(ticket).toMatchObject({ queue: 'vie-associative', decidedBy: 'llm' });
    expect(await LlmCallModel.findById(llmTraceOf(ticket)!.callId).lean()).toMatchObject({ outcome: 'answered', attempts: 2 });
  });

  const failureModes: Array<[string, ScriptedReply[], number]> = [
    ['timeout', [scripted.slow(5_000, scripted.answer(eventAnswer)), scripted.slow(5_000, scripted.answer(eventAnswer))], 2],
    ['rate-limited', [scripted.status(429), scripted.status(429)], 2],
    ['server-error', [scripted.status(500), scripted.status(503)], 2],
    ['rejected', [scripted.status(401)], 1],
    ['malformed-json', [scripted.content('{"queue": "vie-associative", "intent": "evenement", "confid')], 1],
    ['malformed-json', [scripted.content("Je pense qu'il s'agit d'un événement associatif.")], 1],
    ['unexpected-error', [scripted.brokenBody('{"id": "chatcmpl-1", "choices": [')], 1],
    ['invalid-answer', [scripted.answer({ ...eventAnswer, queue: 'service-des-fetes' })], 1],
    ['invalid-answer', [scripted.answer({ ...eventAnswer, queue: 'urbanisme' })], 1],
    ['invalid-answer', [scripted.answer({ ...eventAnswer, confidence: 7 })], 1],
  ];

  it.each(failureModes)('sends the request to manual triage with a clear trace on %s', async (outcome, replies, expectedAttempts) => {
    const callsBefore = fake.received.length;
    fake.enqueue(...replies);

    const ticket = await submitAndGetTicket(application, vagueAssociationRequest);

    expect(ticket).toMatchObject({ queue: 'accueil', decidedBy: 'llm-failed' });
    const trace = llmTraceOf(ticket)!;
    expect(trace).toMatchObject({ outcome, promptVersion: 'classify-request.v1', model: 'modele-de-test' });
    expect(trace.note).toMatch(/tri manuel/);
    expect(fake.received).toHaveLength(callsBefore + expectedAttempts);
    expect(await LlmCallModel.findById(trace.callId).lean()).toMatchObject({ outcome, attempts: expectedAttempts });
    const stored = await RequestModel.findById(ticket.requestId);
    expect(stored).toMatchObject({ status: 'processed', text: vagueAssociationRequest.text });
  });

  it('never stores an invented category, not even in the trace', async () => {
    fake.enqueue(scripted.answer({ queue: 'service-des-fetes', intent: 'feux-d-artifice', confidence: 0.95, reason: 'Une fête.' }));

    const ticket = await submitAndGetTicket(application, vagueAssociationRequest);

    expect(llmTraceOf(ticket)).toMatchObject({ outcome: 'invalid-answer', invalidFields: ['queue', 'intent'] });
    const stored = JSON.stringify(ticket);
    expect(stored).not.toContain('service-des-fetes');
    expect(stored).not.toContain('feux-d-artifice');
  });

  it('sends only masked text: no name, email or phone from the message reaches the LLM', async () => {
    const callsBefore = fake.received.length;
    fake.enqueue(scripted.answer(eventAnswer));

    await submitAndGetTicket(application, {
      subject: 'Question de Jeanne Dupuis',
      text:
        "Bonjour, je m'appelle Jeanne Dupuis, j'aurais une question que mon voisin Marc Lefebvre m'a conseillé de vous poser. " +
        'Vous pouvez me joindre au 06 12 34 56 78 ou à jeanne.dupuis@example.org.\nCordialement,\nJeanne Dupuis',
      requester: { name: 'Jeanne Dupuis', email: 'jeanne.dupuis@example.org', phone: '06 12 34 56 78' },
    });

    const sent = fake.received.slice(callsBefore);
    expect(sent).toHaveLength(1);
    const body = sent[0]!.rawBody;
    for (const personal of [
      'Jeanne',
      'Dupuis',
      'Marc',
      'Lefebvre',
      '06 12 34 56 78',
      '0612345678',
      'jeanne.dupuis@example.org',
      'example.org',
    ]) {
      expect(body).not.toContain(personal);
    }
    const userMessage = sent[0]!.body.messages.find((message) => message.role === 'user')!.content;
    expect(userMessage).toContain('[PERSONNE_1]');
    expect(userMessage).toContain('[EMAIL_1]');
    expect(userMessage).toContain('[TELEPHONE_1]');
    expect(userMessage).toContain("que mon voisin [PERSONNE_2] m'a conseillé de vous poser");

    const records = JSON.stringify(await LlmCallModel.find({}).lean());
    for (const personal of ['Jeanne', 'Dupuis', 'jeanne.dupuis', '06 12', 'voisin']) expect(records).not.toContain(personal);
  });
});
