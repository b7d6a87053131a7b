import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheck, axeCheckWithoutScript, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, openDemoPage, signInAsDemo, type DemoBrowser, type DemoPage } from './support.js';

/**
 * The agenda's editor with JavaScript switched off, on a desktop and on a phone: the official
 * starts the Lindenhof's agenda for De Lindenhof in two short steps, adds a theme, an ambition
 * (the form names what is missing first) with a first step and who carries it, then — on a
 * phone-sized screen — edits the ambition on its own page, and opens the comment period on the
 * concept, which becomes version 1 for everyone.
 */
const PHONE = { width: 375, height: 667 };
const OFFICIAL = 'ambtenaar@voorbeeldstad.example';

describe.skipIf(!browserTestsEnabled)('the agenda editor in the browser (JavaScript off, desktop and phone)', () => {
  let demo: DemoBrowser;
  let phone: DemoPage;
  let page: Page;
  let axe: (label: string) => Promise<void>;
  let axePhone: (label: string) => Promise<void>;
  let editor = '';

  beforeAll(async () => {
    demo = await openDemoBrowser(OFFICIAL, { javaScriptEnabled: false });
    page = demo.page;
    phone = await openDemoPage(demo, { javaScriptEnabled: false, viewport: PHONE, isMobile: true, hasTouch: true });
    await signInAsDemo(phone.page, OFFICIAL);
    axe = await axeCheckWithoutScript(demo, '/voorbeeldstad/wijkagendas');
    const { page: axePage } = await openDemoPage(demo, { viewport: PHONE });
    await axePage.goto('/voorbeeldstad/wijkagendas');
    axePhone = async (label) => {
      await axePage.setContent(await phone.page.content(), { waitUntil: 'load' });
      await axeCheck(axePage, label);
    };
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  /** Nothing on the phone's page is wider than its screen, and the form's button is big enough to tap. */
  const fitsThePhone = async (p: Page) => {
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const button = (await p.locator('main form.ba-form button[type="submit"]').first().boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(PHONE.width);
    expect(button.height).toBeGreaterThanOrEqual(40);
  };

  it('starts the Lindenhof\'s agenda in two short steps', async () => {
    await page.goto('/voorbeeldstad/wijkagendas');
    await Promise.all([page.waitForURL(/\/wijkagendas\/nieuw$/), page.locator('main a[href$="/wijkagendas/nieuw"]').click()]);
    await axe('start an agenda: the area (nl)');
    await page.locator('#field-gebied').selectOption('BU99990102');
    await Promise.all([page.waitForURL(/gebied=BU99990102/), page.locator('main form button[type="submit"]').click()]);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Nieuwe wijkagenda voor Buurt Lindenhof');
    await page.locator('#field-organiserId').selectOption({ label: 'Bewonersvereniging De Lindenhof' });
    await Promise.all([page.waitForURL(/\/bewerken$/), page.locator('main form.ba-form button[type="submit"]').click()]);
    editor = new URL(page.url()).pathname;
    await expect(page.locator('main h1').innerText()).resolves.toMatch(/^Bewerken: Toekomstagenda (Buurt )?Lindenhof \d{4}–\d{4}$/);
    await axe('the editor, empty (nl)');
  }, 60_000);

  it('adds a theme and an ambition, naming what is missing first', async () => {
    await page.locator('main #field-name').fill('Ontmoeten');
    await Promise.all([page.waitForURL(/\/bewerken#thema-/), page.locator('main form:has(#field-name) button[type="submit"]').click()]);
    await expect(page.locator('main h3').first().innerText()).resolves.toBe('Ontmoeten');
    await Promise.all([page.waitForURL(/\/ambitie-nieuw$/), page.locator('main a:has-text("Ambitie toevoegen aan Ontmoeten")').click()]);
    await page.locator('#field-title').fill('Een buurtkamer');
    await page.locator('main form.ba-form button[type="submit"]').click();
    await expect(page.locator('#error-summary a[href="#field-body"]').innerText()).resolves.toContain('Wat willen we?');
    await axe('an ambition refused (nl)');
    await page.locator('#field-body').fill('Elke dag open, door buren zelf.');
    await page.locator('#field-horizon-0').check();
    await page.locator('#field-step_1').fill('Een ruimte zoeken');
    await page.locator('#field-carrier_1').fill('De Lindenhof');
    await Promise.all([page.waitForURL(/\/bewerken\/ambities\/[a-z0-9]+$/), page.locator('main form.ba-form button[type="submit"]').click()]);
    await page.goto(editor);
    await expect(page.locator('main .ba-agenda-ambitions').innerText()).resolves.toContain('Een buurtkamer');
    await expect(page.locator('main #wijzigingen').innerText()).resolves.toBe('Wat er in de eerste versie komt');
    await axe('the editor with a theme and an ambition (nl)');
  }, 60_000);

  it('edits the ambition on its own page on a phone, and opens the comment period on the concept', async () => {
    const p = phone.page;
    await p.goto(editor);
    await fitsThePhone(p);
    await axePhone('the editor (phone, nl)');
    await Promise.all([p.waitForURL(/\/bewerken\/ambities\//), p.locator('main .ba-agenda-ambitions a:has-text("Een buurtkamer")').click()]);
    await fitsThePhone(p);
    await axePhone('an ambition\'s form (phone, nl)');
    await p.locator('#field-step_2').fill('Een rooster van vrijwilligers');
    await Promise.all([p.waitForURL(/\/bewerken\/ambities\//), p.locator('main form.ba-form button[type="submit"]').click()]);
    await expect(p.locator('#field-step_2').inputValue()).resolves.toBe('Een rooster van vrijwilligers');

    await p.goto(`${editor}/reactietermijn`);
    await fitsThePhone(p);
    await Promise.all([p.waitForURL(/\/bewerken$/), p.locator('main form.ba-form button[type="submit"]').click()]);
    await expect(p.locator('main').innerText()).resolves.toContain('Reageren kan tot en met');
    const versions = editor.replace(/\/bewerken$/, '/versies/1');
    await p.goto(versions);
    await expect(p.locator('main').innerText()).resolves.toContain('Een rooster van vrijwilligers');
    await axePhone('the concept version (phone, nl)');
  }, 60_000);
});
