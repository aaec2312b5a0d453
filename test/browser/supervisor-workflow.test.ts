import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { ClassifierCorrectionModel } from '../../models/classifier/classifier-correction-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { bestStoredIntentIn } from '../support/classification-trace';
import { createTestUser, signedInToken, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

const poolRequest = (number: number) => ({
  subject: 'Piscine municipale',
  text: `Bonjour, le bassin de la piscine municipale est fermé depuis ${number} jours, quand rouvrira-t-il pour les nageurs du club ? Merci.`,
  requester: { name: 'Léa Dubois', email: `lea.dubois${number}@example.org` },
});

/** A few days of a town hall's mail, so that the dashboard has something to show. */
const everydayRequests = [
  'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Merci.',
  'Je voudrais un extrait d’acte de mariage avec filiation pour mon dossier de retraite.',
  'Un lampadaire ne fonctionne plus devant le 4 rue des Écoles, la rue est plongée dans le noir.',
  'Un énorme nid de poule sur la chaussée de l’avenue Jean Jaurès, c’est dangereux pour les cyclistes.',
  'Je souhaite déposer une déclaration préalable pour une clôture sur ma parcelle.',
  'Comment m’inscrire sur les listes électorales après mon déménagement dans la commune ?',
  'Mon voisin fait du bruit tous les soirs jusqu’à deux heures du matin, que puis-je faire ?',
  'Je voudrais inscrire ma fille à la cantine de l’école élémentaire à la rentrée.',
];

jest.setTimeout(60_000);

describe('a supervisor steers routing from the browser', () => {
  let application: RunningApplication;
  let browser: Browser;
  let page: Page;
  let supervisorToken: string;
  let pageProblems: string[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    for (let number = 1; number <= 3; number += 1)
      await request(application.url).post('/api/requests').send(poolRequest(number)).expect(201);
    for (const [index, text] of everydayRequests.entries()) {
      await request(application.url)
        .post('/api/requests')
        .send({ text, requester: { name: 'Usager', email: `usager${index}@example.org` } })
        .expect(201);
    }
    await application.worker.idle();
    const supervisor = await createTestUser('supervisor');
    supervisorToken = await signedInToken(application, 'supervisor');
    await workOnSomeTickets(application.url, supervisorToken);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    pageProblems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, supervisor);
  }, 120_000);

  afterEach(() => {
    expect(pageProblems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('drafts a rule as a form, reads French validation errors, sees the simulation diff, publishes, and a new request follows it', async () => {
    await page.getByRole('link', { name: 'Règles d’aiguillage' }).click();
    await page.getByRole('button', { name: 'Créer un brouillon à partir des règles en vigueur' }).click();
    await page.getByRole('button', { name: 'Ajouter une règle' }).click();

    const rule = page.locator('#rule-0');
    await rule.getByLabel('Nom de la règle').fill('Piscine : services techniques');
    await rule.getByRole('button', { name: 'Ajouter une condition' }).click();
    await page.getByRole('heading', { name: /À corriger/ }).waitFor();
    await expect(page.locator('.problems').textContent()).resolves.toMatch(/mots-clés/);

    await rule.getByLabel('Mots-clés').fill('piscine, bassin');
    await rule.getByLabel('File', { exact: true }).selectOption({ label: 'Voirie et espaces publics' });
    await rule.getByLabel('Arrêter après cette règle').check();
    await page.locator('.problem-error').first().waitFor({ state: 'detached' });
    await expect(rule.locator('.rule-summary').textContent()).resolves.toContain(
      "un des mots-clés dans l'objet ou le texte : piscine, bassin",
    );
    expect(await page.getByRole('button', { name: 'Publier' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Simuler' }).click();
    const simulation = page.getByRole('region', { name: 'Simulation avant publication' });
    await simulation.waitFor();
    await expect(simulation.locator('.simulation-summary').textContent()).resolves.toMatch(/changeraient la file de 3 demandes/);
    expect(await simulation.locator('.moved-table tbody tr').count()).toBe(3);
    await expect(simulation.locator('.moved-table').textContent()).resolves.toContain('Piscine : services techniques');

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'rule-editor', 1600);

    await page.getByRole('button', { name: 'Publier' }).click();
    await page.locator('.notice', { hasText: /Version \d+ publiée : les nouvelles demandes suivent désormais ces règles\./ }).waitFor();

    const posted = await request(application.url).post('/api/requests').send(poolRequest(4)).expect(201);
    await application.worker.idle();
    const tickets = await request(application.url)
      .get('/api/tickets?queue=voirie')
      .set('Authorization', `Bearer ${supervisorToken}`)
      .expect(200);
    // The request just posted, by the reference its 201 carries (the list is sorted by urgency, not arrival).
    const ticket = tickets.body.tickets.find((candidate: { reference: string }) => candidate.reference === posted.body.reference);
    expect(ticket).toBeDefined();
    const detail = await request(application.url)
      .get(`/api/tickets/${ticket.id}`)
      .set('Authorization', `Bearer ${supervisorToken}`)
      .expect(200);
    expect(detail.body.ticket.trace.routedBy.ruleName).toBe('Piscine : services techniques');
  });

  it('rolls back to the previous version of the rules', async () => {
    await page.getByLabel('Version à remettre en vigueur').selectOption({ index: 0 });
    await page.getByLabel('Raison (facultatif)').fill('Essai terminé');
    await page.getByRole('button', { name: 'Remettre cette version en vigueur' }).click();
    await page.locator('.notice', { hasText: /est de nouveau en vigueur/ }).waitFor();
    const active = await request(application.url)
      .get('/api/rule-sets/active')
      .set('Authorization', `Bearer ${supervisorToken}`)
      .expect(200);
    expect(active.body.version.ruleSet.rules.some((rule: { name: string }) => rule.name === 'Piscine : services techniques')).toBe(false);
  });

  it('shows the dashboard with its charts and exports it as CSV', async () => {
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { name: 'Demandes reçues par jour et par file' }).waitFor();
    const { statistics } = (
      await request(application.url).get('/api/dashboard').set('Authorization', `Bearer ${supervisorToken}`).expect(200)
    ).body;
    expect(statistics.totals.received).toBe(3 + everydayRequests.length + 1);
    await expect(page.locator('.kpi', { hasText: 'Demandes reçues' }).locator('.kpi-value').textContent()).resolves.toBe(
      String(statistics.totals.received),
    );
    await expect(page.locator('.kpi', { hasText: 'Taux de réorientation' }).locator('.kpi-value').textContent()).resolves.toMatch(
      /^[1-9]\d*\s%$/,
    );
    expect(await page.locator('.chart svg rect').count()).toBeGreaterThan(0);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'dashboard');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter les indicateurs par file (CSV)' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('file;demandes reçues;aiguillées par le moteur');
    const voirie = statistics.queues.find((queue: { queue: string }) => queue.queue === 'voirie');
    expect(csv).toContain(`\r\nVoirie et espaces publics;${voirie.received};${voirie.routedHere};`);
  });

  it('puts a queue in suggestion mode, and the reception desk confirms the suggested queue with an intent of that queue', async () => {
    await page.getByRole('link', { name: 'Files et agents' }).click();
    await page.getByLabel('Mode de la file Voirie et espaces publics').selectOption('suggest');
    await page.getByText('Enregistré : Suggestion (pilote).').waitFor();

    await request(application.url)
      .post('/api/requests')
      .send({
        subject: 'Nid de poule',
        text: 'Un énorme nid de poule sur la chaussée de la rue des Lilas, devant le numéro 12, les voitures font des écarts.',
        requester: { name: 'Paul Durand', email: 'paul.durand@example.org' },
      })
      .expect(201);
    await application.worker.idle();
    await page.getByRole('link', { name: 'Tri de l’accueil' }).click();
    const row = page.locator('tr', { has: page.locator('.pill', { hasText: 'mode suggestion' }) });
    await row.waitFor();
    const reference = (await row.locator('a.ticket-link').textContent())!;
    const ticket = (await TicketModel.findOne({ reference }).lean())!;
    const queueSelect = row.getByLabel(`File pour ${reference}`);
    const intentSelect = row.getByLabel(`Motif pour ${reference}`);
    expect(await queueSelect.inputValue()).toBe('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await queueSelect.selectOption({ label: 'Voirie et espaces publics' });
    const voirieGuess = bestStoredIntentIn(ticket.trace, 'voirie');
    expect(await intentSelect.inputValue()).toBe(voirieGuess);

    await queueSelect.selectOption({ label: 'Urbanisme' });
    expect(await intentSelect.inputValue()).toBe(bestStoredIntentIn(ticket.trace, 'urbanisme'));
    await row.getByRole('button', { name: 'Orienter vers : Urbanisme' }).waitFor();
    // Back to the suggested queue: its guess again, then the agent picks another intent of that queue.
    await queueSelect.selectOption({ label: 'Voirie et espaces publics' });
    expect(await intentSelect.inputValue()).toBe(voirieGuess);
    const chosen = voirieGuess === 'signalisation' ? 'signalement-chaussee' : 'signalisation';
    await intentSelect.selectOption(chosen);
    await row.getByRole('button', { name: 'Confirmer : Voirie et espaces publics' }).click();
    await page.getByRole('link', { name: reference }).waitFor({ state: 'detached' });
    const agreement = await request(application.url)
      .get('/api/triage/agreement')
      .set('Authorization', `Bearer ${supervisorToken}`)
      .expect(200);
    expect(agreement.body.queues.find((queue: { queue: string }) => queue.queue === 'voirie')).toMatchObject({ considered: 1, agreed: 1 });
    expect(await ClassifierCorrectionModel.find({ ticketId: ticket._id }).lean()).toEqual([
      expect.objectContaining({ source: 'pilot', fromQueue: 'voirie', queue: 'voirie', intent: chosen, previousIntent: ticket.intent }),
    ]);
  });

  it('shows the classifier model’s versions, the one in service, and the corrections the agents made', async () => {
    await page.getByRole('link', { name: 'Modèle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modèle de classement' }).waitFor();
    await page.getByText('en service', { exact: true }).waitFor();
    await expect(page.locator('#corrections-title + p').textContent()).resolves.toMatch(/^[1-9]\d* réorientations? par les agents/);
  });
});

/** Resolves a few tickets and corrects one routing, as agents would over a day. */
async function workOnSomeTickets(url: string, token: string): Promise<void> {
  const auth = { Authorization: `Bearer ${token}` };
  const { tickets } = (await request(url).get('/api/tickets?pageSize=100').set(auth).expect(200)).body as {
    tickets: Array<{ id: string; queue: string }>;
  };
  const routed = tickets.filter((ticket) => ticket.queue !== 'accueil');
  for (const ticket of routed.slice(0, 4))
    await request(url).post(`/api/tickets/${ticket.id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
  const misrouted = routed[routed.length - 1];
  await request(url)
    .post(`/api/tickets/${misrouted.id}/reroute`)
    .set(auth)
    .send({ queue: misrouted.queue === 'urbanisme' ? 'voirie' : 'urbanisme', reason: 'Concerne en fait un autre service.' })
    .expect(200);
}
