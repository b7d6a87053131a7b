import { afterEach, expect, it } from 'vitest';
import { describeEachEngine, type TestPlatform } from '../../../test/support/engines.js';
import { openBeforeMigration } from '../../../test/support/migrations.js';
import { dropSupersededDataset, storedValueCount, valuesOf } from './store.js';

/**
 * 0303-statistics-values-per-area: an installation from before kept one row per value in
 * statistic_values. After the migration every value is still there, unknown ones with their reason,
 * packed per dataset and area; the old table is gone, and deleting a dataset still deletes its values.
 */
const MIGRATION = '0303-statistics-values-per-area';

describeEachEngine('statistic values move to one row per area', (engine) => {
  let test: TestPlatform | null = null;
  afterEach(async () => {
    await test?.close();
    test = null;
  });

  it('packs every stored value, unknown ones with their reason, drops the old table and keeps the delete trigger', async () => {
    const opened = await openBeforeMigration(engine, MIGRATION);
    test = opened.test;
    const { db } = opened;

    const at = '2024-05-01T10:00:00.000Z';
    await db.insertInto('municipalities').values({
      id: 'gm-1', slug: 'dorp', cbs_code: 'GM0001', name: 'Gemeente Dorp', division_year: 2025, primary_colour: '#1d5c4d', accent_colour: '#0e3b31',
      created_at: at, updated_at: at,
    }).execute();
    const dataset = (id: number, municipality: string | null, year: number, variables: string[], superseded: string | null = null) => ({
      id, municipality_id: municipality, source: municipality ? 'local' : 'cbs-kwb', year, import_id: `import-${id}`,
      variables: JSON.stringify(variables), value_count: 0, updated_at: at, superseded_at: superseded,
    });
    await db.insertInto('statistic_datasets').values([
      dataset(1, null, 2023, ['a_inw', 'a_man']),
      dataset(2, 'gm-1', 2023, ['vrijwilligers']),
      dataset(3, null, 2022, ['a_inw'], at),
    ]).execute();
    const value = (dataset_id: number, area_code: string, variable: string, value: number | null, unknown: string | null = null) => ({ dataset_id, area_code, variable, value, unknown });
    await db.insertInto('statistic_values').values([
      value(1, 'BU00010001', 'a_inw', 1234.5), value(1, 'BU00010001', 'a_man', null, 'secret'),
      value(1, 'BU00010002', 'a_inw', 0), // a_man absent: no value, not "unknown"
      value(1, 'GM0001', 'a_inw', 20000), value(1, 'GM0001', 'a_man', null, 'not-applicable'),
      value(2, 'BU00010001', 'vrijwilligers', 31.25), value(2, 'BU00010002', 'vrijwilligers', null, 'missing'),
      value(3, 'BU00010001', 'a_inw', 1200),
    ]).execute();

    await opened.migrate();
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toContain('statistic_area_values');
    expect(tables).not.toContain('statistic_values');

    const platformDb = test.platform.db;
    const read = async (municipalityId: string | null, areaCodes: string[]) =>
      (await valuesOf(platformDb, { municipalityId, areaCodes })).map((v) => [v.datasetId, v.year, v.areaCode, v.variable, v.value, v.unknown]);
    expect(await read('gm-1', ['BU00010001', 'BU00010002', 'GM0001'])).toEqual([
      [1, 2023, 'BU00010001', 'a_inw', 1234.5, null],
      [1, 2023, 'BU00010001', 'a_man', null, 'secret'],
      [2, 2023, 'BU00010001', 'vrijwilligers', 31.25, null],
      [1, 2023, 'BU00010002', 'a_inw', 0, null],
      [2, 2023, 'BU00010002', 'vrijwilligers', null, 'missing'],
      [1, 2023, 'GM0001', 'a_inw', 20000, null],
      [1, 2023, 'GM0001', 'a_man', null, 'not-applicable'],
    ]);
    expect(await read(null, ['BU00010001'])).toEqual([[1, 2023, 'BU00010001', 'a_inw', 1234.5, null], [1, 2023, 'BU00010001', 'a_man', null, 'secret']]);
    expect(await storedValueCount(platformDb)).toBe(8);
    expect(await storedValueCount(platformDb, [3])).toBe(1);

    // The superseded dataset still goes with its values, through the trigger on the new table.
    await dropSupersededDataset(platformDb, 3);
    expect(await storedValueCount(platformDb)).toBe(7);
    expect(await db.selectFrom('statistic_area_values').select('dataset_id').where('dataset_id', '=', 3).execute()).toEqual([]);
    await db.deleteFrom('statistic_datasets').where('id', '=', 2).execute();
    expect(await storedValueCount(platformDb)).toBe(5);
  });
});
