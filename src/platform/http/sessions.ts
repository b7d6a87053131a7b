import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NamedMigrations } from '../db/migrate.js';
import { nowIso } from '../db/helpers.js';

/**
 * Sessions live in the database so that several server processes share them. The cookie holds
 * a random token; the table holds only its SHA-256, so a leaked table grants no access.
 */
export interface SessionTable {
  id: string; // sha256(token)
  person_id: string;
  created_at: string;
  expires_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    sessions: SessionTable;
  }
}

export const SESSION_COOKIE = 'ba_session';
export const CSRF_COOKIE = 'ba_csrf';
export const SESSION_DAYS = 14;

export const sessionMigrations: NamedMigrations = {
  '0003-platform-sessions': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_person').on('sessions').column('person_id').execute();
    },
  },
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(db: Kysely<Database>, personId: string): Promise<string> {
  const token = newToken();
  const now = new Date();
  await db.insertInto('sessions').values({
    id: hashToken(token), person_id: personId, created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_DAYS * 86400_000).toISOString(),
  }).execute();
  return token;
}

export async function findSession(db: Kysely<Database>, token: string): Promise<{ id: string; personId: string } | null> {
  const row = await db.selectFrom('sessions').select(['id', 'person_id']).where('id', '=', hashToken(token)).where('expires_at', '>', nowIso()).executeTakeFirst();
  return row ? { id: row.id, personId: row.person_id } : null;
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function endSessionsOf(db: Kysely<Database>, personId: string): Promise<void> {
  await db.deleteFrom('sessions').where('person_id', '=', personId).execute();
}

/** CSRF token bound to the session (or, before login, to an anonymous cookie). */
export function csrfToken(secret: string, binding: string): string {
  return createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
}

export function csrfMatches(secret: string, binding: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const expected = Buffer.from(csrfToken(secret, binding));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
