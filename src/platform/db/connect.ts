import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

// PostgreSQL returns int8 (bigint, used for cents and counts) as strings; amounts here stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export interface Connection {
  db: Db;
  engine: Engine;
  /** The raw better-sqlite3 handle (SQLite only), for online backup. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export function sqlitePathOf(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '');
}

export function connect(databaseUrl: string): Connection {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = sqlitePathOf(databaseUrl);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // WAL with synchronous=FULL: a write acknowledged to a client survives a crash of the process or machine.
    sqlite.pragma('synchronous = FULL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, engine: 'sqlite', sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let closing = false;
  // An idle connection can be ended by the server (restart, failover, an administrator, a dropped
  // database). pg reports that on the pool; unheard, it would end the whole process. The pool drops
  // that connection and opens a new one on the next query, so it is logged and nothing more.
  pool.on('error', (error) => {
    if (!closing) console.warn(`PostgreSQL closed an idle connection: ${error.message}`);
  });
  const dialect: Dialect = new PostgresDialect({ pool });
  const db = new Kysely<Database>({ dialect });
  return { db, engine: 'postgres', close: () => { closing = true; return db.destroy(); } };
}

/** The engine behind a Kysely instance (also inside a transaction). */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
