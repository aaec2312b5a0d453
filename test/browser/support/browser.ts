import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { builtClientDirectory } from '../../../server/http/serve-client';
import { chromiumPath } from '../../prerequisites/test-prerequisites';

const repositoryRoot = path.resolve(__dirname, '../../..');
export const screenshotDirectory = path.join(repositoryRoot, 'build', 'screenshots');

/** Debian's Chromium (see test/prerequisites), headless, with everything that would reach the network turned off. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(process.env),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** `npm test` builds the client first (pretest); a single test file run on its own builds it if it is missing. */
export function ensureClientBuilt(): void {
  if (existsSync(path.join(builtClientDirectory, 'index.html'))) return;
  execFileSync('npm', ['run', 'build:client'], { cwd: repositoryRoot, stdio: 'inherit' });
}

/**
 * Collects what must never happen in the app's pages: an uncaught exception, or anything refused by the page's
 * Content-Security-Policy (an inline script or style would be, and would mean the app relies on one).
 */
export function watchForPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return problems;
}

export async function signInThroughForm(page: Page, url: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Adresse de courriel professionnelle').fill(user.email);
  await page.getByLabel('Mot de passe').fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** The session token the page holds, to act on the same session through the API. */
export async function sessionTokenOf(page: Page): Promise<string> {
  return (await page.evaluate("JSON.parse(window.sessionStorage.getItem('aiguillage.session') ?? '{}').token")) as string;
}

/** A long page (the rule editor) is shot as its first `height` pixels rather than whole. */
export async function saveScreenshot(page: Page, name: string, height?: number): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  const file = path.join(screenshotDirectory, `${name}.png`);
  if (height === undefined) {
    await page.screenshot({ path: file, fullPage: true });
    return;
  }
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: page.viewportSize()?.width ?? 1280, height } });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page against WCAG 2.1 A and AA rules and returns the serious and critical violations.
 * Evaluated through the DevTools protocol, which the page's CSP does not restrict (an injected <script> would be
 * refused, as it should be).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // A string, not a function: the test compiler's helpers (async transforms) must not end up in the page.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  })()`)) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
