import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApplication } from '../../server/application';
import { createTestUser, startTestApplication } from '../support/test-application';
import { ensureClientBuilt, launchBrowser, seriousAccessibilityViolations, watchForPageProblems } from './support/browser';

jest.setTimeout(60_000);

/** Issue 17's bugs of the agents' desk, each as an agent meets it in Chromium. */
describe('the agents’ desk', () => {
  let application: RunningApplication;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[][] = [];

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
});
