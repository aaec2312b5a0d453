import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { Rule } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { activeRulesWith, bearer } from '../routing/rule-set-api';
import { createTestUser, signedInToken, startTestApplication } from '../support/test-application';
import { ensureClientBuilt, launchBrowser, seriousAccessibilityViolations, signInThroughForm, watchForPageProblems } from './support/browser';

jest.setTimeout(60_000);

const birthCertificateRequest = {
  subject: 'Copie intégrale acte de naissance',
  text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Merci. Claire Martin',
  requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
};
const vagueRequest = { text: 'Bonjour, pouvez-vous me rappeler quand vous aurez un moment ? Merci.', requester: { name: 'Paul Durand', email: 'paul.durand@example.org' } };

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
      priority: 1000,
      enabled: true,
      when: { kind: 'keywords', field: 'subjectOrText', words: ['acte'], match: 'any' },
      then: [{ type: 'routeToPredictedQueue' }],
      stop: true,
    };
    const twice = await request(application.url)
      .post('/api/rule-sets/validate')
      .set(bearer(supervisorToken))
      .send({ ruleSet: await activeRulesWith(application, supervisorToken, stopAtTheTop, { ...stopAtTheTop, id: 'arreter-actes-bis', name: 'Arrêter sur les actes (copie)' }) })
      .expect(200);
    expect(twice.body.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'duplicate-rule', message: expect.stringMatching(/^Règle « Arrêter sur les actes \(copie\) » \(n° \d+\) : mêmes conditions, mêmes actions et même arrêt que la règle « Arrêter sur les actes »/) }),
    );

    const draft = await request(application.url).post('/api/rule-sets/versions').set(bearer(supervisorToken)).send({ ruleSet: await activeRulesWith(application, supervisorToken, stopAtTheTop) }).expect(201);
    const version = draft.body.version.version as number;
    await page.goto(`${application.url}/#/regles`);
    await page.getByRole('button', { name: `Modifier le brouillon ${version}` }).click();
    await page.getByRole('button', { name: 'Simuler' }).click();
    const simulation = page.getByRole('region', { name: 'Simulation avant publication' });
    await simulation.waitFor();
    await expect(simulation.locator('.simulation-summary').textContent()).resolves.toMatch(/changeraient la file de 0 demande et le reste du traitement .* de 1 demande/);
    const row = simulation.locator('.effects-table tbody tr');
    expect(await row.count()).toBe(1);
    const link = row.getByRole('link', { name: ticket.reference });
    expect(await link.getAttribute('href')).toBe(`#/demandes/${ticket._id.toString()}`);
    const changes = await row.locator('li').allTextContents();
    expect(changes).toContainEqual(expect.stringMatching(/^Échéance : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} → aucune$/));
    // The shipped rules acknowledge with one template or the other, by the town hall's hours: named, never by its id.
    expect(changes).toContainEqual(expect.stringMatching(/^Accusé de réception : « Accusé de réception( en dehors des heures d'ouverture)? » → aucun$/));
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
});
