import type { Browser, BrowserContext, Page } from 'playwright-core';

import { watchForPageProblems } from './browser';

export interface CitizenBrowser {
  /** The citizens' pages must work in both: with their scripts, and without any. */
  withScript: BrowserContext;
  withoutScript: BrowserContext;
  /** Opens a page of the service in one of them, watched for exceptions and refused inline code. */
  open(context: BrowserContext, path: string): Promise<Page>;
  /** What went wrong in the pages opened so far (none, in a passing test). */
  problems(): string[];
}

/** A French citizen's browser, desktop-sized on the Paris clock, twice: with JavaScript and without. */
export async function citizenBrowser(browser: Browser, serviceUrl: string): Promise<CitizenBrowser> {
  const options = { viewport: { width: 1024, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' };
  const withScript = await browser.newContext(options);
  const withoutScript = await browser.newContext({ ...options, javaScriptEnabled: false });
  for (const context of [withScript, withoutScript]) context.setDefaultTimeout(10_000);
  const problems: string[][] = [];
  return {
    withScript,
    withoutScript,
    async open(context, path) {
      const page = await context.newPage();
      problems.push(watchForPageProblems(page));
      await page.goto(`${serviceUrl}${path}`);
      return page;
    },
    problems: () => problems.flat(),
  };
}
