import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheckWithoutScript, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser } from './support.js';

/**
 * The municipality's official of the Bloemenbuurt's editorial team follows its adopted agenda up
 * with JavaScript switched off: from the progress overview to an ambition nobody has started, a
 * progress update that stops it (the form first names the missing reason), someone added to its
 * working group, and the overview showing the new status. Every page on the way is checked with axe-core.
 */
describe.skipIf(!browserTestsEnabled)('following an agenda up in the browser (JavaScript off)', () => {
  let demo: DemoBrowser;
  let page: Page;
  let problems: string[];
  let axe: (label: string) => Promise<void>;
  let overview = '';

  beforeAll(async () => {
    demo = await openDemoBrowser('ambtenaar@voorbeeldstad.example', { javaScriptEnabled: false });
    ({ page, problems } = demo);
    axe = await axeCheckWithoutScript(demo, '/voorbeeldstad/wijkagendas');
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  const submit = (form: string, urlPattern: RegExp) => Promise.all([page.waitForURL(urlPattern), page.locator(`main form[action$="${form}"] button[type="submit"]`).click()]);

  it('finds an ambition not started from the agenda\'s progress over time', async () => {
    await page.goto('/taal/nl?terug=/voorbeeldstad/gebieden/BU99990202/wijkagenda');
    const agenda = await page.locator('main a[href*="/wijkagendas/"]:not([href*="nieuw"])').first().getAttribute('href');
    overview = `${agenda}/voortgang`;
    await page.goto(overview);
    await axe('progress over time (nl)');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Stand nu');
    expect(main).toContain('Totalen');
    await Promise.all([page.waitForURL(/\/ambities\/[a-z0-9]+$/), page.locator('main table a:has-text("Kleiner wonen")').first().click()]);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Kleiner wonen in de eigen buurt');
    expect(await page.locator('main').innerText()).toContain('Er is nog geen voortgang gemeld.');
    await axe('an ambition not started (nl)');
  }, 90_000);

  it('stops it with a reason, after the form named the missing one', async () => {
    await page.locator('#field-status').selectOption('dropped');
    await page.locator('#field-happened').fill('De corporatie bouwt hier de komende jaren niet.');
    await submit('/voortgang', /\/voortgang$/);
    await expect(page.locator('#error-summary a[href="#field-reason"]').innerText()).resolves.toBe('Waarom?: Vertel waarom jullie stoppen met deze ambitie.');
    await expect(page.locator('#field-happened').inputValue()).resolves.toBe('De corporatie bouwt hier de komende jaren niet.');
    await axe('a progress update with an error (nl)');
    await page.locator('#field-reason').fill('Geen bouwgrond en geen plannen van de corporatie; we nemen het op in de volgende BuurtTop.');
    await submit('/voortgang', /#voortgang-[a-z0-9]+$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Gestopt (bijgewerkt op');
    expect(main).toContain('Geen bouwgrond en geen plannen van de corporatie');
    await axe('a progress update saved (nl)');
  }, 60_000);

  it('adds someone to its working group, and the overview shows the new status', async () => {
    await page.locator('#field-name').fill('Wim Kok');
    await page.locator('#field-role').fill('contact met de corporatie');
    await submit('/werkgroep', /#werkgroep$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Eén persoon werkt aan deze ambitie.');
    expect(main).toContain('Wim Kok — contact met de corporatie');
    await page.goto(overview);
    const row = await page.locator('main table tr:has(a:has-text("Kleiner wonen"))').first().innerText();
    expect(row).toContain('Gestopt');
    expect(problems).toEqual([]);
  }, 60_000);
});
