import { sql, type Kysely } from 'kysely';
import type { NamedMigrations } from '../db/migrate.js';
import { engineOf } from '../db/connect.js';

/**
 * Tables of versioned documents.
 *
 * `documents` holds one row per document with its working draft; `document_versions` holds the
 * published versions. A published version is a public record (a council may refer to it by
 * number), so the database itself refuses to change or delete one, as it does for the audit log.
 */
export interface DocumentTable {
  id: string;
  municipality_id: string;
  /** Registered by a capability (`registerDocumentKind`), e.g. "picture.neighbourhood". */
  kind: string;
  /** What the document belongs to, e.g. ("area", "BU03630000") or ("agenda", id). */
  owner_type: string;
  owner_id: string;
  /** The title of the latest published version; before the first publication, the working title. */
  title: string;
  /** JSON `{ title, content }` of the draft, or null when there is none. */
  current_draft: string | null;
  /** Number of the latest published version, or null before the first publication. */
  published_version: number | null;
  /** Goes up with every change of the row: an editor's form carries it, so a stale save is refused. */
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface DocumentVersionTable {
  document_id: string;
  number: number;
  title: string;
  /** JSON `{ sections: [...] }`. */
  content: string;
  summary: string;
  published_at: string;
  /** The publisher's audit pseudonym (never a person id, so erasure unlinks it), or null for the system. */
  published_by: string | null;
  /** E.g. the council's decision number. */
  decision_reference: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    documents: DocumentTable;
    document_versions: DocumentVersionTable;
  }
}

export const versionMigrations: NamedMigrations = {
  '0007-platform-versions': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('current_draft', 'text')
        .addColumn('published_version', 'integer')
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('documents_owner').on('documents').columns(['municipality_id', 'owner_type', 'owner_id']).execute();
      await db.schema.createIndex('documents_kind').on('documents').columns(['municipality_id', 'kind']).execute();
      await db.schema.createTable('document_versions')
        .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text')
        .addColumn('decision_reference', 'text')
        // One number per version per document: a second publish racing for the same number fails here.
        .addPrimaryKeyConstraint('document_versions_pk', ['document_id', 'number'])
        .addCheckConstraint('document_versions_number_positive', sql`number >= 1`)
        .execute();
      if (engineOf(db) === 'postgres') {
        await sql`CREATE FUNCTION document_versions_immutable() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'published document versions cannot be changed'; END; $$ LANGUAGE plpgsql`.execute(db);
        await sql`CREATE TRIGGER document_versions_no_change BEFORE UPDATE OR DELETE ON document_versions
          FOR EACH ROW EXECUTE FUNCTION document_versions_immutable()`.execute(db);
        await sql`CREATE TRIGGER document_versions_no_truncate BEFORE TRUNCATE ON document_versions
          FOR EACH STATEMENT EXECUTE FUNCTION document_versions_immutable()`.execute(db);
      } else {
        await sql`CREATE TRIGGER document_versions_no_update BEFORE UPDATE ON document_versions
          BEGIN SELECT RAISE(ABORT, 'published document versions cannot be changed'); END`.execute(db);
        await sql`CREATE TRIGGER document_versions_no_delete BEFORE DELETE ON document_versions
          BEGIN SELECT RAISE(ABORT, 'published document versions cannot be changed'); END`.execute(db);
      }
    },
  },
};

/**
 * Remove every versioned document of a municipality that is itself being removed (only the demo
 * reset does that; a real municipality is never deleted). Published versions are immutable by
 * design: database triggers refuse to change or delete them. This is the one place that lifts
 * that, for this municipality's documents, inside the caller's transaction, and puts the triggers
 * back before it commits (on PostgreSQL the ALTER also locks the table until then).
 */
export async function eraseDocumentsOfMunicipality(tx: Kysely<any>, municipalityId: string): Promise<void> {
  const ids = tx.selectFrom('documents').select('id').where('municipality_id', '=', municipalityId);
  const deleteVersions = () => tx.deleteFrom('document_versions').where('document_id', 'in', ids).execute();
  if (engineOf(tx) === 'postgres') {
    await sql`ALTER TABLE document_versions DISABLE TRIGGER USER`.execute(tx);
    await deleteVersions();
    await sql`ALTER TABLE document_versions ENABLE TRIGGER USER`.execute(tx);
  } else {
    const triggers = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'document_versions'`.execute(tx);
    for (const trigger of triggers.rows) await sql`DROP TRIGGER ${sql.id(trigger.name)}`.execute(tx);
    await deleteVersions();
    for (const trigger of triggers.rows) await sql.raw(trigger.sql).execute(tx);
  }
  await tx.deleteFrom('documents').where('municipality_id', '=', municipalityId).execute();
}
