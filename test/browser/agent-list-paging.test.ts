import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { createTestUser, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

const streets = ['des Lilas', 'du Moulin', 'de la Gare', 'des Écoles', 'Victor Hugo', 'Jean Jaurès', 'de la Paix'];

jest.setTimeout(180_000);

describe('the list pages on past the API’s 100 rows', () => {
  let application: RunningApplication;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    for (let index = 0; index < 105; index += 1) {
      await request(application.url)
        .post('/api/requests')
        .send({
          text: `Bonjour, le lampadaire au ${index + 1} rue ${streets[index % streets.length]} est éteint depuis hier soir.`,
          requester: { name: `Habitant ${index + 1}`, email: `habitant${index + 1}@example.org` },
        })
        .expect(201);
    }
    await application.worker.idle();
    const agent = await createTestUser('agent', ['voirie']);
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    ).newPage();
    problems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, agent);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('shows the first 100, then the next ones on request, each once', async () => {
    await page.getByText('100 demandes affichées sur 105.').waitFor();
    expect(await page.locator('tr.ticket-row').count()).toBe(100);
    await page.getByRole('button', { name: 'Afficher les demandes suivantes' }).click();
    await page.getByText('105 demandes affichées.').waitFor();
    const references = await page.locator('tr.ticket-row a.ticket-link').allTextContents();
    expect(new Set(references).size).toBe(105);
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe(references[100]);
    expect(await page.getByRole('button', { name: 'Afficher les demandes suivantes' }).isHidden()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
