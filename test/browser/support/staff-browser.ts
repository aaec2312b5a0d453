import type { Browser, Page } from 'playwright-core';

import { signInThroughForm, watchForPageProblems } from './browser';

/**
 * A member of staff's page, desktop-sized, in French on the Paris clock, signed in through the form, and what went
 * wrong in it (none, in a passing test): the set-up the staff's browser tests share.
 */
export async function signedInStaffPage(
  browser: Browser,
  serviceUrl: string,
  user: { email: string; password: string },
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watchForPageProblems(page);
  await signInThroughForm(page, serviceUrl, user);
  return { page, problems };
}
