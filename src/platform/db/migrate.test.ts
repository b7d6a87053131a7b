import { afterEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { allMigrations } from '../../app.js';
import { migrateToLatest } from './migrate.js';

describeEachEngine('migrations', (engine) => {
  let test: TestPlatform | null = null;
  afterEach(async () => {
    await test?.close();
    test = null;
  });

  it('apply every migration on an empty database, in name order, and a second run applies nothing', async () => {
    test = await openTestPlatform(engine, { migrate: false });
    const { db } = test.platform;
    const migrations = allMigrations();
    const names = Object.keys(migrations).sort();

    const first = await migrateToLatest(db, migrations);
    expect(first.applied).toEqual(names);
    const recorded = await db.selectFrom('schema_migrations' as never).select('name' as never).execute() as Array<{ name: string }>;
    expect(recorded.map((r) => r.name).sort()).toEqual(names);

    const second = await migrateToLatest(db, migrations);
    expect(second.applied).toEqual([]);

    // The schema is usable: the core tables exist and are empty.
    expect(await db.selectFrom('municipalities').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('audit_log').select('id').execute()).toEqual([]);
  });

  it('refuses a migration name used twice', () => {
    const [first] = Object.entries(allMigrations());
    const duplicate = { name: 'duplicate', migrations: { [first![0]]: first![1] } };
    expect(() => allMigrations([duplicate])).toThrow(/used twice/);
  });

  it('reports a failing migration by name and keeps the ones before it', async () => {
    test = await openTestPlatform(engine);
    const { db } = test.platform;
    const failing = {
      ...allMigrations(),
      '9999-broken': { async up() { throw new Error('boom'); } },
    };
    await expect(migrateToLatest(db, failing)).rejects.toThrow(/9999-broken.*boom/);
    const again = await migrateToLatest(db, allMigrations());
    expect(again.applied).toEqual([]);
  });
});
