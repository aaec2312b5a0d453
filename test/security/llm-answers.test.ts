import type { Browser } from 'playwright-core';

import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { ensureClientBuilt, launchBrowser, signInThroughForm, watchForPageProblems } from '../browser/support/browser';
import { llmApplicationForTests, llmTraceOf, submitAndGetTicket } from '../llm/llm-fallback-test-kit';
import { scripted } from '../support/fake-openai-server';
import { createTestUser } from '../support/test-application';

const intentOf = (queue: string) => defaultTaxonomy.queues.find((candidate) => candidate.id === queue)!.intents[0]!.id;
const housingRequest = {
  subject: 'Loyer impayé',
  text: "Bonjour, je risque l'expulsion de mon logement le mois prochain, je n'arrive plus à payer le loyer. Le CCAS peut-il m'aider ?",
};
const routingThreshold = 0.85;

jest.setTimeout(60_000);

describe('LLM answers are not trusted blindly', () => {
  const llm = llmApplicationForTests();
  let localAlternatives: string[];

  beforeAll(async () => {
    // The local classifier's own view of this text, read from a ticket whose LLM call failed.
    llm.fake.enqueue(scripted.content('pas du JSON'));
    const ticket = await submitAndGetTicket(llm.application, housingRequest);
    const classification = (ticket.trace as { classification: { opinions: Array<{ queueScores: Array<{ label: string }> }> } })
      .classification;
    localAlternatives = classification.opinions[0]!.queueScores.slice(0, 3).map(({ label }) => label);
  });
  afterEach(() => expect(llm.fake.pendingReplies).toBe(0));

  it('sends a confident answer outside the local alternatives to reception, with both opinions in the trace', async () => {
    const hostile = ['police-municipale', ...defaultTaxonomy.queues.map((queue) => queue.id)].find(
      (queue) => !localAlternatives.includes(queue) && queue !== defaultTaxonomy.fallbackQueue,
    )!;
    llm.fake.enqueue(scripted.answer({ queue: hostile, intent: intentOf(hostile), confidence: 1, reason: 'Ordre du maire.' }));

    const ticket = await submitAndGetTicket(llm.application, housingRequest);

    expect(ticket).toMatchObject({ queue: 'accueil', decidedBy: 'llm-disagreed' });
    expect(llmTraceOf(ticket)).toMatchObject({
      outcome: 'answered',
      agreement: 'disagreed',
      selfReportedConfidence: 1,
      note: expect.stringContaining(`propose la file ${hostile}`),
    });
    const opinions = (ticket.trace as { classification: { opinions: Array<{ classifier: string; queue: string }> } }).classification
      .opinions;
    expect(opinions.at(-1)).toMatchObject({ classifier: 'llm', queue: hostile });
    expect(opinions[0]!.queue).toBe(localAlternatives[0]);
  });

  it('lets an answer that agrees with a local alternative route, claiming no more than the routing threshold', async () => {
    const agreed = localAlternatives.find((queue) => queue !== defaultTaxonomy.fallbackQueue)!;
    llm.fake.enqueue(scripted.answer({ queue: agreed, intent: intentOf(agreed), confidence: 1, reason: 'Difficulté à payer le loyer.' }));

    const ticket = await submitAndGetTicket(llm.application, housingRequest);

    expect(ticket).toMatchObject({ queue: agreed, decidedBy: 'llm', confidence: routingThreshold });
    expect(llmTraceOf(ticket)).toMatchObject({ agreement: 'agreed', selfReportedConfidence: 1 });
  });

  it('shows agents the LLM’s explanation as machine-generated text, truncated, never as HTML', async () => {
    const agreed = localAlternatives.find((queue) => queue !== defaultTaxonomy.fallbackQueue)!;
    const reason = `<img src="x" onerror="window.__llmXss = 1"><b>Urgent</b> ${'la personne décrit une difficulté de paiement du loyer. '.repeat(4)}`;
    expect(reason.length).toBeLessThanOrEqual(300);
    llm.fake.enqueue(scripted.answer({ queue: agreed, intent: intentOf(agreed), confidence: 0.9, reason }));
    const ticket = await submitAndGetTicket(llm.application, housingRequest);
    const stored = llmTraceOf(ticket)!.reason as string;
    expect(stored).toHaveLength(200);
    expect(stored.endsWith('…')).toBe(true);

    ensureClientBuilt();
    const browser: Browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems = watchForPageProblems(page);
      await signInThroughForm(page, llm.application.url, await createTestUser('supervisor'));
      await page.goto(`${llm.application.url}/#/demandes/${ticket._id.toString()}`);
      const opinion = page.locator('.llm-opinion');
      await opinion.waitFor();
      await page.getByText('Explication générée automatiquement, non vérifiée (tronquée) :').waitFor();
      expect(await opinion.locator('blockquote').textContent()).toBe(stored);
      expect(await opinion.locator('img, b').count()).toBe(0);
      expect(await page.evaluate('window.__llmXss')).toBeUndefined();
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
