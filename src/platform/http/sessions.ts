import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NamedMigrations } from '../db/migrate.js';
import { nowIso } from '../db/helpers.js';

/**
 * Sessions live in the database so that several server processes share them. The cookie holds
 * a random token; the table holds only its SHA-256, so a leaked table grants no access.
 *
 * A session is `pending` after a correct password for an account with a second factor: it is
 * not a session at all for the rest of the system (it has its own short-lived cookie) until the
 * code is given, when it is replaced by a `full` one. A full session is `strong` when a second
 * factor was verified in it (or an identity provider trusted for that signed the person in).
 */
export type SessionStage = 'pending' | 'full';
export type SessionMethod = 'password' | 'oidc' | 'direct';

export interface SessionTable {
  id: string; // sha256(token)
  person_id: string;
  created_at: string;
  expires_at: string;
  stage: SessionStage;
  strong: number; // 0 | 1
  method: SessionMethod;
}

declare module '../db/schema.js' {
  interface Database {
    sessions: SessionTable;
  }
}

export const SESSION_COOKIE = 'ba_session';
export const CSRF_COOKIE = 'ba_csrf';
/** Holds a pending session between the password and the second factor. */
export const PENDING_COOKIE = 'ba_pending';
export const SESSION_DAYS = 14;
export const PENDING_MINUTES = 10;

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
  '0012-platform-session-strength': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('sessions').addColumn('stage', 'text', (c) => c.notNull().defaultTo('full')).execute();
      await db.schema.alterTable('sessions').addColumn('strong', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('sessions').addColumn('method', 'text', (c) => c.notNull().defaultTo('password')).execute();
    },
  },
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface SessionOptions {
  /** A second factor was verified (default false). */
  strong?: boolean;
  method?: SessionMethod;
}

export async function createSession(db: Kysely<Database>, personId: string, options: SessionOptions = {}): Promise<string> {
  const token = newToken();
  const now = new Date();
  await db.insertInto('sessions').values({
    id: hashToken(token), person_id: personId, created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_DAYS * 86400_000).toISOString(),
    stage: 'full', strong: options.strong ? 1 : 0, method: options.method ?? 'password',
  }).execute();
  return token;
}

export interface FoundSession {
  id: string;
  personId: string;
  strong: boolean;
}

export async function findSession(db: Kysely<Database>, token: string): Promise<FoundSession | null> {
  const row = await db.selectFrom('sessions').select(['id', 'person_id', 'strong']).where('id', '=', hashToken(token)).where('stage', '=', 'full').where('expires_at', '>', nowIso()).executeTakeFirst();
  return row ? { id: row.id, personId: row.person_id, strong: Number(row.strong) === 1 } : null;
}

/** After the password, before the second factor: valid for a few minutes, never a signed-in session. */
export async function createPendingSession(db: Kysely<Database>, personId: string, method: SessionMethod = 'password'): Promise<string> {
  const token = newToken();
  const now = new Date();
  await db.insertInto('sessions').values({
    id: hashToken(token), person_id: personId, created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PENDING_MINUTES * 60_000).toISOString(), stage: 'pending', strong: 0, method,
  }).execute();
  return token;
}

export async function findPendingSession(db: Kysely<Database>, token: string): Promise<{ id: string; personId: string; method: SessionMethod } | null> {
  const row = await db.selectFrom('sessions').select(['id', 'person_id', 'method']).where('id', '=', hashToken(token)).where('stage', '=', 'pending').where('expires_at', '>', nowIso()).executeTakeFirst();
  return row ? { id: row.id, personId: row.person_id, method: row.method } : null;
}

/** The person proved a second factor in this session (they just enrolled one). */
export async function markSessionStrong(db: Kysely<Database>, token: string): Promise<void> {
  await db.updateTable('sessions').set({ strong: 1 }).where('id', '=', hashToken(token)).where('stage', '=', 'full').execute();
}

/** The person no longer has a second factor: none of their sessions counts as strong any more. */
export async function weakenSessionsOf(db: Kysely<Database>, personId: string): Promise<void> {
  await db.updateTable('sessions').set({ strong: 0 }).where('person_id', '=', personId).execute();
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
