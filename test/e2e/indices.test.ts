import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser, type TestServer } from './support.js';

/**
 * Editing a composite index in the browser as the demo official: the preview (a second submit
 * button; the page has no script) shows the scores before and after and saves nothing; a wrong limit is named;
 * axe-checked in Dutch and English.
 */
const EDIT = '/voorbeeldstad/beheer/indices/kwetsbaarheid';

describe.skipIf(!browserTestsEnabled)('editing a composite index in the browser', () => {
  let demo: DemoBrowser;
  let server: TestServer;
  let page: Page;
  let problems: string[];
  const saved = () => server.test.platform.db.selectFrom('statistic_index_definitions').select('id').where('id', '=', 'kwetsbaarheid').execute();

  beforeAll(async () => {
    demo = await openDemoBrowser('ambtenaar@voorbeeldstad.example');
    ({ server, page, problems } = demo);
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  for (const language of ['nl', 'en'] as const) {
    it(`previews a change without saving and names a wrong limit (${language})`, async () => {
      await page.goto(`/taal/${language}?terug=${encodeURIComponent(EDIT)}`);
      await page.locator('[id="field-themes.0.weight"]').fill('3');
      await Promise.all([page.waitForLoadState('load'), page.locator('main button[value="preview"]').click()]);
      await expect(page.locator('#preview-heading').count()).resolves.toBe(1);
      await expect(page.locator('#preview-heading + p + .ba-table-container tbody tr').count()).resolves.toBeGreaterThan(15);
      await axeCheck(page, `index preview (${language})`);
      expect(await saved()).toEqual([]);
      await page.locator('[id="field-bands.1"]').fill('70');
      await Promise.all([page.waitForLoadState('load'), page.locator('main button[value="preview"]').click()]);
      await expect(page.locator('#error-summary a[href="#field-bands.1"]').count()).resolves.toBe(1);
      await axeCheck(page, `index form with errors (${language})`);
      expect(await saved()).toEqual([]);
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('saves through the form and shows the new version', async () => {
    await page.goto(`/taal/nl?terug=${encodeURIComponent(EDIT)}`);
    await page.locator('[id="field-baseYear"]').fill('2024');
    await Promise.all([page.waitForURL(/\/voorbeeldstad\/indices\/kwetsbaarheid$/), page.locator('main form button.utrecht-button--primary-action').click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('versie 1');
    expect(await saved()).toHaveLength(1);
  }, 60_000);
});
