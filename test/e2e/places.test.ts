import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findArea } from '../../src/capabilities/areas/index.js';
import { labelPoint } from '../../src/platform/ui/geometry.js';
import { axeCheckWithoutScript, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser, type TestServer } from './support.js';

/**
 * A resident adds a public place by its coordinates with JavaScript switched off, assesses it
 * and finds it in the evening-meeting search; picking the location by clicking the map works
 * without script too. Every page on the way is checked with axe-core, in Dutch and English.
 */
describe.skipIf(!browserTestsEnabled)('public places in the browser (JavaScript off)', () => {
  let demo: DemoBrowser;
  let server: TestServer;
  let page: Page;
  let problems: string[];
  let axe: (label: string) => Promise<void>;
  let placePath = '';

  beforeAll(async () => {
    demo = await openDemoBrowser('buurvrouw@voorbeeldstad.example', { javaScriptEnabled: false });
    ({ server, page, problems } = demo);
    axe = await axeCheckWithoutScript(demo, '/voorbeeldstad/plekken');
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  const submit = (urlPattern: RegExp) => Promise.all([page.waitForURL(urlPattern), page.locator('main form button[type="submit"]').last().click()]);

  it('adds a place by its coordinates, after the form named what was missing', async () => {
    const lindenhof = (await findArea(server.test.platform.db, 'BU99990102', 2025))!;
    const [lon, lat] = labelPoint(lindenhof.geometry!)!;
    await page.goto('/taal/nl?terug=/voorbeeldstad/plekken/nieuw');
    await axe('add a place (nl)');
    await page.locator('#field-name').fill('Huiskamer van de Lindenhof');
    await submit(/\/plekken\/nieuw$/);
    await expect(page.locator('#error-summary a[href="#field-type"]').count()).resolves.toBe(1);
    await axe('add a place with errors (nl)');
    await page.locator('#field-type').selectOption('common_room');
    await page.locator('#field-ownerType').selectOption('residents');
    await page.locator('#field-lat').fill(lat.toFixed(6).replace('.', ','));
    await page.locator('#field-lon').fill(lon.toFixed(6).replace('.', ','));
    await page.locator('#field-hours_tue').fill('19:00-23:00');
    await page.locator('#field-cost').fill('0');
    await page.locator('#field-capacity').fill('35');
    await page.locator('#field-stepFree').selectOption('yes');
    await submit(/\/plekken\/[a-z0-9]+$/);
    placePath = new URL(page.url()).pathname;
    await expect(page.locator('main h1').innerText()).resolves.toBe('Huiskamer van de Lindenhof');
    await expect(page.locator('main').innerText()).resolves.toContain('Lindenhof');
    await axe('a new place (nl)');
  }, 90_000);

  it('assesses it, and shows each quality with its n', async () => {
    await page.goto(`${placePath}/beoordelen`);
    await axe('assess a place (nl)');
    await page.locator('#field-score_host-5').check();
    await page.locator('#field-score_conversation-4').check();
    await page.locator('#field-comment').fill('Iedereen wordt er met naam begroet.');
    await submit(/#beoordelingen$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Beoordelingen door bewoners (1)');
    expect(main).toContain('Iedereen wordt er met naam begroet.');
    await axe('a place with an assessment (nl)');
  }, 60_000);

  for (const language of ['nl', 'en'] as const) {
    it(`finds it in the evening-meeting search (${language})`, async () => {
      await page.goto(`/taal/${language}?terug=/voorbeeldstad/plekken/zoeken`);
      await page.locator('#field-dag').selectOption('tue');
      await page.locator('#field-van').fill('19:30');
      await page.locator('#field-tot').fill('22:00');
      await page.locator('#field-groep').fill('30');
      await page.locator('#field-maxkosten').fill('0');
      await page.locator('#field-stepFree').check();
      await submit(/\/plekken\/zoeken\?/);
      const results = page.locator('#resultaten + ol');
      await expect(results.innerText()).resolves.toContain('Huiskamer van de Lindenhof');
      await expect(results.innerText()).resolves.toContain(language === 'nl' ? 'open op dinsdag van 19:30 tot 22:00' : 'open on Tuesday from 19:30 to 22:00');
      await axe(`search results (${language})`);
      await page.goto('/voorbeeldstad/plekken');
      await axe(`list and map (${language})`);
    }, 60_000);
  }

  it('picks a location by clicking the map, without script', async () => {
    await page.goto('/taal/nl?terug=/voorbeeldstad/plekken/nieuw');
    await page.locator('#field-name').fill('Bankje bij de vijver');
    const map = page.locator('input[type="image"][name="kaart"]');
    const box = (await map.boundingBox())!;
    await Promise.all([page.waitForLoadState('load'), map.click({ position: { x: Math.round(box.width / 2), y: Math.round(box.height / 2) } })]);
    await expect(page.locator('#field-name').inputValue()).resolves.toBe('Bankje bij de vijver');
    const lat = await page.locator('#field-lat').inputValue();
    expect(Number(lat)).toBeGreaterThan(52);
    await expect(page.locator('main [role="status"]').innerText()).resolves.toMatch(/U wees een plek aan in|niet in een buurt/);
    await axe('add a place after picking on the map (nl)');
    expect(problems).toEqual([]);
  }, 60_000);
});
