import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';

/**
 * Migrations from the platform and from every capability, in one global order by name.
 * Names start with a sortable prefix ("0001-platform", "0100-areas", …) so that a capability's
 * migrations always run after those of what it depends on.
 */
export type NamedMigrations = Record<string, Migration>;

class ListProvider implements MigrationProvider {
  constructor(private readonly migrations: NamedMigrations) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

export interface MigrationOutcome {
  applied: string[];
}

export async function migrateToLatest(db: Kysely<any>, migrations: NamedMigrations): Promise<MigrationOutcome> {
  // Modules add migrations independently; one that lands with a lower number than a migration an
  // installation already ran (a platform service added after a capability's) must still run.
  const migrator = new Migrator({
    db, provider: new ListProvider(migrations), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock',
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
