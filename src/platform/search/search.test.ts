import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { importAreas } from '../../capabilities/areas/index.js';
import { smallMunicipality } from '../../capabilities/areas/fixtures.js';
import { addPublicValue, createMunicipality, removePublicValue, updatePublicValue } from '../../capabilities/municipality/index.js';
import { createOrganisation } from '../../capabilities/parties/index.js';
import { updateOrganisation } from '../../capabilities/parties/service.js';
import type { Context } from '../context.js';
import { system } from '../policy.js';
import { execute } from '../service.js';
import { findTenantBySlug, type Tenant } from '../tenancy.js';
import { ensureSearchIndex, reindexAll, search, type SearchResult } from './service.js';
import { countItems } from './store.js';

const HOSTILE = [
  '"', '""', '"buurt', 'buurt"', 'AND', 'OR', 'NOT', 'NEAR', 'buurt AND', 'AND buurt', 'buurt OR OR moestuin', 'NEAR(buurt moestuin)',
  '*', 'buurt*', '*buurt', '-', '-buurt', 'buurt -moestuin', '(', ')', '((buurt', 'buurt))', '{norm_title}: buurt', 'scope:mabc', 'norm_body : x',
  '^buurt', "'", "''", "buurt's", '\\', '\\\\"', ':', ':*', 'buurt:*', '!', '&', '|', '<->', 'buurt & | !', '%', '_', '%_\\',
  '\u0000', 'buurt\u0000moestuin', '\u0001\u0002', '🏡 buurt 🌳', 'ｂｕｕｒｔ', '  ', '', 'de het een', 'a b c d e f g h i j k l m n o p',
  'x'.repeat(500), 'buurt '.repeat(100), '"'.repeat(500), `${'('.repeat(250)}${')'.repeat(250)}`, 'SELECT * FROM search_items; --',
];

