import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.js';
import { connect, sqlitePathOf } from '../../platform/db/connect.js';
import { CliError, reportError } from '../run.js';
import { progressBar } from '../progress.js';

const POSTGRES_HINT = 'this installation uses PostgreSQL: use pg_dump -Fc "$DATABASE_URL" > FILE to back up and pg_restore --clean -d "$DATABASE_URL" FILE to restore';

export function backupCommands(program: Command): void {
  program.command('backup <file>')
    .description('online backup of the SQLite database to FILE (the server may keep running)')
    .action(async (file: string) => {
      try {
        const config = loadConfig();
        if (!config.databaseUrl.startsWith('sqlite:')) throw new CliError(POSTGRES_HINT);
        if (fs.existsSync(file)) throw new CliError(`${file} already exists; choose a new file name`);
        const connection = connect(config.databaseUrl);
        try {
          let bar: ReturnType<typeof progressBar> | null = null;
          let done = 0;
          await connection.sqlite!.backup(file, {
            progress({ totalPages, remainingPages }) {
              bar ??= progressBar('backup', totalPages);
              bar.tick(totalPages - remainingPages - done);
              done = totalPages - remainingPages;
              return 200;
            },
          });
          (bar as ReturnType<typeof progressBar> | null)?.stop();
        } finally {
          await connection.close();
        }
        process.stdout.write(`Backed up to ${file} (${fs.statSync(file).size} bytes).\n`);
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });

  program.command('restore <file>')
    .description('replace the SQLite database with a backup (stop the server first)')
    .action(async (file: string) => {
      try {
        const config = loadConfig();
        if (!config.databaseUrl.startsWith('sqlite:')) throw new CliError(POSTGRES_HINT);
        if (!fs.existsSync(file)) throw new CliError(`${file} does not exist`);
        let check: SQLite.Database;
        try {
          check = new SQLite(file, { readonly: true, fileMustExist: true });
        } catch {
          throw new CliError(`${file} is not a SQLite database`);
        }
        try {
          const integrity = check.pragma('integrity_check', { simple: true });
          if (integrity !== 'ok') throw new CliError(`${file} is damaged: ${String(integrity)}`);
          const table = check.prepare("select name from sqlite_master where type = 'table' and name = 'schema_migrations'").get();
          if (!table) throw new CliError(`${file} is not a Buurtarena backup (no schema_migrations table)`);
        } catch (error) {
          if (error instanceof CliError) throw error;
          throw new CliError(`${file} is not a SQLite database`);
        } finally {
          check.close();
        }
        const target = path.resolve(sqlitePathOf(config.databaseUrl));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const temp = `${target}.restoring`;
        fs.copyFileSync(file, temp);
        for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
        fs.renameSync(temp, target);
        process.stdout.write(`Restored ${target} from ${file}. Start the server to apply any newer migrations.\n`);
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}
