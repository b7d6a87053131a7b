import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { signedInAccount } from '../../../test/support/accounts.js';
import { agent, buildTestApp, inputValue, type Agent } from '../../../test/support/http.js';
import type { Context } from '../../platform/context.js';
import { chromiumPath, closePdfRenderer, pdfAvailable } from '../../platform/documents/index.js';
import { system } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import { findTenantById, type Tenant } from '../../platform/tenancy.js';
import { sectionsFromForm } from '../../platform/versions/index.js';
import { createMunicipality } from './service.js';

/** As the documents module's tests: the PDF needs Chromium; BUURTARENA_TEST_BROWSER=1 demands it. */
const pdfRequired = process.env.BUURTARENA_TEST_BROWSER === '1';
const pdfPresent = pdfAvailable();
if (!pdfPresent && !pdfRequired) process.stderr.write(`\n[buurtarena] house rules PDF test skipped: Chromium is missing at ${chromiumPath()}.\n`);

it('reads the sections of the editor form in their order', () => {
  expect(sectionsFromForm({ title: 'T', 'sections.2.heading': 'B', 'sections.1.key': 'a', 'sections.1.heading': 'A', 'sections.1.body': 'x', 'sections.10.body': 'z', 'sections.0.body': 'nul', 'sections.1.other': '?' }, 41))
    .toEqual([{ key: 'a', heading: 'A', body: 'x' }, { heading: 'B', body: '' }, { heading: '', body: 'z' }]);
  expect(sectionsFromForm({ 'sections.1.heading': 'A', 'sections.3.heading': 'C' }, 2)).toEqual([{ heading: 'A', body: '' }]);
});

