import { LlmCallModel } from '../../models/classifier/llm-call-model';
import { FakeOpenAiServer, scripted } from '../support/fake-openai-server';
import { freshDatabaseUri, startTestApplication } from '../support/test-application';
import { llmTestSettings, llmTraceOf, submitAndGetTicket, vagueAssociationRequest } from './llm-fallback-test-kit';

const eventAnswer = { queue: 'vie-associative', intent: 'evenement', confidence: 0.9, reason: 'Une manifestation associative.' };

describe('LLM fallback limits', () => {
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
  });

  afterAll(() => fake.close());

  it('stops calling a failing LLM once the circuit opens, sending requests straight to manual triage', async () => {
    const { application } = await startTestApplication(llmTestSettings(fake, { llmCircuitFailureThreshold: 2, llmMaxRetries: 0 }));
    try {
      const callsBefore = fake.received.length;
      fake.enqueue(scripted.status(500), scripted.status(502));

      const outcomes = [];
      for (let index = 0; index < 3; index += 1)
        outcomes.push(llmTraceOf(await submitAndGetTicket(application, vagueAssociationRequest))?.outcome);

      expect(outcomes).toEqual(['server-error', 'server-error', 'circuit-open']);
      expect(fake.received).toHaveLength(callsBefore + 2);
      expect(await LlmCallModel.countDocuments({ outcome: 'circuit-open', attempts: 0 })).toBe(1);
    } finally {
      await application.stop();
    }
  });

  it('refuses calls once the monthly token budget is spent, and a restart does not reset it', async () => {
    const databaseUri = freshDatabaseUri();
    const settings = llmTestSettings(fake, { llmMonthlyTokenBudget: 500 });
    const callsBefore = fake.received.length;
    fake.enqueue(scripted.answer(eventAnswer, 600));

    const first = await startTestApplication(settings, databaseUri);
    try {
      expect(await submitAndGetTicket(first.application, vagueAssociationRequest)).toMatchObject({
        queue: 'vie-associative',
        decidedBy: 'llm',
      });
      const overBudget = await submitAndGetTicket(first.application, vagueAssociationRequest);
      expect(overBudget).toMatchObject({ queue: 'accueil', decidedBy: 'llm-failed' });
      expect(llmTraceOf(overBudget)).toMatchObject({ outcome: 'over-budget' });
    } finally {
      await first.application.stop();
    }

    const restarted = await startTestApplication(settings, databaseUri);
    try {
      expect(llmTraceOf(await submitAndGetTicket(restarted.application, vagueAssociationRequest))).toMatchObject({
        outcome: 'over-budget',
      });
    } finally {
      await restarted.application.stop();
    }
    expect(fake.received).toHaveLength(callsBefore + 1);
    expect(fake.pendingReplies).toBe(0);
  }, 120_000); // two application start-ups, slow on a busy machine
});
