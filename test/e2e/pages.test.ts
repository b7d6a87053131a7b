import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/index.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, completeSecondStep, openDemoBrowser, openDemoPage, signInAsDemo, type DemoBrowser, type DemoPage, type TestServer } from './support.js';
import { pageTemplates } from './templates.js';

/**
 * Every page template in Dutch and in English, checked with axe-core (WCAG 2.1 A and AA: zero
 * violations), plus the sign-in error state and a core flow with JavaScript switched off.
 * Runs with BUURTARENA_TEST_BROWSER=1 (CI); needs /usr/bin/chromium.
 */
const ADMIN = 'beheerder@voorbeeldstad.example';
const RESIDENT = 'bewoner@voorbeeldstad.example';
/** A demo resident without a second step yet (the test sets one up). */
const SECOND_STEP_PERSON = 'buurman@voorbeeldstad.example';
const languages = ['nl', 'en'] as const;

if (!browserTestsEnabled) {
  console.warn('[buurtarena] browser tests skipped: set BUURTARENA_TEST_BROWSER=1 to run them (they drive /usr/bin/chromium).');
}

/** Through the real form; the demo administrator (and treasurer) then give the code from the demo key. */
async function signIn(page: Page, email: string): Promise<void> {
  await signInAsDemo(page, email);
  await expect(page.locator('header form[action="/voorbeeldstad/uitloggen"]').count()).resolves.toBe(1);
}