describeEachEngine('house rules pages', (engine) => {
  let test: TestPlatform;
  let app: FastifyInstance;
  let a: Tenant;
  let adminA: Agent;
  let adminB: Agent;
  let resident: Agent;
  let anonymous: Agent;

  const ctxFor = (tenant: Tenant | null): Context => ({ platform: test.platform, actor: system, tenant, locale: 'nl' });

  const account = (email: string, tenant: Tenant, role: string) => signedInAccount(app, test.platform, email, tenant, role);

  /** Save a draft through the editor form, as the page offers it, and publish it through the review page. */
  async function publishThroughForms(sections: Record<string, string>, summary: string): Promise<void> {
    const edit = await adminA.get('/aadorp/beheer/huisregels');
    expect(edit.statusCode).toBe(200);
    const saved = await adminA.postForm('/aadorp/beheer/huisregels', {
      _formkey: inputValue(edit.body, '_formkey')!, expectedRevision: inputValue(edit.body, 'expectedRevision')!, title: 'Huisregels voor bijdragen', ...sections,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/aadorp/beheer/huisregels/publiceren');
    const review = await adminA.get('/aadorp/beheer/huisregels/publiceren');
    expect(review.body).toContain('class="ba-diff"');
    const published = await adminA.postForm('/aadorp/beheer/huisregels/publiceren', {
      _formkey: inputValue(review.body, '_formkey')!, expectedRevision: inputValue(review.body, 'expectedRevision')!, summary,
    });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/aadorp/huisregels');
  }

  const version1 = { 'sections.1.heading': 'Wat mag', 'sections.1.body': 'Kritiek is welkom.\n\nBlijf bij het onderwerp.', 'sections.2.heading': 'Moderatie', 'sections.2.body': 'Een moderator kijkt binnen vijf werkdagen.' };
  const version2 = {
    'sections.1.key': 'wat-mag', 'sections.1.heading': 'Wat mag', 'sections.1.body': 'Kritiek is welkom.\n\nBlijf bij het onderwerp.',
    'sections.2.key': 'moderatie', 'sections.2.heading': 'Moderatie', 'sections.2.body': 'Een moderator kijkt binnen drie werkdagen.',
    'sections.3.heading': 'Bezwaar maken', 'sections.3.body': 'Stuur een bericht.',
  };

  beforeEach(async () => {
    test = await openTestPlatform(engine);
    app = await buildTestApp(test.platform);
    a = (await findTenantById(test.platform.db, (await execute(ctxFor(null), createMunicipality, { slug: 'aadorp', name: 'Gemeente Aadorp', cbsCode: 'GM0001' })).id))!;
    const b = (await findTenantById(test.platform.db, (await execute(ctxFor(null), createMunicipality, { slug: 'beedorp', name: 'Gemeente Beedorp', cbsCode: 'GM0002' })).id))!;
    adminA = await account('beheer@aadorp.example', a, 'administrator');
    adminB = await account('beheer@beedorp.example', b, 'administrator');
    resident = await account('bewoner@aadorp.example', a, 'resident');
    anonymous = agent(app);
  });

  afterEach(async () => {
    await app.close();
    await test.close();
  });

  afterAll(async () => {
    await closePdfRenderer();
  });

  it('says plainly that there are no house rules yet, and links to them from the home and admin pages', async () => {
    const page = await anonymous.get('/aadorp/huisregels');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gemeente Aadorp heeft nog geen huisregels voor bijdragen gepubliceerd.');
    expect(page.body).not.toContain('href="/aadorp/beheer/huisregels"');
    expect((await adminA.get('/aadorp/huisregels')).body).toContain('href="/aadorp/beheer/huisregels"');
    expect((await anonymous.get('/aadorp/huisregels/versies')).body).toContain('Er is nog geen versie gepubliceerd.');
    for (const path of ['/aadorp/huisregels/versies/1', '/aadorp/huisregels/vergelijken', '/aadorp/huisregels/document', '/aadorp/huisregels/document.pdf']) {
      expect([path, (await anonymous.get(path)).statusCode]).toEqual([path, 404]);
    }
    expect((await anonymous.get('/aadorp')).body).toContain('href="/aadorp/huisregels"');
    expect((await adminA.get('/aadorp/beheer')).body).toContain('href="/aadorp/beheer/huisregels"');
    expect((await anonymous.get('/aadorp/huisregels?lang=en')).body).toContain('Gemeente Aadorp has not published house rules for contributions yet.');
  });

  it('lets an administrator write, review and publish versions; everyone reads the current one, the history, one version and the comparison', async () => {
    await publishThroughForms(version1, 'Eerste versie.');
    const first = await anonymous.get('/aadorp/huisregels');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h1 class="utrecht-heading-1">Huisregels voor bijdragen</h1>');
    expect(first.body).toMatch(/Versie 1, gepubliceerd op <time datetime="[^"]+">/);
    expect(first.body).toContain('<h2 class="utrecht-heading-2" id="deel-moderatie">Moderatie</h2>');
    expect(first.body).toContain('<p class="utrecht-paragraph">Blijf bij het onderwerp.</p>');
    expect(first.body).not.toContain('vergelijken');

    await publishThroughForms(version2, 'Sneller en met bezwaar.');
    const current = await anonymous.get('/aadorp/huisregels');
    expect(current.body).toContain('Versie 2, gepubliceerd op');
    for (const href of ['/aadorp/huisregels/versies', '/aadorp/huisregels/vergelijken?van=1&amp;naar=2', '/aadorp/huisregels/document', '/aadorp/huisregels/document.pdf']) {
      expect(current.body).toContain(`href="${href}"`);
    }
    expect(current.body).toContain('Bezwaar maken');

    const history = await anonymous.get('/aadorp/huisregels/versies');
    expect(history.body).toContain('href="/aadorp/huisregels/versies/2"');
    expect(history.body).toContain('Sneller en met bezwaar.');
    expect(history.body).toContain('href="/aadorp/huisregels/vergelijken?van=1&amp;naar=2"');

    const old = await anonymous.get('/aadorp/huisregels/versies/1');
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('Dit is een oudere versie.');
    expect(old.body).toContain('binnen vijf werkdagen');
    expect(old.body).not.toContain('Bezwaar maken');
    expect(old.body).toContain('href="/aadorp/huisregels/versies/1/document.pdf"');

    const diff = await anonymous.get('/aadorp/huisregels/vergelijken?van=1&naar=2');
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain('Versie 1 en versie 2 vergeleken');
    expect(diff.body).toMatch(/<del class="ba-diff-del"><span class="ba-visually-hidden">verwijderd: <\/span>vijf/);
    expect(diff.body).toMatch(/<ins class="ba-diff-ins"><span class="ba-visually-hidden">toegevoegd: <\/span>drie/);
    expect(diff.body).toContain('Toegevoegd');
    // Either order, the older one first; the default is the previous against the current version.
    expect((await anonymous.get('/aadorp/huisregels/vergelijken?van=2&naar=1')).body).toContain('Versie 1 en versie 2 vergeleken');
    expect((await anonymous.get('/aadorp/huisregels/vergelijken')).body).toContain('Versie 1 en versie 2 vergeleken');
    for (const path of ['/aadorp/huisregels/versies/3', '/aadorp/huisregels/versies/0', '/aadorp/huisregels/versies/abc', '/aadorp/huisregels/vergelijken?van=1&naar=9', '/aadorp/huisregels/vergelijken?van=x', '/aadorp/huisregels/versies/9/document']) {
      expect([path, (await anonymous.get(path)).statusCode]).toEqual([path, 404]);
    }
    // Beedorp has none of Aadorp's house rules.
    expect((await anonymous.get('/beedorp/huisregels')).body).toContain('Gemeente Beedorp heeft nog geen huisregels');
    expect((await anonymous.get('/beedorp/huisregels/versies/1')).statusCode).toBe(404);
  });

  it('shows mistakes next to the field the editor filled in, and a stale form as a conflict', async () => {
    const edit = await adminA.get('/aadorp/beheer/huisregels');
    expect(edit.body).toContain('name="sections.1.heading"');
    const invalid = await adminA.postForm('/aadorp/beheer/huisregels', { expectedRevision: '0', title: '', 'sections.1.heading': '', 'sections.1.body': 'Tekst zonder kop.' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('href="#field-title">Titel: Vul dit veld in.');
    expect(invalid.body).toContain('href="#field-sections.1.heading">Kop van deel 1: Vul dit veld in.');
    expect(invalid.body).toContain('id="field-sections.1.heading"');
    expect(invalid.body).toContain('Tekst zonder kop.</textarea>');
    const empty = await adminA.postForm('/aadorp/beheer/huisregels', { expectedRevision: '0', title: 'Huisregels' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Vul minstens één deel in');

    await publishThroughForms(version1, 'Eerste versie.');
    const stale = await adminA.postForm('/aadorp/beheer/huisregels', { expectedRevision: '0', title: 'Huisregels', ...version1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Iemand anders heeft het concept intussen gewijzigd');
    const noDraft = await adminA.postForm('/aadorp/beheer/huisregels/publiceren', { summary: 'Niets nieuws.' });
    expect(noDraft.statusCode).toBe(409);
    expect(noDraft.body).toContain('Er is geen concept');
    const noSummary = await adminA.postForm('/aadorp/beheer/huisregels', { title: 'Huisregels', ...version2 });
    expect(noSummary.statusCode).toBe(303);
    const missing = await adminA.postForm('/aadorp/beheer/huisregels/publiceren', { summary: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#field-summary">Wat is er veranderd?: Vul dit veld in.');
    const discarded = await adminA.postForm('/aadorp/beheer/huisregels/concept-weggooien', {});
    expect(discarded.statusCode).toBe(303);
    expect((await adminA.get('/aadorp/beheer/huisregels/publiceren')).body).toContain('Er is geen concept.');
  });

  it('keeps the editor to administrators of this municipality', async () => {
    for (const [who, user, expected] of [['resident', resident, 403], ['other administrator', adminB, 403]] as const) {
      expect([who, (await user.get('/aadorp/beheer/huisregels')).statusCode]).toEqual([who, expected]);
      expect([who, (await user.get('/aadorp/beheer/huisregels/publiceren')).statusCode]).toEqual([who, expected]);
      expect([who, (await user.postForm('/aadorp/beheer/huisregels', { title: 'Overgenomen', ...version1 })).statusCode]).toEqual([who, expected]);
      expect([who, (await user.postForm('/aadorp/beheer/huisregels/publiceren', { summary: 'x' })).statusCode]).toEqual([who, expected]);
      expect([who, (await user.postForm('/aadorp/beheer/huisregels/concept-weggooien', {})).statusCode]).toEqual([who, expected]);
    }
    const anonymousEdit = await anonymous.get('/aadorp/beheer/huisregels');
    expect([401, 303]).toContain(anonymousEdit.statusCode);
    expect((await anonymous.postForm('/aadorp/beheer/huisregels', { title: 'x', ...version1 })).statusCode).not.toBeLessThan(300);
    expect(await test.platform.db.selectFrom('documents').select('id').execute()).toEqual([]);
  });

  it('serves the print page of a version as standalone HTML', async () => {
    await publishThroughForms(version1, 'Eerste versie.');
    const page = await anonymous.get('/aadorp/huisregels/document');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<link rel="stylesheet" href="/static/print.css">');
    expect(page.body).toContain('<h1 id="ba-title">Huisregels voor bijdragen</h1>');
    expect(page.body).toContain('<p class="ba-print-cover__subtitle">Versie 1</p>');
    expect(page.body).toContain('<a class="ba-print-url" href="http://buurtarena.test/aadorp/huisregels/versies/1">');
    expect(page.body).toContain('<h2 id="moderatie-heading">Moderatie</h2>');
    expect((await anonymous.get('/aadorp/huisregels/versies/1/document')).body).toBe(page.body);
  });

  it.skipIf(!pdfPresent && !pdfRequired)('offers the PDF with its file name', async () => {
    await publishThroughForms(version1, 'Eerste versie.');
    const pdf = await anonymous.get('/aadorp/huisregels/document.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`inline; filename="Huisregels-Gemeente-Aadorp-versie-1.pdf"; filename*=UTF-8''Huisregels%20Gemeente%20Aadorp%20versie%201.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 30_000);
});
