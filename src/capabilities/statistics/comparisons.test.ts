import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import type { Context } from '../../platform/context.js';
import { system } from '../../platform/policy.js';
import type { Tenant } from '../../platform/tenancy.js';
import { areaStatistics, similarNeighbourhoods, type AreaStatistics } from './area-statistics.js';
import { comparisonKwb as kwb, fileOf, person } from './fixtures.js';
import { importStatistics } from './import-service.js';
import { decodeArea, encodeArea } from './comparisons.js';

const figure = (stats: AreaStatistics, id: string) => stats.themes.flatMap((t) => t.indicators).find((f) => f.indicator.id === id)!;

describeEachEngine('comparisons computed at import', (engine) => {
  let t: TestPlatform;
  let home: Tenant;
  let other: Tenant;
  const national = (): Context => ({ platform: t.platform, actor: system, tenant: null, locale: 'nl' });
  const local = (tenant: Tenant): Context => ({ platform: t.platform, actor: person('official', tenant.id), tenant, locale: 'nl' });
  const count = async (table: 'statistic_comparison_sets' | 'statistic_comparisons') =>
    Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeEach(async () => {
    t = await openTestPlatform(engine);
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    other = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
    await importStatistics(national(), fileOf('kwb-2022.csv', kwb(66)));
    await importStatistics(national(), fileOf('kwb-2023.csv', kwb()));
  });
  afterEach(async () => { await t.close(); });

  it('ranks every figure among all neighbourhoods and within the municipality, with the municipality, the Netherlands and the trend beside it', async () => {
    expect(await count('statistic_comparison_sets')).toBe(2);
    expect(await count('statistic_comparisons')).toBe(2 * 11);
    const stats = (await areaStatistics(t.platform.db, null, 'BU00010101', 2023))!;
    expect(stats).toMatchObject({ areaCode: 'BU00010101', kind: 'neighbourhood', municipalityCode: 'GM0001', year: 2023, years: [2022, 2023] });
    expect(stats.themes.map((th) => th.theme)).toEqual(['population', 'households', 'housing', 'income', 'work', 'care-support', 'safety', 'amenities-public-places', 'energy', 'area']);
    const arb = figure(stats, 'p_arb_pp');
    // 72, 70, 69, 62, 55, 50, 48: second of seven nationally, second of five in Eerstestad.
    expect(arb).toMatchObject({
      scope: 'national', value: { value: 70, unknown: null }, municipality: { value: 66 }, netherlands: { value: 68 },
      national: { rank: 2, count: 7, percentile: Math.round(1000 * 5.5 / 7) / 10 }, municipal: { rank: 2, count: 5, percentile: 70 },
      trend: [{ year: 2022, value: { value: 66 } }, { year: 2023, value: { value: 70 } }],
    });
    // A secret value stays unknown, is not ranked, and is counted as unknown.
    const secret = figure((await areaStatistics(t.platform.db, null, 'BU00010103', 2023))!, 'p_hh_osm');
    expect(secret).toMatchObject({ value: { value: null, unknown: 'secret' }, national: null, municipal: null });
    // Derived shares are ranked as well.
    expect(figure(stats, 's_00_14')).toMatchObject({ value: { value: 25 }, national: { count: 7 } });
    // The default year is the latest with figures.
    expect((await areaStatistics(t.platform.db, null, 'BU00010101'))!.year).toBe(2023);
    expect(await areaStatistics(t.platform.db, null, 'BU00010101', 2019)).toBeNull();
    expect(await areaStatistics(t.platform.db, null, 'BU00019999', 2023)).toBeNull();
  });

  it('finds the similar neighbourhoods, explains them, and names strengths and differences', async () => {
    const similar = (await similarNeighbourhoods(t.platform.db, null, 'BU00010101', 2023))!;
    expect(similar.comparedOn.map((i) => i.id)).toContain('s_hh_m_k');
    expect(similar.neighbours.slice(0, 2).map((n) => n.code).sort()).toEqual(['BU00010102', 'BU00010103']);
    expect(similar.neighbours).toHaveLength(6);
    expect(similar.neighbours[0]).toMatchObject({ position: 1 });
    expect(similar.neighbours[0]!.closest).toHaveLength(3);
    expect(similar.neighbours[0]!.closest[0]!.value.unknown).toBeNull();
    expect(similar.differences.every((d) => d.indicator.unit !== 'count' && !['s_00_14', 'p_koopw'].includes(d.indicator.id))).toBe(true);
    expect(similar.differences.map((d) => d.indicator.id)).toContain('p_arb_pp');
    // The elderly neighbourhood in Tweedestad does worse on work than its (elderly) neighbours.
    const weak = (await areaStatistics(t.platform.db, null, 'BU00020102', 2023))!;
    expect(figure(weak, 'p_arb_pp').similar!.advantage!).toBeLessThan(0);
    expect(weak.strengths).not.toContain('p_arb_pp');
    // With seven neighbourhoods every other one is among the (up to ten) similar ones: 70, 69, 62, 55, 50, 48.
    const strong = (await areaStatistics(t.platform.db, null, 'BU00010103', 2023))!;
    const arb = figure(strong, 'p_arb_pp');
    expect(arb.similar).toMatchObject({ median: 58.5, known: 6 });
    expect(arb.strength).toBe(true);
    expect(strong.strengths[0]).toBeDefined();
    // Neutral indicators are never strengths.
    for (const id of strong.strengths) expect(figure(strong, id).indicator.polarity).not.toBe('neutral');
  });

  it('replaces the comparisons with the year they belong to', async () => {
    const before = figure((await areaStatistics(t.platform.db, null, 'BU00010101', 2023))!, 'p_arb_pp');
    expect(before.national!.rank).toBe(2);
    await importStatistics(national(), fileOf('kwb-2023.csv', kwb(40)));
    const after = figure((await areaStatistics(t.platform.db, null, 'BU00010101', 2023))!, 'p_arb_pp');
    expect(after).toMatchObject({ value: { value: 40 }, national: { rank: 7, count: 7 } });
    expect(await count('statistic_comparison_sets')).toBe(2);
    expect(await count('statistic_comparisons')).toBe(2 * 11);
    await t.platform.jobs.drain();
    expect(await count('statistic_comparisons')).toBe(2 * 11);
  });

  it("lays a municipality's own figures over the national ones, ranked within the municipality only, and never shows them elsewhere", async () => {
    await importStatistics(local(home), fileOf('eigen.csv', [
      'year;area_code;variable;value', '2023;BU00010101;vrijwilligers;31,5', '2023;BU00010102;vrijwilligers;28', '2023;BU00010201;vrijwilligers;40',
      '2023;BU00010101;p_arb_pp;75',
    ].join('\n')), { metadata: fileOf('meta.csv', 'variable;label;definition;unit;source;label_en;theme;polarity\nvrijwilligers;Vrijwilligerswerk;Aandeel vrijwilligers.;%;GGD;Volunteering;participation;strength\n'), source: 'ggd' });
    const mine = (await areaStatistics(t.platform.db, home.id, 'BU00010101', 2023))!;
    expect(figure(mine, 'vrijwilligers')).toMatchObject({ scope: 'local', value: { value: 31.5 }, national: null, municipal: { rank: 2, count: 3 } });
    expect(figure(mine, 'p_arb_pp')).toMatchObject({ scope: 'local', value: { value: 75 }, national: null, municipal: { rank: 1, count: 5 }, similar: null });
    expect(figure(mine, 'a_inw')).toMatchObject({ scope: 'national', national: { count: 7 } });
    expect(mine.sources.map((s) => [s.scope, s.source])).toEqual([['national', 'cbs-kwb'], ['local', 'ggd']]);
    // Nobody else sees them: not the national view, not another municipality, and the national ranks are untouched.
    for (const viewer of [null, other.id]) {
      const theirs = (await areaStatistics(t.platform.db, viewer, 'BU00010101', 2023))!;
      expect(theirs.themes.flatMap((th) => th.indicators).some((f) => f.indicator.id === 'vrijwilligers')).toBe(false);
      expect(figure(theirs, 'p_arb_pp')).toMatchObject({ scope: 'national', value: { value: 70 }, national: { rank: 2 } });
      expect(theirs.sources.map((s) => s.scope)).toEqual(['national']);
    }
    const otherStats = (await areaStatistics(t.platform.db, other.id, 'BU00020101', 2023))!;
    expect(figure(otherStats, 'p_arb_pp').national!.count).toBe(7);
    // A new national import of the year keeps the municipality's figures laid over the new national ones.
    await importStatistics(national(), fileOf('kwb-2023.csv', kwb(71)));
    expect(await count('statistic_comparison_sets')).toBe(3);
    const again = (await areaStatistics(t.platform.db, home.id, 'BU00010102', 2023))!;
    expect(figure(again, 'vrijwilligers').value.value).toBe(28);
    expect(figure((await areaStatistics(t.platform.db, home.id, 'BU00010101', 2023))!, 'p_arb_pp').value.value).toBe(75);
  });
});

