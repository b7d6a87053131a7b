import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import type { Context } from '../../platform/context.js';
import { ForbiddenError } from '../../platform/errors.js';
import { system, type Actor } from '../../platform/policy.js';
import type { Tenant } from '../../platform/tenancy.js';
import { fileOf, fixture, fixtureText, KEY_FIGURES, kwbXlsxFrom, person } from './fixtures.js';
import { importStatistics, registerPostImportStep, StatisticsImportError } from './import-service.js';
import { figuresOf } from './service.js';
import { listStatisticImports, storedValueCount, valuesOf } from './store.js';

const AREAS = ['NL00', 'GM0001', 'WK000101', 'BU00010101'];

async function count(t: TestPlatform, table: 'statistic_values' | 'statistic_imports' | 'statistic_datasets'): Promise<number> {
  if (table === 'statistic_values') return storedValueCount(t.platform.db);
  return Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describeEachEngine('statistics import', (engine) => {
  let t: TestPlatform;
  let home: Tenant;
  let other: Tenant;
  const national = (actor: Actor = system): Context => ({ platform: t.platform, actor, tenant: null, locale: 'en' });
  const local = (tenant: Tenant, actor: Actor): Context => ({ platform: t.platform, actor, tenant, locale: 'nl' });
  const stored = async (municipalityId: string | null = null) => (await valuesOf(t.platform.db, { municipalityId, areaCodes: AREAS }))
    .map((v) => [v.year, v.areaCode, v.variable, v.value, v.unknown]);

  beforeEach(async () => {
    t = await openTestPlatform(engine);
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    other = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
  });
  afterEach(async () => { await t.close(); });

  it('imports StatLine JSON, StatLine CSV, kwb xlsx, kwb CSV and the long format to identical stored values', async () => {
    const files = [
      fixture('statline-kwb-2023.json'), fixture('statline-kwb-2023.csv'), fixture('kwb-2023.csv'),
      await kwbXlsxFrom(fixtureText('kwb-2023.csv')), fixture('long-2023.csv'),
    ];
    const seen: unknown[] = [];
    for (const file of files) {
      const report = await importStatistics(national(), file, { source: 'cbs-kwb' });
      expect(report).toMatchObject({ years: [2023], municipalityId: null, counts: { values: KEY_FIGURES.values, variables: KEY_FIGURES.variables, unknown: { missing: KEY_FIGURES.missing, secret: 0, 'not-applicable': 0 } } });
      seen.push(await stored());
    }
    expect(seen[0]).toHaveLength(KEY_FIGURES.values);
    for (const s of seen.slice(1)) expect(s).toEqual(seen[0]);
    // Numbers as imported; unknown stays unknown (never 0).
    expect(seen[0]).toContainEqual([2023, 'NL00', 'g_hhgro', 2.13, null]);
    expect(seen[0]).toContainEqual([2023, 'GM0001', 'p_wmo_t', 88.4, null]);
    expect(seen[0]).toContainEqual([2023, 'NL00', 'a_inw', 17811291, null]);
    expect(seen[0]).toContainEqual([2023, 'BU00010101', 'g_wozbag', null, 'missing']);
    // Every import replaced the one before: once the job has removed the superseded ones, one dataset, five import records.
    expect(await t.platform.jobs.drain()).toBe(4);
    expect(await count(t, 'statistic_datasets')).toBe(1);
    expect(await count(t, 'statistic_values')).toBe(KEY_FIGURES.values);
    expect((await listStatisticImports(t.platform.db, null)).map((i) => i.format).sort()).toEqual(['kwb-csv', 'kwb-xlsx', 'long', 'statline-csv', 'statline-json']);
  });

  it('refuses a file with a bad row: nothing is imported and the error names line, column and value', async () => {
    await importStatistics(national(), fixture('kwb-2023.csv'));
    const bad = fixtureText('kwb-2023.csv').replace(';12345;', ';12.345,0;').replace('BU00010101;', 'BU0001;');
    const error = await importStatistics(national(), fileOf('kwb-2023.csv', bad.replace(';48210;', ';48000;'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatisticsImportError);
    expect((error as StatisticsImportError).lines()).toEqual([
      'kwb-2023.csv: line 4, column 8 (a_inw): value "12.345,0" is not a number',
      'kwb-2023.csv: line 5, column 1 (gwb_code_10): value "BU0001" is not a CBS area code (NL00, GMxxxx, WKxxxxxx or BUxxxxxxxx)',
    ]);
    // The earlier import is untouched: the good row of the bad file (48000) was not written.
    expect(await stored()).toContainEqual([2023, 'GM0001', 'a_inw', 48210, null]);
    expect(await count(t, 'statistic_imports')).toBe(1);
  });

  it('re-importing a year replaces it; other years stay; the import record holds hash, rows and who', async () => {
    await importStatistics(national(), fixture('kwb-2023.csv'));
    await importStatistics(national(), fileOf('kwb-2022.csv', 'gwb_code_10;a_inw\nGM0001;47000\n'));
    const admin = person('administrator', null);
    const report = await importStatistics(national(admin), fileOf('kwb-2023.csv', 'gwb_code_10;a_inw;a_hh\nGM0001;48300;.\n'));
    expect(report.counts).toMatchObject({ values: 2, replaced: KEY_FIGURES.values });
    expect(await stored()).toEqual([[2022, 'GM0001', 'a_inw', 47000, null], [2023, 'GM0001', 'a_hh', null, 'missing'], [2023, 'GM0001', 'a_inw', 48300, null]]);
    // The replaced values are invisible at once and gone once the job ran.
    expect(await count(t, 'statistic_values')).toBe(KEY_FIGURES.values + 1 + 2);
    await t.platform.jobs.drain();
    expect(await count(t, 'statistic_values')).toBe(1 + 2);
    const [latest] = await listStatisticImports(t.platform.db, null);
    expect(latest).toMatchObject({ id: report.id, source: 'cbs-kwb', format: 'kwb-csv', fileName: 'kwb-2023.csv', rows: 1, valueCount: 2, years: [2023] });
    expect(latest!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(latest!.importedBy).toMatch(/^p-/);
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('entity_id', '=', report.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'statistics.import', municipality_id: null, actor: latest!.importedBy });
  });

  it('asks for the year when neither the file nor its name has one, and checks a given year against the data', async () => {
    const text = 'gwb_code_10;a_inw\nGM0001;1\n';
    await expect(importStatistics(national(), fileOf('kerncijfers.csv', text))).rejects.toMatchObject({ issues: [{ field: 'year', key: 'statistics.import.yearRequired' }] });
    const report = await importStatistics(national(), fileOf('kerncijfers.csv', text), { year: 2021 });
    expect(report.years).toEqual([2021]);
    await expect(importStatistics(national(), fixture('long-2023.csv'), { year: 2022 })).rejects.toMatchObject({ issues: [{ field: 'year', key: 'statistics.import.yearConflict' }] });
  });

  it("keeps a municipality's own variables and values to itself", async () => {
    await importStatistics(national(), fixture('kwb-2023.csv'));
    const official = person('official', home.id);
    const report = await importStatistics(local(home, official), fixture('local-2023.csv'), { metadata: fixture('metadata.csv'), source: 'ggd' });
    expect(report).toMatchObject({ municipalityId: home.id, source: 'ggd', counts: { values: 6, indicatorsDescribed: 2 } });
    expect(report.findingSummary['national-variable-described']).toBe(1);
    const mine = await valuesOf(t.platform.db, { municipalityId: home.id, areaCodes: ['GM0001'], variables: ['vrijwilligers', 'a_inw'] });
    expect(mine.map((v) => [v.variable, v.value, v.municipalityId])).toEqual([['a_inw', 48210, null], ['vrijwilligers', 31.5, home.id]]);
    expect((await valuesOf(t.platform.db, { municipalityId: other.id, areaCodes: ['GM0001'], variables: ['vrijwilligers'] }))).toEqual([]);
    expect((await valuesOf(t.platform.db, { municipalityId: null, areaCodes: ['GM0001'], variables: ['vrijwilligers'] }))).toEqual([]);
    const figures = await figuresOf(t.platform.db, home.id, 'GM0001', 2023);
    expect(figures.find((f) => f.indicator.id === 'vrijwilligers')).toMatchObject({ scope: 'local', value: { value: 31.5, unknown: null } });
    expect((await figuresOf(t.platform.db, other.id, 'GM0001', 2023)).some((f) => f.indicator.id === 'vrijwilligers')).toBe(false);
    expect(await listStatisticImports(t.platform.db, other.id)).toEqual([]);
    // The other municipality cannot use the first one's variables either.
    const foreign = await importStatistics(local(other, person('official', other.id)), fixture('local-2023.csv')).catch((e: unknown) => e);
    expect((foreign as StatisticsImportError).lines()[0]).toBe('local-2023.csv: line 2, column 3 (variabele): value "vrijwilligers" is not a variable of the catalogue, of the municipality or of the metadata file');
    // A municipality that is removed takes its datasets, values, indicators and imports along (the national ones stay).
    await t.platform.db.deleteFrom('municipalities').where('id', '=', home.id).execute();
    expect(await count(t, 'statistic_values')).toBe(KEY_FIGURES.values);
    expect(await count(t, 'statistic_imports')).toBe(1);
    expect(Number((await t.platform.db.selectFrom('statistic_indicators').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('lets only installation administrators import national figures, and officials their own', async () => {
    await expect(importStatistics(national(person('official', home.id)), fixture('kwb-2023.csv'))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importStatistics(local(home, person('official', other.id)), fixture('long-2023.csv'))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importStatistics(local(home, person('official', home.id)), fixture('kwb-2023.csv'))).rejects.toMatchObject({ issues: [{ key: 'statistics.import.cbsIsNational' }] });
    await expect(importStatistics(local(home, person('resident', home.id)), fixture('long-2023.csv'))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await count(t, 'statistic_values')).toBe(0);
  });

  it('refuses a variable that another source already gives for that year', async () => {
    await importStatistics(national(), fixture('kwb-2023.csv'));
    await expect(importStatistics(national(), fixture('long-2023.csv'), { source: 'eigen-telling' })).rejects.toMatchObject({
      issues: expect.arrayContaining([{ field: 'source', key: 'statistics.import.otherSource', params: { variable: 'a_inw', year: 2023, source: 'cbs-kwb' } }]),
    });
  });

  it('computes derived indicators from stored values, unknown when an input is unknown', async () => {
    await importStatistics(national(), fixture('kwb-2023.csv'));
    await importStatistics(national(), fileOf('kwb-2022.csv', 'gwb_code_10;a_inw\nGM0001;48000\nBU00010101;.\n'));
    const figure = async (area: string, id: string) => (await figuresOf(t.platform.db, null, area, 2023)).find((f) => f.indicator.id === id)!.value;
    expect((await figure('GM0001', 's_00_14')).value).toBeCloseTo(100 * 7400 / 48210, 10);
    expect((await figure('GM0001', 's_1p_hh')).value).toBeCloseTo(100 * 8200 / 21500, 10);
    expect((await figure('GM0001', 'c_inw_1')).value).toBeCloseTo(100 * (48210 / 48000 - 1), 10);
    expect(await figure('BU00010101', 's_65_oo')).toEqual({ value: null, unknown: 'missing' });
    expect(await figure('BU00010101', 'c_inw_1')).toEqual({ value: null, unknown: 'missing' });
    expect(await figure('GM0001', 'g_hhgro')).toEqual({ value: 2.21, unknown: null });
  });

  it('runs post-import steps in the same transaction: a failing step imports nothing', async () => {
    let fail = true;
    registerPostImportStep(async (_tx, imported) => {
      if (fail && imported.source === 'failing') throw new Error('ranks could not be computed');
    });
    await expect(importStatistics(national(), fixture('kwb-2023.csv'), { source: 'failing' })).rejects.toThrow('ranks could not be computed');
    expect(await count(t, 'statistic_values')).toBe(0);
    expect(await count(t, 'statistic_imports')).toBe(0);
    fail = false;
  });
});
