import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser, type TestServer } from './support.js';

/**
 * Giving a reading of a figure in the browser, as the demo resident (who has the resident role):
 * the short form, its error state and the result beside the figure, axe-checked in Dutch and English.
 */
const FORM = '/voorbeeldstad/gebieden/BU99990102/duiding/nieuw?jaar=2025&indicator=s_65_oo';

describe.skipIf(!browserTestsEnabled)('giving a reading in the browser', () => {
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
    it(`shows the short form with the writer's own role and passes axe (${language})`, async () => {
      await page.goto(`/taal/${language}?terug=${encodeURIComponent(FORM)}`);
      await expect(page.locator('main h1').innerText()).resolves.toContain(language === 'nl' ? 'Aandeel 65-plussers' : 'Share of residents aged 65 or over');
      await expect(page.locator('input[name="kind"]').count()).resolves.toBe(3);
      await expect(page.locator('input[name="role"][type="hidden"]').getAttribute('value')).resolves.toBe('resident');
      await axeCheck(page, `reading form (${language})`);
      // Sent empty: the error summary names the fields and links to them.
      await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type="submit"]').click()]);
      await expect(page.locator('#error-summary a[href="#field-kind"]').count()).resolves.toBe(1);
      await expect(page.locator('#error-summary a[href="#field-body"]').count()).resolves.toBe(1);
      await axeCheck(page, `reading form with errors (${language})`);
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('posts a strength and shows it first beside the figure, with the role and the date', async () => {
    await page.goto(`/taal/nl?terug=${encodeURIComponent(FORM)}`);
    await page.locator('#field-kind').check();
    await page.locator('#field-body').fill('De wandelgroep heeft er deze maand vijf nieuwe leden bij.');
    await Promise.all([page.waitForURL(/\/duiding\?jaar=2025#duiding-/), page.locator('main form button[type="submit"]').click()]);
    const first = page.locator('#cijfer-s_65_oo + .ba-interpretations li').first();
    await expect(first.innerText()).resolves.toContain('Wat goed gaat');
    const all = await page.locator('#cijfer-s_65_oo + .ba-interpretations').innerText();
    expect(all).toContain('De wandelgroep heeft er deze maand vijf nieuwe leden bij.');
    expect(all).toContain('Anja de Vries (u), bewoner');
    await axeCheck(page, 'readings after posting');
    expect(problems).toEqual([]);
  }, 60_000);
});
