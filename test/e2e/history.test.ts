import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser, type TestServer } from './support.js';

/**
 * The Lindenhof's timeline in the browser, as the demo resident: reading and filtering it, the
 * form with its error state, and the new entry in its place on the timeline, axe-checked in Dutch
 * and English; and the timeline without JavaScript.
 */
const TIMELINE = '/voorbeeldstad/gebieden/BU99990102/geschiedenis';

describe.skipIf(!browserTestsEnabled)('the history of a neighbourhood in the browser', () => {
  let demo: DemoBrowser;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    demo = await openDemoBrowser('bewoner@voorbeeldstad.example');
    ({ server, browser, page, problems } = demo);
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  for (const language of ['nl', 'en'] as const) {
    it(`shows the timeline chronologically, filters it by kind and passes axe (${language})`, async () => {
      await page.goto(`/taal/${language}?terug=${encodeURIComponent(TIMELINE)}`);
      const headings = await page.locator('main article h3').allInnerTexts();
      expect(headings[0]).toBe('De eerste arbeiderswoningen');
      expect(headings.at(-1)).toBe('Speelochtend en koffieochtend onder één dak');
      await axeCheck(page, `timeline (${language})`);
      await page.locator('#field-soort').selectOption('tension');
      await Promise.all([page.waitForURL(/soort=tension/), page.locator('main form[method="get"] button[type="submit"]').click()]);
      await expect(page.locator('main article h3').allInnerTexts()).resolves.toEqual(['Verzet tegen de sloopplannen', 'Onrust over de huurverhoging na renovatie']);
      await axeCheck(page, `timeline filtered (${language})`);
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('adds an entry through the form, with errors first, and shows it in its place', async () => {
    await page.goto(`/taal/nl?terug=${encodeURIComponent(`${TIMELINE}/nieuw`)}`);
    await page.locator('#field-title').fill('Het plein wordt autovrij');
    await page.locator('#field-kind').selectOption('event');
    await page.locator('#field-when').fill('morgen');
    await page.locator('#field-story').fill('Na jaren praten werd het plein voor de school autovrij.');
    await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type="submit"]').click()]);
    await expect(page.locator('#error-summary a[href="#field-when"]').count()).resolves.toBe(1);
    await expect(page.locator('#error-summary a[href="#field-sources"]').count()).resolves.toBe(1);
    await axeCheck(page, 'history form with errors');
    await page.locator('#field-when').fill('ca. 2008');
    await page.locator('#field-citation1').fill('Schoolkrant De Linde, voorjaar 2008');
    await Promise.all([page.waitForURL(/\/geschiedenis\/[a-z0-9]+$/), page.locator('main form button[type="submit"]').click()]);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Het plein wordt autovrij');
    await expect(page.locator('main').innerText()).resolves.toContain('rond 2008');
    await axeCheck(page, 'history entry');
    await page.goto(TIMELINE);
    const headings = await page.locator('main article h3').allInnerTexts();
    expect(headings.indexOf('Het plein wordt autovrij') + 1).toBe(headings.indexOf('Nieuwbouw aan de Vaart'));
    expect(problems).toEqual([]);
  }, 60_000);

  it('works without JavaScript', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${TIMELINE}?soort=closure`);
    await expect(plain.locator('main article h3').allInnerTexts()).resolves.toEqual(['Sluiting van textielfabriek De Eendracht', 'De buurtsuper sluit']);
    await context.close();
  }, 60_000);
});
