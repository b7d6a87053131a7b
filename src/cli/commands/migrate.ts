import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.js';
import { connect } from '../../platform/db/connect.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { allMigrations } from '../../app.js';
import { reportError } from '../run.js';

export function migrateCommand(program: Command): void {
  program.command('migrate')
    .description('apply database migrations (also done on server start)')
    .action(async () => {
      const connection = connect(loadConfig().databaseUrl);
      try {
        const { applied } = await migrateToLatest(connection.db, allMigrations());
        process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
      } catch (error) {
        process.exitCode = reportError(error);
      } finally {
        await connection.close();
      }
    });
}
