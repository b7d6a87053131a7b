import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Database } from '../../platform/db/schema.js';
import type { IndexDefinition } from './indices.js';

/**
 * A municipality's own index definitions (copy-on-edit: until it saves one, the shipped
 * definition of that id applies). The definition is stored whole as JSON, with a version that
 * every save raises. Scores are not stored: they are computed from the figures once per change and
 * kept in memory under a fingerprint that includes the definition (index-scores-cache.ts).
 */
export interface StatisticIndexDefinitionTable {
  municipality_id: string;
  id: string;
  version: number;
  /** JSON IndexDefinition. */
  definition: string;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    statistic_index_definitions: StatisticIndexDefinitionTable;
  }
}

export const indicesMigrations: NamedMigrations = {
  '0320-statistics-indices': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('statistic_index_definitions')
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('statistic_index_definitions_pk', ['municipality_id', 'id'])
        .execute();
    },
  },
};

type Db = Kysely<Database>;

export interface StoredIndexDefinition {
  definition: IndexDefinition;
  version: number;
  updatedAt: string;
}

function toStored(row: StatisticIndexDefinitionTable): StoredIndexDefinition {
  return { definition: JSON.parse(row.definition) as IndexDefinition, version: Number(row.version), updatedAt: row.updated_at };
}

export async function storedIndexDefinitions(db: Db, municipalityId: string): Promise<StoredIndexDefinition[]> {
  const rows = await db.selectFrom('statistic_index_definitions').selectAll().where('municipality_id', '=', municipalityId).orderBy('id').execute();
  return rows.map(toStored);
}

export async function storedIndexDefinition(db: Db, municipalityId: string, id: string): Promise<StoredIndexDefinition | null> {
  const row = await db.selectFrom('statistic_index_definitions').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
  return row ? toStored(row) : null;
}

/** Writes a definition as the next version (1 for the first save); returns that version. */
export async function saveIndexDefinition(tx: Db, municipalityId: string, definition: IndexDefinition, at: string): Promise<number> {
  const existing = await storedIndexDefinition(tx, municipalityId, definition.id);
  const version = (existing?.version ?? 0) + 1;
  const row = { version, definition: JSON.stringify(definition), updated_at: at };
  if (existing) {
    await tx.updateTable('statistic_index_definitions').set(row).where('municipality_id', '=', municipalityId).where('id', '=', definition.id).execute();
  } else {
    await tx.insertInto('statistic_index_definitions').values({ municipality_id: municipalityId, id: definition.id, ...row }).execute();
  }
  return version;
}
