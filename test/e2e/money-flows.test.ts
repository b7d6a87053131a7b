import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, signInAsDemo, type DemoBrowser, type TestServer } from './support.js';

/**
 * The Lindenhof's money flows in the browser: the flow diagram with its table and the "what if"
 * share, as a visitor (also without JavaScript) and as the demo official, who adds a flow and
 * imports a file, with the error states; axe-checked in Dutch and English.
 */
const MONEY = '/voorbeeldstad/gebieden/BU99990102/geldstromen';

describe.skipIf(!browserTestsEnabled)('money flows in the browser', () => {
  let demo: DemoBrowser;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    demo = await openDemoBrowser();
    ({ server, browser, page, problems } = demo);
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  for (const language of ['nl', 'en'] as const) {
    it(`shows the flow diagram with its table and computes a share (${language})`, async () => {
      await page.goto(`/taal/${language}?terug=${encodeURIComponent(MONEY)}`);
      await expect(page.locator('main svg.ba-chart__svg--sankey').count()).resolves.toBe(1);
      await expect(page.locator('main figure table tbody tr').count()).resolves.toBe(14);
      await axeCheck(page, `money flows (${language})`);
      await page.locator('#field-deel').fill(language === 'nl' ? '2,5' : '2.5');
      await Promise.all([page.waitForURL(/deel=2/), page.locator('#wat-als ~ form button[type="submit"]').click()]);
      const result = await page.locator('#wat-als ~ p strong').first().innerText();
      expect(result).toContain(language === 'nl' ? '2,5%' : '2.5%');
      await axeCheck(page, `money flows with a share (${language})`);
      await page.locator('#field-deel').fill('200');
      await Promise.all([page.waitForLoadState('load'), page.locator('#wat-als ~ form button[type="submit"]').click()]);
      await expect(page.locator('#error-summary a[href="#field-deel"]').count()).resolves.toBe(1);
      await axeCheck(page, `money flows with a wrong share (${language})`);
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('works without JavaScript', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${MONEY}?jaar=2024`);
    await plain.locator('#field-deel').fill('5');
    await Promise.all([plain.waitForURL(/deel=5/), plain.locator('#wat-als ~ form button[type="submit"]').click()]);
    await expect(plain.locator('main').innerText()).resolves.toContain('Met 5% van elke geldstroom zou er in 2024');
    // The area's flows as a file: a download, in the columns the import reads.
    const [download] = await Promise.all([plain.waitForEvent('download'), plain.getByRole('link', { name: 'Download als CSV', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('geldstromen-voorbeeldstad-BU99990102.csv');
    const file = fs.readFileSync(await download.path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toMatch(/^\uFEFFyear;area_code;source;purpose;amount_eur;method;certainty;figure_source\r\n2024;BU99990102;/);
    await context.close();
  }, 60_000);

  it('lets the official add a flow and import a file, with errors that name the field, line and column', async () => {
    await signInAsDemo(page, 'ambtenaar@voorbeeldstad.example');
    await page.goto(`/taal/nl?terug=${encodeURIComponent(`${MONEY}/nieuw?jaar=2025`)}`);
    await page.locator('#field-source').selectOption('subsidies');
    await page.locator('#field-purpose').fill('Speeltuinvereniging');
    await page.locator('#field-amount').fill('1.500');
    await page.locator('#field-certainty').selectOption('measured');
    await page.locator('#field-method').fill('Subsidiebeschikking');
    await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type="submit"]').first().click()]);
    await expect(page.locator('#error-summary a[href="#field-amount"]').count()).resolves.toBe(1);
    await axeCheck(page, 'flow form with errors');
    await page.locator('#field-amount').fill('1.500,00');
    await Promise.all([page.waitForURL(/geldstromen\?jaar=2025$/), page.locator('main form button[type="submit"]').first().click()]);
    await expect(page.locator('main figure table').innerText()).resolves.toContain('Speeltuinvereniging');
    await page.goto('/voorbeeldstad/beheer/geldstromen');
    await axeCheck(page, 'import page');
    await page.locator('#field-csv').fill('year;area_code;source;purpose;amount_eur;method;certainty\n2025;BU99990102;wmo;Dagbesteding;12,345;x;geschat');
    await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type="submit"]').click()]);
    await expect(page.locator('#error-summary').innerText()).resolves.toContain('Regel 2, kolom 5 (amount_eur)');
    await axeCheck(page, 'import page with errors');
    // What there is now, downloaded from the import page and pasted back: taken as it is.
    const exported = await page.request.get(await page.getByRole('link', { name: 'Download alle geldstromen als CSV' }).getAttribute('href') ?? '');
    expect(exported.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const before = await page.locator('main table').last().innerText();
    await page.locator('#field-csv').fill(await exported.text());
    await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type="submit"]').click()]);
    await expect(page.locator('#error-summary').count()).resolves.toBe(0);
    await expect(page.locator('main table').last().innerText()).resolves.toBe(before);
    expect(problems).toEqual([]);
  }, 60_000);
});
