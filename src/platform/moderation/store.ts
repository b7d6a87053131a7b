import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../db/migrate.js';

/**
 * Moderation of public text written by residents. Reports hold no reporter identity (the audit
 * log has the reporter's pseudonym, as for every action); throttling counts reports per address
 * through a keyed hash, kept one hour. An item's current state (hidden or not, and why) lives in
 * `moderation_items`; every decision in `moderation_decisions`, so moderators can read its history.
 */
export const reportCategories = ['spam', 'abuse', 'personal_data', 'other'] as const;
export type ReportCategory = (typeof reportCategories)[number];
export type ReportStatus = 'open' | 'hidden' | 'dismissed';
export const decisions = ['hide', 'dismiss', 'restore'] as const;
export type Decision = (typeof decisions)[number];

export interface ModerationReportTable {
  id: string;
  municipality_id: string;
  item_type: string;
  item_id: string;
  category: ReportCategory;
  explanation: string | null;
  status: ReportStatus;
  /** The decision that closed the report. */
  decision_id: string | null;
  created_at: string;
}

export interface ModerationDecisionTable {
  id: string;
  municipality_id: string;
  item_type: string;
  item_id: string;
  decision: Decision;
  /** Required for hide (shown to the author) and restore; optional for dismiss. */
  reason: string | null;
  /** Null once the moderator was erased. */
  moderator_id: string | null;
  created_at: string;
}

export interface ModerationItemTable {
  item_type: string;
  item_id: string;
  municipality_id: string;
  hidden_at: string | null;
  hidden_reason: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    moderation_reports: ModerationReportTable;
    moderation_decisions: ModerationDecisionTable;
    moderation_items: ModerationItemTable;
  }
}

export const moderationMigrations: NamedMigrations = {
  '0017-platform-moderation': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('moderation_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('item_type', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decision_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('moderation_reports_queue').on('moderation_reports').columns(['municipality_id', 'status', 'created_at']).execute();
      await db.schema.createIndex('moderation_reports_item').on('moderation_reports').columns(['item_type', 'item_id']).execute();
      await db.schema.createTable('moderation_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('item_type', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('moderator_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('moderation_decisions_item').on('moderation_decisions').columns(['item_type', 'item_id', 'created_at']).execute();
      await db.schema.createIndex('moderation_decisions_moderator').on('moderation_decisions').column('moderator_id').execute();
      await db.schema.createTable('moderation_items')
        .addColumn('item_type', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('hidden_at', 'text')
        .addColumn('hidden_reason', 'text')
        .addPrimaryKeyConstraint('moderation_items_pk', ['item_type', 'item_id'])
        .execute();
      await db.schema.createIndex('moderation_items_hidden').on('moderation_items').columns(['municipality_id', 'hidden_at']).execute();
      await db.schema.createTable('moderation_report_addresses')
        .addColumn('address_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('moderation_report_addresses_key').on('moderation_report_addresses').columns(['address_key', 'created_at']).execute();
    },
  },
  // Reports per address are counted in the platform's rate_limit_attempts (0019-platform-rate-limits);
  // counters of the moment are lost at the upgrade, which only lifts a limit early.
  '0020-platform-moderation-report-addresses-drop': {
    async up(db: Kysely<any>) {
      await db.schema.dropTable('moderation_report_addresses').ifExists().execute();
    },
  },
};
