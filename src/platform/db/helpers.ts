import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import { engineOf } from './connect.js';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Random, unguessable, URL-friendly identifier (16 characters, ~80 bits). */
export function newId(): string {
  const bytes = randomBytes(16);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Standard columns: a text primary key. */
export function withId<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'id'> {
  return table.addColumn('id', 'text', (col) => col.primaryKey().notNull());
}

/** A large binary column, portable across engines. */
export function blobType(db: Kysely<any>) {
  return engineOf(db) === 'postgres' ? sql`bytea` : sql`blob`;
}

/** Case-insensitive LIKE on both engines. */
export function ilike(db: Kysely<any>): 'ilike' | 'like' {
  return engineOf(db) === 'postgres' ? 'ilike' : 'like';
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
