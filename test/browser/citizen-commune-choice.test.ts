import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from '../communes/commune-test-kit';
import { startTestApplication } from '../support/test-application';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations } from './support/browser';
import { citizenBrowser, type CitizenBrowser } from './support/citizen-browser';

jest.setTimeout(90_000);

describe('the citizens’ form of an EPCI of several communes, in Chromium', () => {
  let application: RunningApplication;
  let browser: Browser;
  let citizen: CitizenBrowser;
  let epciAgent: string;

  beforeAll(async () => {
    [{ application }, browser] = await Promise.all([
      startTestApplication({ publicFormMinFillSeconds: 0, smtpIntakeEnabled: false }),
      launchBrowser(),
    ]);
    await addEpciCommunes(application);
    epciAgent = await signedInFor(application, 'agent', { epci: epciSiren, queues: defaultTaxonomy.queues.map((queue) => queue.id) });
    citizen = await citizenBrowser(browser, application.url);
  }, 120_000);

  afterEach(() => {
    expect(citizen.problems()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  /** The ticket of a reference, as the EPCI's agent sees it through the API: its commune among others. */
  async function ticketSeenByEpciAgent(reference: string) {
    await application.worker.idle();
    const listed = await request(application.url)
      .get('/api/tickets')
      .query({ q: reference })
      .set('Authorization', `Bearer ${epciAgent}`)
      .expect(200);
    return (listed.body.tickets as { reference: string; commune: string }[]).find((ticket) => ticket.reference === reference);
  }

  const referenceOn = async (page: Page) => /AIG-\d{4}-\d{6}/.exec((await page.locator('.reference-banner').textContent()) ?? '')![0];

  it('has the citizen choose Saint-Denis: the API’s message next to the list until chosen, then a ticket of Saint-Denis', async () => {
    const page = await citizen.open(citizen.withScript, '/demande');
    const commune = page.getByLabel('Votre commune (obligatoire)');
    await expect(commune.locator('option').allTextContents()).resolves.toEqual([
      'Choisissez votre commune',
      'Mairie',
      'Obernai',
      'Saint-Denis',
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'citizen-form-commune-choice');

    await page.evaluate('window.notReloaded = true');
    await page.getByLabel('Nom et prénom').fill('Léa Hoarau');
    await page
      .getByLabel('Votre demande (obligatoire)')
      .fill('Bonjour, le lampadaire devant le 3 rue de Paris est éteint depuis une semaine.');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    const message = 'Précisez la commune concernée (champ « commune », code INSEE) : ce service en dessert plusieurs.';
    await expect(page.getByRole('alert').getByRole('link').allTextContents()).resolves.toEqual([message]);
    expect(await commune.getAttribute('aria-invalid')).toBe('true');
    await expect(page.locator('#champ-commune-erreur').textContent()).resolves.toBe(`Erreur : ${message}`);
    expect(await commune.evaluate((select) => select.getAttribute('aria-describedby'))).toBe('champ-commune-aide champ-commune-erreur');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('alert').getByRole('link', { name: message }).click();
    await commune.selectOption({ label: 'Saint-Denis' });
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL(/\/suivi\/[^/]+\/confirmation$/);
    await page.getByText('Mairie de Saint-Denis – services en ligne').waitFor();
    expect(await page.title()).toMatch(/ – Mairie de Saint-Denis$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await ticketSeenByEpciAgent(await referenceOn(page))).toMatchObject({ commune: saintDenis.insee });
  });

  it('takes a commune’s own link, /demande?commune=67348, to Obernai with no choice shown', async () => {
    const page = await citizen.open(citizen.withScript, `/demande?commune=${obernai.insee}`);
    await page.getByText('Mairie d’Obernai – services en ligne').waitFor();
    await page.getByText('Votre demande sera adressée à la mairie d’Obernai.').waitFor();
    expect(await page.getByLabel(/Votre commune/).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Nom et prénom').fill('Jean Schmitt');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.title()).toBe('Erreur : Faire une demande à la mairie – Mairie d’Obernai');
    await page.getByLabel('Votre demande (obligatoire)').fill('Bonjour, un arbre est tombé sur le chemin du Mont Sainte-Odile.');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL(/\/confirmation$/);
    await page.getByText('Mairie d’Obernai – services en ligne').waitFor();
    expect(await ticketSeenByEpciAgent(await referenceOn(page))).toMatchObject({ commune: obernai.insee });
  });

  it('works without JavaScript: the choice is posted with the form, and a link’s unknown commune says why the list is shown', async () => {
    const page = await citizen.open(citizen.withoutScript, '/demande?commune=75056');
    await page
      .getByText(
        'Le lien que vous avez suivi désigne une commune qui ne reçoit pas de demandes par ce service (« 75056 ») : choisissez votre commune dans la liste.',
      )
      .waitFor();
    expect(await page.getByLabel('Votre commune (obligatoire)').evaluate((select) => select.getAttribute('aria-describedby'))).toBe(
      'champ-commune-aide',
    );
    // axe runs scripts: it checks the same page in the context that has them.
    expect(await seriousAccessibilityViolations(await citizen.open(citizen.withScript, '/demande?commune=75056'))).toEqual([]);
    await page.getByLabel('Votre commune (obligatoire)').selectOption(obernai.insee);
    await page.getByLabel('Nom et prénom').fill('Marie Keller');
    await page.getByLabel('Votre demande (obligatoire)').fill('Bonjour, je souhaite inscrire ma fille à la cantine scolaire.');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL(/\/confirmation$/);
    expect(await ticketSeenByEpciAgent(await referenceOn(page))).toMatchObject({ commune: obernai.insee });
  });
});
