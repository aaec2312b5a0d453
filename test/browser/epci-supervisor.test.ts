import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import type { Rule } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, createScopedUser, epciSiren, obernai, saintDenis, signedInFor } from '../communes/commune-test-kit';
import { activeRulesWith, publishThroughApi } from '../routing/rule-set-api';
import { startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

jest.setTimeout(60_000);

describe("an EPCI's supervisor in the browser: the level of each rule, the dashboard per commune", () => {
  let application: RunningApplication;
  let browser: Browser;
  let page: Page;
  let pageProblems: string[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    await addEpciCommunes(application);
    const obernaiSupervisor = await signedInFor(application, 'supervisor', { communes: [obernai.insee] });
    const obernaiRule: Rule = {
      id: 'obernai-ads',
      name: "Permis d'Obernai au service de l'EPCI",
      priority: 900,
      enabled: true,
      stop: true,
      communes: [obernai.insee],
      when: { kind: 'queue', op: 'equals', value: 'urbanisme' },
      then: [{ type: 'route', queue: 'urbanisme' }],
    };
    await publishThroughApi(application, obernaiSupervisor, await activeRulesWith(application, obernaiSupervisor, obernaiRule));
    for (const commune of [obernai.insee, obernai.insee, saintDenis.insee]) {
      await request(application.url)
        .post('/api/requests')
        .send({ commune, text: 'Bonjour, le lampadaire de la rue est éteint.', requester: { name: 'Usager' } })
        .expect(201);
    }
    await application.worker.idle();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    pageProblems = watchForPageProblems(page);
    await signInThroughForm(page, application.url, await createScopedUser('supervisor', { epci: epciSiren }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it("labels the service's rules and a commune's, by the commune's name", async () => {
    await page.getByRole('link', { name: 'Règles d’aiguillage' }).click();
    await page.getByRole('button', { name: 'Créer un brouillon à partir des règles en vigueur' }).click();
    await page.locator('.rule-level').first().waitFor();
    const levels = await page.locator('.rule-level').allTextContents();
    expect(levels).toContain('Règle propre à la commune Obernai');
    expect(levels.filter((level) => level === 'Règle du service (EPCI), pour toutes les communes').length).toBe(levels.length - 1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  it('rolls the dashboard up per commune, and shows one commune on its own', async () => {
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    const perCommune = page.getByRole('region', { name: 'Indicateurs par commune' });
    await perCommune.waitFor();
    expect(await perCommune.locator('tbody th').allTextContents()).toEqual(['Obernai', 'Saint-Denis']);
    expect(await perCommune.locator('tbody td:nth-of-type(1)').allTextContents()).toEqual(['2', '1']);
    await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Saint-Denis' });
    await page.getByRole('button', { name: 'Afficher' }).click();
    await perCommune.waitFor({ state: 'detached' });
    await expect(page.locator('.kpis').textContent()).resolves.toMatch(/Demandes reçues1/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});
