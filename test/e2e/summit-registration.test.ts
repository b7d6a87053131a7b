import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changeSummitStatus, listSummits, registrationsOf } from '../../src/capabilities/summit/index.js';
import { asDemoPerson } from '../../src/demo/parties.js';
import { system } from '../../src/platform/policy.js';
import { execute } from '../../src/platform/service.js';
import { findTenantBySlug } from '../../src/platform/tenancy.js';
import { PdfFile } from '../../src/platform/documents/pdf-reader.js';
import { axeCheckWithoutScript, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, type DemoBrowser } from './support.js';

/**
 * A resident registers for the Lindenhof's BuurtTop with JavaScript switched off, without an
 * account: the form names what is missing, the confirmation link comes by mail (read from the
 * demo server's outbox, as its mail goes to the log), the place is confirmed with a calendar file,
 * and the cancel link in that mail frees the place. Every page on the way is checked with axe-core.
 */
describe.skipIf(!browserTestsEnabled)('registering for a BuurtTop in the browser (JavaScript off)', () => {
  let demo: DemoBrowser;
  let page: Page;
  let problems: string[];
  let axe: (label: string) => Promise<void>;
  let summitPath = '';
  let summitId = '';
  const address = 'nadia.buur@example.org';

  const lastMail = async () => demo.server.test.platform.db.selectFrom('outbox').selectAll().where('to_address', '=', address)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  /** The link in the mail, on the test server (the mail's host is PUBLIC_URL's). */
  const linkIn = (text: string, kind: 'bevestigen' | 'annuleren') => {
    const url = new RegExp(`https?://\\S+/aanmelding/${kind}\\?sleutel=[A-Za-z0-9_-]+`).exec(text)?.[0];
    if (!url) throw new Error(`no ${kind} link in the mail:\n${text}`);
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };

  beforeAll(async () => {
    demo = await openDemoBrowser(undefined, { javaScriptEnabled: false });
    ({ page, problems } = demo);
    // The organisers open registration (their own pages are tested elsewhere).
    const platform = demo.server.test.platform;
    const tenant = (await findTenantBySlug(platform.db, 'voorbeeldstad'))!;
    const chair = await asDemoPerson({ platform, actor: system, tenant, locale: 'nl' }, 'bewoner@voorbeeldstad.example');
    summitId = (await listSummits(platform.db, tenant.id, { areaCodes: ['BU99990102'] }))[0]!.id;
    await execute(chair, changeSummitStatus, { id: summitId, status: 'registration', note: 'De uitnodigingen zijn verstuurd.' });
    summitPath = `/voorbeeldstad/buurttops/${summitId}`;
    axe = await axeCheckWithoutScript(demo, summitPath);
  }, 120_000);

  afterAll(() => closeDemoBrowser(demo));

  const submit = (urlPattern: RegExp) => Promise.all([page.waitForURL(urlPattern), page.locator('main form.ba-form button[type="submit"]').click()]);

  it('registers on the summit\'s page after the form named what was missing', async () => {
    await page.goto(`/taal/nl?terug=${summitPath}`);
    await expect(page.locator('main #aanmelden').innerText()).resolves.toContain('Aanmelden');
    await axe('a BuurtTop open for registration (nl)');
    await page.locator('#field-name').fill('Nadia Buur');
    await page.locator('#field-email').fill('nadia.buur@');
    await submit(/\/aanmelden$/);
    await expect(page.locator('#error-summary a[href="#field-email"]').count()).resolves.toBe(1);
    await expect(page.locator('#error-summary a[href="#field-consent"]').count()).resolves.toBe(0); // zod's errors first
    await axe('the registration form with errors (nl)');
    await page.locator('#field-email').fill(address);
    await submit(/\/aanmelden$/);
    await expect(page.locator('#error-summary a[href="#field-consent"]').count()).resolves.toBe(1);
    await page.getByLabel('Zorg en zorgzaamheid').check();
    await page.locator('#field-languageHelp').fill('Arabisch');
    await page.locator('#field-children').fill('1');
    await page.locator('#field-consent').check();
    await submit(/\/buurttops\/[a-z0-9]+(#aanmelden)?$/);
    await expect(page.locator('main').innerText()).resolves.toContain('we hebben je een e-mail gestuurd');
    await axe('registered, check your mail (nl)');
  }, 90_000);

  it('confirms through the link in the mail and gets a calendar file', async () => {
    const mail = await lastMail();
    expect(mail.subject).toBe('Bevestig je aanmelding voor BuurtTop Lindenhof');
    await page.goto(linkIn(mail.text_body, 'bevestigen'));
    await axe('confirm a registration (nl)');
    await Promise.all([page.waitForURL(/#aanmelden$/), page.getByRole('button', { name: 'Ja, ik kom' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Je aanmelding is bevestigd.');
    const confirmation = await lastMail();
    expect(confirmation.subject).toBe('Je bent aangemeld voor BuurtTop Lindenhof');
    expect(JSON.parse(confirmation.attachments!)[0].filename).toBe('buurttop.ics');
    expect((await registrationsOf(demo.server.test.platform.db, summitId)).find((r) => r.email === address)).toMatchObject({ status: 'confirmed', languageHelp: 'Arabisch', children: 1 });
  }, 60_000);

  it('cancels through the link in the confirmation', async () => {
    await page.goto(linkIn((await lastMail()).text_body, 'annuleren'));
    await axe('cancel a registration (nl)');
    await Promise.all([page.waitForURL(/#aanmelden$/), page.getByRole('button', { name: 'Ja, annuleer mijn aanmelding' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('Je aanmelding is geannuleerd.');
    expect((await lastMail()).subject).toBe('Je aanmelding voor BuurtTop Lindenhof is geannuleerd');
    expect((await registrationsOf(demo.server.test.platform.db, summitId)).find((r) => r.email === address)!.status).toBe('cancelled');
    expect(problems).toEqual([]);
  }, 60_000);
  it('prints the invitation letter with the registration address, a QR code and a reply slip, 1, 2 or 4 to an A4, as a page and a one-page PDF, in Dutch and English', async () => {
    await page.goto(`${summitPath}/uitnodigingen/brief`);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Uitnodiging: BuurtTop Lindenhof');
    await expect(page.locator('svg.ba-qr').count()).resolves.toBe(1);
    await expect(page.locator('main').innerText()).resolves.toContain('Antwoordstrook');
    await axe('invitation letter (nl)');
    // Four to a sheet: on screen the letter once (a screen reader meets one), on paper four times.
    await page.getByRole('link', { name: '4 per A4 (A6, twee keer doorknippen)' }).click();
    await expect(page.locator('.ba-letter__h1:visible').count()).resolves.toBe(1);
    await axe('invitation letter, 4 per A4 (nl)');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('main h1').count()).resolves.toBe(1);
    await expect(page.locator('.ba-letter__h1:visible').count()).resolves.toBe(4);
    await expect(page.locator('svg.ba-qr:visible').count()).resolves.toBe(4);
    await page.emulateMedia({ media: 'screen' });
    for (const per of ['', '?per=2', '?per=4']) {
      const pdf = await page.request.get(`${summitPath}/uitnodigingen/brief.pdf${per}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(new PdfFile(await pdf.body()).pages()).toHaveLength(1);
    }
    await page.goto(`/taal/en?terug=${encodeURIComponent(`${summitPath}/uitnodigingen/brief?per=2`)}`);
    await expect(page.locator('main h1').first().innerText()).resolves.toBe('Invitation: BuurtTop Lindenhof');
    await axe('invitation letter, 2 per A4 (en)');
    await page.goto(`/taal/nl?terug=${summitPath}`);
    expect(problems).toEqual([]);
  }, 120_000);
});
