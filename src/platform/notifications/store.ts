import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NamedMigrations } from '../db/migrate.js';

/**
 * Notifications: in-app messages per person, delivered by e-mail immediately, in a daily digest
 * or never, as each person prefers per kind; and follows of areas, organisations or any public
 * item, so residents hear about what they care about.
 */
export type Channel = 'immediately' | 'daily' | 'never';
export const channels: readonly Channel[] = ['immediately', 'daily', 'never'];

export interface NotificationTable {
  id: string;
  person_id: string;
  municipality_id: string | null;
  kind: string;
  title: string;
  body: string;
  url: string;
  created_at: string;
  read_at: string | null;
  /** How it reaches the person by mail, decided from their preference when it was made. */
  delivery: Channel;
  /** Set when queued in a mail of its own or in a digest. */
  mailed_at: string | null;
}

export interface NotificationEventTable {
  id: string;
  municipality_id: string | null;
  kind: string;
  target_type: string;
  target_id: string;
  title: string;
  body: string;
  url: string;
  /** Who caused it (not notified of their own action). */
  actor_id: string | null;
  created_at: string;
}

export interface NotificationPreferenceTable {
  person_id: string;
  kind: string;
  channel: Channel;
}

export interface FollowTable {
  person_id: string;
  target_type: string;
  target_id: string;
  municipality_id: string | null;
  created_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    notifications: NotificationTable;
    notification_events: NotificationEventTable;
    notification_preferences: NotificationPreferenceTable;
    follows: FollowTable;
  }
}

export const notificationMigrations: NamedMigrations = {
  '0010-platform-notifications': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('municipality_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addColumn('delivery', 'text', (c) => c.notNull())
        .addColumn('mailed_at', 'text')
        .execute();
      await db.schema.createIndex('notifications_person').on('notifications').columns(['person_id', 'created_at']).execute();
      await db.schema.createIndex('notifications_digest').on('notifications').columns(['delivery', 'mailed_at', 'person_id']).execute();
      await db.schema.createTable('notification_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('notification_preferences')
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_preferences_pk', ['person_id', 'kind'])
        .execute();
      await db.schema.createTable('follows')
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('municipality_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('follows_pk', ['target_type', 'target_id', 'person_id'])
        .execute();
      await db.schema.createIndex('follows_person').on('follows').column('person_id').execute();
    },
  },
};

export type Db = Kysely<Database>;
