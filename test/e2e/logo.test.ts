import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TINY_PNG, TINY_WEBP } from '../../src/platform/files/fixtures.js';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser } from './support.js';

/**
 * The logo on the settings page, in the browser: chosen in the file field and sent with the form,
 * stored in the file store, shown on the settings page and in the header of every page (it must
 * load under the server's CSP and the file store's headers), replaced and removed; each state
 * passes axe.
 */
const ADMIN = 'beheerder@voorbeeldstad.example';


/** Every logo image on the page has loaded and has pixels. */
async function logosLoaded(page: Page): Promise<number[]> {
  return page.locator('img.ba-logo').evaluateAll((images) => images.map((img) => ((img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : -1)));
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator('#field-logo').setInputFiles({ name, mimeType, buffer });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('form[action="/voorbeeldstad/beheer/instellingen/logo"] button[type="submit"]').click()]);
}

describe.skipIf(!browserTestsEnabled)('the logo in the browser', () => {
  let demo: DemoBrowser;

  beforeAll(async () => {
    demo = await openDemoBrowser(ADMIN);
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  it('uploads, shows, replaces and removes the logo from the settings page', async () => {
    const { page, problems } = demo;
    await page.goto('/voorbeeldstad/beheer/instellingen');
    await expect(page.locator('img.ba-logo').count()).resolves.toBe(0);

    // Something that is not an image: the error is named next to the field, and axe is content.
    await upload(page, 'logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    await expect(page.locator('#error-logo').textContent()).resolves.toContain('PNG, JPEG, WebP, GIF');
    await axeCheck(page, 'settings with a refused logo');

    await upload(page, 'logo.png', 'image/png', TINY_PNG);
    expect(new URL(page.url()).pathname).toBe('/voorbeeldstad/beheer/instellingen');
    await expect(page.locator('figure:has(img.ba-logo) figcaption').textContent()).resolves.toContain('PNG');
    // The header and the settings page show it, loaded under the CSP.
    expect(await logosLoaded(page)).toEqual([4, 4]);
    await axeCheck(page, 'settings with a logo');

    await upload(page, 'logo.webp', 'image/webp', TINY_WEBP);
    await expect(page.locator('figure:has(img.ba-logo) figcaption').textContent()).resolves.toContain('WebP');
    expect(await logosLoaded(page)).toEqual([4, 4]);

    await page.goto('/voorbeeldstad');
    expect(await logosLoaded(page)).toEqual([4]);

    await page.goto('/voorbeeldstad/beheer/instellingen');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('form[action="/voorbeeldstad/beheer/instellingen/logo/verwijderen"] button[type="submit"]').click()]);
    await expect(page.locator('img.ba-logo').count()).resolves.toBe(0);
    await axeCheck(page, 'settings after removing the logo');
    expect(problems).toEqual([]);
  }, 120_000);
});
