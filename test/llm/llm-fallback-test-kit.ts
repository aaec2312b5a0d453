import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import type { Config } from '../../server/config';
import { FakeOpenAiServer } from '../support/fake-openai-server';
import { startTestApplication } from '../support/test-application';

/**
 * Fallback on, against the fake server, with limits small enough that failure modes stay quick. The threshold of 1
 * asks the LLM about every request the local classifiers are not certain of, so that which requests reach it does not
 * depend on how sure the local models, which keep being retrained, happen to be about an example.
 */
export function llmTestSettings(fake: FakeOpenAiServer, overrides: Partial<Config> = {}): Partial<Config> {
  return {
    llmEnabled: true,
    llmBaseUrl: fake.baseUrl,
    llmModel: 'modele-de-test',
    llmApiKey: 'cle-de-test',
    llmConfidenceThreshold: 1,
    llmTimeoutMs: 2_000,
    llmMaxRetries: 1,
    llmRetryBaseMs: 10,
    llmCircuitFailureThreshold: 100,
    smtpIntakeEnabled: false,
    ...overrides,
  };
}

/**
 * The fake LLM server and an application using it, started before the file's tests and stopped after them; call it
 * inside `describe` and read the fields in the tests.
 */
export function llmApplicationForTests(overrides: Partial<Config> = {}): { fake: FakeOpenAiServer; application: RunningApplication } {
  const context = {} as { fake: FakeOpenAiServer; application: RunningApplication };
  beforeAll(async () => {
    context.fake = await FakeOpenAiServer.start();
    ({ application: context.application } = await startTestApplication(llmTestSettings(context.fake, overrides)));
  });
  afterAll(async () => {
    await context.application?.stop();
    await context.fake?.close();
  });
  return context;
}

/** Posts a web form request, waits for processing, and returns the ticket it became. */
export async function submitAndGetTicket(
  application: RunningApplication,
  form: { subject?: string; text: string; requester?: { name: string; email?: string; phone?: string } },
) {
  const response = await request(application.url)
    .post('/api/requests')
    .send({ requester: { name: 'Camille Leroy' }, ...form })
    .expect(201);
  await application.worker.idle();
  const ticket = await TicketModel.findOne({ requestId: response.body.id });
  if (!ticket) throw new Error('the request was not turned into a ticket');
  return ticket.toObject();
}

/** The trace's LLM entry, as stored with the ticket. */
export function llmTraceOf(ticket: { trace: unknown }) {
  return (ticket.trace as { classification: { llm?: Record<string, unknown> } }).classification.llm;
}

/** Nothing in it that the local classifiers could be certain of. */
export const vagueAssociationRequest = {
  subject: 'Question',
  text: "Bonjour, notre association souhaite organiser quelque chose en juin, à qui dois-je m'adresser ?",
};

/** Clearly a birth certificate request: the local classifiers are sure of it. */
export const clearBirthCertificateRequest = {
  subject: 'Acte de naissance',
  text: "Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Merci d'avance.",
};
