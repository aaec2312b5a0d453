import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { twoRequestsText } from '../support/split-request-fixtures';
import { createTestUser, startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

const twoRequests = {
  subject: 'Acte de naissance et lampadaire',
  text: twoRequestsText,
  requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
};

jest.setTimeout(60_000);

describe('a message holding two requests, in the web app', () => {
  let application: RunningApplication;
  let browser: Browser;
  const pages: Record<'reception' | 'etatCivil' | 'supervisor', Page> = {} as never;
  const pageProblems: string[][] = [];

  async function postTwoRequests(): Promise<string> {
    const response = await request(application.url).post('/api/requests').send(twoRequests).expect(201);
    await application.worker.idle();
    return response.body.id as string;
  }

  async function openTicket(page: Page, ticketId: string): Promise<void> {
    await page.goto(`${application.url}/#/demandes/${ticketId}`);
    await page.getByRole('region', { name: 'Message de l’usager' }).waitFor();
  }

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    const users = {
      reception: await createTestUser('agent', ['accueil']),
      etatCivil: await createTestUser('agent', ['etat-civil']),
      supervisor: await createTestUser('supervisor'),
    };
    for (const name of ['reception', 'etatCivil', 'supervisor'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      context.setDefaultTimeout(10_000);
      pages[name] = await context.newPage();
      pageProblems.push(watchForPageProblems(pages[name]));
      await signInThroughForm(pages[name], application.url, users[name]);
    }
  }, 120_000);

  afterEach(() => {
    expect(pageProblems.flat()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('shows reception each request found in the message, with its service, its intent and its excerpt', async () => {
    const requestId = await postTwoRequests();
    const ticket = await TicketModel.findOne({ requestId });
    expect(ticket).toMatchObject({ queue: 'accueil', intent: 'demandes-multiples' });
    await openTicket(pages.reception, ticket!._id.toString());

    const parts = pages.reception.getByRole('region', { name: 'Demandes détectées dans ce message' });
    const items = parts.getByRole('listitem');
    expect(await items.count()).toBe(2);
    await expect(items.nth(0).textContent()).resolves.toMatch(
      /État civil — Copie d'acte de naissance.*copie intégrale de mon acte de naissance/s,
    );
    await expect(items.nth(1).textContent()).resolves.toMatch(
      /Voirie et espaces publics — Éclairage public.*le lampadaire devant le numéro 12/s,
    );
    expect(await seriousAccessibilityViolations(pages.reception)).toEqual([]);
  });

  it('lets a supervisor switch the shipped split rule on, shows the split in the simulation, and publishes it', async () => {
    const page = pages.supervisor;
    await page.getByRole('link', { name: 'Règles d’aiguillage' }).click();
    await page.getByRole('button', { name: 'Créer un brouillon à partir des règles en vigueur' }).click();
    const card = page.locator('details.rule-card', { hasText: 'Message à plusieurs demandes : un ticket par service' });
    await card.locator('summary').click();
    await expect(card.locator('.rule-summary').textContent()).resolves.toContain(
      'un ticket par demande, chacun dans la file de son service',
    );
    expect(await card.getByLabel('Action 1', { exact: true }).inputValue()).toBe('split');
    await card.getByLabel('Active').check();

    await page.getByRole('button', { name: 'Simuler' }).click();
    const simulation = page.getByRole('region', { name: 'Simulation avant publication' });
    await simulation.waitFor();
    await expect(simulation.locator('.moved-table').textContent()).resolves.toMatch(
      /un ticket par demande : État civil \+ Voirie et espaces publics.*Message à plusieurs demandes : un ticket par service/,
    );
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.locator('.notice', { hasText: /Version \d+ publiée/ }).waitFor();
  });

  it("shows each part's agents the whole message, which excerpt is theirs and the sibling ticket's reference", async () => {
    const requestId = await postTwoRequests();
    const [own, sibling] = await TicketModel.find({ requestId }).sort({ part: 1 });
    expect([own.queue, sibling.queue]).toEqual(['etat-civil', 'voirie']);
    const page = pages.etatCivil;
    await openTicket(page, own._id.toString());

    const parts = page.getByRole('region', { name: 'Message à plusieurs demandes' });
    const items = parts.getByRole('listitem');
    await expect(items.nth(0).textContent()).resolves.toMatch(/État civil — Copie d'acte de naissance.*ce dossier.*copie intégrale/s);
    await expect(items.nth(1).textContent()).resolves.toContain(`dossier lié ${sibling.reference}`);
    // Another service's ticket: its reference is given, not a link this agent could not follow.
    expect(await parts.getByRole('link', { name: sibling.reference }).count()).toBe(0);
    await expect(page.getByRole('region', { name: 'Message de l’usager' }).textContent()).resolves.toMatch(
      /acte de naissance.*le lampadaire devant le numéro 12/s,
    );
    await expect(page.locator('.trace-summary').textContent()).resolves.toMatch(
      /en a fait un ticket par demande, et celle-ci est allée vers État civil/,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A supervisor serves every queue: the sibling reference is a link to it.
    await openTicket(pages.supervisor, own._id.toString());
    await pages.supervisor
      .getByRole('region', { name: 'Message à plusieurs demandes' })
      .getByRole('link', { name: sibling.reference })
      .click();
    await pages.supervisor.getByRole('heading', { name: `Demande ${sibling.reference}` }).waitFor();
  });
});