describe('packed comparison rows', () => {
  it('keep values to six decimals, percentiles to a tenth and the similar areas\' counts as exceptions, and read rows written before', () => {
    const row = decodeArea(encodeArea({
      area: 'BU00010101', kind: 'neighbourhood', values: Float64Array.from([1000, 45.25, Number.NaN]), unknown: [null, null, 'secret'],
      national: { rank: Int32Array.from([3, 1, 0]), percentile: Float64Array.from([87.54, 100, Number.NaN]) },
      municipal: { rank: Int32Array.from([1, 2, 0]), percentile: Float64Array.from([62.5, 12.449, Number.NaN]), count: Int32Array.from([4, 4, 0]) },
      neighbourMedian: null, neighbourKnown: null, neighbours: [],
    }));
    expect(row.values).toEqual([1000, 45.25, null]);
    const exact = decodeArea(encodeArea({
      area: 'BU00010101', kind: 'neighbourhood', values: Float64Array.from([1 / 3, 0.1 + 0.2, 123456789.123456]), unknown: [null, null, null],
      national: null, municipal: null, neighbourMedian: null, neighbourKnown: null, neighbours: [],
    }));
    expect(exact.values).toEqual([0.333333, 0.3, 123456789.123456]);
    expect(row.unknown).toEqual({ 2: 'secret' });
    expect(row.national).toEqual({ rank: [3, 1, 0], percentile: [87.5, 100, null] });
    expect(row.municipal).toEqual({ rank: [1, 2, 0], percentile: [62.5, 12.4, null], count: [4, 4, 0] });
    const similar = decodeArea(encodeArea({
      area: 'BU00010101', kind: 'neighbourhood', values: Float64Array.from([1, 2, 3]), unknown: [null, null, null], national: null, municipal: null,
      neighbourMedian: Float64Array.from([5, Number.NaN, 7.5]), neighbourKnown: Uint8Array.from([3, 1, 2]),
      neighbours: ['A', 'B', 'C'].map((code) => ({ code: `BU0001010${code}`, distance: 0.5, closest: [] })),
    }));
    expect([similar.neighbourMedian, similar.neighbourKnown]).toEqual([[5, null, 7.5], [3, 1, 2]]);
    const json = decodeArea('{"k":"neighbourhood","v":[1000,null],"u":{"1":"secret"},"r":[3,0],"pt":[875,null],"mr":[1,0],"mpt":[625,null],"mc":[4,0],"nm":[12,null],"nkx":{"1":2},"nb":[["BU00010102",0.5,[]],["BU00010103",0.6,[]],["BU00010104",0.7,[]]]}');
    expect(json).toMatchObject({
      values: [1000, null], unknown: { 1: 'secret' }, national: { rank: [3, 0], percentile: [87.5, null] },
      municipal: { rank: [1, 0], percentile: [62.5, null], count: [4, 0] }, neighbourMedian: [12, null], neighbourKnown: [3, 2],
    });
    const legacy = decodeArea('{"k":"neighbourhood","v":[1000],"u":{},"r":[3],"p":[87.5],"mr":[1],"mp":[62.5],"mc":[4],"nm":[12],"nk":[9]}');
    expect([legacy.neighbourMedian, legacy.neighbourKnown]).toEqual([[12], [9]]);
    expect([legacy.national, legacy.municipal]).toEqual([{ rank: [3], percentile: [87.5] }, { rank: [1], percentile: [62.5], count: [4] }]);
  });
});
