import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser } from './support.js';

/**
 * An area's statistics page and the indicator map with JavaScript switched off: every figure, the
 * charts and the map's table alternative are there (axe runs on both pages in pages.test.ts).
 */
describe.skipIf(!browserTestsEnabled)('statistics pages without JavaScript', () => {
  let demo: DemoBrowser;
  let page: Page;

  beforeAll(async () => {
    demo = await openDemoBrowser(undefined, { javaScriptEnabled: false, locale: 'nl-NL' });
    ({ page } = demo);
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  it('shows the figures, the strengths, similar neighbourhoods and the charts of Lindenhof', async () => {
    await page.goto('/voorbeeldstad/gebieden/BU99990102/cijfers');
    await expect(page.locator('main h1').innerText()).resolves.toContain('Lindenhof');
    await expect(page.locator('#sterk').count()).resolves.toBe(1);
    await expect(page.locator('#zoals-deze').count()).resolves.toBe(1);
    // Per theme a table with the figures, and its charts (SVG with a title and the numbers as a table).
    const rows = await page.locator('main section[aria-labelledby^="thema-"] table tbody tr').count();
    expect(rows).toBeGreaterThan(20);
    const residents = await page.locator('main section[aria-labelledby="thema-population"] table tbody tr').first().innerText();
    expect(residents).toMatch(/^Aantal inwoners\s+[\d.]+/);
    await expect(page.locator('main svg[role="img"] title').count()).resolves.toBeGreaterThan(20);
    await expect(page.locator('main .ba-chart__data table').count()).resolves.toBeGreaterThan(20);
    // Opening a theme's charts needs no script.
    await page.locator('main details.ba-figure-charts > summary').first().click();
    await expect(page.locator('main details.ba-figure-charts').first().getAttribute('open')).resolves.toBe('');
  }, 60_000);

  it('shows the map with its legend and the table of every neighbourhood, and the form works without a script', async () => {
    await page.goto('/voorbeeldstad/kaart');
    await expect(page.locator('main .ba-choropleth__legend').count()).resolves.toBe(1);
    const links = await page.locator('main svg a').count();
    const rows = await page.locator('main .ba-chart__data table tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(19);
    expect(links).toBe(rows);
    await page.locator('#field-niveau').selectOption('wijk');
    await Promise.all([page.waitForURL(/niveau=wijk/), page.locator('main form button[type="submit"]').click()]);
    await expect(page.locator('main .ba-chart__data table tbody tr').count()).resolves.toBe(4);
  }, 60_000);

  it("says on the map why a value is unknown: Beekdal's youth care is withheld", async () => {
    await page.goto('/voorbeeldstad/kaart?indicator=p_jz_tn');
    const withheld = 'onbekend: afgeschermd omdat het om te weinig mensen gaat';
    await expect(page.locator('main .ba-chart__data table tbody tr', { hasText: 'Beekdal' }).innerText()).resolves.toContain(withheld);
    await expect(page.locator('main .ba-choropleth__legend').innerText()).resolves.toContain(withheld);
    await expect(page.locator(`main svg a[aria-label$="${withheld}"]`).count()).resolves.toBe(1);
  }, 60_000);
});
