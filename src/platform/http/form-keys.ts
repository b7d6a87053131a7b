import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NamedMigrations } from '../db/migrate.js';
import { nowIso } from '../db/helpers.js';

/**
 * Safe forms: every form carries a one-time key. The first use case that a submission runs
 * records the key in the same transaction as its change; a second submission with the same key
 * (a double click, a retry after a dropped connection, the back button) finds it and changes
 * nothing — it is sent on to where the first one went. A submission that failed (invalid input,
 * refused) rolled back, so its key stays unused and the corrected form can be sent again.
 */
export interface FormSubmissionTable {
  key: string;
  created_at: string;
  /** Where the first submission sent the person (set after it committed). */
  location: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    form_submissions: FormSubmissionTable;
  }
}

export const formKeyMigrations: NamedMigrations = {
  '0008-platform-form-keys': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('form_submissions')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('location', 'text')
        .execute();
      await db.schema.createIndex('form_submissions_created').on('form_submissions').column('created_at').execute();
    },
  },
};

export const FORM_KEY_FIELD = '_formkey';

/**
 * A page body kept for many visitors (page-cache.ts) must not hand them all the same key: while it
 * is rendered for keeping, forms get this marker instead, and each request fills in fresh keys.
 */
export const FORM_KEY_MARKER = `formkey${randomBytes(12).toString('hex')}`;
const markingKeys = new AsyncLocalStorage<true>();

/** Runs `render` with every new form key a marker (see FORM_KEY_MARKER). */
export function withFormKeyMarkers<T>(render: () => Promise<T>): Promise<T> {
  return markingKeys.run(true, render);
}

export function newFormKey(): string {
  return markingKeys.getStore() ? FORM_KEY_MARKER : randomBytes(18).toString('base64url');
}

export function isFormKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,40}$/.test(value);
}

interface Submission {
  key: string;
  recorded: boolean;
}

const current = new AsyncLocalStorage<Submission>();

/** Run a form submission with its key; use cases executed inside record it. */
export function withFormKey<T>(key: string, fn: () => Promise<T>): Promise<T> {
  return current.run({ key, recorded: false }, fn);
}

export class DuplicateSubmission extends Error {
  constructor(readonly key: string) {
    super('This form was already submitted');
  }
}

/**
 * Called by `execute` inside its transaction: record the key of the submission being handled
 * (once per submission). A key that exists means the form was already handled.
 */
export async function recordFormKey(tx: Kysely<Database>): Promise<void> {
  const submission = current.getStore();
  if (!submission || submission.recorded) return;
  const inserted = await tx.insertInto('form_submissions').values({ key: submission.key, created_at: nowIso(), location: null })
    .onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  if (!inserted) throw new DuplicateSubmission(submission.key);
  submission.recorded = true;
}

export async function previousSubmission(db: Kysely<Database>, key: string): Promise<{ location: string | null } | null> {
  return (await db.selectFrom('form_submissions').select('location').where('key', '=', key).executeTakeFirst()) ?? null;
}

export async function rememberLocation(db: Kysely<Database>, key: string, location: string): Promise<void> {
  await db.updateTable('form_submissions').set({ location }).where('key', '=', key).execute();
}

/** Keys are kept for a week: long enough for any back button. */
export async function forgetOldFormKeys(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db.deleteFrom('form_submissions').where('created_at', '<', new Date(now.getTime() - 7 * 86400_000).toISOString()).execute();
}
