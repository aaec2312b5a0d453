import type { Browser, BrowserContext, Page } from 'playwright-core';

import type { RunningApplication } from '../../server/application';
import { createTestUser, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

jest.setTimeout(60_000);

describe('an admin manages accounts and the DPO checks the audit trail, in the browser', () => {
  let application: RunningApplication;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[][] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    pageProblems.push(watchForPageProblems(page));
    return page;
  }

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
  }, 120_000);

  afterEach(() => {
    expect(pageProblems.flat()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('creates an agent account whose first password works once handed over, then deactivates it and ends its session', async () => {
    const admin = await newPage();
    await signInThroughForm(admin, application.url, await createTestUser('admin'));
    await admin.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    expect(await admin.getByRole('link', { name: 'Demandes' }).count()).toBe(0);

    await admin.getByLabel('Adresse de courriel').fill('nouvel.agent@mairie.example');
    await admin.getByLabel('Nom affiché').fill('Nouvel agent');
    await admin.getByLabel('Rôle').first().selectOption('agent');
    await admin.locator('form', { hasText: 'Créer un compte' }).getByLabel('Voirie et espaces publics').check();
    await admin.getByRole('button', { name: 'Créer le compte' }).click();
    const notice = admin.locator('.notice', { hasText: 'Mot de passe initial' });
    await notice.waitFor();
    const password = /: (\S+)$/.exec((await notice.textContent())!)![1];
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    const agent = await newPage();
    await signInThroughForm(agent, application.url, { email: 'nouvel.agent@mairie.example', password });
    await agent.getByRole('button', { name: /Voirie et espaces publics/ }).waitFor();

    await admin.getByText('Modifier Nouvel agent').click();
    const row = admin.locator('tr', { hasText: 'nouvel.agent@mairie.example' });
    await row.getByLabel('Compte actif').uncheck();
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.locator('.notice', { hasText: 'ses sessions ouvertes ont été fermées' }).waitFor();

    // The agent's page may learn of it before the click, which is right too: the list asks the server again 250 ms
    // after its socket connects (what was missed meanwhile), and when that lands after the admin's save its 401
    // closes the page, the queue button with it. Either way the page must end on the sign-in form with the notice.
    const closedNotice = agent.getByText('Votre session a expiré ou a été fermée. Reconnectez-vous pour continuer.');
    await Promise.race([
      closedNotice.waitFor(),
      agent
        .getByRole('button', { name: /Voirie et espaces publics/ })
        .click()
        .then(() => closedNotice.waitFor()),
    ]);
    await agent.getByLabel('Adresse de courriel').waitFor();
  });

  it('lets the DPO verify that the audit trail is intact', async () => {
    const dpo = await newPage();
    await signInThroughForm(dpo, application.url, await createTestUser('dpo'));
    await dpo.getByRole('heading', { level: 1, name: 'Protection des données' }).waitFor();
    await dpo.getByRole('button', { name: 'Vérifier l’intégrité du journal' }).click();
    await dpo.getByText(/^Journal intact : \d+ événements chaînés/).waitFor();
    await expect(dpo.locator('table').textContent()).resolves.toContain('Rôle, files ou état d’un compte modifiés');
    expect(await seriousAccessibilityViolations(dpo)).toEqual([]);
  });
});
