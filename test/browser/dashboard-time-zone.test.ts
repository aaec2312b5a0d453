import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { createTestUser, startTestApplication } from '../support/test-application';
import { ensureClientBuilt, launchBrowser, signInThroughForm, watchForPageProblems } from './support/browser';

jest.setTimeout(60_000);

/**
 * Half an hour after midnight in Paris the UTC date is still yesterday's. The server's clock is injected; the
 * browser's clock is set to the same instant and its zone to New York, so a web app that took "today" from its
 * own UTC date, or showed dates in its own zone, would show yesterday.
 */
const nights = [
  {
    name: 'in winter',
    dayBefore: '2026-01-15T22:30:00Z',
    afterMidnight: '2026-01-15T23:30:00Z',
    today: '2026-01-16',
    todayLabel: '16 janv.',
    dayBeforeLabel: '15 janv.',
    shownTime: '16/01/2026 00:30',
  },
  {
    name: 'in summer',
    dayBefore: '2026-07-15T21:30:00Z',
    afterMidnight: '2026-07-15T22:30:00Z',
    today: '2026-07-16',
    todayLabel: '16 juil.',
    dayBeforeLabel: '15 juil.',
    shownTime: '16/07/2026 00:30',
  },
];

const lampRequest = (number: number) => ({
  text: `Le lampadaire numéro ${number} de la rue des Écoles ne s’allume plus le soir, la rue est plongée dans le noir.`,
  requester: { name: 'Usager', email: `usager${number}@example.org` },
});

describe('the dashboard counts what arrived after midnight in Paris under today', () => {
  let application: RunningApplication;
  let browser: Browser;
  let supervisor: { email: string; password: string };
  let now = new Date(nights[0].dayBefore);

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication({}, undefined, { now: () => now }), launchBrowser()]);
    supervisor = await createTestUser('supervisor');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  describe.each(nights)('$name', ({ dayBefore, afterMidnight, today, todayLabel, dayBeforeLabel, shownTime }) => {
    let context: BrowserContext;
    let page: Page;
    let pageProblems: string[];

    beforeAll(async () => {
      now = new Date(dayBefore);
      await request(application.url).post('/api/requests').send(lampRequest(1)).expect(201);
      now = new Date(afterMidnight);
      for (const number of [2, 3]) await request(application.url).post('/api/requests').send(lampRequest(number)).expect(201);
      await application.worker.idle();

      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'America/New_York' });
      context.setDefaultTimeout(10_000);
      await context.clock.setFixedTime(now);
      page = await context.newPage();
      pageProblems = watchForPageProblems(page);
      await signInThroughForm(page, application.url, supervisor);
    });

    afterAll(async () => {
      expect(pageProblems).toEqual([]);
      await context?.close();
    });

    it('proves the browser’s own UTC date is still the day before', async () => {
      expect(await page.evaluate('new Date().toISOString().slice(0, 10)')).toBe(afterMidnight.slice(0, 10));
      expect(afterMidnight.slice(0, 10)).not.toBe(today);
    });

    it('shows the period ending today on the town hall’s calendar, with today’s requests under today', async () => {
      await page.getByRole('link', { name: 'Tableau de bord' }).click();
      await page.getByRole('heading', { name: 'Demandes reçues par jour et par file' }).waitFor();
      expect(await page.getByLabel('Au', { exact: true }).inputValue()).toBe(today);
      expect(await page.getByLabel('Au', { exact: true }).getAttribute('max')).toBe(today);
      await expect(page.locator('.kpi', { hasText: 'Demandes reçues' }).locator('.kpi-value').textContent()).resolves.toBe('3');
      const dailyRow = (label: string) => page.locator('.chart-wide .chart-data tbody tr', { has: page.locator('th', { hasText: label }) });
      await expect(dailyRow(todayLabel).locator('td').last().textContent()).resolves.toBe('2');
      await expect(dailyRow(dayBeforeLabel).locator('td').last().textContent()).resolves.toBe('1');
      await expect(page.locator('.chart-wide .chart-data tbody tr').last().locator('th').textContent()).resolves.toBe(todayLabel);
    });

    it('shows when a request arrived on the town hall’s clock, not the browser’s zone', async () => {
      await page.getByRole('link', { name: 'Demandes', exact: true }).click();
      await page.locator('time', { hasText: shownTime }).first().waitFor();
      expect(await page.locator('.received time', { hasText: shownTime }).count()).toBe(2);
    });
  });
});
