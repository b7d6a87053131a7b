import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import type { Context } from '../../platform/context.js';
import { system } from '../../platform/policy.js';
import type { Tenant } from '../../platform/tenancy.js';
import { areaStatistics } from './area-statistics.js';
import { compareChangedYears, dependentYears } from './comparisons.js';
import { fileOf, person } from './fixtures.js';
import { importStatistics } from './import-service.js';
import type { StatValue } from './model.js';
import { replaceComparisonSet, saveIndicator } from './store.js';

// Every comparison set written, to see which years an import computes and how often.
vi.mock('./store.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./store.js')>();
  return { ...actual, replaceComparisonSet: vi.fn(actual.replaceComparisonSet) };
});

/** Residents, dwellings and WOZ value of a municipality, a district and two neighbourhoods. */
function kwb(residents: number, dwellings = 400, woz = 300): string {
  return [
    'gwb_code_10;a_inw;a_woning;g_wozbag',
    `NL00;17800000;8000000;${woz}`,
    `GM0001;${2 * residents};${2 * dwellings};${woz}`,
    `WK000101;${2 * residents};${2 * dwellings};${woz}`,
    `BU00010101;${residents};${dwellings};${woz}`,
    `BU00010102;${residents};${dwellings};${woz}`,
  ].join('\n');
}

