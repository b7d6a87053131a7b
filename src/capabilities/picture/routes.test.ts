import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { openModerationWorld, type ModerationWorld } from '../../../test/support/moderation.js';
import { pdfAvailable } from '../../platform/documents/index.js';
import { system } from '../../platform/policy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { importStatistics } from '../statistics/index.js';
import { deleteHistoryEntry } from '../history/index.js';
import { execute } from '../../platform/service.js';

/**
 * The picture's pages over HTTP: Reactiedorp's administrator (an editor) drafts, reviews and
 * publishes; anyone reads the public page, the history, the print page and the API; Anna, a
 * resident without a board seat, may not edit.
 */
describeEachEngine('picture pages', (engine) => {
  let w: ModerationWorld;
  let n1: string;
  let base: string;

  const draft = (fields: Record<string, string> = {}) => ({
    title: 'Wijkbeeld Buurt Een-A', expectedRevision: '0',
    'sections.1.key': 'trots', 'sections.1.heading': 'Waar we trots op zijn', 'sections.1.body': 'De zomermarkt in het park.',
    'sections.2.key': 'zorgen', 'sections.2.heading': 'Wat ons zorgen baart', 'sections.2.body': '',
    'sections.3.key': 'nodig', 'sections.3.heading': 'Wat we nodig hebben', 'sections.3.body': 'Een ruimte voor jongeren.',
    'sections.4.heading': '', 'sections.4.body': '', ...fields,
  });

  beforeEach(async () => {
    w = await openModerationWorld(engine);
    const sys = { platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a.geojson', text: smallMunicipality(w.a.cbsCode, { municipality: 'Reactiedorp' }) }], { divisionYear: 2025 });
    n1 = `BU${w.a.cbsCode.slice(2)}0101`;
    base = `/reactiedorp/gebieden/${n1}/wijkbeeld`;
    await importStatistics(sys, { name: 'k.csv', bytes: new TextEncoder().encode(`year;area_code;variable;value\n2024;${n1};a_inw;2500\n`) }, { format: 'long', source: 'test-kerncijfers' });
  }, 60_000);
  afterEach(async () => w.close());

  it('without a version says so, and the draft editor is for editors only', async () => {
    const none = await w.as.anonymous.get(base);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Er is nog geen wijkbeeld van Buurt Buurt Een-A gepubliceerd.');
    expect(none.body).not.toContain(`${base}/bewerken`);
    expect((await w.as.admin.get(base)).body).toContain(`href="${base}/bewerken"`);
    expect((await w.as.anonymous.get(`${base}/bewerken`)).statusCode).not.toBe(200);
    expect((await w.as.anna.get(`${base}/bewerken`)).statusCode).toBe(403);
    expect((await w.as.anna.postForm(`${base}/bewerken`, draft())).statusCode).toBe(403);
    expect((await w.as.anonymous.get(`${base}/versies/1`)).statusCode).toBe(404);
    expect((await w.as.anonymous.get(`/reactiedorp/gebieden/${w.a.cbsCode}/wijkbeeld`)).statusCode).toBe(404);
    expect((await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/picture`)).statusCode).toBe(404);
    const form = await w.as.admin.get(`${base}/bewerken`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Wijkbeeld Buurt Buurt Een-A"');
    expect(form.body).toContain('value="Waar we trots op zijn"');
    expect(form.body).toContain('value="Wat we nodig hebben om verantwoordelijkheid te dragen"');
  });

  it('shows errors on the form naming the field, keeps what was typed, and saves nothing', async () => {
    const refused = await w.as.admin.postForm(`${base}/bewerken`, draft({ 'sections.4.heading': 'Jongeren', 'sections.4.body': '' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#field-sections.4.body">Tekst van deel 4: schrijf de tekst van dit deel');
    expect(refused.body).toContain('value="Jongeren"');
    expect(refused.body).toContain('De zomermarkt in het park.');
    const noTitle = await w.as.admin.postForm(`${base}/bewerken`, draft({ title: '' }));
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.body).toContain('href="#field-title">Titel:');
    expect((await w.as.admin.get(`${base}/publiceren`)).body).toContain('Er is geen concept om te publiceren.');
  });

  it('drafts, reviews, publishes and then shows the version to everyone: page, history, print page, PDF and API, in Dutch and English', async () => {
    const saved = await w.as.admin.postForm(`${base}/bewerken`, draft());
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base}/publiceren`);
    const review = await w.as.admin.get(`${base}/publiceren`);
    expect(review.body).toContain('Dit wordt de eerste versie van het wijkbeeld');
    expect(review.body).toContain('De buurt in cijfers');
    expect(review.body).toContain('De zomermarkt in het park.');
    const noSummary = await w.as.admin.postForm(`${base}/publiceren`, { summary: ' ', expectedRevision: '1' });
    expect(noSummary.statusCode).toBe(422);
    expect(noSummary.body).toContain('href="#field-summary">Wat is er veranderd:');
    const stale = await w.as.admin.postForm(`${base}/publiceren`, { summary: 'Eerste versie.', expectedRevision: '7' });
    expect(stale.statusCode).toBe(409);
    const published = await w.as.admin.postForm(`${base}/publiceren`, { summary: 'Eerste versie.', expectedRevision: '1' });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(base);

    const page = await w.as.anonymous.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Wijkbeeld Buurt Een-A</h1>');
    expect(page.body).toContain('Cijfers van 2024.');
    expect(page.body).toContain('Deze versie ligt vast');
    for (const heading of ['De buurt in cijfers', 'Wat mensen in de cijfers zien', 'Publieke plekken', 'Het sociale ecosysteem', 'Geschiedenis en spanningen', 'Geld dat door de buurt stroomt', 'Waar we trots op zijn', 'Wat we nodig hebben']) {
      expect(page.body).toContain(`>${heading}</h2>`);
    }
    expect(page.body).not.toContain('Wat ons zorgen baart</h2>');
    expect(page.body).toContain('Bron: eigen gegevens van de gemeente (test-kerncijfers, 2024).');
    expect(page.body).not.toContain(`${base}/bewerken`);
    const english = await w.as.anonymous.get(`${base}?lang=en`);
    expect(english.body).toContain('>The neighbourhood in figures</h2>');
    expect(english.body).toContain('Figures of 2024.');
    expect(english.body).toContain('>Waar we trots op zijn</h2>');

    expect((await w.as.anonymous.get(`${base}/versies`)).body).toContain('Eerste versie.');
    expect((await w.as.anonymous.get(`${base}/versies/1`)).statusCode).toBe(200);
    expect((await w.as.anonymous.get(`${base}/vergelijken`)).body).toContain('Er is nog maar één versie');

    const print = await w.as.anonymous.get(`${base}/document`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('<p class="ba-print-cover__municipality">Gemeente Reactiedorp</p>');
    expect(print.body).toContain('<p class="ba-print-cover__subtitle">Buurt Buurt Een-A · versie 1</p>');
    expect(print.body).toContain('<nav class="ba-print-toc"');
    expect(print.body).toContain('<li><a href="#part-figures">De buurt in cijfers</a></li>');
    expect(print.body).toContain('<figcaption>Bron: eigen gegevens van de gemeente (test-kerncijfers, 2024).</figcaption>');
    expect(print.body).not.toMatch(/<script|style=/);
    // On paper a link to a live page is a whole address.
    expect(print.body).toMatch(/href="https?:\/\/[^"]+\/reactiedorp\/gebieden\/BU\d+\/ecosysteem"/);
    expect(print.body).not.toMatch(/href="\/reactiedorp/);
    const pdf = await w.as.anonymous.get(`${base}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    if (pdfAvailable()) {
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(pdf.body).toContain('De PDF kan op dit moment niet op de server worden gemaakt.');
    }

    const api = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/picture?lang=en`)).json() as Record<string, any>;
    expect(api).toMatchObject({ areaCode: n1, title: 'Wijkbeeld Buurt Een-A', version: 1, latestVersion: 1, summary: 'Eerste versie.', year: 2024, page: `${base}/versies/1` });
    expect(api.parts.map((p: { name: string }) => p.name)).toEqual(['figures', 'readings', 'places', 'ecosystem', 'history', 'money']);
    expect(api.parts[0].heading).toBe('The neighbourhood in figures');
    expect(api.sections).toEqual([
      { key: 'trots', heading: 'Waar we trots op zijn', body: 'De zomermarkt in het park.' },
      { key: 'nodig', heading: 'Wat we nodig hebben', body: 'Een ruimte voor jongeren.' },
    ]);

    // A second version: the editor starts from the published text; the comparison shows the change.
    const form = await w.as.admin.get(`${base}/bewerken`);
    expect(form.body).toContain('De zomermarkt in het park.');
    await w.as.admin.postForm(`${base}/bewerken`, draft({ expectedRevision: '3', 'sections.1.body': 'De zomermarkt en de burendag.' }));
    expect((await w.as.admin.postForm(`${base}/publiceren`, { summary: 'Burendag erbij.', expectedRevision: '4' })).statusCode).toBe(303);
    const diff = await w.as.anonymous.get(`${base}/vergelijken?van=1&naar=2`);
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain('<ins class="ba-diff-ins"><span class="ba-visually-hidden">toegevoegd: </span>en de burendag');
    expect((await w.as.anonymous.get(`${base}/versies/1`)).body).toContain('Dit is een oudere versie. De nieuwste is versie 2.');
    expect((await w.as.anonymous.get(`/reactiedorp/gebieden/${n1}`)).body).toContain('Het wijkbeeld van Buurt Buurt Een-A: versie 2 van');
  });

  it('never names a key person: the review, the page, the print page, the API and the stored version count them but leave the name out', async () => {
    const eco = `/reactiedorp/gebieden/${n1}/ecosysteem`;
    const idOf = (location: unknown) => /\/actoren\/([a-z0-9]+)$/.exec(String(location))![1]!;
    const kook = idOf((await w.as.admin.postForm(`${eco}/actoren/nieuw`, { kind: 'initiative', name: 'Kookclub De Pan' })).headers.location);
    const tuin = idOf((await w.as.admin.postForm(`${eco}/actoren/nieuw`, { kind: 'initiative', name: 'Buurttuin Oost' })).headers.location);
    const truus = await w.as.admin.postForm(`${eco}/sterkhouders/nieuw`, { name: 'Tante Truus', role: 'Spil van de straat', consentMethod: 'verbal', consentGivenOn: '2025-03-01', consentConfirmed: 'on' });
    expect(truus.statusCode).toBe(303);
    // Truus alone joins the two groups: the network's broker, named on the ecosystem page (she consented to that).
    for (const toId of [kook, tuin]) expect((await w.as.admin.postForm(`${eco}/relaties/nieuw`, { fromId: idOf(truus.headers.location), toId, kind: 'member_of' })).statusCode).toBe(303);
    expect((await w.as.anonymous.get(eco)).body).toContain('Tante Truus');

    await w.as.admin.postForm(`${base}/bewerken`, draft());
    const review = await w.as.admin.get(`${base}/publiceren`);
    expect(review.body).toContain('Kookclub De Pan');
    expect(review.body).not.toContain('Truus');
    await w.as.admin.postForm(`${base}/publiceren`, { summary: 'Eerste versie.', expectedRevision: '1' });
    const page = (await w.as.anonymous.get(base)).body;
    expect(page).toContain('Kookclub De Pan');
    expect(page).toContain('een sterkhouder');
    for (const path of [base, `${base}/versies/1`, `${base}/document`, `${base}?lang=en`, `/api/v1/reactiedorp/areas/${n1}/picture`]) {
      expect((await w.as.anonymous.get(path)).body, path).not.toContain('Truus');
    }
    const stored = await w.tp.platform.db.selectFrom('document_versions').select('content').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.content).toContain('Kookclub De Pan');
    expect(stored[0]!.content).not.toContain('Truus');
  });

  it('a story taken down after publication is no longer shown in the frozen version, on the page, the print page or in the API', async () => {
    const sys = { platform: w.tp.platform, actor: system, tenant: w.a, locale: 'nl' as const };
    const added = await w.as.anna.postForm(`/reactiedorp/gebieden/${n1}/geschiedenis/nieuw`, {
      title: 'Het buurthuis opent', kind: 'opening', when: '1962', story: 'Een verhaal met de naam van de buurman.', citation1: 'Dagblad', url1: '',
    });
    const id = /\/geschiedenis\/([a-z0-9]+)$/.exec(String(added.headers.location))![1]!;
    await w.as.admin.postForm(`${base}/bewerken`, draft());
    await w.as.admin.postForm(`${base}/publiceren`, { summary: 'Eerste versie.', expectedRevision: '1' });
    expect((await w.as.anonymous.get(base)).body).toContain('Een verhaal met de naam van de buurman.');
    await execute(sys, deleteHistoryEntry, { id });
    for (const path of [base, `${base}/document`]) {
      const body = (await w.as.anonymous.get(path)).body;
      expect(body).not.toContain('Een verhaal met de naam van de buurman.');
      expect(body).toContain('Deze bijdrage is na het publiceren verborgen door de moderatie of verwijderd door de schrijver.');
    }
    const api = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/picture`)).json() as { parts: Array<{ name: string; data: { items: Array<Record<string, unknown>> } }> };
    expect(api.parts.find((p) => p.name === 'history')!.data.items).toEqual([expect.objectContaining({ id, withdrawn: true, story: '', title: '' })]);
  });
});
