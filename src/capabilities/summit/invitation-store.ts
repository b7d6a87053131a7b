import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import type { InvitationGroup } from './invitation-model.js';

/**
 * Invitations sent for a summit: the group, how many and when, and the personal message. The
 * addresses are not kept here: each lives only in its outbox message, which the outbox's own
 * retention deletes 30 days after sending — long enough to see a bounce, no longer.
 */
export interface SummitInvitationTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  group_label: InvitationGroup;
  count: number;
  message: string | null;
  sent_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    summit_invitations: SummitInvitationTable;
  }
}

export const invitationMigrations: NamedMigrations = {
  '0811-summit-invitations': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('summit_invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('summit_id', 'text', (c) => c.notNull().references('summits.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('group_label', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_invitations_summit').on('summit_invitations').columns(['summit_id', 'sent_at']).execute();
    },
  },
};

export interface Invitation {
  id: string;
  group: InvitationGroup;
  count: number;
  message: string | null;
  sentAt: string;
}

export async function invitationsOf(db: Db, summitId: string): Promise<Invitation[]> {
  const rows = await db.selectFrom('summit_invitations').selectAll().where('summit_id', '=', summitId).orderBy('sent_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, group: r.group_label, count: Number(r.count), message: r.message, sentAt: r.sent_at }));
}
