import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import type { DatePrecision, HistoryKind, HistoryStatus, Reference, ReferenceType, Source, When } from './model.js';

/**
 * Timeline entries of an area. As for comments, a row holds its author's id, never their name.
 * Sources are kept as JSON with the entry (they are only ever read with it); references to places
 * and actors are rows of their own, so those capabilities can ask which entries name one of
 * theirs, without either side depending on the other's tables.
 */
export interface HistoryEntryTable {
  id: string;
  municipality_id: string;
  area_code: string;
  kind: HistoryKind;
  precision: DatePrecision;
  year_from: number;
  month: number | null;
  day: number | null;
  year_to: number | null;
  /** YYYY-MM-DD with 00 for what is unknown: the timeline's order. */
  sort_key: string;
  /** Empty once deleted or erased. */
  title: string;
  story: string;
  /** JSON array of { citation, url }. */
  sources_json: string;
  /** Null once the author was erased. */
  author_id: string | null;
  status: HistoryStatus;
  created_at: string;
  edited_at: string | null;
  /** Who changed it last, when that was not the author (a moderator or official). */
  edited_by: string | null;
}

export interface HistoryReferenceTable {
  entry_id: string;
  municipality_id: string;
  ref_type: ReferenceType;
  ref_id: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    history_entries: HistoryEntryTable;
    history_references: HistoryReferenceTable;
  }
}

export const historyMigrations: NamedMigrations = {
  '0700-history': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('history_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('precision', 'text', (c) => c.notNull())
        .addColumn('year_from', 'integer', (c) => c.notNull())
        .addColumn('month', 'integer')
        .addColumn('day', 'integer')
        .addColumn('year_to', 'integer')
        .addColumn('sort_key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('story', 'text', (c) => c.notNull())
        .addColumn('sources_json', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('edited_by', 'text')
        .execute();
      await db.schema.createIndex('history_entries_area').on('history_entries').columns(['municipality_id', 'area_code', 'sort_key']).execute();
      await db.schema.createIndex('history_entries_author').on('history_entries').column('author_id').execute();
      await db.schema.createTable('history_references')
        .addColumn('entry_id', 'text', (c) => c.notNull().references('history_entries.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('ref_type', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('history_references_pk', ['entry_id', 'ref_type', 'ref_id'])
        .execute();
      await db.schema.createIndex('history_references_target').on('history_references').columns(['municipality_id', 'ref_type', 'ref_id']).execute();
    },
  },
};

export interface HistoryEntry {
  id: string;
  municipalityId: string;
  areaCode: string;
  kind: HistoryKind;
  when: When;
  title: string;
  story: string;
  sources: Source[];
  references: Reference[];
  authorId: string | null;
  status: HistoryStatus;
  createdAt: string;
  editedAt: string | null;
}

export function whenOf(row: Pick<HistoryEntryTable, 'precision' | 'year_from' | 'month' | 'day' | 'year_to'>): When {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return { precision: row.precision, year: Number(row.year_from), month: n(row.month), day: n(row.day), yearTo: n(row.year_to) };
}

function entryOf(row: HistoryEntryTable, references: Reference[]): HistoryEntry {
  return {
    id: row.id, municipalityId: row.municipality_id, areaCode: row.area_code, kind: row.kind, when: whenOf(row), title: row.title, story: row.story,
    sources: JSON.parse(row.sources_json) as Source[], references, authorId: row.author_id, status: row.status, createdAt: row.created_at, editedAt: row.edited_at,
  };
}

async function referencesOf(db: Db, ids: readonly string[]): Promise<Map<string, Reference[]>> {
  const out = new Map<string, Reference[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('history_references').select(['entry_id', 'ref_type', 'ref_id']).where('entry_id', 'in', ids.slice(i, i + 500))
      .orderBy('ref_type').orderBy('ref_id').execute();
    for (const r of rows) out.set(r.entry_id, [...(out.get(r.entry_id) ?? []), { type: r.ref_type, id: r.ref_id }]);
  }
  return out;
}

export async function findEntry(db: Db, municipalityId: string, id: string): Promise<HistoryEntry | null> {
  const row = await db.selectFrom('history_entries').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
  if (!row) return null;
  return entryOf(row, (await referencesOf(db, [row.id])).get(row.id) ?? []);
}

/** The published entries of an area (optionally of some kinds), in chronological order. */
export async function entriesOfArea(db: Db, municipalityId: string, areaCode: string, kinds?: readonly HistoryKind[]): Promise<HistoryEntry[]> {
  let query = db.selectFrom('history_entries').selectAll().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).where('status', '=', 'published');
  if (kinds && kinds.length) query = query.where('kind', 'in', [...kinds]);
  const rows = await query.orderBy('sort_key').orderBy('created_at').orderBy('id').execute();
  const references = await referencesOf(db, rows.map((r) => r.id));
  return rows.map((r) => entryOf(r, references.get(r.id) ?? []));
}

/** The published entries of a municipality that refer to a place or an actor (for those capabilities' pages). */
export async function entriesReferringTo(db: Db, municipalityId: string, type: ReferenceType, id: string): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('history_entries as e').innerJoin('history_references as r', 'r.entry_id', 'e.id').selectAll('e')
    .where('r.municipality_id', '=', municipalityId).where('r.ref_type', '=', type).where('r.ref_id', '=', id).where('e.status', '=', 'published')
    .orderBy('e.sort_key').orderBy('e.created_at').execute();
  const references = await referencesOf(db, rows.map((r) => r.id));
  return rows.map((r) => entryOf(r, references.get(r.id) ?? []));
}

export async function replaceReferences(db: Db, entry: { id: string; municipalityId: string }, references: readonly Reference[]): Promise<void> {
  await db.deleteFrom('history_references').where('entry_id', '=', entry.id).execute();
  if (references.length) {
    await db.insertInto('history_references').values(references.map((r) => ({ entry_id: entry.id, municipality_id: entry.municipalityId, ref_type: r.type, ref_id: r.id }))).execute();
  }
}
