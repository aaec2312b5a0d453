import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, createScopedUser, epciSiren, obernai, saintDenis } from '../communes/commune-test-kit';
import { startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

jest.setTimeout(90_000);

const dijon = { insee: '21231', name: 'Dijon', address: 'mairie@dijon.example' };

describe("the communes' settings in the browser: the EPCI's admin and a commune's", () => {
  let application: RunningApplication;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[][] = [];

  async function signedInPage(scope: { communes?: string[]; epci?: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    pageProblems.push(watchForPageProblems(page));
    await signInThroughForm(page, application.url, await createScopedUser('admin', scope));
    await page.getByRole('link', { name: 'Communes', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Communes' }).waitFor();
    return page;
  }

  const listedCommunes = (page: Page) => page.locator('tbody th').allTextContents();

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    await addEpciCommunes(application);
  }, 120_000);

  afterEach(() => {
    expect(pageProblems.flat()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it("lets the EPCI's admin add a commune that then takes requests, and change Saint-Denis's opening hours", async () => {
    const page = await signedInPage({ epci: epciSiren });
    expect(await listedCommunes(page)).toEqual([obernai.name, saintDenis.name]);
    await expect(page.locator('tr', { hasText: saintDenis.name }).textContent()).resolves.toContain('La Réunion (Indian/Reunion)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Ajouter une commune' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajouter une commune' }).waitFor();
    await expect(page.getByLabel('EPCI (numéro SIREN)').inputValue()).resolves.toBe(epciSiren);
    await page.getByLabel('Code INSEE').fill(dijon.insee);
    await page.getByLabel('Nom de la commune').fill(dijon.name);
    await page.getByLabel('Adresses de réception').fill(`${dijon.address}\npas-une-adresse`);
    await page.getByLabel('Le lundi').fill('09:00-12:00, 14:00-17:00');
    await page.getByLabel('Serveur IMAP').fill('imap.dijon.example');
    await page.getByLabel('Identifiant').fill('mairie');
    await page.getByLabel('Mot de passe').fill('secret-de-la-boite');
    // The server's refusal, in French, next to the form; nothing is created.
    await page.getByRole('button', { name: 'Ajouter la commune' }).click();
    await page.getByRole('alert').filter({ hasText: 'Adresse de réception invalide.' }).waitFor();
    expect(application.communes.get(dijon.insee)).toBeUndefined();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await expect(page.getByLabel('Adresses de réception').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Adresses de réception').fill(dijon.address);
    await page.getByLabel('Le mardi').fill('le matin');
    await page.getByRole('button', { name: 'Ajouter la commune' }).click();
    await page.getByRole('alert').filter({ hasText: 'Horaires du mardi illisibles' }).waitFor();
    await expect(page.getByLabel('Le mardi').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Le mardi').fill('');
    await page.getByRole('button', { name: 'Ajouter la commune' }).click();
    await page.getByRole('heading', { level: 1, name: `Commune ${dijon.name}` }).waitFor();
    await expect(page.getByLabel('Mot de passe').getAttribute('placeholder')).resolves.toBe('inchangé');
    await expect(page.getByLabel('Mot de passe').inputValue()).resolves.toBe('');
    await request(application.url)
      .post('/api/requests')
      .send({ commune: dijon.insee, text: 'Bonjour, une demande pour Dijon.', requester: { name: 'Usager' } })
      .expect(201);
    // Saved again with the password left empty: the stored one is kept.
    await page.getByLabel('Signature de l’accusé de réception').fill('La mairie de Dijon');
    await page.getByRole('button', { name: 'Ajouter une règle de conservation' }).click();
    await page.getByLabel('Durée (jours)').fill('90');
    await page.getByLabel('Puis').selectOption({ label: 'Supprimer' });
    await page.getByLabel('Base légale').fill('Délibération du conseil municipal du 3 mars');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Réglages de ${dijon.name} enregistrés.` })
      .waitFor();
    expect(application.communes.get(dijon.insee)).toMatchObject({
      epci: epciSiren,
      inboxAddresses: [dijon.address],
      openingHours: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '14:00', end: '17:00' },
        ],
      },
      acknowledgementSignature: 'La mairie de Dijon',
      retentionOverrides: [{ days: 90, action: 'delete', legalBasis: 'Délibération du conseil municipal du 3 mars' }],
      mailbox: { host: 'imap.dijon.example', user: 'mairie', password: 'secret-de-la-boite' },
    });

    await page.getByRole('link', { name: 'Toutes les communes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Communes' }).waitFor();
    expect(await listedCommunes(page)).toEqual([dijon.name, obernai.name, saintDenis.name]);
    await saveScreenshot(page, 'communes-list');
    await page.getByRole('link', { name: `Modifier ${saintDenis.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Commune ${saintDenis.name}` }).waitFor();
    await expect(page.getByLabel('Fuseau horaire').inputValue()).resolves.toBe('Indian/Reunion');
    await page.getByLabel('Le samedi').fill('08:00-12:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Réglages de ${saintDenis.name} enregistrés.` })
      .waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Commune ${saintDenis.name}` }).waitFor();
    await expect(page.getByLabel('Le samedi').inputValue()).resolves.toBe('08:00-12:00');
    await saveScreenshot(page, 'commune-settings-editor', 1400);
    await expect(page.getByLabel('Le lundi').inputValue()).resolves.toBe('08:30-12:00, 13:30-17:30');
    await expect(page.getByLabel('Adresses de réception').inputValue()).resolves.toBe(`${saintDenis.address}\naccueil@saintdenis.example`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("shows a commune's admin their commune only, with nothing to add", async () => {
    const page = await signedInPage({ communes: [obernai.insee] });
    expect(await listedCommunes(page)).toEqual([obernai.name]);
    expect(await page.getByRole('link', { name: 'Ajouter une commune' }).count()).toBe(0);
    await page.getByRole('link', { name: `Modifier ${obernai.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Commune ${obernai.name}` }).waitFor();
    expect(await page.getByLabel('EPCI (numéro SIREN)').count()).toBe(0);
    await expect(page.getByLabel('Calendrier des jours fériés').inputValue()).resolves.toBe('alsace-moselle');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    for (const hash of ['#/communes/nouvelle', `#/communes/${saintDenis.insee}`]) {
      await page.goto(`${application.url}/${hash}`);
      await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    }
  });
});
