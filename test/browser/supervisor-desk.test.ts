import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { Rule } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { activeRulesWith, bearer, publishThroughApi } from '../routing/rule-set-api';
import { createTestUser, signedInToken, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

jest.setTimeout(60_000);

const birthCertificateRequest = {
  subject: 'Copie intégrale acte de naissance',
  text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Merci. Claire Martin',
  requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
};
const vagueRequest = {
  text: 'Bonjour, pouvez-vous me rappeler quand vous aurez un moment ? Merci.',
  requester: { name: 'Paul Durand', email: 'paul.durand@example.org' },
};

/** Issue 17's bugs of the supervisors' and reception's screens, each as met in Chromium. */
describe('the supervisors’ desk', () => {
  let application: RunningApplication;
  let browser: Browser;
  let page: Page;
  let pageProblems: string[];
  let supervisorToken: string;

  async function ticketOf(body: object) {
    const posted = await request(application.url).post('/api/requests').send(body).expect(201);
    await application.worker.idle();
    return (await TicketModel.findOne({ requestId: posted.body.id }).lean())!;
  }

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    supervisorToken = await signedInToken(application, 'supervisor');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    pageProblems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, await createTestUser('supervisor'));
  }, 120_000);

  afterEach(() => {
    expect(pageProblems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('simulates every effect of a draft, names requests by reference with a link, and refuses two identical rules (bugs 6 and 7)', async () => {
    const ticket = await ticketOf(birthCertificateRequest);
    expect(ticket.queue).toBe('etat-civil');
    expect(ticket.dueAt).toBeTruthy();
    const stopAtTheTop: Rule = {
      id: 'arreter-actes',
      name: 'Arrêter sur les actes',
      // Above the shipped acknowledgement (1000): at the same priority, the order of the two is not this test's
      // matter, and in opening hours the acknowledgement came first and stayed.
      priority: 1001,
      enabled: true,
      when: { kind: 'keywords', field: 'subjectOrText', words: ['acte'], match: 'any' },
      then: [{ type: 'routeToPredictedQueue' }],
      stop: true,
    };
    const twice = await request(application.url)
      .post('/api/rule-sets/validate')
      .set(bearer(supervisorToken))
      .send({
        ruleSet: await activeRulesWith(application, supervisorToken, stopAtTheTop, {
          ...stopAtTheTop,
          id: 'arreter-actes-bis',
          name: 'Arrêter sur les actes (copie)',
        }),
      })
      .expect(200);
    expect(twice.body.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'duplicate-rule',
        message: expect.stringMatching(
          /^Règle « Arrêter sur les actes \(copie\) » \(n° \d+\) : mêmes conditions, mêmes actions et même arrêt que la règle « Arrêter sur les actes »/,
        ),
      }),
    );

    const draft = await request(application.url)
      .post('/api/rule-sets/versions')
      .set(bearer(supervisorToken))
      .send({ ruleSet: await activeRulesWith(application, supervisorToken, stopAtTheTop) })
      .expect(201);
    const version = draft.body.version.version as number;
    await page.goto(`${application.url}/#/regles`);
    await page.getByRole('button', { name: `Modifier le brouillon ${version}` }).click();
    await page.getByRole('button', { name: 'Simuler' }).click();
    const simulation = page.getByRole('region', { name: 'Simulation avant publication' });
    await simulation.waitFor();
    await expect(simulation.locator('.simulation-summary').textContent()).resolves.toMatch(
      /changeraient la file de 0 demande et le reste du traitement .* de 1 demande/,
    );
    const row = simulation.locator('.effects-table tbody tr');
    expect(await row.count()).toBe(1);
    const link = row.getByRole('link', { name: ticket.reference });
    expect(await link.getAttribute('href')).toBe(`#/demandes/${ticket._id.toString()}`);
    const changes = await row.locator('li').allTextContents();
    expect(changes).toContainEqual(expect.stringMatching(/^Échéance : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} → aucune$/));
    // The shipped rules acknowledge with one template or the other, by the town hall's hours: named, never by its id.
    expect(changes).toContainEqual(
      expect.stringMatching(/^Accusé de réception : « Accusé de réception( en dehors des heures d'ouverture)? » → aucun$/),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('lets reception choose the queue of a request left unsorted: nothing is chosen beforehand (bug 8)', async () => {
    const ticket = await ticketOf(vagueRequest);
    expect(ticket.queue).toBe('accueil');
    await page.goto(`${application.url}/#/tri`);
    const queueSelect = page.getByLabel(`File pour ${ticket.reference}`);
    await queueSelect.waitFor();
    expect(await queueSelect.inputValue()).toBe('');
    const row = page.locator('tr', { has: queueSelect });
    await row.getByRole('button', { name: 'Orienter' }).click();
    await row.getByRole('alert').filter({ hasText: 'Choisissez la file où orienter la demande.' }).waitFor();
    expect((await TicketModel.findById(ticket._id).lean())!.queue).toBe('accueil');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('shows the DPO who did what by name, the actions in French, requests by reference, and filters the trail (bug 9)', async () => {
    const ticket = await ticketOf({ ...birthCertificateRequest, requester: { name: 'Inès Roy', email: 'ines.roy@example.org' } });
    await request(application.url).get(`/api/tickets/${ticket._id.toString()}`).set(bearer(supervisorToken)).expect(200);
    await publishThroughApi(application, supervisorToken, await activeRulesWith(application, supervisorToken));

    const dpoContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    dpoContext.setDefaultTimeout(10_000);
    const dpo = await dpoContext.newPage();
    const dpoProblems = watchForPageProblems(dpo);
    await signInThroughForm(dpo, application.url, await createTestUser('dpo'));
    const journal = dpo.getByRole('table', { name: 'Journal d’audit' });
    const published = journal.getByRole('row').filter({ hasText: 'Règles d’aiguillage publiées' });
    await published.first().waitFor();
    await expect(published.first().textContent()).resolves.toMatch(/supervisor de test \(Superviseur\).*Règles d’aiguillage, version \d+/);
    const texts = (await journal.locator('tbody').textContent()) ?? '';
    expect(texts).not.toMatch(/système.*Règles d’aiguillage publiées/);
    expect(texts).not.toMatch(/\b(ticket|rule-set)\.[a-z-]+\b/);
    expect(texts).not.toContain(ticket._id.toString());
    expect(await seriousAccessibilityViolations(dpo)).toEqual([]);

    await dpo.getByLabel('Référence de la demande').fill(ticket.reference);
    await dpo.getByRole('button', { name: 'Filtrer' }).click();
    await journal.getByRole('row').filter({ hasText: 'Règles d’aiguillage publiées' }).waitFor({ state: 'detached' });
    const aboutTicket = await journal.locator('tbody tr').allTextContents();
    expect(aboutTicket.length).toBeGreaterThan(0);
    expect(aboutTicket.every((row) => row.includes(`Demande ${ticket.reference}`))).toBe(true);
    expect(aboutTicket.some((row) => row.includes('Consultation d’une demande'))).toBe(true);

    await dpo.getByLabel('Référence de la demande').fill('');
    await dpo.getByLabel('Action', { exact: true }).selectOption({ label: 'Consultation d’une demande' });
    await dpo.getByLabel('Personne', { exact: true }).selectOption({ label: 'supervisor de test (Superviseur)' });
    await dpo.getByRole('button', { name: 'Filtrer' }).click();
    await dpo.getByText(/^Les 1 derniers des 1 événements correspondants\.$/).waitFor();
    await dpo.getByLabel('Du', { exact: true }).fill('2099-01-01');
    await dpo.getByRole('button', { name: 'Filtrer' }).click();
    await dpo.getByText('Aucun événement ne correspond.').waitFor();
    expect(dpoProblems).toEqual([]);
    await dpoContext.close();
  });

  it('lists the corrections a retraining will learn, by reference (bug 16)', async () => {
    const ticket = await ticketOf({
      text: 'Un lampadaire ne fonctionne plus devant le 4 rue des Écoles, la rue est plongée dans le noir.',
      requester: { name: 'Paul Durand' },
    });
    expect(ticket.queue).toBe('voirie');
    await request(application.url)
      .post(`/api/tickets/${ticket._id.toString()}/reroute`)
      .set(bearer(supervisorToken))
      .send({ queue: 'urbanisme', intent: 'question-plu', reason: 'Concerne en fait le plan local d’urbanisme.' })
      .expect(200);
    await page.goto(`${application.url}/#/modele`);
    const corrections = page.getByRole('table', { name: 'Corrections que le réentraînement apprendra' });
    const row = corrections.getByRole('row').filter({ has: page.getByRole('link', { name: ticket.reference }) });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'Voirie et espaces publics',
      'Urbanisme',
      expect.any(String),
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/),
      'réorientation',
      'pas encore',
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
