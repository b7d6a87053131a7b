import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { agent, signInDirectly, type Agent } from '../../../test/support/http.js';
import { count, openModerationWorld, type ModerationWorld } from '../../../test/support/moderation.js';
import { readAudit } from '../../platform/audit.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { system } from '../../platform/policy.js';
import { erasePersonalData, exportPersonalData } from '../../platform/privacy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { registerHistoryReferenceKind } from './references.js';
import { unregisterHistoryReferenceKind } from './references.js';

/**
 * The timeline through the pages and the API, on both engines: Reactiedorp's areas are a small
 * municipality of two districts; Anna and Bert are residents, Carl's address is not verified, Mo
 * moderates, Olga is an official of the first district only.
 */
describeEachEngine('history', (engine) => {
  let w: ModerationWorld;
  let olga: Agent;
  let n1: string;
  let n2: string;
  let base: string;

  const entry = (fields: Record<string, string> = {}) => ({
    title: 'Sluiting van de textielfabriek', kind: 'closure', when: 'ca. 1968', story: 'De fabriek ging dicht; driehonderd mensen verloren hun werk.',
    citation1: 'Dagblad van het Oosten, 4 mei 1968', url1: '', ...fields,
  });
  const add = (a: Agent, fields: Record<string, string> = {}, code = n1) => a.postForm(`/reactiedorp/gebieden/${code}/geschiedenis/nieuw`, entry(fields));
  const idOf = (location: unknown) => /\/geschiedenis\/([a-z0-9]+)$/.exec(String(location))?.[1] ?? '';
  const timeline = (a: Agent = w.as.anonymous, query = '') => a.get(`${base}/geschiedenis${query}`);

  beforeEach(async () => {
    w = await openModerationWorld(engine);
    const sys = { platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a_2025.geojson', text: smallMunicipality(w.a.cbsCode, { municipality: 'Reactiedorp' }) }], { divisionYear: 2025 });
    const digits = w.a.cbsCode.slice(2);
    n1 = `BU${digits}0101`;
    n2 = `BU${digits}0201`;
    base = `/reactiedorp/gebieden/${n1}`;
    const olgaId = newId();
    await w.tp.platform.db.insertInto('people').values({ id: olgaId, email: 'olga@test.example', display_name: 'Olga Oost', password_hash: 'x', email_verified_at: nowIso(), locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
    await w.tp.platform.db.insertInto('role_grants').values({ id: newId(), person_id: olgaId, role: 'official', scope_type: 'area', scope_id: `WK${digits}01`, municipality_id: w.a.id, granted_at: nowIso() }).execute();
    olga = agent(w.app);
    await signInDirectly(olga, w.tp.platform, 'olga@test.example');
  }, 60_000);
  afterEach(async () => {
    unregisterHistoryReferenceKind('place');
    await w.close();
  });

  it('adds entries and shows them chronologically per decade with their sources, filterable by kind, and audits them', async () => {
    const first = await add(w.as.anna);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toMatch(new RegExp(`^${base}/geschiedenis/[a-z0-9]+$`));
    await add(w.as.bert, { title: 'Opening van het buurthuis', kind: 'opening', when: '12-3-1962', story: 'Het buurthuis <b>opende</b>.', citation1: '', url1: 'https://archief.example/buurthuis' });
    await add(w.as.anna, { title: 'Nieuwbouw aan de Vaart', kind: 'housing', when: '1995-2001', story: 'Vierhonderd woningen.', citation1: 'Gemeentearchief' });
    const html = (await timeline()).body;
    expect(html).toContain('De tijdlijn telt 3 bijdragen.');
    expect(html).toContain('<h2 class="utrecht-heading-2" id="decennium-1960">1960–1969</h2>');
    expect(html.indexOf('Opening van het buurthuis')).toBeLessThan(html.indexOf('Sluiting van de textielfabriek'));
    expect(html.indexOf('Sluiting van de textielfabriek')).toBeLessThan(html.indexOf('Nieuwbouw aan de Vaart'));
    expect(html).toContain('<time datetime="1962-03-12">12 maart 1962</time>');
    expect(html).toContain('rond 1968');
    expect(html).toContain('1995–2001');
    expect(html).toContain('Het buurthuis &lt;b&gt;opende&lt;/b&gt;.');
    expect(html).toContain('href="https://archief.example/buurthuis"');
    expect(html).toContain('Dagblad van het Oosten, 4 mei 1968');
    expect(html).toContain('door Anna Aalders');
    const filtered = (await timeline(w.as.anonymous, '?soort=housing')).body;
    expect(filtered).toContain('1 van de 3 bijdragen gaan over: verandering in het wonen.');
    expect(filtered).not.toContain('Sluiting van de textielfabriek');
    const entryPage = (await w.as.anonymous.get(String(first.headers.location))).body;
    expect(entryPage).toContain('<h1 class="utrecht-heading-1">Sluiting van de textielfabriek</h1>');
    expect(entryPage).toContain(`href="/reactiedorp/melden/historyEntry/${idOf(first.headers.location)}"`);
    const [audit] = await readAudit(w.tp.platform.db, { action: 'history.add', entityId: idOf(first.headers.location) });
    expect(audit?.after?.kind).toBe('closure');
    const raw = await w.tp.platform.db.selectFrom('audit_log').select('after_json').where('action', '=', 'history.add').execute();
    expect(raw.map((r) => r.after_json).join()).not.toContain('driehonderd mensen');
    expect((await w.as.anonymous.get(base)).body).toContain('De tijdlijn telt 3 bijdragen, van 12 maart 1962 tot 1995–2001.');
    // Residents react under an entry.
    const comment = await w.as.bert.postForm('/reactiedorp/reacties', { subjectType: 'historyEntry', subjectId: idOf(first.headers.location), body: 'Mijn opa werkte er ook.' });
    expect(comment.statusCode).toBe(303);
    expect((await w.as.anonymous.get(String(first.headers.location))).body).toContain('Mijn opa werkte er ook.');
  });

  it('refuses bad input naming the field and changes nothing; only verified people add', async () => {
    const before = await count(w.tp, 'audit_log');
    const noSource = await add(w.as.anna, { citation1: '' });
    expect(noSource.statusCode).toBe(422);
    expect(noSource.body).toContain('href="#field-sources">Bronnen: Noem minstens één bron');
    const badDate = await add(w.as.anna, { when: '31-2-1968' });
    expect(badDate.body).toContain('href="#field-when">Wanneer: Deze datum bestaat niet.');
    expect((await add(w.as.anna, { when: 'vroeger' })).body).toContain('Wanneer: Schrijf de datum als');
    expect((await add(w.as.anna, { when: '2999' })).body).toContain('Dit ligt in de toekomst.');
    const badUrl = await add(w.as.anna, { url2: 'javascript:alert(1)' });
    expect(badUrl.body).toContain('href="#field-url2">Bron 2: webadres: Vul een webadres in');
    expect(badUrl.body).toContain('value="Dagblad van het Oosten, 4 mei 1968"');
    expect((await add(w.as.anna, { kind: 'ramp' })).body).toContain('href="#field-kind">Soort: Kies een van de mogelijkheden.');
    expect((await add(w.as.anna, { title: '' })).body).toContain('href="#field-title">Titel: Vul dit veld in.');
    expect((await add(w.as.anonymous)).statusCode).toBe(401);
    expect((await add(w.as.carl)).statusCode).toBe(403);
    expect((await add(w.as.anna, {}, 'BU99990101')).statusCode).toBe(404);
    expect((await w.as.anna.postForm(`/anderdorp/gebieden/${n1}/geschiedenis/nieuw`, entry())).statusCode).toBe(404);
    expect(await w.tp.platform.db.selectFrom('history_entries').select('id').execute()).toEqual([]);
    expect(await count(w.tp, 'audit_log')).toBe(before);
    expect((await w.as.anonymous.get(`${base}/geschiedenis/nieuw`)).body).toContain('Log in om iets toe te voegen');
    expect((await w.as.carl.get(`${base}/geschiedenis/nieuw`)).body).toContain('Bevestig eerst uw e-mailadres');
  });

  it('lets the author change and delete an entry for 48 hours, and moderators and officials of the area always', async () => {
    const id = idOf((await add(w.as.anna)).headers.location);
    const path = `${base}/geschiedenis/${id}`;
    expect((await w.as.anna.get(`${path}/bewerken`)).body).toContain('value="ca. 1968"');
    expect((await w.as.bert.get(`${path}/bewerken`)).statusCode).toBe(403);
    expect((await w.as.bert.postForm(`${path}/bewerken`, entry({ title: 'Overgenomen' }))).statusCode).toBe(403);
    expect((await w.as.anna.postForm(`${path}/bewerken`, entry({ when: '4-5-1968' }))).statusCode).toBe(303);
    expect((await w.as.anonymous.get(path)).body).toContain('<time datetime="1968-05-04">4 mei 1968</time>');
    await w.tp.platform.db.updateTable('history_entries').set({ created_at: new Date(Date.now() - 49 * 3_600_000).toISOString() }).where('id', '=', id).execute();
    expect((await w.as.anna.postForm(`${path}/bewerken`, entry({ title: 'Te laat' }))).statusCode).toBe(403);
    expect((await w.as.anna.get(path)).body).not.toContain(`${path}/bewerken`);
    expect((await olga.postForm(`${path}/bewerken`, entry({ title: 'Sluiting van textielfabriek De Eendracht' }))).statusCode).toBe(303);
    expect((await w.as.mo.get(path)).body).toContain(`${path}/bewerken`);
    const [edit] = await readAudit(w.tp.platform.db, { action: 'history.edit', entityId: id });
    expect(edit?.before?.title).toBe('Sluiting van de textielfabriek');
    expect(edit?.after?.title).toBe('Sluiting van textielfabriek De Eendracht');
    const other = idOf((await add(w.as.anna, {}, n2)).headers.location);
    expect((await olga.postForm(`/reactiedorp/gebieden/${n2}/geschiedenis/${other}/verwijderen`, {})).statusCode).toBe(403);
    expect((await w.as.mo.postForm(`${path}/verwijderen`, {})).statusCode).toBe(303);
    expect((await w.as.anonymous.get(path)).statusCode).toBe(404);
    expect((await timeline()).body).toContain('Nog niemand schreef iets');
    const row = await w.tp.platform.db.selectFrom('history_entries').select(['status', 'story']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'deleted', story: '' });
  });

  it('hides an entry after moderation: others see a notice, the author the reason, and the API leaves it out', async () => {
    const id = idOf((await add(w.as.anna, { story: 'De buurman op nummer 3 was de schuldige.' })).headers.location);
    expect((await w.as.anonymous.postForm(`/reactiedorp/melden/historyEntry/${id}`, { category: 'personal_data' })).statusCode).toBe(303);
    expect((await w.as.mo.get('/reactiedorp/beheer/moderatie')).body).toContain('De buurman op nummer 3');
    expect((await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/historyEntry/${id}/verbergen`, { reason: 'Noem geen buren.' })).statusCode).toBe(303);
    const publicPage = (await timeline()).body;
    expect(publicPage).toContain('Deze bijdrage is verborgen door de moderatie.');
    expect(publicPage).not.toContain('De buurman op nummer 3');
    const own = (await timeline(w.as.anna)).body;
    expect(own).toContain('De buurman op nummer 3');
    expect(own).toContain('Noem geen buren.');
    expect((await w.as.anna.postForm(`${base}/geschiedenis/${id}/bewerken`, entry())).statusCode).toBe(409);
    const api = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/history`)).json() as { items: unknown[] };
    expect(api.items).toEqual([]);
    expect((await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/history/${id}`)).statusCode).toBe(404);
  });

  it('serves the timeline as JSON and takes entries through the API with the same rules', async () => {
    const created = await w.as.anna.api('POST', `/api/v1/reactiedorp/areas/${n1}/history`, {
      title: 'Protest tegen de hoogbouw', kind: 'tension', when: '1975-1977', story: 'Bewoners hielden de sloop tegen.',
      sources: [{ citation: 'Interview met oud-bewoners, 2024' }, { url: 'https://krant.example/1976' }], references: [{ type: 'place', id: 'plein-1' }],
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const list = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/history?lang=en`)).json() as { items: Array<Record<string, any>> };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id, kind: 'tension', title: 'Protest tegen de hoogbouw', author: { name: 'Anna Aalders' },
      when: { precision: 'period', year: 1975, yearTo: 1977, label: '1975–1977', sortKey: '1975-00-00' },
      sources: [{ citation: 'Interview met oud-bewoners, 2024', url: null }, { citation: null, url: 'https://krant.example/1976' }],
      references: [{ type: 'place', id: 'plein-1', title: null, path: null }],
    });
    const bad = await w.as.anna.api('POST', `/api/v1/reactiedorp/areas/${n1}/history`, { title: 'x', kind: 'event', when: '1975', story: 'x', sources: [] });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('"field":"sources"');
    expect((await w.as.bert.api('PUT', `/api/v1/reactiedorp/areas/${n1}/history/${id}`, { title: 'x', kind: 'event', when: '1975', story: 'x', sources: [{ citation: 'y' }] })).statusCode).toBe(403);
    expect((await w.as.anna.api('DELETE', `/api/v1/reactiedorp/areas/${n1}/history/${id}`)).statusCode).toBe(204);
  });

  it('names the places a capability registers, offers them in the form, and refuses unknown ones', async () => {
    registerHistoryReferenceKind({
      type: 'place',
      async find(_db, _tenant, ids) { return new Map(ids.filter((id) => id.startsWith('ok')).map((id) => [id, { title: `Plek ${id}`, path: `/reactiedorp/plekken/${id}` }])); },
      async choices() { return [{ id: 'ok1', title: 'Buurthuis De Vaart' }, { id: 'ok2', title: 'Het plein' }]; },
    });
    expect((await w.as.anna.get(`${base}/geschiedenis/nieuw`)).body).toContain('<label class="utrecht-form-label utrecht-form-label--checkbox" for="field-place-0">Buurthuis De Vaart</label>');
    const unknown = await add(w.as.anna, { place: 'weg' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('De plek weg bestaat niet (meer).');
    const id = idOf((await add(w.as.anna, { place: 'ok1' })).headers.location);
    expect((await w.as.anonymous.get(`${base}/geschiedenis/${id}`)).body).toContain('<a class="utrecht-link" href="/reactiedorp/plekken/ok1">Plek ok1</a>');
    // What the registered capability no longer finds (removed, or not to be shown) is left out, even its id.
    await w.tp.platform.db.insertInto('history_references').values({ entry_id: id, municipality_id: w.a.id, ref_type: 'place', ref_id: 'verborgen' }).execute();
    expect((await w.as.anonymous.get(`${base}/geschiedenis/${id}`)).body).not.toContain('verborgen');
    const api = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/history/${id}`)).json() as { references: unknown[] };
    expect(api.references).toEqual([{ type: 'place', id: 'ok1', title: 'Plek ok1', path: '/reactiedorp/plekken/ok1' }]);
  });

  it("exports a person's entries and, on erasure, keeps neither text nor author", async () => {
    const id = idOf((await add(w.as.anna, { story: 'Mijn herinnering aan de fabriek.' })).headers.location);
    const subject = { personId: w.ids.anna, email: 'anna@test.example', name: 'Anna Aalders' };
    expect(JSON.stringify(await exportPersonalData(w.tp.platform.db, subject))).toContain('Mijn herinnering aan de fabriek.');
    await w.tp.platform.db.transaction().execute((tx) => erasePersonalData(tx, subject));
    const row = await w.tp.platform.db.selectFrom('history_entries').select(['author_id', 'story', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ author_id: null, story: '', status: 'erased' });
    expect((await timeline()).body).not.toContain('Anna Aalders');
  });
});
