import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from '../../src/demo/index.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { openTestPlatform, type TestPlatform } from '../support/engines.js';

/**
 * Browser tests: the real server (in-process, listening on a free port) over a temporary SQLite
 * database with the demo municipality, driven by the system's Chromium through playwright-core.
 */
export const CHROMIUM = process.env.BUURTARENA_CHROMIUM ?? '/usr/bin/chromium';
export const browserTestsEnabled = process.env.BUURTARENA_TEST_BROWSER === '1';

export interface TestServer {
  baseUrl: string;
  test: TestPlatform;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startDemoServer(): Promise<TestServer> {
  const test = await openTestPlatform('sqlite');
  try {
    await seedDemo(test.platform);
    const app = await buildApp(test.platform);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      baseUrl: address, test, app,
      async close() {
        await app.close();
        await test.close();
      },
    };
  } catch (error) {
    await test.close();
    throw error;
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`BUURTARENA_TEST_BROWSER=1 but Chromium is missing at ${CHROMIUM} (Debian: apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/**
 * The second step of signing in, as a person with the demo's authenticator app would do it: the
 * current code, or the next one when this 30-second step's code was already used (a code works once).
 */
export async function completeSecondStep(page: Page, secret = DEMO_TOTP_SECRET): Promise<void> {
  for (const offset of [0, 1]) {
    await page.locator('#field-code').fill(totpCode(secret, Date.now() + offset * 30_000));
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button[type="submit"]').first().click()]);
    if (response?.status() !== 422) return;
  }
  throw new Error(`the second step did not accept the demo code at ${page.url()}`);
}

/**
 * Sign in as a demo person through the real form (in Dutch), with the second step for those who
 * have one (the demo administrator and treasurer), ending on the municipality's home page.
 */
export async function signInAsDemo(page: Page, email: string): Promise<void> {
  await page.goto('/taal/nl?terug=/voorbeeldstad/inloggen');
  await page.locator('#field-email').fill(email);
  await page.locator('#field-password').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL(/\/voorbeeldstad(\/inloggen\/tweede-stap\?.*)?$/), page.locator('main form button[type="submit"]').click()]);
  if (new URL(page.url()).pathname.endsWith('/inloggen/tweede-stap')) await completeSecondStep(page);
  await page.waitForURL(/\/voorbeeldstad$/);
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Run axe-core on the page as it is now; throw listing every violation with the elements it concerns. */
export async function axeCheck(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes.slice(0, 10).map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
    return `  [${v.impact ?? '?'}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join('\n')}`;
  });
  throw new Error(`axe found ${results.violations.length} accessibility violation(s) on ${label}:\n${lines.join('\n')}`);
}

/**
 * Collect what the browser reports as broken: script errors and Content-Security-Policy
 * violations (which the console reports), so a page that only works with a relaxed CSP fails.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** A page in a browser context of its own, whose problems are watched. */
export interface DemoPage {
  page: Page;
  problems: string[];
}

/** A browser on a fresh demo server, with one page whose problems are watched: what most browser tests start from. */
export interface DemoBrowser extends DemoPage {
  server: TestServer;
  browser: Browser;
}

/**
 * Start the demo server and a browser with one page (signed in as `email` when given). The page's
 * context gets `options` besides the server's address, e.g. `{ javaScriptEnabled: false }` or a
 * locale. Close it with `closeDemoBrowser`.
 */
export async function openDemoBrowser(email?: string, options: BrowserContextOptions = {}): Promise<DemoBrowser> {
  const browser = await launchBrowser();
  let server: TestServer | undefined;
  try {
    server = await startDemoServer();
    const { page, problems } = await openDemoPage({ server, browser }, options);
    if (email) await signInAsDemo(page, email);
    return { server, browser, page, problems };
  } catch (error) {
    await closeDemoBrowser({ server, browser });
    throw error;
  }
}

/** One more page on the demo browser's server, in a context of its own (not signed in) with `options`, as `openDemoBrowser` has. */
export async function openDemoPage(demo: Pick<DemoBrowser, 'server' | 'browser'>, options: BrowserContextOptions = {}): Promise<DemoPage> {
  const page = await (await demo.browser.newContext({ ...options, baseURL: demo.server.baseUrl })).newPage();
  return { page, problems: watchProblems(page) };
}

/**
 * axe-core needs script in the page: for a demo browser with JavaScript off, a check that runs axe
 * on a copy of its page, as the script-less browser got it, in a second tab with script on (first
 * opened at `path`, so that the copy is on the demo server's origin).
 */
export async function axeCheckWithoutScript(demo: DemoBrowser, path: string): Promise<(label: string) => Promise<void>> {
  const { page: axePage } = await openDemoPage(demo);
  await axePage.goto(path);
  return async (label) => {
    await axePage.setContent(await demo.page.content(), { waitUntil: 'load' });
    await axeCheck(axePage, label);
  };
}

export async function closeDemoBrowser(demo: Partial<DemoBrowser> | undefined): Promise<void> {
  await demo?.browser?.close();
  await demo?.server?.close();
}
