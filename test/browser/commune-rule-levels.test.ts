import type { Browser, Page } from 'playwright-core';

import type { Rule } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, createScopedUser, epciSiren, obernai, signedInFor } from '../communes/commune-test-kit';
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

describe('the rule editor shows the level each rule comes from', () => {
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
});
