import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheckWithoutScript, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser } from './support.js';

/**
 * The chair of the Lindenhof's resident association prepares a BuurtTop with JavaScript switched
 * off: starts one with a venue from the places register (after the form named what was missing),
 * finds the default plan and working groups, marks a step done and writes a group's briefing.
 * Every page on the way is checked with axe-core.
 */
describe.skipIf(!browserTestsEnabled)('preparing a BuurtTop in the browser (JavaScript off)', () => {
  let demo: DemoBrowser;
  let page: Page;
  let problems: string[];
  let axe: (label: string) => Promise<void>;
  let summitPath = '';

  beforeAll(async () => {
    demo = await openDemoBrowser('bewoner@voorbeeldstad.example', { javaScriptEnabled: false });
    ({ page, problems } = demo);
    axe = await axeCheckWithoutScript(demo, '/voorbeeldstad/buurttops');
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  const submit = (urlPattern: RegExp) => Promise.all([page.waitForURL(urlPattern), page.locator('main form.ba-form button[type="submit"]').click()]);

  it('starts a BuurtTop at a place from the register, after the form named what was missing', async () => {
    await page.goto('/taal/nl?terug=/voorbeeldstad/gebieden/BU99990102/buurttop/nieuw');
    await axe('start a BuurtTop (nl)');
    // The municipality's next BuurtTop day (the demo sets one) is proposed as the date.
    await expect(page.locator('#field-date').inputValue()).resolves.toMatch(/^\d{4}-\d\d-\d\d$/);
    await page.locator('#field-date').fill('');
    await page.locator('#field-title').fill('BuurtTop Lindenhof 2031');
    await submit(/\/buurttop\/nieuw$/);
    await expect(page.locator('#error-summary a[href="#field-organiserId"]').count()).resolves.toBe(1);
    await expect(page.locator('#error-summary a[href="#field-date"]').count()).resolves.toBe(1);
    await axe('start a BuurtTop with errors (nl)');
    await page.locator('#field-organiserId').selectOption({ label: 'Bewonersvereniging De Lindenhof' });
    await page.locator('#field-date').fill('2031-06-14');
    await page.locator('#field-placeId').selectOption({ label: 'Buurthuis De Vaart' });
    await submit(/\/buurttops\/[a-z0-9]+$/);
    summitPath = new URL(page.url()).pathname;
    await expect(page.locator('main h1').innerText()).resolves.toBe('BuurtTop Lindenhof 2031');
    const main = await page.locator('main').innerText();
    expect(main).toContain('zaterdag 14 juni 2031, 10:00–16:00');
    expect(main).toContain('Buurthuis De Vaart');
    expect(main).toContain('80 personen');
    expect(main).toContain('Kernteam vormen');
    expect(main).toContain('Vaststelling van de wijktoekomstagenda');
    for (const group of ['Wonen', 'Leefbaarheid en openbare ruimte', 'Duurzaamheid en energie', 'Zorg en zorgzaamheid', 'Cultuur en samenleven']) expect(main).toContain(group);
    await axe('a new BuurtTop (nl)');
  }, 90_000);

  it('marks the first step done', async () => {
    await Promise.all([page.waitForURL(/#plan$/), page.getByRole('button', { name: 'Gedaan: Kernteam vormen' }).click()]);
    const main = await page.locator('main').innerText();
    expect(main).toContain('1 van 9 stappen gedaan');
    expect(main).toContain('Volgende stap: Werkgroepen gaan van start');
    await expect(page.getByRole('button', { name: 'Toch niet gedaan: Kernteam vormen' }).count()).resolves.toBe(1);
    await axe('a step done (nl)');
  }, 60_000);

  it('writes the housing group\'s briefing', async () => {
    await Promise.all([page.waitForURL(/\/werkgroepen\/[a-z0-9]+$/), page.locator('main #werkgroepen ~ ul a', { hasText: 'Wonen' }).click()]);
    await axe('a working group (nl)');
    await Promise.all([page.waitForURL(/\/briefing$/), page.getByRole('link', { name: 'Briefing schrijven' }).click()]);
    await page.locator('#field-briefing').fill('Na de renovatie stegen de huren.\n\nWat kan de buurt samen met de corporatie doen?');
    await axe('write a briefing (nl)');
    await submit(/#briefing$/);
    const briefing = await page.locator('main #briefing').locator('..').innerText();
    expect(briefing).toContain('Na de renovatie stegen de huren.');
    expect(briefing).toContain('Wat kan de buurt samen met de corporatie doen?');
    await axe('a working group with its briefing (nl)');
    await page.goto(`/taal/en?terug=${summitPath}`);
    await expect(page.locator('main').innerText()).resolves.toContain('1 of 9 steps done');
    await axe('a BuurtTop (en)');
    expect(problems).toEqual([]);
  }, 60_000);
});