describeEachEngine('comparisons of later years follow an earlier year', (engine) => {
  let t: TestPlatform;
  let home: Tenant;
  const national = (): Context => ({ platform: t.platform, actor: system, tenant: null, locale: 'nl' });
  const local = (tenant: Tenant): Context => ({ platform: t.platform, actor: person('official', tenant.id), tenant, locale: 'nl' });
  const value = async (municipalityId: string | null, year: number, id: string): Promise<StatValue> => {
    const stats = (await areaStatistics(t.platform.db, municipalityId, 'BU00010101', year))!;
    return stats.themes.flatMap((th) => th.indicators).find((f) => f.indicator.id === id)!.value;
  };
  /** The years whose set of a scope was written since the last call, in order. */
  const computed = (municipalityId: string | null) => {
    const calls = vi.mocked(replaceComparisonSet).mock.calls.map(([, set]) => set).filter((set) => set.municipalityId === municipalityId).map((set) => set.year);
    vi.mocked(replaceComparisonSet).mockClear();
    return calls;
  };

  beforeEach(async () => {
    t = await openTestPlatform(engine);
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    vi.mocked(replaceComparisonSet).mockClear();
  });
  afterEach(async () => { await t.close(); });

  it('knows the growth of a year once the year before it is imported, and follows a re-import of that year', async () => {
    for (const year of [2021, 2022, 2025, 2026]) await importStatistics(national(), fileOf(`kwb-${year}.csv`, kwb(1100, 450, 330)), { year });
    expect(await value(null, 2021, 'c_inw_1')).toEqual({ value: null, unknown: 'missing' });
    computed(null);

    await importStatistics(national(), fileOf('kwb-2020.csv', kwb(1000, 400, 300)));
    expect(await value(null, 2021, 'c_inw_1')).toEqual({ value: 10, unknown: null });
    expect(await value(null, 2025, 'c_woning_5')).toEqual({ value: 50, unknown: null });
    expect(await value(null, 2025, 'c_wozbag_5')).toEqual({ value: 10, unknown: null });
    // Only the years that look back to 2020 (one and five years) are computed again, each once.
    expect(computed(null)).toEqual([2020, 2021, 2025]);

    await importStatistics(national(), fileOf('kwb-2020.csv', kwb(1250, 500, 300)));
    expect(await value(null, 2021, 'c_inw_1')).toEqual({ value: -12, unknown: null });
    expect(await value(null, 2025, 'c_woning_5')).toEqual({ value: -50, unknown: null });
    expect(computed(null)).toEqual([2020, 2021, 2025]);
    // 2022 looks back to 2021, which did not change.
    expect(await value(null, 2022, 'c_inw_1')).toEqual({ value: 0, unknown: null });
  });

  it('computes an import of several years once per year: the imported years first, then the later years that depend on them', async () => {
    await importStatistics(national(), fileOf('kwb-2022.csv', kwb(1210)));
    computed(null);
    const long = ['year;area_code;variable;value', '2020;BU00010101;a_inw;1000', '2021;BU00010101;a_inw;1100', '2020;BU00010102;a_inw;1000', '2021;BU00010102;a_inw;1000'];
    await importStatistics(national(), fileOf('inwoners.csv', long.join('\n')), { source: 'cbs-kwb' });
    expect(computed(null)).toEqual([2020, 2021, 2022]);
    expect(await value(null, 2021, 'c_inw_1')).toEqual({ value: 10, unknown: null });
    expect(await value(null, 2022, 'c_inw_1')).toEqual({ value: 10, unknown: null });
  });

  it("recomputes a municipality's later sets that look back to its own imported year, by its own change indicators too", async () => {
    const meta = fileOf('meta.csv', 'variable;label;definition;unit;source;label_en;theme;polarity\nvrijw;Vrijwilligerswerk;Aandeel vrijwilligers.;%;GGD;Volunteering;participation;strength\n');
    const own = (year: number, share: number) => fileOf(`eigen-${year}.csv`, ['year;area_code;variable;value', `${year};BU00010101;vrijw;${share}`, `${year};BU00010102;vrijw;20`].join('\n'));
    await importStatistics(local(home), own(2023, 35), { metadata: meta, source: 'ggd' });
    // Its own change indicator looks back two years.
    await saveIndicator(t.platform.db, {
      id: 'c_vrijw_2', labelNl: 'Verandering vrijwilligerswerk', labelEn: 'Change in volunteering', definitionNl: 'In twee jaar.', definitionEn: 'Over two years.',
      unit: 'change', theme: 'participation', polarity: 'neutral', source: 'GGD', municipalityId: home.id,
      derivation: { kind: 'change', of: 'vrijw', years: 2, relative: false },
    }, new Date().toISOString());
    for (const year of [2024, 2025]) await importStatistics(local(home), own(year, 40), { source: 'ggd' });
    expect(await value(home.id, 2024, 'c_vrijw_2')).toMatchObject({ value: null });
    computed(home.id);

    await importStatistics(local(home), own(2022, 30), { source: 'ggd' });
    expect(await value(home.id, 2024, 'c_vrijw_2')).toEqual({ value: 10, unknown: null });
    // 2023 looks back one year (national growth), 2024 two (its own); 2025 three: not at all. Nothing national.
    expect(computed(home.id)).toEqual([2022, 2023, 2024]);
    expect(computed(null)).toEqual([]);

    // A national import of 2022 recomputes the local sets that look back to it as well.
    await importStatistics(national(), fileOf('kwb-2022.csv', kwb(1000)));
    expect(vi.mocked(replaceComparisonSet).mock.calls.map(([, set]) => [set.municipalityId, set.year])).toEqual([
      [null, 2022], [home.id, 2022], [home.id, 2023], [home.id, 2024],
    ]);
  });

  it('forgets the growth of a later year when the year it looks back to is gone', async () => {
    await importStatistics(national(), fileOf('kwb-2020.csv', kwb(1000)));
    await importStatistics(national(), fileOf('kwb-2021.csv', kwb(1100)));
    expect(await value(null, 2021, 'c_inw_1')).toEqual({ value: 10, unknown: null });
    await t.platform.db.transaction().execute(async (tx) => {
      await tx.updateTable('statistic_datasets').set({ superseded_at: new Date().toISOString() }).where('year', '=', 2020).execute();
      await compareChangedYears(tx, null, [2020]);
    });
    expect(await areaStatistics(t.platform.db, null, 'BU00010101', 2020)).toBeNull();
    expect(await value(null, 2021, 'c_inw_1')).toEqual({ value: null, unknown: 'missing' });
  });
});

it('finds the later years that look back to changed ones', () => {
  expect(dependentYears([2020], [1, 5], [2019, 2020, 2021, 2022, 2025, 2026])).toEqual([2021, 2025]);
  expect(dependentYears([2020, 2021], [1, 5], [2020, 2021, 2022, 2025, 2026])).toEqual([2022, 2025, 2026]);
  expect(dependentYears([2020], [1, 5], [2022])).toEqual([]);
});
