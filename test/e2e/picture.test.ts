import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheckWithoutScript, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, signInAsDemo, type DemoBrowser } from './support.js';

/**
 * The Lindenhof's neighbourhood picture in a browser with JavaScript off, as the chair of its
 * resident association: read the published version, edit a free section (an error first), review
 * what publishing changes, publish, and read the new version on its public page, its print page
 * and in English — axe-checked on every page on the way.
 */
const PICTURE = '/voorbeeldstad/gebieden/BU99990102/wijkbeeld';

describe.skipIf(!browserTestsEnabled)('the neighbourhood picture in the browser', () => {
  let demo: DemoBrowser;
  let page: Page;
  let problems: string[];
  let axe: (label: string) => Promise<void>;

  beforeAll(async () => {
    demo = await openDemoBrowser(undefined, { javaScriptEnabled: false });
    ({ page, problems } = demo);
    page.setDefaultTimeout(15_000);
    await signInAsDemo(page, 'bewoner@voorbeeldstad.example');
    axe = await axeCheckWithoutScript(demo, PICTURE);
  }, 180_000);

  afterAll(() => closeDemoBrowser(demo));

  const submit = (form: string) => Promise.all([page.waitForLoadState('load'), page.locator(`main form[action$="${form}"] button[type="submit"]`).click()]);

  it('shows the published picture with its parts, and edits, reviews and publishes a free section', async () => {
    await page.goto(PICTURE);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Wijkbeeld Lindenhof');
    const headings = await page.locator('main section > h2').allInnerTexts();
    expect(headings.slice(0, 6)).toEqual(['De buurt in cijfers', 'Wat mensen in de cijfers zien', 'Publieke plekken', 'Het sociale ecosysteem', 'Geschiedenis en spanningen', 'Geld dat door de buurt stroomt']);
    expect(headings).toContain('Waar we trots op zijn');
    await axe('published picture (nl)');

    await page.locator('main a', { hasText: 'Wijkbeeld bewerken' }).click();
    await page.waitForURL(/\/wijkbeeld\/bewerken$/);
    await axe('picture editor');
    const newHeading = page.locator('main fieldset').last().locator('input[type="text"]');
    await newHeading.fill('Onze buurtkrant');
    await submit('/bewerken');
    // The error names the new part's text field and links to it; what was typed stays.
    const errorLink = page.locator('#error-summary a').first();
    await expect(errorLink.innerText()).resolves.toMatch(/^Tekst van deel \d+: schrijf de tekst van dit deel/);
    await axe('picture editor with an error');
    const field = (await errorLink.getAttribute('href'))!.slice(1);
    await page.locator(`[id="${field}"]`).fill('Vier keer per jaar, rondgebracht door twintig vrijwilligers.');
    await page.locator('main fieldset').nth(1).locator('textarea').fill('Dat de bibliotheekbus niet meer komt.');
    await submit('/bewerken');
    expect(new URL(page.url()).pathname).toBe(`${PICTURE}/publiceren`);
    await expect(page.locator('main ins').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('bibliotheekbus')]));
    await axe('picture review');
    await page.locator('#field-summary').fill('Buurtkrant toegevoegd; zorgen bijgewerkt.');
    await submit('/publiceren');
    expect(new URL(page.url()).pathname).toBe(PICTURE);
    await expect(page.locator('main').innerText()).resolves.toContain('Versie 3, gepubliceerd op');
    await expect(page.locator('main section > h2').allInnerTexts()).resolves.toContain('Onze buurtkrant');
    await expect(page.locator('main').innerText()).resolves.toContain('Vier keer per jaar, rondgebracht door twintig vrijwilligers.');
    await axe('newly published picture');
    expect(problems).toEqual([]);
  }, 120_000);

  it('compares versions, prints with a cover and contents, and reads in English', async () => {
    await page.goto(`${PICTURE}/vergelijken?van=2&naar=3`);
    await expect(page.locator('main ins').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Vier keer per jaar')]));
    await axe('picture comparison');

    await page.goto(`${PICTURE}/document`);
    await expect(page.locator('.ba-print-cover h1').innerText()).resolves.toBe('Wijkbeeld Lindenhof');
    await expect(page.locator('.ba-print-cover__subtitle').innerText()).resolves.toBe('Buurt Lindenhof · versie 3');
    await expect(page.locator('.ba-print-cover__municipality').innerText()).resolves.toBe('Gemeente Voorbeeldstad');
    await expect(page.locator('.ba-print-toc li').count()).resolves.toBeGreaterThan(8);
    await expect(page.locator('figure figcaption').first().innerText()).resolves.toMatch(/^Bron: /);
    await axe('picture print page');

    await page.goto(`/taal/en?terug=${encodeURIComponent(PICTURE)}`);
    await expect(page.locator('main section > h2').first().innerText()).resolves.toBe('The neighbourhood in figures');
    await axe('published picture (en)');
    await page.goto(`${PICTURE}/versies`);
    await axe('picture versions (en)');
    await page.goto(`/taal/nl?terug=${encodeURIComponent(PICTURE)}`);
    expect(problems).toEqual([]);
  }, 120_000);
});
