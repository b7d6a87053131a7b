import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { allMigrations } from '../../src/app.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import type { Engine } from '../../src/platform/db/connect.js';
import { openTestPlatform, type TestPlatform } from './engines.js';

/**
 * A test platform whose database has every migration but one applied: the state an installation
 * was in before that migration shipped. Fill it the old way, then `migrate()` applies the one
 * migration (and checks it was the only one left).
 */
export async function openBeforeMigration(engine: Engine, migration: string): Promise<{ test: TestPlatform; db: Kysely<any>; migrate: () => Promise<void> }> {
  const test = await openTestPlatform(engine, { migrate: false });
  const db = test.platform.db as unknown as Kysely<any>;
  const before = { ...allMigrations() };
  if (!(migration in before)) throw new Error(`No migration named ${migration}`);
  delete before[migration];
  await migrateToLatest(db, before);
  return {
    test, db,
    async migrate() {
      const { applied } = await migrateToLatest(db, allMigrations());
      expect(applied).toEqual([migration]);
    },
  };
}
