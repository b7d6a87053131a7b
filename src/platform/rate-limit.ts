import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Platform } from './context.js';
import type { Db } from './db/connect.js';
import { newId } from './db/helpers.js';
import type { NamedMigrations } from './db/migrate.js';
import { TooManyRequestsError } from './errors.js';
import { registerRetention } from './privacy.js';

/**
 * Rate limits: at most N attempts per key per window, counted in the database (so a limit holds
 * across server processes). A key is a keyed hash (HMAC with the installation secret) of what is
 * limited — an e-mail address, an IP address, a person — so the table never holds the value
 * itself. Rows older than a day go by the daily retention job; no window may be longer.
 */
export interface RateLimitAttemptTable {
  id: string;
  key: string;
  at: string;
}

declare module './db/schema.js' {
  interface Database {
    rate_limit_attempts: RateLimitAttemptTable;
  }
}

export const rateLimitMigrations: NamedMigrations = {
  '0019-platform-rate-limits': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('rate_limit_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limit_attempts_key_at').on('rate_limit_attempts').columns(['key', 'at']).execute();
      await db.schema.createIndex('rate_limit_attempts_at').on('rate_limit_attempts').column('at').execute();
    },
  },
};

/** Rows are kept this long; a window may not be longer. */
export const RATE_LIMIT_RETENTION_DAYS = 1;
const MAX_WINDOW_MINUTES = RATE_LIMIT_RETENTION_DAYS * 24 * 60;

export interface Limit {
  key: string;
  max: number;
  windowMinutes: number;
  /** Message key of the refusal (default `error.tooManyRequests`); it gets `{minutes}`. */
  messageKey?: string;
}

/**
 * The key of a value for one purpose ("login.account", "survey.link", …): the purpose in the
 * clear, then an HMAC of purpose and value. The caller normalises the value (e.g. lower case).
 */
export function keyOf(platform: Pick<Platform, 'secret'>, purpose: string, value: string): string {
  return `${purpose}:${createHmac('sha256', platform.secret).update(`${purpose}\u0000${value}`).digest('base64url')}`;
}

/** How many attempts of this key were recorded after `since`. */
export async function attemptsSince(db: Db, key: string, since: Date | string): Promise<number> {
  const from = typeof since === 'string' ? since : since.toISOString();
  const row = await db.selectFrom('rate_limit_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('key', '=', key).where('at', '>', from).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function recordAttempt(tx: Db, key: string, at: Date = new Date()): Promise<void> {
  await tx.insertInto('rate_limit_attempts').values({ id: newId(), key, at: at.toISOString() }).execute();
}

/** Forget every attempt of this key (a successful sign-in clears its account's failures). */
export async function clearAttempts(tx: Db, key: string): Promise<void> {
  await tx.deleteFrom('rate_limit_attempts').where('key', '=', key).execute();
}

/** Delete attempts from before `before` (the retention job passes now minus a day). */
export async function pruneAttempts(db: Db, before: Date | string = new Date(Date.now() - MAX_WINDOW_MINUTES * 60_000)): Promise<void> {
  await db.deleteFrom('rate_limit_attempts').where('at', '<', typeof before === 'string' ? before : before.toISOString()).execute();
}

/**
 * Refuse (429, Retry-After: the whole window) when the key already has `max` attempts in the
 * window. Recording the attempt is the caller's: some limits count every request, others only
 * failures.
 */
export async function checkLimit(db: Db, limit: Limit): Promise<void> {
  if (limit.windowMinutes > MAX_WINDOW_MINUTES) throw new Error(`A rate-limit window is at most ${MAX_WINDOW_MINUTES} minutes`);
  const since = new Date(Date.now() - limit.windowMinutes * 60_000);
  if ((await attemptsSince(db, limit.key, since)) >= limit.max) throw new TooManyRequestsError(limit.windowMinutes * 60, limit.messageKey);
}

/**
 * Run an attempt under limits on failures (a wrong password, a wrong code): refused at once when
 * any key is at its maximum; a failure that `failed` recognises is recorded for every key (after
 * the attempt's own transaction rolled back, so it stays recorded); a success clears the keys in
 * `clearOnSuccess`.
 */
export async function limitFailures<T>(db: Db, limits: readonly Limit[], attempt: () => Promise<T>, options: { failed: (error: unknown) => boolean; clearOnSuccess?: readonly string[] }): Promise<T> {
  for (const limit of limits) await checkLimit(db, limit);
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    if (options.failed(error)) {
      const at = new Date();
      for (const limit of limits) await recordAttempt(db, limit.key, at);
    }
    throw error;
  }
  for (const key of options.clearOnSuccess ?? []) await clearAttempts(db, key);
  return result;
}

registerRetention({
  name: 'rate_limit_attempts', descriptionKey: 'privacy.retention.rateLimits', days: RATE_LIMIT_RETENTION_DAYS,
  async run(db, cutoff) { await pruneAttempts(db, cutoff); },
});
