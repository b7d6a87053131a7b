import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { agent } from '../../../test/support/http.js';
import { openModerationWorld, type ModerationWorld } from '../../../test/support/moderation.js';
import { pageCacheCounts } from '../../platform/http/page-cache.js';
import { system } from '../../platform/policy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { comparisonKwb, fileOf } from './fixtures.js';
import { importStatistics } from './import-service.js';
import { SHIPPED_INDICES } from './indices.js';

/**
 * The statistics page's body is rendered once for all anonymous visitors (platform/http/page-cache.ts,
 * whose own test covers tokens and form keys): every change of what the page shows is there on the
 * next request, and signed-in people get their own rendering.
 */
describeEachEngine('statistics page cache', (engine) => {
  let w: ModerationWorld;
  let page: string;
  let kwb: (residents: number) => { name: string; bytes: Uint8Array };

  const delta = async <T>(work: () => Promise<T>) => {
    const before = { ...pageCacheCounts };
    const result = await work();
    return { result, hits: pageCacheCounts.hits - before.hits, renders: pageCacheCounts.renders - before.renders };
  };
  const read = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  beforeEach(async () => {
    w = await openModerationWorld(engine);
    const sys = { platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a_2025.geojson', text: smallMunicipality(w.a.cbsCode, { municipality: 'Reactiedorp' }) }], { divisionYear: 2025 });
    const d = w.a.cbsCode.slice(2);
    kwb = (residents) => fileOf('kwb-2025.csv', ['gwb_code_10;a_inw;a_hh', `NL00;17900000;8100000`, `${w.a.cbsCode};5000;2000`, `WK${d}01;2000;900`, `BU${d}0101;${residents};400`, `BU${d}0102;1100;450`].join('\n'));
    await importStatistics(sys, kwb(1000));
    await w.tp.platform.db.insertInto('role_grants').values({ id: `grant-${engine}`, person_id: w.ids.anna, role: 'resident', scope_type: 'municipality', scope_id: w.a.id, municipality_id: w.a.id, granted_at: new Date().toISOString() } as never).execute();
    page = `/reactiedorp/gebieden/BU${d}0101/cijfers`;
    const posted = await w.as.anna.postForm(`/reactiedorp/gebieden/BU${d}0101/duiding/nieuw`, { year: '2025', indicator: 'a_inw', kind: 'behind', role: 'resident', body: 'Hier wonen veel gezinnen al lang.' });
    expect(posted.statusCode).toBe(303);
  }, 60_000);
  afterEach(async () => w.close());

  it('renders once for all anonymous visitors', async () => {
    const first = await delta(() => agent(w.app).get(page));
    const second = await delta(() => agent(w.app).get(page));
    expect([first.result.statusCode, second.result.statusCode]).toEqual([200, 200]);
    expect(second).toMatchObject({ hits: 1, renders: 0 });
    expect(read(second.result.body)).toContain('Hier wonen veel gezinnen al lang.');
    expect(second.result.body.split('<main')[1]).toBe(first.result.body.split('<main')[1]);
  });

  it('shows a new reading and re-imported figures on the next request', async () => {
    const visitor = agent(w.app);
    expect(read((await visitor.get(page)).body)).toMatch(/Aantal inwoners 1\.000 /);
    const again = await delta(() => visitor.get(page));
    expect(again.hits).toBe(1);

    const d = w.a.cbsCode.slice(2);
    await w.as.anna.postForm(`/reactiedorp/gebieden/BU${d}0101/duiding/nieuw`, { year: '2025', indicator: 'a_hh', kind: 'strength', role: 'resident', body: 'De huishoudens helpen elkaar.' });
    const afterReading = await delta(() => visitor.get(page));
    expect(afterReading.renders).toBe(1);
    expect(read(afterReading.result.body)).toContain('De huishoudens helpen elkaar.');

    await importStatistics({ platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' }, kwb(1234));
    const afterImport = await delta(() => visitor.get(page));
    expect(afterImport.renders).toBe(1);
    expect(read(afterImport.result.body)).toMatch(/Aantal inwoners 1\.234 /);
  });

  it('is rendered again when any part of what it shows changes, however it changed', async () => {
    // Each part of the page's state changed straight in the database, as another process (or a
    // use case) would: the next request must not be answered from the kept page.
    const { db } = w.tp.platform;
    const d = w.a.cbsCode.slice(2);
    const now = () => new Date().toISOString();
    const reading = await db.selectFrom('interpretations').select(['id', 'author_id']).where('body', '=', 'Hier wonen veel gezinnen al lang.').executeTakeFirstOrThrow();
    const visitor = agent(w.app);
    const changes: Array<[string, () => Promise<unknown>, ((body: string) => void) | null]> = [
      ['the area', () => db.updateTable('areas').set({ name: 'Buurt Hernoemd' }).where('code', '=', `BU${d}0101`).execute(), (b) => expect(b).toContain('Buurt Hernoemd')],
      ['a similar area', () => db.updateTable('areas').set({ name: 'Buurt Ernaast' }).where('code', '=', `BU${d}0102`).execute(), (b) => expect(b).toContain('Buurt Ernaast')],
      ['the author', () => db.updateTable('people').set({ display_name: 'Anna Anders' }).where('id', '=', reading.author_id!).execute(), (b) => expect(b).toContain('Anna Anders')],
      ['the reading', () => db.updateTable('interpretations').set({ body: 'Hier wonen vooral gezinnen.' }).where('id', '=', reading.id).execute(), (b) => expect(b).toContain('Hier wonen vooral gezinnen.')],
      ['its moderation', () => db.insertInto('moderation_items').values({ item_type: 'interpretation', item_id: reading.id, municipality_id: w.a.id, hidden_at: now(), hidden_reason: 'test' } as never).execute(), (b) => expect(b).not.toContain('Hier wonen vooral gezinnen.')],
      ['a conversation round', () => db.insertInto('conversation_rounds').values({
        id: `round-${engine}`, municipality_id: w.a.id, area_code: `BU${d}0101`, year: 2025, title: 'Avond in het buurthuis', held_on: '2025-03-01', place: null, organisation_id: null,
        residents: 12, professionals: 2, officials: 1, entrepreneurs: 0, others: 0, indicators_json: '["a_inw"]', outcome: 'Veel gezien.', created_by: null, created_at: now(),
      } as never).execute(), null],
      ['an index definition', () => db.insertInto('statistic_index_definitions').values({
        municipality_id: w.a.id, id: SHIPPED_INDICES[0]!.id, version: 1, definition: JSON.stringify({ ...SHIPPED_INDICES[0], nameNl: 'Veerkracht van de buurt' }), updated_at: now(),
      }).execute(), (b) => expect(b).toContain('Veerkracht van de buurt')],
      ['an own indicator', () => db.insertInto('statistic_indicators').values({
        municipality_id: w.a.id, id: 'eigen_tuinen', label_nl: 'Tuinen', label_en: 'Gardens', definition_nl: 'Tuinen', definition_en: 'Gardens', unit: 'count', theme: 'amenities',
        polarity: 'strength', source: 'gemeente', derivation: null, created_at: now(), updated_at: now(),
      } as never).execute(), null],
      ['the municipality', () => db.updateTable('municipalities').set({ name: 'Gemeente Nieuwdorp', updated_at: now() }).where('id', '=', w.a.id).execute(), (b) => expect(b).toContain('Gemeente Nieuwdorp')],
    ];
    // Figures with a structure, so that the page names similar areas (BU…0102 among them).
    const kwbWithStructure = comparisonKwb().replaceAll('GM0001', w.a.cbsCode).replaceAll('WK0001', `WK${d}`).replaceAll('BU0001', `BU${d}`);
    await importStatistics({ platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' }, fileOf('kwb-2025.csv', kwbWithStructure));
    expect(read((await visitor.get(page)).body)).toContain('Buurt Een-B');
    for (const [part, change, shows] of changes) {
      expect((await delta(() => visitor.get(page))).hits, part).toBe(1);
      await change();
      const next = await delta(() => visitor.get(page));
      expect([next.result.statusCode, next.renders], part).toEqual([200, 1]);
      shows?.(read(next.result.body));
    }
  });

  it('answers the open data from the kept view until the figures change', async () => {
    const d = w.a.cbsCode.slice(2);
    const api = `/api/v1/reactiedorp/areas/BU${d}0101/statistics`;
    const residents = (body: string) => (JSON.parse(body) as { themes: Array<{ indicators: Array<{ id: string; value: number | null }> }> })
      .themes.flatMap((t) => t.indicators).find((i) => i.id === 'a_inw')?.value;
    const residentsInCsv = (csv: string) => csv.split('\r\n').find((line) => line.startsWith('a_inw;'))?.split(';')[5];
    const first = await w.as.anonymous.get(api);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(residents(first.body)).toBe(1000);
    expect((await w.as.anonymous.get(api)).body).toBe(first.body);
    expect(residentsInCsv((await w.as.anonymous.get(`${api}.csv`)).body)).toBe('1000');
    await importStatistics({ platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' }, kwb(1234));
    expect(residents((await w.as.anonymous.get(api)).body)).toBe(1234);
    expect(residentsInCsv((await w.as.anonymous.get(`${api}.csv`)).body)).toBe('1234');
  });

  it('renders for every request of a signed-in person', async () => {
    await w.as.anonymous.get(page);
    const first = await delta(() => w.as.anna.get(page));
    const second = await delta(() => w.as.anna.get(page));
    expect([first.result.statusCode, second.result.statusCode]).toEqual([200, 200]);
    expect([first.hits, first.renders, second.hits, second.renders]).toEqual([0, 0, 0, 0]);
    expect(read(second.result.body)).toContain('Hier wonen veel gezinnen al lang.');
  });
});
