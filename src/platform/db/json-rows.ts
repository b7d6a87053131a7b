import type { Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { engineOf } from './connect.js';

/**
 * The rows of a subquery as one JSON array in a column, on either engine: several small reads in
 * one round trip (`db.selectNoFrom([jsonRows(db, a).as('a'), jsonRows(db, b).as('b')])`), read
 * back with `rowsOf`. The subquery must name its columns (SQLite builds each row with
 * `json_object`, so `selectAll()` is not allowed); its order is kept.
 */
export function jsonRows<O>(db: Kysely<any>, query: SelectQueryBuilder<any, any, O>): RawBuilder<O[] | string> {
  return (engineOf(db) === 'postgres' ? postgresJsonArray(query) : sqliteJsonArray(query)) as RawBuilder<unknown> as RawBuilder<O[] | string>;
}

/** The rows of a `jsonRows` column: PostgreSQL's driver parses JSON, SQLite's gives the text. */
export function rowsOf<T>(value: T[] | string | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}
