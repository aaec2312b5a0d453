import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { createTestUser, signedInToken, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  screenshotDirectory,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

const claire = { name: 'Claire Martin', email: 'claire.martin@example.org', phone: '06 12 34 56 78' };
const requests = {
  claireFirst: {
    subject: 'Copie intégrale acte de naissance',
    text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Je suis née le 12 mars 1985 à la maternité de la ville.',
    requester: claire,
  },
  jean: {
    subject: 'Acte de naissance pour mon mariage',
    text: 'Bonjour, pour constituer mon dossier de mariage je dois fournir une copie intégrale de mon acte de naissance de moins de trois mois.',
    requester: { name: 'Jean Dupont', email: 'jean.dupont@example.org' },
  },
  prefecture: {
    subject: 'Transcription d’un acte de naissance',
    text: 'Madame, Monsieur, la préfecture vous transmet une demande de copie intégrale d’acte de naissance pour un dossier de naturalisation.',
    requester: { name: 'Bureau des naturalisations', email: 'naturalisations@interieur.gouv.fr' },
  },
  claireStreetLight: {
    subject: 'Lampadaire éteint',
    text: 'Bonjour, le lampadaire de la rue des Lilas est éteint depuis trois jours, la rue est toute noire le soir.',
    requester: claire,
  },
  claireAgain: {
    subject: 'Relance : acte de naissance',
    text: 'Bonjour, je vous relance pour ma demande de copie intégrale de mon acte de naissance envoyée la semaine dernière.',
    requester: { name: 'Claire Martin', email: 'Claire.Martin@example.org' },
  },
};

jest.setTimeout(90_000);

describe('the agents’ list tells requests apart, searches and keeps views; the ticket shows the citizen’s history', () => {
  let application: RunningApplication;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const references: Record<string, string> = {};

  const rows = () => page.locator('tr.ticket-row');
  const rowReferences = async () => rows().locator('a.ticket-link').allTextContents();
  const viewButton = (name: string) => page.getByRole('navigation', { name: 'Vues' }).getByRole('button', { name: new RegExp(`^${name}`) });
  /** The rows the list settles on (it is asked again after each change); fails with what it shows after 10 s. */
  async function waitForRows(expected: string[]): Promise<void> {
    const deadline = Date.now() + 10_000;
    let shown = await rowReferences();
    while (JSON.stringify(shown) !== JSON.stringify(expected) && Date.now() < deadline) {
      await page.waitForTimeout(50);
      shown = await rowReferences();
    }
    expect(shown).toEqual(expected);
  }

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    const supervisor = await signedInToken(application, 'supervisor');
    for (const [name, body] of Object.entries(requests)) {
      const answer = await request(application.url).post('/api/requests').send(body).expect(201);
      references[name] = answer.body.reference;
      await application.worker.idle();
    }
    const listed = await request(application.url)
      .get('/api/tickets?status=any&pageSize=100')
      .set('Authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(Object.fromEntries(listed.body.tickets.map((row: { reference: string; queue: string }) => [row.reference, row.queue]))).toEqual({
      [references.claireFirst!]: 'etat-civil',
      [references.jean!]: 'etat-civil',
      [references.prefecture!]: 'etat-civil',
      [references.claireAgain!]: 'etat-civil',
      [references.claireStreetLight!]: 'voirie',
    });
    const agent = await createTestUser('agent', ['etat-civil']);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    problems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, agent);
  }, 120_000);

  afterEach(() => expect(problems).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('shows who wrote, the subject, the start of the message and a countdown on each row, most urgent first', async () => {
    await waitForRows([references.prefecture!, references.claireFirst!, references.jean!, references.claireAgain!]);
    const first = rows().filter({ hasText: references.claireFirst! });
    await expect(first.locator('.requester').textContent()).resolves.toBe('Claire Martin');
    await expect(first.locator('.subject').textContent()).resolves.toBe('Copie intégrale acte de naissance');
    await expect(first.locator('.excerpt').textContent()).resolves.toMatch(/^Bonjour, je souhaite recevoir une copie intégrale/);
    await expect(first.locator('.countdown').textContent()).resolves.toMatch(/^dans \d+ j \d+ h$/);
    await expect(rows().first().locator('.badge.priority-high').count()).resolves.toBe(1);
    expect(await page.getByText('voirie', { exact: false }).count()).toBe(0);
  });

  it('counts the views, and narrows the list to one when chosen', async () => {
    const navigation = page.getByRole('navigation', { name: 'Vues' });
    await navigation.getByRole('button', { name: /^À traiter\s*4 demandes$/ }).waitFor();
    await navigation.getByRole('button', { name: /^Mes demandes\s*0 demandes$/ }).waitFor();
    await navigation.getByRole('button', { name: /^Non attribuées\s*4 demandes$/ }).waitFor();
    await navigation.getByRole('button', { name: /^En attente du demandeur\s*0 demandes$/ }).waitFor();

    await rows().filter({ hasText: references.jean! }).locator('a.ticket-link').click();
    await page.getByRole('button', { name: 'Prendre en charge' }).click();
    await page.getByText('Vous avez pris la demande en charge.').waitFor();
    await page.getByRole('link', { name: '← Retour aux demandes' }).click();
    await navigation.getByRole('button', { name: /^Mes demandes\s*1 demande$/ }).waitFor();
    await viewButton('Mes demandes').click();
    await waitForRows([references.jean!]);
    expect(await viewButton('Mes demandes').getAttribute('aria-pressed')).toBe('true');
    await viewButton('Non attribuées').click();
    await waitForRows([references.prefecture!, references.claireFirst!, references.claireAgain!]);
    await viewButton('À traiter').click();
    await waitForRows([references.prefecture!, references.claireFirst!, references.jean!, references.claireAgain!]);
  });

  it('searches by name, e-mail, phone, reference and words, never reaching another queue’s request', async () => {
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await page.keyboard.press('/');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('filter-search');
    const searches: Array<[string, string[]]> = [
      ['Claire Martin', [references.claireFirst!, references.claireAgain!]],
      ['CLAIRE.MARTIN@example.org', [references.claireFirst!, references.claireAgain!]],
      ['06.12.34.56.78', [references.claireFirst!]],
      ['mariage', [references.jean!]],
      [references.prefecture!.toLowerCase(), [references.prefecture!]],
      ['lampadaire', []],
    ];
    for (const [typed, expected] of searches) {
      await search.fill(typed);
      await search.press('Enter');
      await waitForRows(expected);
    }
    await page.getByText('Aucune demande ne correspond à ces critères.').waitFor();
    expect(await rowReferences()).not.toContain(references.claireStreetLight);

    await search.fill('Claire Martin');
    await search.press('Enter');
    await waitForRows([references.claireFirst!, references.claireAgain!]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('saves the search as the user’s own view, with its count, and deletes it', async () => {
    await page.getByRole('button', { name: 'Enregistrer la vue actuelle…' }).click();
    await page.getByLabel('Nom de la vue').fill('Dossiers Martin');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await viewButton('Dossiers Martin').waitFor();
    await expect(viewButton('Dossiers Martin').textContent()).resolves.toMatch(/2/);
    expect(await viewButton('Dossiers Martin').getAttribute('aria-pressed')).toBe('true');

    await viewButton('À traiter').click();
    await waitForRows([references.prefecture!, references.claireFirst!, references.jean!, references.claireAgain!]);
    await expect(page.getByRole('searchbox', { name: 'Rechercher' }).inputValue()).resolves.toBe('');
    await viewButton('Dossiers Martin').click();
    await waitForRows([references.claireFirst!, references.claireAgain!]);
    await expect(page.getByRole('searchbox', { name: 'Rechercher' }).inputValue()).resolves.toBe('Claire Martin');

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'agent-list');
    await page.getByRole('button', { name: 'Supprimer la vue « Dossiers Martin »' }).click();
    await viewButton('Dossiers Martin').waitFor({ state: 'detached' });
  });

  it('lists the citizen’s other requests beside the ticket and merges a likely duplicate in one click', async () => {
    await viewButton('À traiter').click();
    await rows().filter({ hasText: references.claireAgain! }).locator('a.ticket-link').click();
    const panel = page.getByRole('region', { name: 'Autres demandes de cette personne' });
    await panel.getByRole('heading', { name: 'Doublons probables' }).waitFor();
    await expect(panel.locator('.likely-duplicates').getByRole('link').allTextContents()).resolves.toEqual([references.claireFirst]);
    await expect(panel.textContent()).resolves.toContain('Même motif, encore ouverte.');
    expect(await panel.getByRole('link', { name: references.claireStreetLight! }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The panel where an agent reads it, beside the ticket, rather than the whole (long) page.
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDirectory, 'ticket-view-citizen-history.png') });

    await panel.getByRole('button', { name: `Fusionner cette demande dans ${references.claireFirst}` }).click();
    await page.getByText(`Demande fusionnée dans ${references.claireFirst}.`).waitFor();
    await page.locator('.ticket-summary .badge.status-closed').waitFor();
    await panel.getByRole('heading', { name: 'Doublons probables' }).waitFor({ state: 'detached' });
    await expect(panel.getByRole('heading', { name: 'Ses demandes' }).count()).resolves.toBe(1);
    await expect(panel.locator('.history-requests').getByRole('link').allTextContents()).resolves.toEqual([references.claireFirst]);
  });
});
