import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import { withAttendance, type RegistrationCounts, type RegistrationStatus } from './registration-model.js';

/**
 * Registrations for a summit, and the counts that replace them once their retention has passed.
 * A registration holds personal data (name, e-mail, phone, needs) and two hashed tokens: the
 * confirmation link's (with its expiry) and the cancel link's; the links themselves are only in
 * the mails. `email_key` is the address in lower case, to recognise a second registration.
 * Themes are working group ids as a JSON array.
 */
export interface SummitRegistrationTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  status: RegistrationStatus;
  name: string;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  themes: string;
  access_needs: string | null;
  language_help: string | null;
  children: number | null;
  locale: string;
  /** Registered by an organiser (by phone, at the door), not through the link. */
  by_hand: number;
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  cancel_token_hash: string | null;
  /** The registration's own part of its calendar files' SEQUENCE (raised on cancelling and moving up; the summit's revision is added). */
  calendar_sequence: number;
  /** Came (1) or not (0), as the organisers recorded on or after the day; null when not recorded. */
  attended: number | null;
  created_at: string;
  /** When it took a place or joined the waiting list: the waiting list's order. */
  placed_at: string | null;
  cancelled_at: string | null;
}

/** What is kept of a summit's registrations after their personal data was deleted. */
export interface SummitRegistrationRecordTable {
  summit_id: string;
  municipality_id: string;
  /** `RegistrationCounts` as JSON. */
  counts: string;
  erased_at: string;
}

/** How many came without registering (walk-ins), recorded with the attendance; kept after the registrations go. */
export interface SummitAttendanceTable {
  summit_id: string;
  municipality_id: string;
  walk_ins: number;
  recorded_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    summit_registrations: SummitRegistrationTable;
    summit_registration_records: SummitRegistrationRecordTable;
    summit_attendance: SummitAttendanceTable;
  }
}

export const registrationMigrations: NamedMigrations = {
  '0810-summit-registrations': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('summit_registrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('summit_id', 'text', (c) => c.notNull().references('summits.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('email_key', 'text')
        .addColumn('phone', 'text')
        .addColumn('themes', 'text', (c) => c.notNull())
        .addColumn('access_needs', 'text')
        .addColumn('language_help', 'text')
        .addColumn('children', 'integer')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('by_hand', 'integer', (c) => c.notNull())
        .addColumn('confirm_token_hash', 'text')
        .addColumn('confirm_expires_at', 'text')
        .addColumn('cancel_token_hash', 'text')
        .addColumn('calendar_sequence', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('placed_at', 'text')
        .addColumn('cancelled_at', 'text')
        .execute();
      await db.schema.createIndex('summit_registrations_summit').on('summit_registrations').columns(['summit_id', 'status', 'placed_at']).execute();
      await db.schema.createIndex('summit_registrations_email').on('summit_registrations').columns(['summit_id', 'email_key']).execute();
      await db.schema.createIndex('summit_registrations_confirm').on('summit_registrations').column('confirm_token_hash').execute();
      await db.schema.createIndex('summit_registrations_cancel').on('summit_registrations').column('cancel_token_hash').execute();
      await db.schema.createTable('summit_registration_records')
        .addColumn('summit_id', 'text', (c) => c.primaryKey().references('summits.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('erased_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0813-summit-attendance': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('summit_registrations').addColumn('attended', 'integer').execute();
      await db.schema.createTable('summit_attendance')
        .addColumn('summit_id', 'text', (c) => c.primaryKey().references('summits.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('walk_ins', 'integer', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export interface Registration {
  id: string;
  summitId: string;
  status: RegistrationStatus;
  name: string;
  email: string | null;
  phone: string | null;
  themes: string[];
  accessNeeds: string | null;
  languageHelp: string | null;
  children: number | null;
  locale: string;
  byHand: boolean;
  calendarSequence: number;
  attended: boolean | null;
  createdAt: string;
  placedAt: string | null;
  cancelledAt: string | null;
}

export const registrationOf = (r: SummitRegistrationTable): Registration => ({
  id: r.id, summitId: r.summit_id, status: r.status, name: r.name, email: r.email, phone: r.phone, themes: JSON.parse(r.themes) as string[],
  accessNeeds: r.access_needs, languageHelp: r.language_help, children: r.children === null ? null : Number(r.children), locale: r.locale,
  byHand: Number(r.by_hand) === 1, calendarSequence: Number(r.calendar_sequence), attended: r.attended === null || r.attended === undefined ? null : Number(r.attended) === 1, createdAt: r.created_at, placedAt: r.placed_at, cancelledAt: r.cancelled_at,
});

/** A summit's registrations: placed ones in the order they were placed (the waiting list's order), then pending, by registration. */
export async function registrationsOf(db: Db, summitId: string): Promise<Registration[]> {
  const rows = await db.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summitId).orderBy('placed_at').orderBy('created_at').orderBy('id').execute();
  return rows.map(registrationOf);
}

export async function findRegistration(db: Db, summitId: string, id: string): Promise<Registration | null> {
  const row = await db.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summitId).where('id', '=', id).executeTakeFirst();
  return row ? registrationOf(row) : null;
}

export async function registrationByToken(db: Db, summitId: string, column: 'confirm_token_hash' | 'cancel_token_hash', hash: string): Promise<SummitRegistrationTable | null> {
  return (await db.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summitId).where(column, '=', hash).executeTakeFirst()) ?? null;
}

export async function countWithStatus(db: Db, summitId: string, status: RegistrationStatus): Promise<number> {
  const row = await db.selectFrom('summit_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('summit_id', '=', summitId).where('status', '=', status).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The counts kept after the personal data was deleted, or null while the registrations are still there. */
export async function registrationRecordOf(db: Db, summitId: string): Promise<{ counts: RegistrationCounts; erasedAt: string } | null> {
  const row = await db.selectFrom('summit_registration_records').selectAll().where('summit_id', '=', summitId).executeTakeFirst();
  return row ? { counts: withAttendance(JSON.parse(row.counts) as RegistrationCounts), erasedAt: row.erased_at } : null;
}

/** The walk-ins recorded for a summit, or null before attendance was recorded. */
export async function attendanceOf(db: Db, summitId: string): Promise<{ walkIns: number; recordedAt: string } | null> {
  const row = await db.selectFrom('summit_attendance').selectAll().where('summit_id', '=', summitId).executeTakeFirst();
  return row ? { walkIns: Number(row.walk_ins), recordedAt: row.recorded_at } : null;
}
