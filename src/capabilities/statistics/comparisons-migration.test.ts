import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachEngine, type TestPlatform } from '../../../test/support/engines.js';
import { openBeforeMigration } from '../../../test/support/migrations.js';
import { comparisonRows } from './store.js';

/**
 * 0304-statistics-comparisons-rowid: on SQLite the packed comparison rows move from a WITHOUT
 * ROWID table to an ordinary one. Every row stays, the key still holds, and a set still takes its
 * rows with it when it goes. PostgreSQL is left as it was.
 */
const MIGRATION = '0304-statistics-comparisons-rowid';

describeEachEngine('comparison rows in an ordinary table', (engine) => {
  let test: TestPlatform | null = null;
  afterEach(async () => {
    await test?.close();
    test = null;
  });

  it('keeps every row and the key, and a set still deletes its rows', async () => {
    const opened = await openBeforeMigration(engine, MIGRATION);
    test = opened.test;
    const { db } = opened;
    const set = (id: number, year: number) => ({
      id, municipality_id: null, year, computed_at: '2024-05-01T10:00:00.000Z', indicators: '["a_inw"]', structure: '{}', spread: '{}', sources: '[]', area_count: 2,
    });
    await db.insertInto('statistic_comparison_sets').values([set(1, 2022), set(2, 2023)]).execute();
    await db.insertInto('statistic_comparisons').values([
      { set_id: 1, area_code: 'BU00010001', data: '{"k":"neighbourhood","v":[1]}' },
      { set_id: 1, area_code: 'BU00010002', data: '{"k":"neighbourhood","v":[2]}' },
      { set_id: 2, area_code: 'BU00010001', data: '{"k":"neighbourhood","v":[3]}' },
    ]).execute();

    await opened.migrate();
    const platformDb = test.platform.db;
    expect((await comparisonRows(platformDb, [1, 2], ['BU00010001', 'BU00010002'])).sort((a, b) => a.setId - b.setId || a.areaCode.localeCompare(b.areaCode))).toEqual([
      { setId: 1, areaCode: 'BU00010001', data: '{"k":"neighbourhood","v":[1]}' },
      { setId: 1, areaCode: 'BU00010002', data: '{"k":"neighbourhood","v":[2]}' },
      { setId: 2, areaCode: 'BU00010001', data: '{"k":"neighbourhood","v":[3]}' },
    ]);
    if (engine === 'sqlite') {
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'statistic_comparisons'`.execute(db);
      expect(rows[0]!.sql.toLowerCase()).not.toContain('without rowid');
    }
    await expect(db.insertInto('statistic_comparisons').values({ set_id: 2, area_code: 'BU00010001', data: '{}' }).execute()).rejects.toThrow();
    await db.deleteFrom('statistic_comparison_sets').where('id', '=', 1).execute();
    expect(await comparisonRows(platformDb, [1, 2], ['BU00010001', 'BU00010002'])).toEqual([{ setId: 2, areaCode: 'BU00010001', data: '{"k":"neighbourhood","v":[3]}' }]);
  });
});
