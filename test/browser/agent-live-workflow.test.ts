import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { ClassifierCorrectionModel } from '../../models/classifier/classifier-correction-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { bestStoredIntentIn } from '../support/classification-trace';
import { createTestUser, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  sessionTokenOf,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

const birthCertificateRequest = {
  subject: 'Copie intégrale acte de naissance',
  text:
    'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Je suis née le 12 mars 1985 à la maternité de la ville. ' +
    'Vous pouvez me joindre au 06 12 34 56 78. Merci d’avance. Claire Martin',
  requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
};

const hostileRequest = {
  subject: 'Acte de naissance <b>urgent</b> <img src=x onerror="window.__xss = \'objet\'">',
  text:
    'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance.\n<script>window.__xss = "script"</script>\n' +
    '<img src="x" onerror="window.__xss = \'img\'; alert(1)">\n<a href="javascript:window.__xss=1">cliquez</a> Merci.',
  requester: { name: '<svg onload="window.__xss=3">', email: 'pirate@example.org' },
};

const intentLabelsOf = (queue: string) =>
  defaultTaxonomy.queues.find((candidate) => candidate.id === queue)!.intents.map((intent) => intent.label);

jest.setTimeout(60_000);

describe('agents work live in the browser', () => {
  let application: RunningApplication;
  let browser: Browser;
  let etatCivilContext: BrowserContext;
  let urbanismeContext: BrowserContext;
  let etatCivil: Page;
  let urbanisme: Page;
  const dialogs: string[] = [];
  const pageProblems: string[][] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    const [etatCivilAgent, urbanismeAgent] = await Promise.all([
      createTestUser('agent', ['etat-civil']),
      createTestUser('agent', ['urbanisme']),
    ]);
    etatCivilContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    // The second agent works on a tablet held upright.
    urbanismeContext = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    for (const context of [etatCivilContext, urbanismeContext]) context.setDefaultTimeout(10_000);
    etatCivil = await etatCivilContext.newPage();
    urbanisme = await urbanismeContext.newPage();
    for (const page of [etatCivil, urbanisme]) {
      page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
      pageProblems.push(watchForPageProblems(page));
    }
    await Promise.all([
      signInThroughForm(etatCivil, application.url, etatCivilAgent),
      signInThroughForm(urbanisme, application.url, urbanismeAgent),
    ]);
    await Promise.all([etatCivil, urbanisme].map((page) => page.getByText('En direct', { exact: true }).waitFor()));
  }, 120_000);

  afterEach(() => {
    expect(pageProblems.flat()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('shows a request posted through the API in the list without a reload, then its entities and the routing trace', async () => {
    await etatCivil.evaluate('window.notReloaded = true');
    const response = await request(application.url).post('/api/requests').send(birthCertificateRequest).expect(201);
    await application.worker.idle();
    const row = etatCivil.locator('tr.ticket-row.is-fresh');
    await row.waitFor({ timeout: 5000 });
    const reference = (await row.locator('a.ticket-link').textContent())!;
    expect(reference).toMatch(/^AIG-\d{4}-\d{6}$/);
    expect(await etatCivil.evaluate('window.notReloaded')).toBe(true);
    await etatCivil.locator('.queue-button[aria-pressed="true"] .queue-count', { hasText: /^1 à traiter/ }).waitFor();
    expect(response.body.id).toEqual(expect.any(String));

    expect(await seriousAccessibilityViolations(etatCivil)).toEqual([]);
    await saveScreenshot(etatCivil, 'agent-workspace');

    await row.locator('a.ticket-link').focus();
    await etatCivil.keyboard.press('Enter');
    await etatCivil.getByRole('heading', { level: 1, name: `Demande ${reference}` }).waitFor();

    const marks = etatCivil.locator('.message-text mark.entity');
    expect(await marks.count()).toBeGreaterThanOrEqual(2);
    const markedTexts = await marks.allTextContents();
    expect(markedTexts.some((text) => text.startsWith('06 12 34 56 78'))).toBe(true);
    expect(markedTexts.some((text) => text.includes('12 mars 1985'))).toBe(true);
    const fields = etatCivil.locator('.entity-fields');
    await expect(fields.getByText('Téléphone', { exact: false }).count()).resolves.toBeGreaterThan(0);

    const trace = etatCivil.getByRole('region', { name: 'Pourquoi ici ?' });
    await expect(trace.locator('.trace-summary').textContent()).resolves.toMatch(/État civil/);
    expect(await trace.locator('li.rule').count()).toBeGreaterThan(0);
    await expect(etatCivil.getByRole('region', { name: 'Décision du classifieur' }).textContent()).resolves.toMatch(/Confiance.*%/);

    expect(await seriousAccessibilityViolations(etatCivil)).toEqual([]);
    await saveScreenshot(etatCivil, 'ticket-view');
  });

  it('reroutes the request with the intent proposed in the chosen queue, corrected, and a reason; the other queue’s agent sees it arrive live', async () => {
    const reference = (await etatCivil.locator('h1').textContent())!.replace('Demande ', '');
    await urbanisme.getByRole('heading', { name: 'Demandes' }).waitFor();
    expect(await urbanisme.getByRole('link', { name: reference }).count()).toBe(0);

    const ticket = (await TicketModel.findOne({ reference }).lean())!;
    const queueSelect = etatCivil.getByLabel('File de destination');
    const intentSelect = etatCivil.getByLabel('Motif de la demande');
    expect(await intentSelect.isDisabled()).toBe(true);
    await queueSelect.selectOption({ label: 'Voirie et espaces publics' });
    expect(await intentSelect.inputValue()).toBe(bestStoredIntentIn(ticket.trace, 'voirie'));
    expect(await intentSelect.locator('option').allTextContents()).toEqual(intentLabelsOf('voirie'));
    await queueSelect.selectOption({ label: 'Urbanisme' });
    const urbanismeGuess = bestStoredIntentIn(ticket.trace, 'urbanisme');
    expect(await intentSelect.inputValue()).toBe(urbanismeGuess);
    expect(await intentSelect.locator('option').allTextContents()).toEqual(intentLabelsOf('urbanisme'));
    expect(await seriousAccessibilityViolations(etatCivil)).toEqual([]);

    // The agent corrects the guess from the keyboard.
    const chosen = urbanismeGuess === 'permis-construire' ? 'declaration-prealable' : 'permis-construire';
    await intentSelect.focus();
    await intentSelect.selectOption(chosen);
    await etatCivil.getByLabel('Raison de la réorientation').fill('Le demandeur parle en fait de son permis de construire.');
    await etatCivil.getByRole('button', { name: 'Réorienter' }).click();

    await urbanisme.getByRole('link', { name: reference }).waitFor({ timeout: 5000 });
    expect(await urbanisme.locator('tr.is-fresh').getByRole('link', { name: reference }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(urbanisme)).toEqual([]);
    await saveScreenshot(urbanisme, 'agent-workspace-tablet');
    await etatCivil.getByRole('heading', { name: 'Demandes' }).waitFor();
    expect(await etatCivil.getByRole('link', { name: reference }).count()).toBe(0);
    expect(await ClassifierCorrectionModel.find({ ticketId: ticket._id }).lean()).toEqual([
      expect.objectContaining({
        source: 'reroute',
        fromQueue: 'etat-civil',
        queue: 'urbanisme',
        intent: chosen,
        previousIntent: ticket.intent,
      }),
    ]);

    await urbanisme.getByRole('link', { name: reference }).click();
    await urbanisme.getByRole('button', { name: 'Prendre en charge' }).click();
    await urbanisme.getByText('Vous avez pris la demande en charge.').waitFor();
    const history = urbanisme.getByRole('region', { name: 'Historique' });
    await expect(history.textContent()).resolves.toMatch(/Réorientée.*État civil vers Urbanisme/);
    await expect(history.textContent()).resolves.toContain('permis de construire');
  });

  it('shows a hostile message as inert text: no script runs, no markup is rendered', async () => {
    await urbanisme.getByRole('link', { name: '← Retour aux demandes' }).click();
    await etatCivil.getByRole('heading', { name: 'Demandes' }).waitFor();
    await request(application.url).post('/api/requests').send(hostileRequest).expect(201);
    const row = etatCivil.locator('tr.ticket-row.is-fresh').first();
    await row.waitFor({ timeout: 5000 });
    await expect(row.textContent()).resolves.toContain('<b>urgent</b>');
    expect(await etatCivil.locator('.ticket-table img, .ticket-table b').count()).toBe(0);
    await row.locator('a.ticket-link').click();
    const message = etatCivil.locator('.message-text').first();
    await message.waitFor();

    expect(await message.textContent()).toContain('<script>window.__xss = "script"</script>');
    expect(await message.textContent()).toContain('<img src="x" onerror=');
    expect(
      await etatCivil
        .locator('.message-panel img, .message-panel script, .message-panel svg, .message-panel a[href^="javascript"]')
        .count(),
    ).toBe(0);
    await expect(etatCivil.locator('.message-panel').textContent()).resolves.toContain('<b>urgent</b>');
    await expect(etatCivil.locator('.message-panel').textContent()).resolves.toContain('<svg onload=');
    expect(await etatCivil.evaluate('window.__xss')).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('sends the agent back to the sign-in page when the session is no longer valid', async () => {
    const token = await sessionTokenOf(etatCivil);
    await request(application.url).post('/api/auth/sign-out').set('Authorization', `Bearer ${token}`).expect(204);
    await etatCivil.getByRole('link', { name: '← Retour aux demandes' }).click();
    await etatCivil.getByText('Votre session a expiré ou a été fermée. Reconnectez-vous pour continuer.').waitFor();
    await etatCivil.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await etatCivil.evaluate("window.sessionStorage.getItem('aiguillage.session')")).toBeNull();
    expect(await seriousAccessibilityViolations(etatCivil)).toEqual([]);

    await urbanisme.getByRole('button', { name: 'Se déconnecter' }).click();
    await urbanisme.getByText('Vous êtes déconnecté·e. À bientôt.').waitFor();
  });
});
