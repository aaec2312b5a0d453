import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { createTestUser, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

jest.setTimeout(60_000);

describe('the agent sees the official sources of a request and inserts one into the reply', () => {
  let application: RunningApplication;
  let browser: Browser;
  let page: Page;
  let pageProblems: string[];

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    const agent = await createTestUser('agent', ['etat-civil']);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    pageProblems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, agent);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('shows the fiches with their section, link and date, and puts the chosen one into the reply, which is sent', async () => {
    const posted = await request(application.url)
      .post('/api/requests')
      .send({
        subject: 'Acte de naissance',
        text: 'Bonjour, comment obtenir une copie intégrale de mon acte de naissance ? Je suis née dans votre commune en 1987.',
        requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
      })
      .expect(201);
    await application.worker.idle();
    const ticket = await TicketModel.findOne({ requestId: posted.body.id });
    expect(ticket?.queue).toBe('etat-civil');
    await page.goto(`${application.url}/#/demandes/${ticket!._id.toString()}`);

    const panel = page.getByRole('region', { name: 'Sources officielles' });
    const first = panel.getByRole('listitem').first();
    const link = first.getByRole('link', { name: "Acte de naissance : demande de copie intégrale ou d'extrait" });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://www.service-public.fr/particuliers/vosdroits/F1427');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await expect(first.textContent()).resolves.toMatch(/Fiche service-public\.fr mise à jour le \d{2}\/\d{2}\/\d{4}/);
    const excerpt = (await first.locator('.source-excerpt').textContent()) ?? '';
    expect(excerpt.length).toBeGreaterThan(20);
    expect(await panel.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    // The LLM is off: no drafted reply is offered.
    expect(await panel.getByRole('button', { name: 'Proposer une réponse rédigée' }).count()).toBe(0);

    const reply = page.getByLabel('Votre réponse');
    await reply.fill('Bonjour Madame,');
    await first.getByRole('button', { name: 'Insérer dans la réponse' }).click();
    await panel.getByRole('status').filter({ hasText: 'insérée' }).waitFor();
    const inserted = await reply.inputValue();
    expect(inserted.startsWith('Bonjour Madame,\n\n')).toBe(true);
    expect(inserted).toContain("« Acte de naissance : demande de copie intégrale ou d'extrait »");
    expect(inserted).toContain(excerpt.split('\n')[0]);
    expect(inserted).toContain('Pour en savoir plus : https://www.service-public.fr/particuliers/vosdroits/F1427');

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'ticket-sources');
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Réponse enregistrée : elle part par courriel.').waitFor();
    const conversation = page.getByRole('region', { name: 'Échanges avec l’usager' });
    // The conversation is drawn again once the ticket's new state comes back, just after the notice.
    await conversation
      .getByRole('listitem')
      .last()
      .filter({ hasText: 'Pour en savoir plus : https://www.service-public.fr/particuliers/vosdroits/F1427' })
      .waitFor();
    expect(pageProblems).toEqual([]);
  });
});
