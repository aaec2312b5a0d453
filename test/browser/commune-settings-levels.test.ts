import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, createScopedUser, epciSiren, obernai, signedInFor } from '../communes/commune-test-kit';
import { startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

jest.setTimeout(60_000);

const inherited = 'Provenance : Celui du service (EPCI), pour toutes les communes.';
const own = 'Provenance : Propre à la commune Obernai.';

describe("a commune's supervisor in the browser: the facts and answers of their commune, over the service's", () => {
  let application: RunningApplication;
  let browser: Browser;
  let page: Page;
  let pageProblems: string[] = [];
  let epci: string;

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    await addEpciCommunes(application);
    epci = await signedInFor(application, 'supervisor', { epci: epciSiren });
    const serviceFacts = { commune: 'Communauté', horaires: 'du lundi au vendredi, de 9 h à 12 h', fermetures: '', adresse: '' };
    await request(application.url)
      .put('/api/commune-facts')
      .set({ Authorization: `Bearer ${epci}` })
      .send({ ...serviceFacts, telephone: '', courriel: '', siteWeb: '' })
      .expect(200);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    pageProblems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, await createScopedUser('supervisor', { communes: [obernai.insee] }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it("opens on Obernai's level, inherited from the service until Obernai saves its own facts", async () => {
    await page.getByRole('link', { name: 'Commune et réponses' }).click();
    await page.getByRole('heading', { name: 'Commune et réponses', level: 1 }).waitFor();
    await expect(page.getByLabel('Niveau des réglages').locator('option:checked').textContent()).resolves.toBe('Obernai');
    const facts = page.getByRole('region', { name: 'Ce que les réponses immédiates citent' });
    await facts.getByText(inherited).waitFor();
    await page.getByLabel('Heures d’ouverture de la mairie').fill('du lundi au samedi, de 8 h à 12 h');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await facts.getByText(own).waitFor();
    const { body } = await request(application.url)
      .get(`/api/commune-facts?commune=${obernai.insee}`)
      .set({ Authorization: `Bearer ${epci}` })
      .expect(200);
    expect(body).toMatchObject({ level: 'commune', facts: { horaires: 'du lundi au samedi, de 8 h à 12 h' } });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("switches an answer for Obernai only, and shows the service's level as read-only", async () => {
    const modes = page.getByRole('region', { name: /^Demandes d’informations et réponses immédiates/ });
    await modes.getByText(inherited).waitFor();
    await page.getByLabel('Mode du motif Horaires et accès').selectOption('off');
    await page.getByText(/Enregistré \(version \d+\) : Désactivé\./).waitFor();
    await modes.getByText(own).waitFor();
    await saveScreenshot(page, 'commune-settings-levels', 1100);

    await page.getByLabel('Niveau des réglages').selectOption({ label: 'Tout le service (EPCI)' });
    await page.getByText('Vous les consultez ; seul l’EPCI les modifie.').first().waitFor();
    await expect(page.getByLabel('Mode du motif Horaires et accès').inputValue()).resolves.toBe('pilot');
    await expect(page.getByLabel('Mode du motif Horaires et accès').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Enregistrer' }).count()).resolves.toBe(0);
    await page.getByText('du lundi au vendredi, de 9 h à 12 h').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("gives Obernai back the service's facts", async () => {
    await page.getByLabel('Niveau des réglages').selectOption({ label: 'Obernai' });
    await page.getByRole('button', { name: 'Reprendre les informations du service' }).click();
    await page.getByRole('region', { name: 'Ce que les réponses immédiates citent' }).getByText(inherited).waitFor();
    const { body } = await request(application.url)
      .get(`/api/commune-facts?commune=${obernai.insee}`)
      .set({ Authorization: `Bearer ${epci}` })
      .expect(200);
    expect(body.level).toBe('service');
    expect(pageProblems).toEqual([]);
  });
});
