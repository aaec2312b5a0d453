import type { Browser, Page } from 'playwright-core';

import type { RunningApplication } from '../../server/application';
import { llmTestSettings, submitAndGetTicket } from '../llm/llm-fallback-test-kit';
import { FakeOpenAiServer, scripted } from '../support/fake-openai-server';
import { createTestUser, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

jest.setTimeout(90_000);

const title = "Acte de naissance : demande de copie intégrale ou d'extrait";
const url = 'https://www.service-public.fr/particuliers/vosdroits/F1427';
const draft = `Bonjour,\nVous pouvez demander la copie intégrale de votre acte de naissance à la mairie de votre lieu de naissance, sur place, par courrier ou en ligne ; la démarche est gratuite.\nFiche « ${title} » : ${url}`;

describe('with the LLM enabled, the agent asks for a reply drafted from an official source', () => {
  let application: RunningApplication;
  let fake: FakeOpenAiServer;
  let browser: Browser;
  let page: Page;
  let pageProblems: string[];

  beforeAll(async () => {
    ensureClientBuilt();
    fake = await FakeOpenAiServer.start();
    // Confidence threshold 0: classification never asks the LLM; the only call is the draft's.
    [{ application }, browser] = await Promise.all([
      startTestApplication(llmTestSettings(fake, { llmConfidenceThreshold: 0 })),
      launchBrowser(),
    ]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    pageProblems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, await createTestUser('agent', ['etat-civil']));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
    await fake?.close();
  });

  it('« Proposer une réponse rédigée » puts the draft citing the fiche into the reply', async () => {
    const ticket = await submitAndGetTicket(application, {
      subject: 'Acte de naissance',
      text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance pour mon dossier de PACS. Merci.',
      requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
    });
    await page.goto(`${application.url}/#/demandes/${ticket._id.toString()}`);

    const panel = page.getByRole('region', { name: 'Sources officielles' });
    const first = panel.getByRole('listitem').first();
    await first.getByRole('link', { name: title }).waitFor();
    fake.enqueue(scripted.content(draft));
    await first.getByRole('button', { name: 'Proposer une réponse rédigée' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: `Réponse rédigée par le modèle de langage à partir de la fiche « ${title} »` })
      .waitFor();
    await expect(page.getByLabel(/^(Votre réponse|Réponse à l’usager)$/).inputValue()).resolves.toBe(draft);
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.rawBody).not.toContain('Claire');

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'ticket-checklist-and-sources');
    expect(pageProblems).toEqual([]);
  });
});
