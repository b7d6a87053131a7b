import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../db/migrate.js';

/**
 * Comments: residents' reactions under any public item (a "subject": an area, an organisation,
 * later a story or an agenda step). A row never holds the author's name, only their id; the name
 * is looked up through the platform's directory when the list is shown, so erasing a person
 * leaves no copy of it here.
 */
export type CommentStatus = 'published' | 'deleted' | 'erased';

export interface CommentTable {
  id: string;
  municipality_id: string;
  subject_type: string;
  subject_id: string;
  /** Null once the author was erased. */
  author_id: string | null;
  /** Empty once deleted by the author or erased with the author. */
  body: string;
  status: CommentStatus;
  created_at: string;
  deleted_at: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    comments: CommentTable;
  }
}

export const commentMigrations: NamedMigrations = {
  '0016-platform-comments': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('comments_subject').on('comments').columns(['municipality_id', 'subject_type', 'subject_id', 'created_at']).execute();
      await db.schema.createIndex('comments_author').on('comments').column('author_id').execute();
    },
  },
};
