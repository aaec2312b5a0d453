import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { createTestUser, signedInToken, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

const birthCertificateRequest = (number: number) => ({
  subject: 'Copie intégrale acte de naissance',
  text: `Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance (demande ${number}). Je suis née le 12 mars 1985. Merci. Claire Martin`,
  requester: { name: 'Claire Martin', email: `claire.martin${number}@example.org` },
});

jest.setTimeout(60_000);

/** Issue 17's bugs of the agents' desk, each as an agent meets it in Chromium. */
describe('the agents’ desk', () => {
  let application: RunningApplication;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[][] = [];

  /** A request posted through the API, routed, and the id of its ticket. */
  async function postRequest(body: object): Promise<string> {
    const posted = await request(application.url).post('/api/requests').send(body).expect(201);
    await application.worker.idle();
    const ticket = await TicketModel.findOne({ requestId: posted.body.id });
    return ticket!._id.toString();
  }

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
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

  it('does not show the second-factor code field to an account without one (bug 2)', async () => {
    const page = await newPage();
    await page.goto(application.url);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await page.locator('#totp-code').isVisible()).toBe(false);
    expect(await page.getByText('Code de vérification').isVisible()).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('says « Accès refusé » for a screen of another role and « Page introuvable » for an unknown one or a request out of reach (bug 15)', async () => {
    const hiddenTicket = await postRequest({
      text: 'Un lampadaire ne fonctionne plus devant le 4 rue des Écoles, la rue est plongée dans le noir.',
      requester: { name: 'Paul Durand' },
    });
    const page = await newPage();
    await signInThroughForm(page, application.url, await createTestUser('agent', ['etat-civil']));
    await page.goto(`${application.url}/#/regles`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    expect(await page.getByRole('link', { name: 'Retour à votre page d’accueil' }).getAttribute('href')).toBe('#/demandes');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${application.url}/#/pas-un-ecran`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${application.url}/#/demandes/${hiddenTicket}`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await page.getByRole('link', { name: 'Retour à votre page d’accueil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demandes' }).waitFor();
  });

  it('shows labels and French dates, never slugs, raw formats or « e-mail » (bug 14)', async () => {
    const page = await newPage();
    await page.goto(application.url);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    const wordsForMail = /e-mail|adresse électronique/i;
    expect(await page.locator('body').innerText()).not.toMatch(wordsForMail);

    const agent = await createTestUser('agent', ['etat-civil']);
    const kept = await postRequest(birthCertificateRequest(14));
    const duplicate = await postRequest(birthCertificateRequest(15));
    const token = await signedInToken(application, 'agent', ['etat-civil']);
    const reference = (await TicketModel.findById(kept).lean())!.reference;
    await request(application.url)
      .post(`/api/tickets/${duplicate}/merge`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ into: reference })
      .expect(200);

    await signInThroughForm(page, application.url, agent);
    await page.goto(`${application.url}/#/demandes/${duplicate}`);
    await page.getByRole('heading', { level: 1, name: /^Demande AIG-/ }).waitFor();
    const facts = page.getByRole('region', { name: 'Informations extraites' });
    await expect(facts.textContent()).resolves.toContain('copie intégrale');
    await expect(facts.textContent()).resolves.toContain('12 mars 1985');
    await expect(page.locator('.ticket-summary').textContent()).resolves.toContain('fusionnée');
    // The screen's own words: the mails quoted in the conversation are the citizen's copy, as sent.
    const shown = (await page.evaluate(`(() => {
      const main = document.querySelector('main').cloneNode(true);
      for (const quoted of main.querySelectorAll('.message-text')) quoted.remove();
      document.body.append(main);
      const text = main.innerText;
      main.remove();
      return text;
    })()`)) as string;
    for (const slug of ['copie-integrale', '1985-03-12', 'fusionnee', 'etat-civil', 'accuse-reception']) expect(shown).not.toContain(slug);
    expect(shown).not.toMatch(wordsForMail);
  });

  describe('on a ticket of État civil', () => {
    let page: Page;
    let ticketId: string;
    let colleague: string;
    const auth = () => ({ Authorization: `Bearer ${colleague}` });

    beforeAll(async () => {
      ticketId = await postRequest(birthCertificateRequest(1));
      colleague = await signedInToken(application, 'agent', ['etat-civil']);
      page = await newPage();
      await signInThroughForm(page, application.url, await createTestUser('agent', ['etat-civil']));
      await page.getByText('En direct', { exact: true }).waitFor();
      await page.goto(`${application.url}/#/demandes/${ticketId}`);
      await page.getByRole('heading', { level: 1, name: /^Demande AIG-/ }).waitFor();
    });

    it('keeps the reply being typed and the reroute being prepared when a colleague changes the ticket (bug 1)', async () => {
      const reply = page.getByLabel('Votre réponse');
      await reply.fill('Bonjour Madame Martin,\n\nVotre copie intégrale part demain.');
      await page.getByLabel('File de destination').selectOption({ label: 'Urbanisme' });
      await page.getByLabel('Raison de la réorientation').fill('Elle parle en fait d’un permis.');

      await request(application.url).post(`/api/tickets/${ticketId}/take`).set(auth()).expect(200);
      await page.getByText('Cette demande vient d’être modifiée ; l’affichage est à jour.').waitFor();
      // The colleague is named (createTestUser names every agent « agent de test »).
      await page.locator('.ticket-summary', { hasText: 'agent de test' }).waitFor();
      await request(application.url).post(`/api/tickets/${ticketId}/status`).set(auth()).send({ status: 'pending' }).expect(200);
      await page.locator('.ticket-summary', { hasText: 'En attente' }).waitFor();

      expect(await reply.inputValue()).toBe('Bonjour Madame Martin,\n\nVotre copie intégrale part demain.');
      expect(await page.getByLabel('File de destination').inputValue()).toBe('urbanisme');
      expect(await page.getByLabel('Raison de la réorientation').inputValue()).toBe('Elle parle en fait d’un permis.');
      await expect(page.getByRole('region', { name: 'Historique' }).textContent()).resolves.toMatch(/Statut modifié.*En attente/);
    });

    it('says a reply is waiting to be sent while no mail server has taken it, not « Courriel envoyé » (bug 5)', async () => {
      await request(application.url)
        .post(`/api/tickets/${ticketId}/replies`)
        .set(auth())
        .send({ text: 'Votre copie intégrale part demain.' })
        .expect(202);
      await page.reload();
      const history = page.getByRole('region', { name: 'Historique' });
      await history.getByText('Courriel en attente d’envoi').first().waitFor();
      expect(await history.textContent()).not.toContain('Courriel envoyé');
    });

    it('keeps each request’s subject in the list after a reload, not only on rows pushed live (bug 3)', async () => {
      await page.goto(`${application.url}/#/demandes`);
      await page.reload();
      const reference = (await TicketModel.findById(ticketId).lean())!.reference;
      const row = page.locator('tr', { has: page.getByRole('link', { name: reference }) });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('Copie intégrale acte de naissance');
      await page.getByRole('link', { name: reference }).click();
      await page.getByRole('heading', { level: 1, name: `Demande ${reference}` }).waitFor();
    });

    it('shows the reroute refusal in French without the field’s name (bug 10)', async () => {
      await page.getByLabel('File de destination').selectOption({ label: 'Urbanisme' });
      await page.getByLabel('Raison de la réorientation').fill('no');
      await page.getByRole('button', { name: 'Réorienter' }).click();
      const error = page.locator('form', { has: page.getByLabel('Raison de la réorientation') }).getByRole('alert');
      await error.waitFor();
      expect(await error.textContent()).toBe('Indiquez la raison de la réorientation (3 caractères au moins).');
      expect(await page.getByLabel('Raison de la réorientation').getAttribute('aria-invalid')).toBe('true');
    });

    it('lists as alternatives only other queues than the predicted one, and never claims a certainty it has not (bug 11)', async () => {
      const decision = page.getByRole('region', { name: 'Décision du classifieur' });
      const ticket = (await TicketModel.findById(ticketId).lean())!;
      const predicted = (ticket.trace as { classification: { queue: string } }).classification.queue;
      expect(predicted).toBe('etat-civil');
      const alternatives = await decision.locator('.plain-list li').allTextContents();
      expect(alternatives.length).toBeGreaterThan(0);
      expect(alternatives.filter((line) => line.startsWith('État civil'))).toEqual([]);
      if (ticket.confidence < 1) expect(await decision.textContent()).not.toContain('100 %');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
  });
});
