import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations } from './support/browser';
import { citizenBrowser, type CitizenBrowser } from './support/citizen-browser';

jest.setTimeout(90_000);

const request1 = {
  name: 'Claire Martin',
  email: 'claire.martin@example.org',
  subject: 'Lampadaire éteint',
  text: 'Bonjour, le lampadaire devant le 12 rue des Lilas est éteint depuis trois jours. Merci. Claire Martin',
};

/** Stored requests whose (encrypted) text matches: the database cannot compare it, so the test reads them. */
async function requestsWithText(text: string | RegExp) {
  return (await RequestModel.find({})).filter((stored) => (typeof text === 'string' ? stored.text === text : text.test(stored.text)));
}

/** The id of the element that has the keyboard focus. */
const focusedId = (page: Page) => page.evaluate('document.activeElement && document.activeElement.id') as Promise<string>;

describe('the citizens’ pages in Chromium', () => {
  let application: RunningApplication;
  let browser: Browser;
  let citizen: CitizenBrowser;
  let agent: string;

  beforeAll(async () => {
    [{ application }, browser] = await Promise.all([
      startTestApplication({ publicFormMinFillSeconds: 0, statusPageRefreshSeconds: 0.5, smtpIntakeEnabled: false }),
      launchBrowser(),
    ]);
    agent = await signedInToken(application, 'agent', ['voirie', 'accueil', 'urbanisme']);
    citizen = await citizenBrowser(browser, application.url);
  }, 120_000);

  afterEach(() => {
    expect(citizen.problems()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('sends the form without JavaScript, by keyboard only, errors first, then lands on the confirmation', async () => {
    const page = await citizen.open(citizen.withoutScript, '/demande');
    expect(await page.title()).toBe('Faire une demande à la mairie – Mairie');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Aller au contenu');
    const order: string[] = [];
    for (let step = 0; step < 7; step += 1) {
      await page.keyboard.press('Tab');
      order.push(await focusedId(page));
    }
    expect(order).toEqual(['champ-name', 'champ-email', 'champ-phone', 'champ-subject', 'champ-text', 'champ-attachments', '']);
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Envoyer ma demande');

    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.title()).toBe('Erreur : Faire une demande à la mairie – Mairie');
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      'Le nom est obligatoire.',
      'Le texte de la demande est obligatoire.',
    ]);
    expect(await page.getByLabel('Nom et prénom').getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByLabel('Nom et prénom').evaluate((input) => input.getAttribute('aria-describedby'))).resolves.toBe(
      'champ-name-erreur',
    );

    await page.getByLabel('Nom et prénom').focus();
    await page.keyboard.type(request1.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(request1.email);
    await page.getByLabel('Votre demande (obligatoire)').focus();
    await page.keyboard.type(request1.text);
    await page.getByRole('button', { name: 'Envoyer ma demande' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/suivi\/[^/]+\/confirmation$/);
    expect(await page.title()).toMatch(/^Demande envoyée : AIG-\d{4}-\d{6} – Mairie$/);
    await page.getByRole('heading', { level: 1, name: 'Votre demande est bien envoyée' }).waitFor();
    expect(await requestsWithText(request1.text)).toHaveLength(1);
  });

  it('sends the form with JavaScript: errors come back announced and focused without a reload, then the confirmation', async () => {
    const page = await citizen.open(citizen.withScript, '/demande');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'citizen-form');
    await page.evaluate('window.notReloaded = true');
    await page.getByLabel('Nom et prénom').fill(request1.name);
    await page.getByLabel('Adresse e-mail').fill('claire@');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    expect(await focusedId(page)).toBe('erreurs');
    expect(await page.title()).toBe('Erreur : Faire une demande à la mairie – Mairie');
    await expect(page.getByRole('alert').getByRole('link').allTextContents()).resolves.toEqual([
      "L'adresse e-mail est invalide.",
      'Le texte de la demande est obligatoire.',
    ]);
    expect(await page.getByLabel('Votre demande (obligatoire)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Nom et prénom').inputValue()).toBe(request1.name);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'citizen-form-errors');

    await page.getByRole('alert').getByRole('link', { name: 'Le texte de la demande est obligatoire.' }).click();
    expect(await focusedId(page)).toBe('champ-text');
    await page.getByLabel('Adresse e-mail').fill(request1.email);
    await page.getByLabel('Objet de votre demande').fill(request1.subject);
    const text = 'Bonjour, le lampadaire devant le 14 rue des Lilas clignote toute la nuit. Merci. Claire Martin';
    await page.getByLabel('Votre demande (obligatoire)').fill(text);
    await page.getByRole('button', { name: 'Envoyer ma demande' }).dblclick();
    await page.waitForURL(/\/suivi\/[^/]+\/confirmation$/);
    expect(await requestsWithText(text)).toHaveLength(1);
    await page.getByText(/Votre référence : AIG-\d{4}-\d{6}/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('follows the request from the confirmation to its status page, updated live when an agent acts, and takes a document', async () => {
    const page = await citizen.open(citizen.withScript, '/demande');
    await page.getByLabel('Nom et prénom').fill('Paul Durand');
    await page.getByLabel('Adresse e-mail').fill('paul.durand@example.org');
    await page
      .getByLabel('Votre demande (obligatoire)')
      .fill('Bonjour, un nid-de-poule dangereux s’est formé devant l’école de la rue Pasteur. Merci. Paul Durand');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL(/\/confirmation$/);
    await application.worker.idle();
    const [stored] = await requestsWithText(/nid-de-poule/);
    const ticket = (await TicketModel.findOne({ requestId: stored._id }))!;
    await page.getByText(`Votre référence : ${ticket.reference}`).waitFor();

    await page.getByRole('link', { name: 'Suivre ma demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Suivi de votre demande' }).waitFor();
    expect(await page.title()).toBe(`Suivi de la demande ${ticket.reference} – Mairie`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const target = ticket.queue === 'urbanisme' ? 'voirie' : 'urbanisme';
    const targetLabel = target === 'voirie' ? 'Voirie et espaces publics' : 'Urbanisme';
    await page.evaluate('window.notReloaded = true');
    await request(application.url)
      .post(`/api/tickets/${ticket.id}/reroute`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ queue: target, reason: 'Note interne' })
      .expect(200);
    await request(application.url)
      .post(`/api/tickets/${ticket.id}/status`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ status: 'pending' })
      .expect(200);
    await page.getByText('La mairie attend une réponse de votre part').first().waitFor();
    await page.getByText(`Demande transmise au service ${targetLabel}`).waitFor();
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    await expect(page.locator('#annonce-mise-a-jour').textContent()).resolves.toMatch(/^Votre demande a avancé/);
    expect(await page.content()).not.toContain('Note interne');

    await page.getByLabel('Votre message').fill('Voici une photo du trou.');
    await page
      .getByLabel('Document (facultatif)')
      .setInputFiles({ name: 'photo-trou.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) });
    await page.getByRole('button', { name: 'Ajouter à mon dossier' }).click();
    await page.getByText('Votre message a bien été ajouté à votre dossier.').waitFor();
    await page.locator('.messages').getByText('photo-trou.jpg').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'citizen-status-page');

    const messages = (
      await request(application.url).get(`/api/tickets/${ticket.id}/messages`).set('Authorization', `Bearer ${agent}`).expect(200)
    ).body.messages;
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          direction: 'inbound',
          text: 'Voici une photo du trou.',
          attachments: [expect.objectContaining({ filename: 'photo-trou.jpg', contentType: 'image/jpeg', storageId: expect.any(String) })],
        }),
      ]),
    );
    expect((await TicketModel.findById(ticket._id))!.status).toBe('open');

    const unsubscribe = await citizen.open(citizen.withScript, `${new URL(page.url()).pathname}/desabonnement`);
    expect(await seriousAccessibilityViolations(unsubscribe)).toEqual([]);
  });
});
