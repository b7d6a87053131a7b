import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeCheck, browserTestsEnabled, launchBrowser, signInAsDemo, startDemoServer, watchProblems, type TestServer } from './support.js';

/**
 * A resident maps the social ecosystem of the Binnenstad (empty in the demo) with JavaScript
 * switched off: two actors, after the form named what was missing, and a relation between them,
 * which she then changes; then the network is drawn and explained. axe-core needs script to run, so
 * every page on the way (also with its errors) is then checked in a second browser context with the
 * same session and script on, in Dutch and English, with a demo place's page that lists who uses it.
 */
const BASE = '/voorbeeldstad/gebieden/BU99990101/ecosysteem';
/** The Lindenhof: its actors use places of the places demo. */
const LINDENHOF = '/voorbeeldstad/gebieden/BU99990102/ecosysteem';
const CHANGE_LINK = 'main table a[href*="/relaties/"][href$="/bewerken"]';

describe.skipIf(!browserTestsEnabled)('the social ecosystem in the browser (JavaScript off)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startDemoServer();
    context = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false });
    page = await context.newPage();
    problems = watchProblems(page);
    await signInAsDemo(page, 'buurvrouw@voorbeeldstad.example');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const submit = (urlPattern: RegExp) => Promise.all([page.waitForURL(urlPattern), page.locator('main form.ba-form button[type="submit"]').click()]);

  it('adds two actors, after the form named what was missing', async () => {
    await page.goto(`/taal/nl?terug=${encodeURIComponent(BASE)}`);
    await expect(page.locator('main').innerText()).resolves.toContain('Er is nog niemand vastgelegd.');
    await page.locator(`main a[href="${BASE}/actoren/nieuw"]`).click();
    await page.locator('#field-kind').selectOption('professional');
    await page.locator('#field-name').fill('Buurtteam Centrum');
    await submit(/\/actoren\/nieuw$/);
    await expect(page.locator('#error-summary a[href="#field-organisation"]').count()).resolves.toBe(1);
    await expect(page.locator('#field-name').inputValue()).resolves.toBe('Buurtteam Centrum');
    await page.locator('#field-organisation').fill('Welzijn Voorbeeldstad');
    await page.locator('#field-activities').fill('Spreekuur in de bibliotheek');
    await page.locator('#field-hoursPerWeek').fill('6');
    await page.locator('#field-areaBound').selectOption('yes');
    await submit(/\/actoren\/[a-z0-9]+$/);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Buurtteam Centrum');
    await page.goto(`${BASE}/actoren/nieuw`);
    await page.locator('#field-kind').selectOption('initiative');
    await page.locator('#field-name').fill('Leesclub in de bieb');
    await submit(/\/actoren\/[a-z0-9]+$/);
    expect(problems).toEqual([]);
  }, 90_000);

  it('ties them with a relation and sees the network drawn and explained', async () => {
    await page.goto(`${BASE}/relaties/nieuw`);
    await page.locator('#field-fromId').selectOption({ label: 'Buurtteam Centrum (Professionele dienst)' });
    await page.locator('#field-kind').selectOption('supports');
    await submit(/\/relaties\/nieuw$/);
    await expect(page.locator('#error-summary a[href="#field-toId"]').count()).resolves.toBe(1);
    await page.locator('#field-toId').selectOption({ label: 'Leesclub in de bieb (Bewonersinitiatief)' });
    await page.locator('#field-note').fill('Helpt met de ruimte in de bibliotheek');
    await submit(/\/ecosysteem#relaties$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Vastgelegd: actoren 2, verbindingen tussen hen 1.');
    expect(main).toContain('Helpt met de ruimte in de bibliotheek');
    await expect(page.locator('main svg[role="img"] title').textContent()).resolves.toContain('Netwerk van');
    await expect(page.locator('main figure table tbody tr').count()).resolves.toBe(2);
    await page.goto(`/taal/en?terug=${encodeURIComponent(BASE)}`);
    await expect(page.locator('main').innerText()).resolves.toContain('Recorded: actors 2, ties between them 1.');
    await page.goto(`${BASE}/actoren/nieuw`);
    await submit(/\/actoren\/nieuw$/);
    await page.goto(`/taal/nl?terug=${encodeURIComponent(BASE)}`);
    expect(problems).toEqual([]);
  }, 90_000);

  it('changes the relation through its own short form, after the form named what was wrong', async () => {
    await page.goto(BASE);
    await Promise.all([page.waitForURL(/\/relaties\/[a-z0-9]+\/bewerken$/), page.locator(CHANGE_LINK).first().click()]);
    await expect(page.locator('#field-note').inputValue()).resolves.toBe('Helpt met de ruimte in de bibliotheek');
    await page.locator('#field-since').fill('2999-01-01');
    await submit(/\/bewerken$/);
    await expect(page.locator('#error-summary a[href="#field-since"]').count()).resolves.toBe(1);
    await page.locator('#field-kind').selectOption('collaborates');
    await page.locator('#field-since').fill('2024-09-01');
    await page.locator('#field-note').fill('Samen de leesclub in de bibliotheek');
    await submit(/\/ecosysteem#relaties$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Samen de leesclub in de bibliotheek');
    expect(main).toContain('werkt samen met');
    expect(problems).toEqual([]);
  }, 90_000);

  for (const language of ['nl', 'en'] as const) {
    it(`passes axe on every page of the way, also with errors (${language})`, async () => {
      const checked = await (await browser.newContext({ baseURL: server.baseUrl, storageState: await context.storageState() })).newPage();
      const seen = watchProblems(checked);
      await checked.goto(`/taal/${language}?terug=${encodeURIComponent(BASE)}`);
      await axeCheck(checked, `the ecosystem (${language})`);
      const actor = await checked.locator('main figure table a').first().getAttribute('href');
      for (const path of [`${BASE}/actoren/nieuw`, `${BASE}/sterkhouders/nieuw`, `${BASE}/relaties/nieuw`, `${BASE}/elementen/beoordelen`]) {
        await checked.goto(path);
        await axeCheck(checked, `${path} (${language})`);
        await Promise.all([checked.waitForLoadState('load'), checked.locator('main form.ba-form button[type="submit"]').click()]);
        await expect(checked.locator('#error-summary').count()).resolves.toBe(1);
        await axeCheck(checked, `${path} with errors (${language})`);
      }
      await checked.goto(BASE);
      const change = await checked.locator(CHANGE_LINK).first().getAttribute('href');
      await checked.goto(change!);
      await axeCheck(checked, `changing a relation (${language})`);
      await checked.locator('#field-since').fill('2999-01-01');
      await Promise.all([checked.waitForLoadState('load'), checked.locator('main form.ba-form button[type="submit"]').click()]);
      await expect(checked.locator('#error-summary').count()).resolves.toBe(1);
      await axeCheck(checked, `changing a relation with errors (${language})`);
      await checked.goto(actor!);
      await axeCheck(checked, `an actor (${language})`);
      await checked.goto(LINDENHOF);
      await checked.goto((await checked.locator('main a[href^="/voorbeeldstad/plekken/"]').first().getAttribute('href'))!);
      await expect(checked.locator('main h2#wie-gebruikt-deze-plek').count()).resolves.toBe(1);
      await axeCheck(checked, `a place with who uses it (${language})`);
      await checked.goto(`${BASE}/elementen`);
      await axeCheck(checked, `the eight elements (${language})`);
      expect(seen).toEqual([]);
      await checked.context().close();
    }, 120_000);
  }
});
