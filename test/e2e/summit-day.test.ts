import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheck, axeCheckWithoutScript, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, openDemoPage, type DemoBrowser, type DemoPage } from './support.js';

/**
 * The day of the Bloemenbuurt's BuurtTop with JavaScript switched off: the official (an organiser)
 * hands out the housing table's link; its facilitator, without an account, on a phone-sized
 * screen, captures an ambition — the answer to the first submit is lost on the venue's Wi-Fi,
 * the retry of the same form makes no second ambition; then the plenary records an objection,
 * resolves it and gives consent.
 */
const PHONE = { width: 375, height: 667 };
const TITLE = 'Een speeltuin achter de flats';

describe.skipIf(!browserTestsEnabled)('the day of a BuurtTop in the browser (JavaScript off, a phone)', () => {
  let demo: DemoBrowser;
  let phone: DemoPage;
  let page: Page;
  let axe: (label: string) => Promise<void>;
  let axePhone: (label: string) => Promise<void>;
  let summitPath = '';
  let tableLink = '';

  beforeAll(async () => {
    demo = await openDemoBrowser('ambtenaar@voorbeeldstad.example', { javaScriptEnabled: false });
    page = demo.page;
    phone = await openDemoPage(demo, { javaScriptEnabled: false, viewport: PHONE, isMobile: true, hasTouch: true });
    axe = await axeCheckWithoutScript(demo, '/voorbeeldstad/buurttops');
    const { page: axePage } = await openDemoPage(demo, { viewport: PHONE });
    await axePage.goto('/voorbeeldstad/buurttops');
    axePhone = async (label) => {
      await axePage.setContent(await phone.page.content(), { waitUntil: 'load' });
      await axeCheck(axePage, label);
    };
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  it('shows the organiser the day with a link per table', async () => {
    await page.goto('/voorbeeldstad/gebieden/BU99990202/buurttop');
    summitPath = (await page.locator('main table a[href*="/buurttops/"]').first().getAttribute('href'))!;
    await page.goto(`${summitPath}/dag`);
    await axe('the day (organiser, nl)');
    tableLink = (await page.locator('main li:has-text("Wonen") a[href*="/dag/tafels/"]').first().getAttribute('href'))!;
    expect(tableLink).toMatch(/\/dag\/tafels\/[a-z0-9]+\/[A-Za-z0-9_-]{32}$/);
  }, 60_000);

  it('lets the facilitator capture an ambition on a phone; a retry after a lost answer makes no second one', async () => {
    const p = phone.page;
    await p.goto(tableLink);
    await expect(p.locator('main h1').innerText()).resolves.toBe('Tafel Wonen');
    // A narrow page: nothing wider than the screen, a submit button big enough to tap.
    const submit = p.locator('main form.ba-form button[type="submit"]');
    const button = (await submit.boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(PHONE.width);
    expect(button.height).toBeGreaterThanOrEqual(40);
    const title = (await p.locator('#field-title').boundingBox())!;
    expect(title.x + title.width).toBeLessThanOrEqual(PHONE.width);
    await axePhone('a table (phone, nl)');

    await p.locator('#field-title').fill(TITLE);
    await p.locator('#field-body').fill('Kinderen kunnen veilig buiten spelen, dicht bij huis.');
    await p.locator('#field-why').fill('Er is nu nergens een speelplek in dit deel van de buurt.');
    await p.getByLabel('5 jaar').check();
    await p.getByLabel('Leefbaarheid en openbare ruimte').check();
    await p.locator('#field-facts-0').check();
    await p.locator('#field-step_1').fill('Een plek zoeken met de corporatie');
    await p.locator('#field-carrier_1').fill('Ouders van de Irisstraat');

    // The venue's Wi-Fi: the first submit reaches the server, its answer never comes back.
    let sent: string | null = null;
    await p.route('**/dag/tafels/**', async (route) => {
      if (route.request().method() === 'POST' && sent === null) {
        sent = route.request().postData();
        await route.fetch({ maxRedirects: 0 });
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await submit.click().catch(() => undefined);
    await expect.poll(() => sent).not.toBeNull();
    await p.unroute('**/dag/tafels/**');
    // The facilitator sends it again (the same form, the same one-time key): the first one's confirmation.
    const retry = await p.request.post(tableLink, { data: sent!, headers: { 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
    expect(retry.status()).toBe(303);
    const confirmation = retry.headers().location!;
    expect(confirmation).toMatch(/\/ontvangen\/[a-z0-9]+#ontvangen$/);
    await p.goto(confirmation);
    const main = await p.locator('main').innerText();
    expect(main).toContain(`Ontvangen en bewaard: "${TITLE}".`);
    await expect(p.locator('main #tafellijst ~ ol li', { hasText: TITLE }).count()).resolves.toBe(1);
    await axePhone('an ambition received (phone, nl)');
    await p.goto(`/taal/en?terug=${tableLink}`);
    await expect(p.locator('main h1').innerText()).resolves.toBe('Table Wonen');
    await axePhone('a table (phone, en)');
    expect(phone.problems).toEqual([]);
  }, 120_000);

  it('lets the plenary record an objection, resolve it and give consent', async () => {
    await page.goto(`${summitPath}/plenair`);
    await axe('the plenary (nl)');
    const article = page.locator('main article', { hasText: TITLE });
    await expect(article.locator('.ba-tag').first().innerText()).resolves.toBe('Nog niet besproken');
    await article.locator('summary').click();
    await article.getByLabel('Bezwaar en de reden').fill('Geen speeltuin onder de slaapkamerramen.');
    await Promise.all([page.waitForURL(/\/plenair#ambitie-/), article.getByRole('button', { name: 'Bezwaar vastleggen' }).click()]);
    await expect(page.locator('main article', { hasText: TITLE }).locator('.ba-tag').first().innerText()).resolves.toBe('Bezwaar open');
    await expect(page.locator('main article', { hasText: TITLE }).innerText()).resolves.toContain('een deelnemer');
    await Promise.all([page.waitForURL(/\/plenair#ambitie-/), page.locator('main article', { hasText: TITLE }).getByRole('button', { name: `Instemming voor "${TITLE}"` }).click()]);
    await page.locator('main article', { hasText: TITLE }).getByLabel('Hoe is het bezwaar').selectOption('amended');
    await Promise.all([page.waitForURL(/\/plenair#ambitie-/), page.locator('main article', { hasText: TITLE }).getByRole('button', { name: 'Opslaan', exact: true }).click()]);
    await expect(page.locator('main article', { hasText: TITLE }).locator('.ba-tag').first().innerText()).resolves.toBe('Instemming');
    await axe('the plenary after consent (nl)');
    await page.goto(`${summitPath}/ambities`);
    const outcome = await page.locator('main').innerText();
    expect(outcome).toContain(TITLE);
    expect(outcome).toContain('Geen speeltuin onder de slaapkamerramen. (ambitie aangepast)');
    await page.goto(`/taal/en?terug=${summitPath}/plenair`);
    await axe('the plenary (en)');
    expect(demo.problems).toEqual([]);
  }, 120_000);
});