describe.skipIf(!browserTestsEnabled)('pages in the browser', () => {
  let demo: DemoBrowser;
  let server: TestServer;
  let anonymous: BrowserContext;
  // One tab per visitor, reused by every template test (a new tab per test costs more than the test).
  const tabs = {} as Record<'anonymous' | 'administrator', DemoPage>;

  beforeAll(async () => {
    demo = await openDemoBrowser();
    server = demo.server;
    tabs.anonymous = { page: demo.page, problems: demo.problems };
    anonymous = demo.page.context();
    tabs.administrator = await openDemoPage(demo);
    await signIn(tabs.administrator.page, ADMIN);
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  for (const language of languages) {
    for (const template of pageTemplates) {
      it(`${template.name} (${language}) passes axe`, async () => {
        const { page, problems } = tabs[template.signedIn ? 'administrator' : 'anonymous'];
        problems.length = 0;
        const path = template.resolve ? await template.resolve(page) : template.path;
        // The language switch: /taal/{nl|en}?terug=… sets the cookie and returns to the page.
        const response = await page.goto(`/taal/${language}?terug=${encodeURIComponent(path)}`);
        expect(response?.status(), path).toBe(template.status ?? 200);
        expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        await expect(page.locator('main h1').count()).resolves.toBe(1);
        await axeCheck(page, `${template.name} (${language}) ${path}`);
        expect(problems).toEqual([]);
      }, 60_000);
    }
  }

  it('switches language with the link in the header and stays on the same page', async () => {
    const page = await anonymous.newPage();
    try {
      await page.goto('/taal/nl?terug=/voorbeeldstad/organisaties');
      expect(await page.getAttribute('html', 'lang')).toBe('nl');
      await Promise.all([page.waitForURL(/\/voorbeeldstad\/organisaties$/), page.locator('header a.ba-lang').click()]);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await Promise.all([page.waitForURL(/\/voorbeeldstad\/organisaties$/), page.locator('header a.ba-lang').click()]);
      expect(await page.getAttribute('html', 'lang')).toBe('nl');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('shows an error summary that names the field when signing in fails, and it passes axe', async () => {
    const { page } = await openDemoPage(demo);
    try {
      await page.goto('/taal/nl?terug=/voorbeeldstad/inloggen');
      const emailLabel = (await page.locator('label[for="field-email"]').innerText()).trim();
      const passwordLabel = (await page.locator('label[for="field-password"]').innerText()).trim();

      // Nothing filled in: both fields are named, each linked to its field.
      await page.locator('main form button[type="submit"]').click();
      const summary = page.locator('#error-summary');
      await summary.waitFor();
      await expect(summary.locator('a[href="#field-email"]').innerText()).resolves.toContain(emailLabel);
      await expect(summary.locator('a[href="#field-password"]').innerText()).resolves.toContain(passwordLabel);
      expect(await page.locator('#field-email').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#field-email').getAttribute('aria-describedby')).toContain('error-email');
      // The small script moves focus to the summary, so it is read out first.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
      await axeCheck(page, 'sign in with empty fields');

      // A wrong password: the same summary, naming the e-mail field, the address kept.
      await page.locator('#field-email').fill(ADMIN);
      await page.locator('#field-password').fill('dit is niet het wachtwoord');
      await page.locator('main form button[type="submit"]').click();
      await page.locator('#error-summary a[href="#field-email"]').waitFor();
      await expect(page.locator('#error-summary').innerText()).resolves.toContain(emailLabel);
      expect(await page.locator('#field-email').inputValue()).toBe(ADMIN);
      expect(await page.locator('#field-password').inputValue()).toBe('');
      await axeCheck(page, 'sign in with a wrong password');
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it('creates an organisation through the form with JavaScript switched off', async () => {
    const { page } = await openDemoPage(demo, { javaScriptEnabled: false });
    try {
      await signIn(page, RESIDENT);
      await page.goto('/voorbeeldstad/organisaties/nieuw');
      // First with an error: the form comes back with the summary and the values kept.
      await page.locator('#field-kind').selectOption('informal_group');
      await page.locator('main form button[type="submit"]').click();
      await page.locator('#error-summary a[href="#field-name"]').waitFor();
      expect(await page.locator('#field-kind').inputValue()).toBe('informal_group');

      const name = 'Buurtmoestuin zonder script';
      await page.locator('#field-name').fill(name);
      await page.locator('#field-description').fill('Gemaakt in een browser zonder JavaScript.');
      await Promise.all([page.waitForURL(/\/voorbeeldstad\/organisaties\/[a-z0-9]+$/), page.locator('main form button[type="submit"]').click()]);
      await expect(page.locator('main h1').innerText()).resolves.toBe(name);
      await expect(page.locator('main [role="status"]').count()).resolves.toBe(1);

      const id = new URL(page.url()).pathname.split('/').pop()!;
      const { db } = server.test.platform;
      const stored = await db.selectFrom('organisations').select(['name', 'kind']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ name, kind: 'informal_group' });
      const chair = await db.selectFrom('memberships').innerJoin('people', 'people.id', 'memberships.person_id').select(['people.email', 'memberships.duty']).where('memberships.organisation_id', '=', id).execute();
      expect(chair).toEqual([{ email: RESIDENT, duty: 'chair' }]);
    } finally {
      await page.context().close();
    }
  }, 60_000);
  it('sets up the second step and signs in with it, and every step passes axe', async () => {
    const { page } = await openDemoPage(demo);
    page.setDefaultTimeout(20_000);
    try {
      await signIn(page, SECOND_STEP_PERSON);
      await page.goto('/voorbeeldstad/mijn-account');
      await Promise.all([page.waitForURL(/\/mijn-account\/tweede-stap$/), page.locator('main a[href$="/mijn-account/tweede-stap"]').click()]);
      await expect(page.locator('main svg.ba-qr[role="img"]').count()).resolves.toBe(1);
      await axeCheck(page, 'set up the second step');
      const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
      // A wrong code first: the error summary names the field, and the same key is kept.
      await page.locator('#field-code').fill('12345');
      await page.locator('main form button[type="submit"]').click();
      await page.locator('#error-summary a[href="#field-code"]').waitFor();
      expect((await page.locator('#totp-secret').innerText()).replace(/\s/g, '')).toBe(secret);
      await axeCheck(page, 'set up the second step with a wrong code');
      await page.locator('#field-code').fill(totpCode(secret));
      await page.locator('main form button[type="submit"]').click();
      await page.locator('main ol.ba-recovery-codes').waitFor();
      await expect(page.locator('main ol.ba-recovery-codes li').count()).resolves.toBe(10);
      await axeCheck(page, 'recovery codes');

      // Sign out and in again: the password, then the code (the next one: this step's was used).
      await Promise.all([page.waitForURL(/\/voorbeeldstad$/), page.locator('header form[action="/voorbeeldstad/uitloggen"] button').click()]);
      await page.goto('/voorbeeldstad/inloggen');
      await page.locator('#field-email').fill(SECOND_STEP_PERSON);
      await page.locator('#field-password').fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL(/\/inloggen\/tweede-stap/), page.locator('main form button[type="submit"]').click()]);
      await axeCheck(page, 'second step of signing in');
      expect(await page.locator('#field-code').getAttribute('autocomplete')).toBe('one-time-code');
      expect(await page.locator('#field-code').getAttribute('inputmode')).toBe('numeric');
      await completeSecondStep(page, secret);
      await expect(page.locator('header form[action="/voorbeeldstad/uitloggen"]').count()).resolves.toBe(1);
      await page.goto('/voorbeeldstad/mijn-account/tweede-stap');
      await axeCheck(page, 'manage the second step');
    } finally {
      await page.context().close();
    }
  }, 90_000);
});