describeEachEngine('search', (engine) => {
  let test: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  const ctx = (tenant: Tenant | null): Context => ({ platform: test.platform, actor: system, tenant, locale: 'nl' });
  const find = (tenant: Tenant, query: string, options: { type?: string; limit?: number; offset?: number } = {}): Promise<SearchResult> =>
    search(test.platform.db, tenant, { query, type: options.type, limit: options.limit ?? 20, offset: options.offset ?? 0 });
  const titles = async (tenant: Tenant, query: string, type?: string) => (await find(tenant, query, { type })).items.map((i) => i.title);
  const organisation = async (tenant: Tenant, name: string, description?: string, kind = 'association') =>
    (await execute(ctx(tenant), createOrganisation, { kind, name, description })).id;

  beforeAll(async () => {
    test = await openTestPlatform(engine);
    // Through the real use cases: the municipalities (with their default public values), their areas, organisations.
    for (const [slug, name, cbsCode] of [['aadorp', 'Gemeente Aadorp', 'GM0001'], ['beedorp', 'Gemeente Beedorp', 'GM0002']] as const) {
      await execute(ctx(null), createMunicipality, { slug, name, cbsCode, divisionYear: 2025 });
    }
    a = (await findTenantBySlug(test.platform.db, 'aadorp'))!;
    b = (await findTenantBySlug(test.platform.db, 'beedorp'))!;
    await importAreas(ctx(null), [{ name: 'gm0001_2025.geojson', text: smallMunicipality('GM0001', { municipality: 'Aadorp', prefix: 'Aa' }) }]);
    await importAreas(ctx(null), [{ name: 'gm0002_2025.geojson', text: smallMunicipality('GM0002', { municipality: 'Beedorp', prefix: 'Bee' }, [6, 52]) }]);
  });
  afterAll(async () => test?.close());

  it('finds an organisation created through the use case, and finds it under its new name only after a rename', async () => {
    const id = await organisation(a, 'Bewonersvereniging Zonnebloem', 'Wij organiseren een moestuin en koffieochtenden.');
    const found = await find(a, 'zonnebloem');
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ type: 'organisation', id, title: 'Bewonersvereniging Zonnebloem', url: `/organisaties/${id}` });
    // The kind's label is indexed too.
    expect(await titles(a, 'vereniging zonnebloem')).toEqual(['Bewonersvereniging Zonnebloem']);

    await execute(ctx(a), updateOrganisation, { id, kind: 'association', name: 'Bewonersvereniging Klaproos', description: 'Wij organiseren een moestuin.' });
    expect((await find(a, 'zonnebloem')).total).toBe(0);
    expect(await titles(a, 'klaproos')).toEqual(['Bewonersvereniging Klaproos']);
    expect((await find(a, 'koffieochtenden')).total).toBe(0);
  });

  it("never returns another municipality's items, and finds a municipality's own (national) areas by name and code", async () => {
    await organisation(b, 'Stichting Vlinderhof Beedorp', 'Een vlindertuin in Beedorp.');
    await organisation(a, 'Stichting Vlinderhof Aadorp', 'Een vlindertuin in Aadorp.');
    expect(await titles(a, 'vlinderhof')).toEqual(['Stichting Vlinderhof Aadorp']);
    expect(await titles(b, 'vlinderhof')).toEqual(['Stichting Vlinderhof Beedorp']);
    expect(await titles(a, 'beedorp')).toEqual([]);
    // The index keeps each municipality's words apart under its scope token; no query can name another's.
    expect(await titles(a, `m${b.id}_vlinderhof`)).toEqual([]);
    expect(await titles(a, `m:${b.id}_vlinderhof cgm0002_vlinderhof`)).toEqual([]);

    // Areas are national; each municipality finds its own through their municipality code.
    const areasOfA = await find(a, 'buurt', { type: 'area' });
    expect(areasOfA.total).toBe(4);
    expect(areasOfA.items.every((i) => i.id.startsWith('BU0001'))).toBe(true);
    expect((await find(a, 'BU00010101')).items.map((i) => i.id)).toEqual(['BU00010101']);
    expect((await find(a, 'BU00020101')).total).toBe(0);
    expect((await find(b, 'bu0002')).items.map((i) => i.id).sort()).toEqual(['BU00020101', 'BU00020102', 'BU00020201', 'BU00020202']);
    for (const item of (await find(b, 'wijk')).items) expect(item.id).toMatch(/^(WK|BU|GM)0002/);
  });

  it('stems Dutch words in text and query alike', async () => {
    await organisation(a, 'Speeltuinvereniging De Wip', 'Wij beheren twee speeltuinen en organiseren activiteiten voor kinderen in de buurten rond het park.');
    await organisation(a, 'Stichting Zuidoost', 'Een organisatie voor alle straten in Zuidoost.');
    expect(await titles(a, 'speeltuin activiteit')).toEqual(['Speeltuinvereniging De Wip']);
    expect(await titles(a, 'activiteiten buurt')).toEqual(['Speeltuinvereniging De Wip']);
    expect(await titles(a, 'organisaties straat')).toEqual(['Stichting Zuidoost']);
    // Prefixes: a word finds longer words that start with it (Dutch compounds).
    expect(await titles(a, 'speel')).toContain('Speeltuinvereniging De Wip');
    // Diacritics do not matter.
    await organisation(a, 'Coöperatie Energiek', 'Zonnepanelen op het dak van het café.', 'cooperative');
    expect(await titles(a, 'cooperatie cafe')).toEqual(['Coöperatie Energiek']);
  });

  it('never fails on hostile or odd queries', async () => {
    for (const query of HOSTILE) {
      const result = await find(a, query);
      expect(result.items.length, query).toBeLessThanOrEqual(20);
      for (const item of result.items) expect(item.snippet.replace(/<\/?mark>/g, ''), query).not.toMatch(/[<>]/);
    }
    // Operators are plain words: "buurt AND" needs the word "and" too; the quotes and stars of "buurt*" are ignored.
    expect((await find(a, '"buurt*"')).total).toBe((await find(a, 'buurt')).total);
    expect((await find(a, 'de het een')).onlyStopWords).toBe(true);
  });

  it('puts items whose title matches before items that only mention the words', async () => {
    await organisation(a, 'Huurdersvereniging Oost', 'Over de fietsenstalling, de fietsenstalling en nog eens de fietsenstalling: fietsenstalling fietsenstalling fietsenstalling.');
    await organisation(a, 'Fietsenstalling Centrum', 'Bewaakt, voor de hele buurt.');
    const result = await find(a, 'fietsenstalling');
    expect(result.items.map((i) => i.title)).toEqual(['Fietsenstalling Centrum', 'Huurdersvereniging Oost']);
    expect(result.items.map((i) => i.inTitle)).toEqual([true, false]);
  });

  it('returns snippets with the text escaped and only its own <mark>', async () => {
    await organisation(a, 'Stichting Veilig', 'Wij <script>alert("xss")</script> schrijven <b>vet</b> over de waterput & meer.');
    const [item] = (await find(a, 'waterput')).items;
    expect(item!.snippet).toContain('<mark>waterput</mark>');
    expect(item!.snippet).not.toContain('<script');
    expect(item!.snippet).not.toContain('<b>');
    expect(item!.snippet).toContain('&amp; meer');
    if (engine === 'sqlite') expect(item!.snippet).toContain('&lt;script&gt;');
    expect(item!.snippet.match(/<[^>]*>/g)).toEqual(['<mark>', '</mark>']);
    // The title is never HTML: it comes back as text, for the page to escape.
    await organisation(a, 'Club <img src=x onerror=alert(1)> Regenboog');
    expect(await titles(a, 'regenboog')).toEqual(['Club <img src=x onerror=alert(1)> Regenboog']);
  });

  it("indexes the municipality's public values and follows their changes", async () => {
    const values = await find(a, 'duurzaamheid');
    expect(values.items.map((i) => [i.type, i.title, i.url])).toEqual([['publicValue', 'Duurzaamheid', '/']]);
    const { id } = await execute(ctx(a), addPublicValue, { nameNl: 'Vrijwillige inzet', nameEn: 'Volunteering', descriptionNl: 'Bewoners zetten zich in voor elkaar.', descriptionEn: 'Residents help each other.' });
    expect(await titles(a, 'inzet', 'publicValue')).toEqual(['Vrijwillige inzet']);
    expect(await titles(b, 'inzet', 'publicValue')).toEqual([]);
    await execute(ctx(a), updatePublicValue, { id, nameNl: 'Burenhulp', nameEn: 'Neighbourly help', descriptionNl: 'Bewoners helpen elkaar.', descriptionEn: 'Residents help each other.' });
    expect(await titles(a, 'inzet', 'publicValue')).toEqual([]);
    expect(await titles(a, 'burenhulp')).toEqual(['Burenhulp']);
    await execute(ctx(a), removePublicValue, { id });
    expect(await titles(a, 'burenhulp')).toEqual([]);
  });

  it('counts per kind, filters by kind and pages through the results', async () => {
    for (let i = 1; i <= 5; i++) await organisation(a, `Werkgroep Lantaarn ${i}`, 'Over straatverlichting.', 'working_group');
    const all = await find(a, 'lantaarn', { limit: 2 });
    expect(all.total).toBe(5);
    expect(all.counts).toEqual({ organisation: 5 });
    const pages = [all.items, (await find(a, 'lantaarn', { limit: 2, offset: 2 })).items, (await find(a, 'lantaarn', { limit: 2, offset: 4 })).items];
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat().map((i) => i.id)).size).toBe(5);
    const mixed = await find(a, 'aadorp');
    expect(mixed.counts.area).toBeGreaterThan(0);
    const onlyAreas = await find(a, 'aadorp', { type: 'area' });
    expect(onlyAreas.total).toBe(mixed.counts.area);
    expect(onlyAreas.counts).toEqual(mixed.counts);
    expect(onlyAreas.items.every((i) => i.type === 'area')).toBe(true);
  });

  it('forgets the items of a municipality that is deleted', async () => {
    await execute(ctx(null), createMunicipality, { slug: 'ceedorp', name: 'Gemeente Ceedorp', cbsCode: 'GM0003', divisionYear: 2025 });
    const c = (await findTenantBySlug(test.platform.db, 'ceedorp'))!;
    await organisation(c, 'Dorpsraad Ceedorp');
    expect(await titles(c, 'dorpsraad')).toEqual(['Dorpsraad Ceedorp']);
    await test.platform.db.deleteFrom('municipalities').where('id', '=', c.id).execute();
    expect(await test.platform.db.selectFrom('search_items').select('item_id').where('municipality_id', '=', c.id).execute()).toEqual([]);
    expect((await find(c, 'dorpsraad')).total).toBe(0);
    if (engine === 'sqlite') {
      // The contentless index lost the rows too (not only the table beside it).
      const left = await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${`"m${c.id.replace(/[^a-z0-9]/g, '')}_dorpsraad"`}`.execute(test.platform.db);
      expect(Number(left.rows[0]!.n)).toBe(0);
    }
  });

  it('rebuilds the index from the data', async () => {
    const before = await countItems(test.platform.db);
    const beforeHits = (await find(a, 'klaproos')).total;
    await test.platform.db.deleteFrom('search_items').execute();
    expect((await find(a, 'klaproos')).total).toBe(0);
    const counts = await reindexAll(test.platform);
    expect(Object.keys(counts).sort()).toEqual(['area', 'organisation', 'publicValue']);
    expect(await countItems(test.platform.db)).toBe(before);
    expect((await find(a, 'klaproos')).total).toBe(beforeHits);
    // Only once per index version.
    expect(await ensureSearchIndex(test.platform)).toBe(false);
  });
});

describe('search index on an existing installation', () => {
  it('is built when the platform first opens with the search tables', async () => {
    // Covered per engine above (openTestPlatform runs ensureSearchIndex); here: it is idempotent and cheap.
    const test = await openTestPlatform('sqlite');
    try {
      expect(await ensureSearchIndex(test.platform)).toBe(false);
      await test.platform.db.deleteFrom('installation').where('key', '=', 'search_index_version').execute();
      expect(await ensureSearchIndex(test.platform)).toBe(true);
    } finally {
      await test.close();
    }
  });
});
