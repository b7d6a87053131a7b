import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, inputValue, signInDirectly, type Agent } from '../../../test/support/http.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { system } from '../../platform/policy.js';
import type { Tenant } from '../../platform/tenancy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { fileOf } from './fixtures.js';
import { importStatistics } from './import-service.js';
import { indicesMessages } from './indices-messages.js';
import { parseIndexForm } from './indices-routes.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

/** The indices' pages over HTTP (policy and forms are engine-independent: SQLite). */
const FIGURES = ['year;area_code;variable;value'];
[60, 60, 80, 80].forEach((v, i) => FIGURES.push(`2024;BU00010${i < 2 ? 1 : 2}0${(i % 2) + 1};p_arb_pp;${v}`));
[5, 15, 5, 15].forEach((v, i) => FIGURES.push(`2024;BU00010${i < 2 ? 1 : 2}0${(i % 2) + 1};p_hh_osm;${v}`));

/** The edit form as the page fills it, with changes. */
function formOf(page: string, changes: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of page.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    if (/type="hidden"/.test(m[0]) && m[1] !== '_formkey') continue;
    fields[m[1]!] = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
  }
  for (const m of page.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
  }
  return { ...fields, ...changes };
}

describe('composite index pages', () => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let home: Tenant;
  let official: Agent;
  let stranger: Agent;

  const personWith = async (email: string, role: string, tenant: Tenant) => {
    const id = newId();
    await t.platform.db.insertInto('people').values({ id, email, display_name: email, password_hash: 'x', email_verified_at: nowIso(), locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
    await t.platform.db.insertInto('role_grants').values({ id: newId(), person_id: id, role: role as never, scope_type: 'municipality', scope_id: tenant.id, municipality_id: tenant.id, granted_at: nowIso() }).execute();
    const a = agent(app);
    await signInDirectly(a, t.platform, email);
    return a;
  };
  const stored = () => t.platform.db.selectFrom('statistic_index_definitions').selectAll().execute();

  beforeAll(async () => {
    t = await openTestPlatform('sqlite');
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001', divisionYear: 2024 });
    const other = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
    const sys = { platform: t.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a.geojson', text: smallMunicipality('GM0001', { municipality: 'Eerstestad' }) }], { divisionYear: 2024 });
    await importStatistics(sys, fileOf('cijfers.csv', `${FIGURES.join('\n')}\n`), { format: 'long', source: 'test-kwb' });
    app = await buildTestApp(t.platform);
    official = await personWith('ambtenaar@eerstestad.example', 'official', home);
    stranger = await personWith('ambtenaar@tweedestad.example', 'official', other);
  }, 60_000);
  afterAll(async () => { await app?.close(); await t?.close(); });

  it('shows the indices with a map and a table of neighbourhoods, and one index explained', async () => {
    const page = await agent(app).get('/eerstestad/indices');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vitaliteitsindex');
    expect(page.body).toContain('Kwetsbaarheidsindex');
    expect(page.body).toContain('id="index-vitaliteit"'); // the choropleth
    expect(page.body).toContain('Buurt Een-A');
    expect(page.body).not.toContain('/beheer/indices/');
    const explained = await agent(app).get('/eerstestad/indices/kwetsbaarheid');
    expect(explained.statusCode).toBe(200);
    expect(explained.body).toContain('100 + 10 × (waarde − gemiddelde) ÷ standaardafwijking');
    expect(explained.body).toContain('Huishoudens onder of rond het sociaal minimum');
    expect((await agent(app).get('/eerstestad/indices/bestaat-niet')).statusCode).toBe(404);
    expect((await agent(app).get('/eerstestad/indices?jaar=1999')).statusCode).toBe(404);
    const english = await agent(app).get('/eerstestad/indices?lang=en');
    expect(english.body).toContain('Vitality index');
  });

  it('keeps the edit page for officials of the municipality', async () => {
    expect((await agent(app).get('/eerstestad/beheer/indices/vitaliteit')).statusCode).toBe(303); // to sign in
    expect((await stranger.get('/eerstestad/beheer/indices/vitaliteit')).statusCode).toBe(403);
    expect((await stranger.postForm('/eerstestad/beheer/indices/vitaliteit', { action: 'preview' })).statusCode).toBe(403);
    const page = await official.get('/eerstestad/beheer/indices/vitaliteit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="themes.0.indicators.0.id"');
    expect(page.body).toContain('value="preview"');
    expect((await official.get('/eerstestad/beheer/indices/bestaat-niet')).statusCode).toBe(404);
  });

  it('previews the effect without saving, then saves', async () => {
    const page = await official.get('/eerstestad/beheer/indices/vitaliteit');
    // Only labour participation in the economic theme; nothing else.
    const changes: Record<string, string> = { 'baseYear': '2024', 'themes.3.indicators.1.id': '', 'themes.3.indicators.2.id': '' };
    for (const ti of [0, 1, 2]) for (let ii = 0; ii < 8; ii++) changes[`themes.${ti}.indicators.${ii}.id`] = '';
    for (const ti of [0, 1, 2]) { changes[`themes.${ti}.nameNl`] = ''; changes[`themes.${ti}.nameEn`] = ''; }
    const fields = formOf(page.body, changes);
    const preview = await official.postForm('/eerstestad/beheer/indices/vitaliteit', { ...fields, action: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Er is niets opgeslagen');
    expect(preview.body).toMatch(/Buurt Een-A<\/td><td class="utrecht-table__cell utrecht-table__cell--numeric">[^<]*<\/td><td class="utrecht-table__cell">[^<]*<\/td><td class="utrecht-table__cell utrecht-table__cell--numeric"><strong>90,0<\/strong>/);
    expect(await stored()).toEqual([]);

    const saved = await official.postForm('/eerstestad/beheer/indices/vitaliteit', { ...fields, _formkey: inputValue(preview.body, '_formkey')! });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/eerstestad/indices/vitaliteit');
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.definition)).toMatchObject({ baseYear: 2024, themes: [{ nameNl: 'Economische vitaliteit', indicators: [{ id: 'p_arb_pp' }] }] });
    expect((await agent(app).get('/eerstestad/indices/vitaliteit')).body).toContain('versie 1');
  });

  it('names the wrong field of the form, in the form\'s own numbering', async () => {
    const page = await official.get('/eerstestad/beheer/indices/kwetsbaarheid');
    const fields = formOf(page.body, { 'themes.1.indicators.0.id': '', 'themes.1.indicators.1.weight': 'veel', 'bands.2': '85' });
    const response = await official.postForm('/eerstestad/beheer/indices/kwetsbaarheid', fields);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#field-themes.1.indicators.1.weight"');
    expect(response.body).toContain('Thema 2, indicator 2: Gewicht');
    // The catalogue and the limits are checked once the form is well-formed.
    const second = await official.postForm('/eerstestad/beheer/indices/kwetsbaarheid', { ...fields, 'themes.1.indicators.1.weight': '2', _formkey: inputValue(response.body, '_formkey')! });
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain('href="#field-bands.2"');
    expect((await stored()).filter((r) => r.id === 'kwetsbaarheid')).toEqual([]);
  });

  it('maps the input\'s fields back to the form\'s rows', () => {
    const { input, formField } = parseIndexForm({
      'themes.0.nameNl': '', 'themes.0.indicators.0.id': '',
      'themes.1.nameNl': 'B', 'themes.1.indicators.0.id': '', 'themes.1.indicators.1.id': 'x', 'themes.1.indicators.1.weight': '2',
    });
    expect(input.themes).toHaveLength(1);
    expect(formField('themes.0.indicators.0.weight')).toBe('themes.1.indicators.1.weight');
    expect(formField('themes.0.nameEn')).toBe('themes.1.nameEn');
    expect(formField('bands.1')).toBe('bands.1');
  });

  it('has the same keys and placeholders in Dutch and English', () => {
    expectSameKeysAndPlaceholders(indicesMessages);
  });
});
