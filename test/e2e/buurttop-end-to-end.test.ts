import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { amsterdamToday } from '../../src/capabilities/summit/service.js';
import { PdfFile } from '../../src/platform/documents/pdf-reader.js';
import { JobRunner } from '../../src/platform/jobs.js';
import { smtpMailer } from '../../src/platform/mail.js';
import { registerMailJob } from '../../src/platform/outbox.js';
import { attachmentNamed, startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import { axeCheck, browserTestsEnabled, closeDemoBrowser, openDemoBrowser, openDemoPage, signInAsDemo, type DemoBrowser, type DemoPage } from './support.js';

/**
 * A BuurtTop from start to finish, as the chair of the Lindenhof's resident association does it in
 * the browser: she starts a summit for today at the community centre, writes a working group's
 * briefing, opens registration and invites neighbours by e-mail (the mail really goes out, to a
 * local SMTP server); a neighbour registers through the invitation, confirms through the mailed
 * link and gets a calendar file that parses. On the day a facilitator captures an ambition on a
 * phone; the plenary consents. Then the editorial team drafts the agenda from the day, opens the
 * comment period, a resident comments, the team revises, the neighbourhood adopts it, and the
 * agenda is published as a page, a PDF and a folder. Every page on the way is checked with axe.
 */
const PHONE = { width: 375, height: 667 };
const CHAIR = 'bewoner@voorbeeldstad.example';
const NEIGHBOUR = 'noor.vandijk@example.org';
const AMBITION = 'Een moestuin voor de hele buurt';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!browserTestsEnabled)('a BuurtTop from start to finish in the browser', () => {
  let demo: DemoBrowser;
  let page: Page;
  let smtp: TestSmtpServer;
  let runner: JobRunner;
  let summitPath = '';
  let agendaPath = '';

  const axe = (label: string) => axeCheck(page, label);
  const submit = (p: Page, urlPattern: RegExp, button = 'main form.ba-form button[type="submit"]') => Promise.all([p.waitForURL(urlPattern), p.locator(button).first().click()]);
  /** The mail the server queued so far, sent through the real SMTP server. */
  const deliver = async () => {
    await runner.drain();
    return smtp.received;
  };
  const mailTo = async (address: string, subject: RegExp): Promise<ReceivedMail> => {
    const found = (await deliver()).filter((m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? ''));
    if (found.length === 0) throw new Error(`no mail to ${address} matching ${subject}; got: ${smtp.received.map((m) => `${m.envelope.to} ${m.parsed.subject}`).join('; ')}`);
    return found.at(-1)!;
  };
  const pathIn = (text: string, pattern: RegExp) => {
    const url = pattern.exec(text)?.[0];
    if (!url) throw new Error(`no link matching ${pattern} in:\n${text}`);
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };

  beforeAll(async () => {
    demo = await openDemoBrowser(CHAIR);
    page = demo.page;
    smtp = await startSmtpServer();
    const db = demo.server.test.platform.db;
    runner = new JobRunner(db);
    registerMailJob(runner, db, smtpMailer(smtp.url, 'Buurtarena <noreply@buurtarena.test>'));
  }, 120_000);

  afterAll(async () => {
    await smtp?.close();
    await closeDemoBrowser(demo);
  });

  it('starts a BuurtTop for today at the community centre and prepares a working group', async () => {
    await page.goto('/voorbeeldstad/gebieden/BU99990102/buurttop/nieuw');
    await page.locator('#field-organiserId').selectOption({ label: 'Bewonersvereniging De Lindenhof' });
    await page.locator('#field-title').fill('BuurtTop Lindenhof vandaag');
    await page.locator('#field-date').fill(amsterdamToday());
    await page.locator('#field-startTime').fill('00:00');
    await page.locator('#field-endTime').fill('23:59');
    await page.locator('#field-placeId').selectOption({ label: 'Buurthuis De Vaart' });
    await submit(page, /\/buurttops\/[a-z0-9]+$/);
    summitPath = new URL(page.url()).pathname;
    await expect(page.locator('main h1').innerText()).resolves.toBe('BuurtTop Lindenhof vandaag');
    await axe('a new BuurtTop');

    await Promise.all([page.waitForURL(/\/werkgroepen\/[a-z0-9]+$/), page.locator('main #werkgroepen ~ ul a', { hasText: 'Duurzaamheid' }).click()]);
    await Promise.all([page.waitForURL(/\/leden\/nieuw$/), page.getByRole('link', { name: /lid toevoegen/i }).click()]);
    await page.locator('#field-name').fill('Sem de Wit');
    await submit(page, /\/werkgroepen\/[a-z0-9]+(#\w+)?$/);
    await Promise.all([page.waitForURL(/\/briefing$/), page.getByRole('link', { name: 'Briefing schrijven' }).click()]);
    await page.locator('#field-briefing').fill('Er is geen groen in de binnenhoven. Wie wil samen tuinieren?');
    await submit(page, /#briefing$/);
    const group = await page.locator('main').innerText();
    expect(group).toContain('Sem de Wit');
    expect(group).toContain('Wie wil samen tuinieren?');
    await axe('a working group with a member and a briefing');
  }, 120_000);

  it('opens registration and invites neighbours by e-mail; the mail reaches the SMTP server', async () => {
    await page.goto(`${summitPath}/status`);
    await page.locator('#field-status').selectOption('registration');
    await submit(page, /\/buurttops\/[a-z0-9]+(#\w+)?$/);
    await page.goto(`${summitPath}/uitnodigingen`);
    await axe('invitations');
    await page.locator('#field-group').selectOption({ index: 1 });
    await page.locator('#field-addresses').fill(`${NEIGHBOUR}\nkees@example.org`);
    await page.locator('#field-message').fill('Kom je ook? Er is koffie.');
    await submit(page, /\/uitnodigingen$/);
    const invitation = await mailTo(NEIGHBOUR, /Uitnodiging/);
    expect(invitation.parsed.text).toContain('Kom je ook? Er is koffie.');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(attachmentNamed(invitation, 'buurttop.ics').content.toString('utf8'))).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('BuurtTop Lindenhof vandaag');
    expect(event.location).toContain('Buurthuis De Vaart');
    expect((await mailTo('kees@example.org', /Uitnodiging/)).parsed.subject).toBe(invitation.parsed.subject);
  }, 120_000);

  it('lets an invited neighbour register without an account, confirm by mail and get a calendar file', async () => {
    const invitation = await mailTo(NEIGHBOUR, /Uitnodiging/);
    const neighbour = await openDemoPage(demo, { viewport: PHONE, isMobile: true, hasTouch: true });
    const p = neighbour.page;
    await p.goto(pathIn(invitation.parsed.text ?? '', /https?:\/\/\S+\/aanmelden/));
    await p.locator('#field-name').fill('Noor van Dijk');
    await p.locator('#field-email').fill(NEIGHBOUR);
    await p.getByLabel('Duurzaamheid en energie').check();
    await p.locator('#field-accessNeeds').fill('Ik kom met een rollator.');
    await p.locator('#field-consent').check();
    await submit(p, /\/buurttops\/[a-z0-9]+(#aanmelden)?$/);
    await expect(p.locator('main').innerText()).resolves.toContain('we hebben je een e-mail gestuurd');
    const link = await mailTo(NEIGHBOUR, /Bevestig je aanmelding/);
    await p.goto(pathIn(link.parsed.text ?? '', /https?:\/\/\S+\/aanmelding\/bevestigen\?sleutel=[A-Za-z0-9_-]+/));
    await Promise.all([p.waitForURL(/#aanmelden$/), p.getByRole('button', { name: 'Ja, ik kom' }).click()]);
    await expect(p.locator('main').innerText()).resolves.toContain('Je aanmelding is bevestigd.');
    const confirmation = await mailTo(NEIGHBOUR, /Je bent aangemeld/);
    const calendar = new ICAL.Component(ICAL.parse(attachmentNamed(confirmation, 'buurttop.ics').content.toString('utf8')));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('BuurtTop Lindenhof vandaag');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(neighbour.problems).toEqual([]);
    await page.goto(`${summitPath}/aanmeldingen`);
    const registrations = await page.locator('main').innerText();
    expect(registrations).toContain('Noor van Dijk');
    expect(registrations).toContain('Ik kom met een rollator.');
    await axe('registrations');
  }, 120_000);

  it('captures an ambition at a table on a phone, and the plenary consents', async () => {
    await page.goto(`${summitPath}/dag`);
    await page.locator('#field-name').fill('Ochtendronde');
    await submit(page, /\/dag(#\w+)?$/, 'main form.ba-form:has(#field-name) button[type="submit"]');
    await page.locator('#field-roundId').selectOption({ label: 'Ochtendronde' });
    await page.locator('#field-groupId').selectOption({ label: 'Duurzaamheid en energie' });
    await page.locator('#field-facilitator').fill('Sem');
    await submit(page, /\/dag(#\w+)?$/, 'main form.ba-form:has(#field-facilitator) button[type="submit"]');
    await axe('the day with a table');
    const tableLink = (await page.locator('main li:has-text("Duurzaamheid") a[href*="/dag/tafels/"]').first().getAttribute('href'))!;

    const facilitator = await openDemoPage(demo, { viewport: PHONE, isMobile: true, hasTouch: true });
    const p = facilitator.page;
    await p.goto(tableLink);
    await p.locator('#field-title').fill(AMBITION);
    await p.locator('#field-body').fill('Op het braakliggende stuk aan de Vaart kweken buren samen groente.');
    await p.locator('#field-why').fill('Er is geen groen in de binnenhoven en buren kennen elkaar nauwelijks.');
    await p.getByLabel('5 jaar').check();
    await p.getByLabel('Leefbaarheid en openbare ruimte').check();
    await p.locator('#field-step_1').fill('Een stuk grond vragen aan de gemeente');
    await p.locator('#field-carrier_1').fill('Sem en de werkgroep');
    await submit(p, /\/ontvangen\/[a-z0-9]+#ontvangen$/);
    await expect(p.locator('main').innerText()).resolves.toContain(`Ontvangen en bewaard: "${AMBITION}".`);
    await axeCheck(p, 'an ambition received (phone)');
    expect(facilitator.problems).toEqual([]);

    await page.goto(`${summitPath}/plenair`);
    const article = page.locator('main article', { hasText: AMBITION });
    await Promise.all([page.waitForURL(/\/plenair#ambitie-/), article.getByRole('button', { name: `Instemming voor "${AMBITION}"` }).click()]);
    await expect(page.locator('main article', { hasText: AMBITION }).locator('.ba-tag').first().innerText()).resolves.toBe('Instemming');
    await axe('the plenary after consent');
    await page.goto(`${summitPath}/status`);
    await page.locator('#field-status').selectOption('held');
    await submit(page, /\/buurttops\/[a-z0-9]+(#\w+)?$/);
    await expect(page.locator('main').innerText()).resolves.toContain('Gehouden');
  }, 120_000);
  it('drafts the agenda from the day and opens the comment period', async () => {
    await page.goto(summitPath);
    await Promise.all([page.waitForURL(/\/wijkagendas\/nieuw\?/), page.getByRole('link', { name: 'Wijkagenda maken uit deze BuurtTop' }).click()]);
    await axe('start an agenda from a BuurtTop');
    await submit(page, /\/wijkagendas\/[a-z0-9]+\/bewerken(#\w+)?$/);
    agendaPath = new URL(page.url()).pathname.replace(/\/bewerken$/, '');
    const editor = await page.locator('main').innerText();
    expect(editor).toContain(AMBITION);
    expect(editor).toContain('Een stuk grond vragen aan de gemeente');
    await axe('the agenda editor');

    await page.goto(`${agendaPath}/bewerken/gegevens`);
    await page.locator('#field-introduction').fill('Dit is wat de Lindenhof de komende jaren samen wil bereiken.');
    await submit(page, /\/bewerken(#\w+)?$/);
    await page.goto(`${agendaPath}/bewerken/reactietermijn`);
    await axe('open the comment period');
    await page.locator('#field-opensOn').fill(amsterdamToday());
    await page.locator('#field-closesOn').fill(addDays(amsterdamToday(), 13));
    await submit(page, /\/bewerken(#\w+)?$/);
    await page.goto(agendaPath);
    const concept = await page.locator('main').innerText();
    expect(concept).toContain(AMBITION);
    expect(concept).toContain(`Reageren kan tot en met`);
    await axe('the concept agenda open for comments');
  }, 120_000);

  it('lets a resident comment on the concept while the period is open', async () => {
    const resident = await openDemoPage(demo);
    await signInAsDemo(resident.page, 'buurman@voorbeeldstad.example');
    await resident.page.goto(agendaPath);
    await resident.page.locator('main form textarea').first().fill('Graag ook een plek voor kinderen in de moestuin.');
    await Promise.all([resident.page.waitForURL(/#reactie-/), resident.page.locator('main form:has(textarea) button[type="submit"]').first().click()]);
    await expect(resident.page.locator('main').innerText()).resolves.toContain('Graag ook een plek voor kinderen in de moestuin.');
    expect(resident.problems).toEqual([]);
  }, 120_000);

  it('revises after the period, records the adoption, and publishes the agenda as a page, a PDF and a folder', async () => {
    // Two weeks pass: the comment period lies behind us.
    await demo.server.test.platform.db.updateTable('agendas')
      .set({ comments_open_on: addDays(amsterdamToday(), -20), comments_close_on: addDays(amsterdamToday(), -1) })
      .where('id', '=', agendaPath.split('/').at(-1)!).execute();
    await page.goto(`${agendaPath}/bewerken`);
    await expect(page.locator('main').innerText()).resolves.toContain('Reacties worden verwerkt');
    await Promise.all([page.waitForURL(/\/bewerken\/ambities\/[a-z0-9]+$/), page.locator(`main a[href*="/bewerken/ambities/"]`).first().click()]);
    await page.locator('#field-title').fill(`${AMBITION} en kinderen`);
    await submit(page, /\/bewerken\/ambities\/[a-z0-9]+(#[\w-]+)?$/);
    await expect(page.locator('main').innerText()).resolves.toContain('Opgeslagen.');
    await page.goto(`${agendaPath}/bewerken/vaststellen`);
    await axe('record the adoption');
    await page.locator('#field-adoptedBy').fill('Algemene ledenvergadering van De Lindenhof');
    await page.locator('#field-method').selectOption('meetingConsent');
    await page.locator('#field-adoptedOn').fill(amsterdamToday());
    await page.locator('#field-decisionReference').fill('ALV-2026-3');
    await submit(page, /\/wijkagendas\/[a-z0-9]+(\/bewerken)?(#[\w-]+)?$/);

    await page.goto(agendaPath);
    const adopted = await page.locator('main').innerText();
    expect(adopted).toContain('Vastgesteld op');
    expect(adopted).toContain('Algemene ledenvergadering van De Lindenhof');
    expect(adopted).toContain(`${AMBITION} en kinderen`);
    await axe('the adopted agenda');
    await page.goto(`${agendaPath}/vergelijken?van=1&naar=2`);
    await expect(page.locator('main ins').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('kinderen')]));
    await axe('the difference between the concept and the adopted agenda');

    for (const [path, least] of [['document.pdf', 1], ['folder.pdf', 1]] as const) {
      const response = await page.request.get(`${agendaPath}/${path}`);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-type'], path).toBe('application/pdf');
      const pdf = new PdfFile(await response.body());
      expect(pdf.pages().length, path).toBeGreaterThanOrEqual(least);
    }
    await page.goto(`${agendaPath}/document`);
    await expect(page.locator('main').innerText()).resolves.toContain(`${AMBITION} en kinderen`);
    await axe('the printable agenda');
    expect(demo.problems).toEqual([]);
  }, 180_000);
});
