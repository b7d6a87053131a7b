import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Dialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
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
  const dialect: Dialect = new PostgresDialect({ pool: copyCapable(pool) });
  const db = new Kysely<Database>({ dialect });
  return { db, engine: 'postgres', close: () => { closing = true; return db.destroy(); } };
}

/** The engine behind a Kysely instance (also inside a transaction). */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// ---- bulk copy (PostgreSQL) ------------------------------------------------------------------

/** Marks a statement that `copyCapable` runs as COPY … FROM STDIN with the rows in its one parameter. */
const COPY_MARKER = '/* buurtarena:copy */ ';

/**
 * The pool Kysely uses, with one addition: a statement starting with COPY_MARKER is run as
 * `COPY … FROM STDIN` (pg-copy-streams) on the same connection, so it is part of the transaction
 * like any other statement. Kysely hands every statement to the client as text and parameters;
 * this is the one place that knows the client underneath.
 */
function copyCapable(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const wrapped = {
        query(sql: string, parameters: readonly unknown[]) {
          if (typeof sql === 'string' && sql.startsWith(COPY_MARKER)) return copyRows(client, sql.slice(COPY_MARKER.length), parameters[0] as Iterable<string>);
          return client.query(sql, parameters as unknown[]);
        },
        release: () => client.release(),
      };
      return wrapped as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

async function copyRows(client: pg.PoolClient, statement: string, chunks: Iterable<string>) {
  const stream = client.query(copyFrom(statement));
  await pipeline(Readable.from(chunks), stream);
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

/** A field of COPY's text format: \N for null, backslash, tab and line breaks escaped. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/**
 * Writes many rows into a table in the transaction of `tx`: on PostgreSQL with COPY (several times
 * faster than INSERT for a million rows), the rows sent in chunks as they are made. `fieldsOf`
 * gives a row's fields in the order of `columns`. PostgreSQL only; SQLite writes through its own
 * statements.
 */
export async function copyInto<T>(tx: Kysely<any>, table: string, columns: readonly string[], rows: readonly T[], fieldsOf: (row: T) => ReadonlyArray<string | number | null>, rowsPerChunk = 20_000): Promise<void> {
  if (engineOf(tx) !== 'postgres') throw new Error('copyInto is for PostgreSQL');
  function* chunks() {
    for (let start = 0; start < rows.length; start += rowsPerChunk) {
      let text = '';
      const end = Math.min(start + rowsPerChunk, rows.length);
      for (let i = start; i < end; i++) text += `${fieldsOf(rows[i]!).map(copyField).join('\t')}\n`;
      yield text;
    }
  }
  await tx.executeQuery(CompiledQuery.raw(`${COPY_MARKER}copy ${table} (${columns.join(', ')}) from stdin`, [chunks()]));
}
