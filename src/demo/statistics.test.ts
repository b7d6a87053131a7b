import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { areaStatistics, importStatistics, listStatisticImports, NATIONAL_INDICATORS, similarNeighbourhoods } from '../capabilities/statistics/index.js';
import { system } from '../platform/policy.js';
import { seedDemo, resetDemo } from './index.js';
import { DEMO_STATISTICS_FILE, demoStatistics } from './statistics.js';

it('makes the same believable figures every time', () => {
  const text = demoStatistics();
  expect(demoStatistics()).toBe(text);
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('year;area_code;variable;value');
  const value = (year: number, code: string, variable: string) => lines.find((l) => l.startsWith(`${year};${code};${variable};`))?.split(';')[3];
  // 2024: Stationskwartier and Havenkwartier are one neighbourhood; 2025: two, the new one keeping its incomes secret.
  expect(value(2024, 'BU99990104', 'a_inw')).toBeUndefined();
  expect(value(2025, 'BU99990104', 'g_hh_sti')).toBe('x');
  const residents = Number(value(2025, 'GM9999', 'a_inw'));
  expect(residents).toBeGreaterThan(30_000);
  expect(residents).toBeLessThan(100_000);
  for (const code of ['BU99990101', 'BU99990305']) {
    const share = Number(value(2025, code, 'p_koopw'));
    expect(share).toBeGreaterThan(5);
    expect(share).toBeLessThan(95);
  }
  // Parts add up to their whole in every area: marital status to residents, sectors to businesses, fuels to cars, kinds of house to single-family houses.
  const sum = (year: number, code: string, ids: string[]) => ids.reduce((s, id) => s + Number(value(year, code, id)), 0);
  for (const code of ['GM9999', 'WK999901', 'BU99990103', 'BU99990305']) {
    for (const year of [2020, 2024, 2025]) {
      expect(sum(year, code, ['a_ongeh', 'a_gehuwd', 'a_gesch', 'a_verwed']), `${code} ${year}`).toBe(Number(value(year, code, 'a_inw')));
      expect(sum(year, code, ['a_bed_a', 'a_bed_bf', 'a_bed_gi', 'a_bed_hj', 'a_bed_kl', 'a_bed_mn', 'a_bed_oq', 'a_bed_ru'])).toBe(Number(value(year, code, 'a_bedv')));
      expect(sum(year, code, ['a_bst_b', 'a_bst_nb'])).toBe(Number(value(year, code, 'a_pau')));
      expect(sum(year, code, ['a_opl_lg', 'a_opl_md', 'a_opl_hg'])).toBeLessThan(Number(value(year, code, 'a_inw')));
    }
  }
  expect(sum(2025, 'BU99990305', ['p_1gezw_tw', 'p_1gezw_hw', 'p_1gezw_2w', 'p_1gezw_vw'])).toBeCloseTo(Number(value(2025, 'BU99990305', 'p_1gezw')), 0);
  // Figures CBS publishes from 2024 only are not there before.
  expect(value(2023, 'GM9999', 'p_ink_ar')).toBeUndefined();
  expect(Number(value(2024, 'GM9999', 'p_ink_ar'))).toBeLessThan(Number(value(2024, 'GM9999', 'p_ink_ba')));
  // Every figure of the demo is one of the catalogue's.
  const national = new Set(NATIONAL_INDICATORS.map((i) => i.id));
  expect([...new Set(lines.slice(1).map((l) => l.split(';')[2]!))].filter((id) => !national.has(id))).toEqual([]);
});

describeEachEngine('the demo statistics', (engine) => {
  let tp: TestPlatform;
  beforeAll(async () => { tp = await openTestPlatform(engine); await seedDemo(tp.platform); }, 120_000);
  afterAll(async () => { await tp.close(); });

  it('go through the import and are compared at import', async () => {
    const stats = (await areaStatistics(tp.platform.db, null, 'BU99990102'))!;
    expect(stats).toMatchObject({ year: 2025, years: [2020, 2021, 2022, 2023, 2024, 2025] });
    const figures = stats.themes.flatMap((t) => t.indicators);
    expect(figures.find((f) => f.indicator.id === 'p_arb_pp')).toMatchObject({ national: { count: 19 }, municipal: { count: 19 }, netherlands: { value: expect.any(Number) } });
    expect(figures.find((f) => f.indicator.id === 'c_wozbag_5')!.value.unknown).toBeNull();
    const similar = (await similarNeighbourhoods(tp.platform.db, null, 'BU99990102'))!;
    expect(similar.neighbours).toHaveLength(10);
    const haven = (await areaStatistics(tp.platform.db, null, 'BU99990104'))!;
    expect(haven.years).toEqual([2025]);
    expect(haven.themes.flatMap((t) => t.indicators).find((f) => f.indicator.id === 'g_hh_sti')!.value).toEqual({ value: null, unknown: 'secret' });
  });

  it('are replaced cleanly by a reset, and leave real national figures alone', async () => {
    await importStatistics({ platform: tp.platform, actor: system, tenant: null, locale: 'nl' }, { name: 'kwb-2023.csv', bytes: new TextEncoder().encode('gwb_code_10;a_inw\nGM0001;48000\n') });
    await resetDemo(tp.platform);
    await tp.platform.jobs.drain();
    const imports = await listStatisticImports(tp.platform.db, null);
    expect(imports.map((i) => [i.fileName, i.years])).toEqual([
      [DEMO_STATISTICS_FILE, [2020, 2021, 2022, 2024, 2025]], ['kwb-2023.csv', [2023]], [DEMO_STATISTICS_FILE, [2020, 2021, 2022, 2023, 2024, 2025]],
    ]);
    expect(await areaStatistics(tp.platform.db, null, 'BU99990102', 2023)).toBeNull();
    expect((await areaStatistics(tp.platform.db, null, 'GM0001', 2023))!.themes[0]!.indicators[0]!.value.value).toBe(48000);
    const datasets = await tp.platform.db.selectFrom('statistic_datasets').select(['year']).where('source', '=', 'cbs-kwb').where('municipality_id', 'is', null).orderBy('year').execute();
    expect(datasets.map((d) => Number(d.year))).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
  });
});
