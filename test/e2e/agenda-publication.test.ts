import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PdfFile } from '../../src/platform/documents/pdf-reader.js';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser } from './support.js';

/**
 * The Bloemenbuurt's adopted future agenda on paper, in the browser: the printable agenda (and an
 * earlier version of it), the A4 folder and its PDF — which must fit the two sides of one sheet —
 * and the distribution page with the institution that did not answer; axe in Dutch and English
 * on the paper pages (they have no site layout, so they are not in templates.ts).
 */
describe.skipIf(!browserTestsEnabled)('the future agenda on paper, in the browser', () => {
  let demo: DemoBrowser;
  let page: Page;
  let agenda: string;

  beforeAll(async () => {
    demo = await openDemoBrowser();
    page = demo.page;
    page.setDefaultTimeout(15_000);
    await page.goto('/voorbeeldstad/gebieden/BU99990202/wijkagenda');
    agenda = (await page.locator('main a[href*="/wijkagendas/"]:not([href*="nieuw"])').first().getAttribute('href'))!;
  }, 180_000);

  afterAll(() => closeDemoBrowser(demo));

  const inLanguage = (language: 'nl' | 'en', path: string) => page.goto(`/taal/${language}?terug=${encodeURIComponent(path)}`);

  it('prints the adopted agenda and its concept, with cover, contents, ambitions and the adoption, as a page and a PDF', async () => {
    await inLanguage('nl', `${agenda}/document`);
    await expect(page.locator('.ba-print-cover h1').innerText()).resolves.toMatch(/^Toekomstagenda Bloemenbuurt/);
    await expect(page.locator('.ba-print-toc li').count()).resolves.toBeGreaterThan(3);
    await expect(page.locator('main').innerText()).resolves.toContain('Een buurtkamer in de oude buurtsuper');
    await expect(page.locator('main').innerText()).resolves.toContain('Kenmerk: ALV-Bloemenbuurt-2.');
    await axeCheck(page, 'agenda document (nl)');
    await inLanguage('nl', `${agenda}/document?versie=1`);
    await expect(page.locator('.ba-print-cover__subtitle').innerText()).resolves.toContain('Concept (versie 1)');
    await axeCheck(page, 'agenda document, the concept (nl)');
    await inLanguage('en', `${agenda}/document`);
    await axeCheck(page, 'agenda document (en)');
    const pdf = await page.request.get(`${agenda}/document.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(new PdfFile(await pdf.body()).pages().length).toBeGreaterThan(2);
    expect(demo.problems).toEqual([]);
  }, 120_000);

  it('gives the folder: one line per ambition by theme, how to join, the address with a QR code, the adoption — on at most two sides of A4', async () => {
    await inLanguage('nl', `${agenda}/folder`);
    await expect(page.locator('.ba-print-masthead h1').innerText()).resolves.toMatch(/^Toekomstagenda Bloemenbuurt/);
    await expect(page.locator('.ba-print-toc').count()).resolves.toBe(0);
    await expect(page.locator('#ambities li').count()).resolves.toBe(6);
    await expect(page.locator('svg.ba-qr').count()).resolves.toBe(1);
    await expect(page.locator('main').innerText()).resolves.toContain('Doe mee');
    await expect(page.locator('main').innerText()).resolves.toMatch(/Vastgesteld door .* op /);
    await axeCheck(page, 'agenda folder (nl)');
    await inLanguage('en', `${agenda}/folder`);
    await axeCheck(page, 'agenda folder (en)');
    for (const language of ['nl', 'en'] as const) {
      await inLanguage(language, agenda);
      const pdf = await page.request.get(`${agenda}/folder.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const pages = new PdfFile(await pdf.body()).pages().length;
      expect(pages, `${language}: the folder's pages`).toBeGreaterThanOrEqual(1);
      expect(pages, `${language}: the folder's pages`).toBeLessThanOrEqual(2);
    }
    await inLanguage('nl', agenda);
    expect(demo.problems).toEqual([]);
  }, 120_000);

  it('shows on the distribution page who answered and the housing corporation\'s silence', async () => {
    await inLanguage('nl', `${agenda}/verzending`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Antwoord: 3. Wacht op antwoord: 0. Geen antwoord: 1.');
    expect(text).toMatch(/Woonstichting De Vaart[\s\S]*Geen antwoord — gevraagd vóór/);
    expect(text).not.toContain('@');
    expect(demo.problems).toEqual([]);
  }, 60_000);
});
