import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { NamedMigrations } from './db/migrate.js';
import { newId, nowIso } from './db/helpers.js';
import { enqueue, type JobRunner } from './jobs.js';
import type { Mailer } from './mail.js';

/**
 * The transactional outbox: a message is written in the same transaction as the change that
 * causes it, together with a job that sends it. If the transaction rolls back, there is no
 * message; if the process dies after the commit, the job is still there and sends it after the
 * restart. Each message has a fixed Message-ID, and a sent message is never sent again.
 * Messages whose job failed on every attempt form the dead-letter list.
 */
export interface OutboxTable {
  id: string;
  municipality_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  unsubscribe_url: string | null;
  message_id: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

declare module './db/schema.js' {
  interface Database {
    outbox: OutboxTable;
  }
}

export const outboxMigrations: NamedMigrations = {
  '0005-platform-outbox': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text')
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text')
        .addColumn('unsubscribe_url', 'text')
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'created_at']).execute();
    },
  },
};

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** One-click unsubscribe (RFC 8058) for messages people can opt out of. */
  unsubscribeUrl?: string;
  municipalityId?: string | null;
}

export const MAIL_JOB = 'mail.send';
const MAX_ATTEMPTS = 8;

/** Queue a message inside the caller's transaction. */
export async function queueMail(tx: Kysely<Database>, mail: OutgoingMail, domain = 'buurtarena.invalid'): Promise<string> {
  const id = newId();
  await tx.insertInto('outbox').values({
    id, municipality_id: mail.municipalityId ?? null, to_address: mail.to, subject: mail.subject, text_body: mail.text,
    html_body: mail.html ?? null, unsubscribe_url: mail.unsubscribeUrl ?? null, message_id: `<${id}@${domain}>`,
    status: 'pending', attempts: 0, last_error: null, created_at: nowIso(), sent_at: null,
  }).execute();
  await enqueue(tx, MAIL_JOB, { id }, { uniqueKey: `mail:${id}`, maxAttempts: MAX_ATTEMPTS });
  return id;
}

/** The worker side: sends one queued message through the transport. */
export function registerMailJob(runner: JobRunner, db: Kysely<Database>, transport: Mailer): void {
  runner.register(MAIL_JOB, async (payload, job) => {
    const { id } = payload as { id: string };
    const message = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!message || message.status === 'sent') return;
    try {
      await transport.send({
        to: message.to_address, subject: message.subject, text: message.text_body, html: message.html_body ?? undefined,
        messageId: message.message_id,
        headers: message.unsubscribe_url ? { 'List-Unsubscribe': `<${message.unsubscribe_url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
      });
    } catch (error) {
      const dead = job.attempts >= job.maxAttempts;
      await db.updateTable('outbox').set({ attempts: job.attempts, last_error: error instanceof Error ? error.message.slice(0, 1000) : String(error), status: dead ? 'dead' : 'pending' }).where('id', '=', id).execute();
      throw error;
    }
    await db.updateTable('outbox').set({ status: 'sent', sent_at: nowIso(), attempts: job.attempts, last_error: null }).where('id', '=', id).execute();
  });
}

export async function deadLetters(db: Kysely<Database>, limit = 100) {
  return db.selectFrom('outbox').select(['id', 'to_address', 'subject', 'attempts', 'last_error', 'created_at']).where('status', '=', 'dead').orderBy('created_at', 'desc').limit(limit).execute();
}
