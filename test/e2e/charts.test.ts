import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { joinHtml } from '../../src/platform/html.js';
import { registerMessages, translator, type Locale } from '../../src/platform/i18n/index.js';
import { platformMessages } from '../../src/platform/i18n/platform-messages.js';
import { assetPath, packageFile } from '../../src/platform/paths.js';
import { anonymous } from '../../src/platform/policy.js';
import { barChart, lineChart, percentileStrip } from '../../src/platform/ui/charts.js';
import { choroplethMap, type ChoroplethShape } from '../../src/platform/ui/choropleth.js';
import { heading1 } from '../../src/platform/ui/components.js';
import { shell } from '../../src/platform/ui/layout.js';
import { axeCheck, browserTestsEnabled, launchBrowser, watchProblems } from './support.js';

/**
 * The charts and the choropleth map in the page shell, served with the server's own
 * Content-Security-Policy and stylesheets, checked with axe-core in Dutch and English, with the
 * data tables closed and open. No statistics page uses them yet, so the page is made here.
 */
const ORIGIN = 'http://charts.test';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'";

const NAMES = ['Centrum', 'Binnenstad-Oost', 'Havenkwartier', 'De Weide', 'Noordrand', 'Molenwijk', 'Stationsbuurt', 'Park Zuid', 'Oude Dorp', 'Veldhoven', 'Bedrijventerrein', 'Westwijk'];
const VALUES = [24.1, 18.3, null, 12.9, 31.4, 16.0, 9.8, 21.7, 27.5, null, 0, 14.2];

function shapes(): ChoroplethShape[] {
  return NAMES.map((label, i) => {
    const [lon, lat] = [5.1 + (i % 4) * 0.012, 52.08 - Math.floor(i / 4) * 0.008];
    return {
      id: `BU${i}`, label, value: VALUES[i] ?? null, href: `/voorbeeldstad/gebieden/BU${i}`, selected: i === 0,
      geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.012, lat], [lon + 0.012, lat + 0.008], [lon, lat + 0.008], [lon, lat]]] },
    };
  });
}

function chartsPage(locale: Locale): string {
  const t = translator(locale);
  const ctx = { t, locale };
  const body = joinHtml([
    barChart(ctx, {
      id: 'vergelijking', title: 'Aandeel 65-plussers', caption: 'Bron: CBS, 2024', style: { unit: 'percent' },
      bars: [{ label: 'Centrum', value: 24.1, highlight: true }, { label: 'Voorbeeldstad', value: 19.6 }, { label: 'Nederland', value: null }],
    }),
    barChart(ctx, {
      id: 'rangorde', title: 'Aandeel 65-plussers per buurt', style: { unit: 'percent' }, table: 'visible',
      bars: NAMES.map((label, i) => ({ label, value: VALUES[i] ?? null, highlight: i === 0 })),
    }),
    lineChart(ctx, {
      id: 'inkomen', title: 'Gemiddeld inkomen per inwoner', style: { unit: 'x1000-euro' }, years: [2018, 2019, 2020, 2021, 2022, 2023],
      series: [
        { label: 'Centrum', values: [26.1, 27.0, null, 28.4, 29.9, 31.2], highlight: true },
        { label: 'Voorbeeldstad', values: [28.0, 28.9, 29.5, 30.2, 31.6, 32.8] },
        { label: 'Nederland', values: [29.1, 30.0, 30.8, 31.4, 32.9, 34.1] },
      ],
    }),
    percentileStrip(ctx, {
      id: 'positie', title: 'Waar Centrum staat', label: 'Centrum', value: 24.1, population: VALUES, comparedWith: 'buurten in Voorbeeldstad', style: { unit: 'percent' },
    }),
    choroplethMap(ctx, {
      id: 'kaart', title: 'Aandeel 65-plussers per buurt', caption: 'Bron: CBS, 2024', shapes: shapes(), style: { unit: 'percent' },
      classing: { method: 'natural-breaks', classes: 4 },
    }),
  ]);
  return shell({
    title: 'Grafieken', t, locale, tenant: null, actor: anonymous, csrf: '', path: '/grafieken', nav: [],
    body: joinHtml([heading1(locale === 'nl' ? 'Grafieken' : 'Charts'), body]),
  });
}

const STATIC: Record<string, string> = {
  '/static/utrecht/tokens.css': packageFile('@utrecht/design-tokens/dist/index.css'),
  '/static/utrecht/components.css': packageFile('@utrecht/component-library-css/dist/index.css'),
  '/static/app.css': path.join(assetPath(), 'app.css'),
  '/static/app.js': path.join(assetPath(), 'app.js'),
};

async function serve(page: Page, locale: Locale): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const file = STATIC[url.pathname];
    if (file) {
      return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: fs.readFileSync(file) });
    }
    if (url.pathname === '/grafieken') {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': CSP }, body: chartsPage(locale) });
    }
    return route.fulfill({ status: 404, body: '' });
  });
}

if (!browserTestsEnabled) {
  console.warn('[buurtarena] browser tests skipped: set BUURTARENA_TEST_BROWSER=1 to run them (they drive /usr/bin/chromium).');
}

describe.skipIf(!browserTestsEnabled)('charts and maps in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    registerMessages(platformMessages);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of ['nl', 'en'] as const) {
    it(`pass axe with the tables closed and open, under the strict CSP (${locale})`, async () => {
      const page = await browser.newPage();
      const problems = watchProblems(page);
      await serve(page, locale);
      await page.goto(`${ORIGIN}/grafieken`);
      await expect(page.locator('figure.ba-chart').count()).resolves.toBe(5);
      await axeCheck(page, `charts (${locale}, tables closed)`);
      await page.locator('details.ba-chart__data').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await axeCheck(page, `charts (${locale}, tables open)`);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('lets a keyboard user reach every linked area of the map, and scales the charts to a narrow screen', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await serve(page, 'nl');
    await page.goto(`${ORIGIN}/grafieken`);
    const links = page.locator('svg.ba-chart__svg--map a');
    await expect(links.count()).resolves.toBe(NAMES.length);
    await links.first().focus();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Centrum: 24,1%');
    const widths = await page.locator('svg.ba-chart__svg').evaluateAll((all) => all.map((svg) => svg.getBoundingClientRect().width));
    for (const width of widths) expect(width).toBeLessThanOrEqual(360);
    // On paper the tables are part of the figure.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('details.ba-chart__data table').first().isVisible()).resolves.toBe(true);
    await page.close();
  });
});
