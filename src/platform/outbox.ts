import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { NamedMigrations } from './db/migrate.js';
import { newId, nowIso } from './db/helpers.js';
import { enqueue, type JobRunner } from './jobs.js';
import { sanitiseFileName } from './files/names.js';
import type { MailAttachment, Mailer } from './mail.js';

/**
 * The transactional outbox: a message is written in the same transaction as the change that
 * causes it, together with a job that sends it. If the transaction rolls back, there is no
 * message; if the process dies after the commit, the job is still there and sends it after the
 * restart. Each message has a fixed Message-ID, and a sent message is never sent again.
 * Messages whose job failed on every attempt form the dead-letter list.
 *
 * A message may carry a few small files (an .ics calendar file, at most 256 KiB together), kept
 * with the message as JSON (base64 content) so that the job sends exactly what was committed.
 * Calendar files go as an ordinary attachment, not through nodemailer's `icalEvent`: that puts
 * the calendar in as an alternative body of the message (multipart/alternative, iMIP), which
 * Outlook shows as a calendar item instead of our message, so its text and links (details,
 * cancel) can be lost, and which mail clients read as an invitation to answer. An attached .ics
 * (`text/calendar; method=PUBLISH`) is understood everywhere: the message reads as written, and
 * the file adds the event to a calendar (Gmail and Apple Mail also offer that themselves).
 */
export interface OutboxTable {
  id: string;
  municipality_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  unsubscribe_url: string | null;
  /** JSON `StoredAttachment[]`, or null without attachments. */
  attachments: string | null;
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
  '0021-platform-outbox-attachments': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('outbox').addColumn('attachments', 'text').execute();
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
  /** Small files sent with the message, e.g. `calendarAttachment(…)` from calendar.ts. */
  attachments?: OutgoingAttachment[];
}

export interface OutgoingAttachment {
  /** The name the reader sees, e.g. `buurttop.ics` (no folders). */
  filename: string;
  /** The full MIME type, e.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
  /** Text is sent as UTF-8. */
  content: string | Uint8Array;
}

interface StoredAttachment {
  filename: string;
  contentType: string;
  base64: string;
}

export const MAIL_JOB = 'mail.send';
const MAX_ATTEMPTS = 8;
/** All attachments of one message together; mail is no way to hand out large files. */
export const MAX_ATTACHMENT_BYTES = 256 * 1024;
const MAX_ATTACHMENTS = 10;

/** Queue a message inside the caller's transaction. */
export async function queueMail(tx: Kysely<Database>, mail: OutgoingMail, domain = 'buurtarena.invalid'): Promise<string> {
  const attachments = storedAttachments(mail.attachments ?? []);
  const id = newId();
  await tx.insertInto('outbox').values({
    id, municipality_id: mail.municipalityId ?? null, to_address: mail.to, subject: mail.subject, text_body: mail.text,
    html_body: mail.html ?? null, unsubscribe_url: mail.unsubscribeUrl ?? null,
    attachments: attachments.length > 0 ? JSON.stringify(attachments) : null, message_id: `<${id}@${domain}>`,
    status: 'pending', attempts: 0, last_error: null, created_at: nowIso(), sent_at: null,
  }).execute();
  await enqueue(tx, MAIL_JOB, { id }, { uniqueKey: `mail:${id}`, maxAttempts: MAX_ATTEMPTS });
  return id;
}

/** Checks a message's attachments before anything is written; a mistake here is the calling code's. */
function storedAttachments(attachments: OutgoingAttachment[]): StoredAttachment[] {
  if (attachments.length > MAX_ATTACHMENTS) throw new Error(`A mail may carry at most ${MAX_ATTACHMENTS} attachments, not ${attachments.length}`);
  let total = 0;
  return attachments.map(({ filename, contentType, content }) => {
    if (!filename || sanitiseFileName(filename) !== filename) {
      throw new Error(`Mail attachment name "${filename}" is not a harmless file name (as sanitiseFileName would give it)`);
    }
    if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\r\n]*"|[a-z0-9!#$&^_.+-]+))*$/i.test(contentType)) {
      throw new Error(`Mail attachment "${filename}": "${contentType}" is not a MIME type`);
    }
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    total += bytes.length;
    if (total > MAX_ATTACHMENT_BYTES) {
      throw new Error(`Mail attachments are too large: "${filename}" brings them to ${total} bytes, more than the ${MAX_ATTACHMENT_BYTES} bytes (256 KiB) one message may carry`);
    }
    return { filename, contentType, base64: bytes.toString('base64') };
  });
}

function sentAttachments(json: string | null): MailAttachment[] | undefined {
  if (json === null) return undefined;
  return (JSON.parse(json) as StoredAttachment[]).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') }));
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
        messageId: message.message_id, attachments: sentAttachments(message.attachments),
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
