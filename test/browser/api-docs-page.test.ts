import type { Browser } from 'playwright-core';

import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';
import { launchBrowser, saveScreenshot, watchForPageProblems } from './support/browser';

describe('API documentation page in a real browser', () => {
  let application: RunningApplication;
  let browser: Browser;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('shows the operations with their roles, loading nothing from outside the server and breaking no CSP rule', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForPageProblems(page);
    const elsewhere: string[] = [];
    page.on('request', (sent) => {
      if (!sent.url().startsWith(application.url) && !sent.url().startsWith('data:')) elsewhere.push(sent.url());
    });

    await page.goto(`${application.url}/api/docs`);
    await page.getByText("Submit a citizen's request from a form; answered once it is stored").waitFor();
    // Past 150 tags and operations Swagger UI (5.36) draws only the rows near the viewport, as a person scrolling
    // sees them; the per-commune settings routes took the document past it. The tag's deep link, read when the page
    // loads, scrolls there.
    await page.goto(`${application.url}/api/docs#/Routing_rules`);
    await page.reload();
    await page.getByText('Publish a draft after its simulation').click();
    await page.getByText('Roles allowed: supervisor.').first().waitFor();
    await saveScreenshot(page, 'api-docs', 900);

    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(await page.title()).toBe('API d’Aiguillage');
  });
});
