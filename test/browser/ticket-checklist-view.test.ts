import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
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

jest.setTimeout(90_000);

describe('checklists in the web app: what is missing, the suggested request, the commune settings', () => {
  let application: RunningApplication;
  let browser: Browser;
  let agentPage: Page;
  let supervisorPage: Page;
  const problems: string[][] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    const pageFor = async (user: { email: string; password: string }) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      problems.push(watchForPageProblems(page));
      await signInThroughForm(page, application.url, user);
      return page;
    };
    agentPage = await pageFor(await createTestUser('agent', ['etat-civil']));
    supervisorPage = await pageFor(await createTestUser('supervisor'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('shows « manque : … » in the list and on the ticket, and the agent sends the suggested request in one click', async () => {
    const posted = await request(application.url)
      .post('/api/requests')
      .send({
        subject: 'Acte de naissance',
        text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance pour mon dossier de PACS. Merci.',
        requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
      })
      .expect(201);
    await application.worker.idle();
    const ticket = (await TicketModel.findOne({ requestId: posted.body.id }))!;

    await agentPage.goto(`${application.url}/#/demandes`);
    const row = agentPage.locator(`tr[data-ticket-id="${ticket._id.toString()}"]`);
    await row.getByText('manque : filiation ; à vérifier : date de naissance').waitFor();

    await row.getByRole('link', { name: ticket.reference }).click();
    const panel = agentPage.getByRole('region', { name: 'Complétude : manque : filiation ; à vérifier : date de naissance' });
    await panel.waitFor();
    await expect(panel.getByRole('listitem').allTextContents()).resolves.toEqual([
      '✓ nom et prénoms : présent',
      '? date de naissance : à vérifier',
      '✗ filiation : manquant',
      '✓ lien avec la personne : présent',
    ]);
    const text = panel.getByLabel('Texte envoyé au demandeur');
    await expect(text.inputValue()).resolves.toBe(
      'Pour que le service puisse traiter votre demande, merci de nous indiquer :\n- les nom et prénoms de ses parents.',
    );
    expect(await seriousAccessibilityViolations(agentPage)).toEqual([]);
    await saveScreenshot(agentPage, 'ticket-checklist', 1300);

    await panel.getByRole('button', { name: 'Envoyer au demandeur' }).click();
    await agentPage.getByText('Demande des informations manquantes envoyée au demandeur.').waitFor();
    await panel.getByRole('heading', { name: /^Demande des informations manquantes : envoyée par un agent le / }).waitFor();
    const stored = await TicketModel.findById(ticket._id);
    expect(stored?.assistance?.reply).toMatchObject({ status: 'sent', edited: false });
  });

  it("lets a supervisor fill in the commune's facts and switch an intent to automatic", async () => {
    await supervisorPage.goto(`${application.url}/#/commune`);
    await supervisorPage.getByRole('heading', { name: 'Commune et réponses', level: 1 }).waitFor();
    await supervisorPage.getByLabel('Heures d’ouverture de la mairie').fill('du lundi au vendredi, de 8 h 30 à 12 h');
    await supervisorPage.getByLabel('Téléphone').fill('01 23 45 67 89');
    await supervisorPage.getByLabel('Adresse de la mairie').fill('1 place de la Mairie');
    await supervisorPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supervisorPage.getByText('Informations enregistrées : les prochaines réponses immédiates les citeront.').waitFor();

    await supervisorPage.getByLabel('Mode du motif Horaires et accès').selectOption('automatic');
    await supervisorPage.getByText(/Enregistré \(version \d+\) : Automatique\./).waitFor();
    expect(await seriousAccessibilityViolations(supervisorPage)).toEqual([]);
    const { body } = await request(application.url)
      .get('/api/commune-facts')
      .set({ Authorization: `Bearer ${await sessionTokenOf(supervisorPage)}` })
      .expect(200);
    expect(body.facts).toMatchObject({ horaires: 'du lundi au vendredi, de 8 h 30 à 12 h', telephone: '01 23 45 67 89' });
    expect(problems.flat()).toEqual([]);
  });
});
