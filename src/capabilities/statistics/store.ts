import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import { copyInto, engineOf } from '../../platform/db/connect.js';
import type { Derivation, Indicator, Polarity, Theme, UnknownReason, Unit } from './model.js';

/**
 * Statistics tables.
 *
 * A dataset is what one source says about one year in one scope: national (municipality_id null,
 * shared by every municipality, e.g. CBS key figures) or one municipality's own. Re-importing a
 * (scope, source, year) replaces its values. Values hang off their dataset by a small integer, one
 * row per dataset and area (`statistic_area_values`): the area's values packed in the order of the
 * dataset's variables (see `packValues`). A national year is 18,000 rows, not 1.8 million: writing,
 * reading back and deleting it are cheap on both engines, and an area's figures are one row per
 * dataset. No foreign key on the values (see the trigger).
 * Re-importing does not delete the values inside the import: the old dataset is marked superseded
 * (invisible at once, in the same transaction) and a job removes it afterwards.
 */
export interface StatisticDatasetTable {
  id: number;
  municipality_id: string | null;
  source: string;
  year: number;
  import_id: string;
  /** JSON: the variables the dataset holds (to find another source of the same variable). */
  variables: string;
  value_count: number;
  updated_at: string;
  /** Set when a newer import of the same scope, source and year took its place; a job then removes it. */
  superseded_at: string | null;
}

/** An area's values in a dataset: one row per dataset and area. */
export interface StatisticAreaValuesTable {
  dataset_id: number;
  area_code: string;
  /** JSON array in the order of the dataset's variables: a number, the reason a value is unknown, or null where the file had no value. */
  data: string;
}

export interface StatisticImportTable {
  id: string;
  municipality_id: string | null;
  at: string;
  /** Who imported: "system" or the actor's audit pseudonym (erasing the person unlinks it). */
  imported_by: string;
  source: string;
  format: string;
  file_name: string;
  sha256: string;
  /** JSON: { name, sha256 } of the metadata file, or null. */
  metadata_file: string | null;
  /** JSON: the years imported. */
  years: string;
  rows: number;
  value_count: number;
  /** JSON: counts (areas per kind, unknown per reason, variables, indicators described). */
  counts: string;
  /** JSON: every finding. */
  findings: string;
}

export interface StatisticIndicatorTable {
  municipality_id: string;
  id: string;
  label_nl: string;
  label_en: string;
  definition_nl: string;
  definition_en: string;
  unit: Unit;
  theme: Theme;
  polarity: Polarity;
  source: string;
  /** JSON Derivation, or null for a measured variable. */
  derivation: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * What an import computed for comparisons, per scope and year: one set (national, or a
 * municipality's own data laid over the national figures of its areas), replaced whenever that
 * scope's figures of the year change.
 */
export interface StatisticComparisonSetTable {
  id: number;
  municipality_id: string | null;
  year: number;
  computed_at: string;
  /** JSON: the indicator ids, in the order of every row's arrays. */
  indicators: string;
  /** JSON: per kind the structure figures similarity used. */
  structure: string;
  /** JSON: per kind, per indicator { known, unknown, mean, sd }. */
  spread: string;
  /** JSON: the datasets the figures came from ({ source, year, importId, municipalityId }). */
  sources: string;
  area_count: number;
}

/** One row per area and set: everything its statistics page shows for that year, packed (see comparisons.ts). */
export interface StatisticComparisonTable {
  set_id: number;
  area_code: string;
  data: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    statistic_comparison_sets: StatisticComparisonSetTable;
    statistic_comparisons: StatisticComparisonTable;
    statistic_datasets: StatisticDatasetTable;
    statistic_area_values: StatisticAreaValuesTable;
    statistic_imports: StatisticImportTable;
    statistic_indicators: StatisticIndicatorTable;
  }
}

export const statisticsMigrations: NamedMigrations = {
  '0300-statistics': {
    async up(db: Kysely<any>) {
      const postgres = engineOf(db) === 'postgres';
      const float = sql`double precision`;
      await db.schema.createTable('statistic_datasets')
        .addColumn('id', 'integer', (c) => (postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
        .addColumn('municipality_id', 'text', (c) => c.references('municipalities.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('variables', 'text', (c) => c.notNull())
        .addColumn('value_count', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('superseded_at', 'text')
        .execute();
      // One current dataset per scope, source and year; national datasets have no municipality.
      await sql`create unique index statistic_datasets_key on statistic_datasets (coalesce(municipality_id, ''), source, year) where superseded_at is null`.execute(db);
      await db.schema.createIndex('statistic_datasets_year').on('statistic_datasets').columns(['year', 'municipality_id']).execute();

      // Byte-wise keys on PostgreSQL: the key compares codes, not words, and a locale collation
      // makes every comparison of a 1.7-million-row write several times dearer.
      const key = postgres ? sql`text collate "C"` : sql`text`;
      let values = db.schema.createTable('statistic_values')
        .addColumn('dataset_id', 'integer', (c) => c.notNull())
        .addColumn('area_code', key, (c) => c.notNull())
        .addColumn('variable', key, (c) => c.notNull())
        .addColumn('value', float)
        .addColumn('unknown', 'text')
        .addPrimaryKeyConstraint('statistic_values_pk', ['dataset_id', 'area_code', 'variable']);
      if (!postgres) values = values.modifyEnd(sql`without rowid`);
      await values.execute();
      // Values go with their dataset through a trigger, not a foreign key: a foreign key is checked
      // for every inserted row, which cost a third (SQLite) to half (PostgreSQL) of a national import.
      if (postgres) {
        await sql`create function statistic_datasets_delete_values() returns trigger language plpgsql as $$
          begin delete from statistic_values where dataset_id = old.id; return old; end $$`.execute(db);
        await sql`create trigger statistic_datasets_delete_values after delete on statistic_datasets
          for each row execute function statistic_datasets_delete_values()`.execute(db);
      } else {
        await sql`create trigger statistic_datasets_delete_values after delete on statistic_datasets
          begin delete from statistic_values where dataset_id = old.id; end`.execute(db);
      }

      await db.schema.createTable('statistic_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.references('municipalities.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('metadata_file', 'text')
        .addColumn('years', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('value_count', 'integer', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('statistic_imports_scope_at').on('statistic_imports').columns(['municipality_id', 'at']).execute();

      await db.schema.createTable('statistic_indicators')
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('label_nl', 'text', (c) => c.notNull())
        .addColumn('label_en', 'text', (c) => c.notNull())
        .addColumn('definition_nl', 'text', (c) => c.notNull())
        .addColumn('definition_en', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull())
        .addColumn('polarity', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('derivation', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('statistic_indicators_pk', ['municipality_id', 'id'])
        .execute();
    },
  },
  '0301-statistics-comparisons': {
    async up(db: Kysely<any>) {
      const postgres = engineOf(db) === 'postgres';
      await db.schema.createTable('statistic_comparison_sets')
        .addColumn('id', 'integer', (c) => (postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
        .addColumn('municipality_id', 'text', (c) => c.references('municipalities.id').onDelete('cascade'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addColumn('indicators', 'text', (c) => c.notNull())
        .addColumn('structure', 'text', (c) => c.notNull())
        .addColumn('spread', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('area_count', 'integer', (c) => c.notNull())
        .execute();
      await sql`create unique index statistic_comparison_sets_key on statistic_comparison_sets (coalesce(municipality_id, ''), year)`.execute(db);
      // One row per area (17,000 for a national year), not per area and indicator (1.3 million):
      // a page reads a handful of rows, and an import writes and replaces few.
      const key = postgres ? sql`text collate "C"` : sql`text`;
      let rows = db.schema.createTable('statistic_comparisons')
        .addColumn('set_id', 'integer', (c) => c.notNull().references('statistic_comparison_sets.id').onDelete('cascade'))
        .addColumn('area_code', key, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('statistic_comparisons_pk', ['set_id', 'area_code']);
      if (!postgres) rows = rows.modifyEnd(sql`without rowid`);
      await rows.execute();
    },
  },
  '0302-statistics-comparisons-lz4': {
    // PostgreSQL compresses a packed row (about 5 KB) when it stores it; a national year is 18,000 of
    // them. lz4 does that several times faster than the default pglz. A server built without lz4
    // keeps pglz (the statement's error is caught inside the block, so the migration goes on).
    async up(db: Kysely<any>) {
      if (engineOf(db) !== 'postgres') return;
      await sql`do $$ begin
        alter table statistic_comparisons alter column data set compression lz4;
      exception when others then null;
      end $$`.execute(db);
    },
  },
  '0303-statistics-values-per-area': {
    // One row per dataset and area instead of one per value (see the top of this file). The
    // values already stored are packed in the order of their dataset's variables.
    async up(db: Kysely<any>) {
      const postgres = engineOf(db) === 'postgres';
      const key = postgres ? sql`text collate "C"` : sql`text`;
      await db.schema.createTable('statistic_area_values')
        .addColumn('dataset_id', 'integer', (c) => c.notNull())
        .addColumn('area_code', key, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('statistic_area_values_pk', ['dataset_id', 'area_code'])
        .execute();
      for (const dataset of await db.selectFrom('statistic_datasets').select(['id', 'variables']).orderBy('id').execute()) {
        const variables = JSON.parse(dataset.variables) as string[];
        const stored = await db.selectFrom('statistic_values').select(['area_code', 'variable', 'value', 'unknown'])
          .where('dataset_id', '=', dataset.id).execute() as Array<{ area_code: string; variable: string; value: number | null; unknown: UnknownReason | null }>;
        for (const v of new Set(stored.map((r) => r.variable))) if (!variables.includes(v)) variables.push(v);
        variables.sort();
        const rows = packValues(variables, stored.map((r) => ({ area: r.area_code, variable: r.variable, value: r.value === null ? null : Number(r.value), unknown: r.unknown })));
        for (let i = 0; i < rows.length; i += 500) {
          await db.insertInto('statistic_area_values').values(rows.slice(i, i + 500).map((r) => ({ dataset_id: dataset.id, area_code: r.area, data: r.data }))).execute();
        }
        await db.updateTable('statistic_datasets').set({ variables: JSON.stringify(variables) }).where('id', '=', dataset.id).execute();
      }
      await db.schema.dropTable('statistic_values').execute();
      if (postgres) {
        await sql`create or replace function statistic_datasets_delete_values() returns trigger language plpgsql as $$
          begin delete from statistic_area_values where dataset_id = old.id; return old; end $$`.execute(db);
      } else {
        await sql`drop trigger statistic_datasets_delete_values`.execute(db);
        await sql`create trigger statistic_datasets_delete_values after delete on statistic_datasets
          begin delete from statistic_area_values where dataset_id = old.id; end`.execute(db);
      }
    },
  },
  '0304-statistics-comparisons-rowid': {
    // SQLite: a packed comparison row is about 5 KB, too large for a WITHOUT ROWID table (whose
    // rows should be small): as an ordinary table with its key as an index, a national year's rows
    // are written and committed in two thirds of the time and a page reads them two to three times faster.
    async up(db: Kysely<any>) {
      if (engineOf(db) === 'postgres') return;
      await db.schema.createTable('statistic_comparisons_rowid')
        .addColumn('set_id', 'integer', (c) => c.notNull().references('statistic_comparison_sets.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('statistic_comparisons_pk', ['set_id', 'area_code'])
        .execute();
      await sql`insert into statistic_comparisons_rowid (set_id, area_code, data) select set_id, area_code, data from statistic_comparisons`.execute(db);
      await db.schema.dropTable('statistic_comparisons').execute();
      await db.schema.alterTable('statistic_comparisons_rowid').renameTo('statistic_comparisons').execute();
    },
  },
};

type Db = Kysely<Database>;

// ---- datasets and values ------------------------------------------------------------------

export interface DatasetRow {
  id: number;
  municipalityId: string | null;
  source: string;
  year: number;
  importId: string;
  variables: string[];
  valueCount: number;
}

function toDataset(row: StatisticDatasetTable): DatasetRow {
  return {
    id: Number(row.id), municipalityId: row.municipality_id, source: row.source, year: Number(row.year),
    importId: row.import_id, variables: JSON.parse(row.variables) as string[], valueCount: Number(row.value_count),
  };
}

/** National datasets and, with a municipality, that municipality's own; never another's. */
export async function datasetsVisibleTo(db: Db, municipalityId: string | null, years?: readonly number[]): Promise<DatasetRow[]> {
  let q = db.selectFrom('statistic_datasets').selectAll().where('superseded_at', 'is', null)
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb.or([eb('municipality_id', 'is', null), eb('municipality_id', '=', municipalityId)])));
  if (years) q = q.where('year', 'in', years.length ? [...years] : [-1]);
  return (await q.orderBy('year').orderBy('id').execute()).map(toDataset);
}

/** The datasets of exactly this scope (national: null) in these years. */
export async function datasetsOfScope(db: Db, municipalityId: string | null, years: readonly number[]): Promise<DatasetRow[]> {
  const rows = await db.selectFrom('statistic_datasets').selectAll().where('superseded_at', 'is', null)
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb('municipality_id', '=', municipalityId)))
    .where('year', 'in', years.length ? [...years] : [-1]).execute();
  return rows.map(toDataset);
}

export interface StoredValue {
  datasetId: number;
  municipalityId: string | null;
  source: string;
  year: number;
  areaCode: string;
  variable: string;
  value: number | null;
  unknown: UnknownReason | null;
}

/** Values of some areas in the datasets visible to a municipality (or national only), by year, area and variable. */
export async function valuesOf(db: Db, query: { municipalityId: string | null; areaCodes: readonly string[]; years?: readonly number[]; variables?: readonly string[] }): Promise<StoredValue[]> {
  const datasets = await datasetsVisibleTo(db, query.municipalityId, query.years);
  if (datasets.length === 0 || query.areaCodes.length === 0) return [];
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const wanted = query.variables ? new Set(query.variables) : null;
  const rows = await db.selectFrom('statistic_area_values').select(['dataset_id', 'area_code', 'data'])
    .where('dataset_id', 'in', datasets.map((d) => d.id)).where('area_code', 'in', [...query.areaCodes]).execute();
  const values: StoredValue[] = [];
  for (const row of rows) {
    const d = byId.get(Number(row.dataset_id))!;
    unpackValues(d.variables, row.area_code, row.data, (r) => {
      if (wanted && !wanted.has(r.variable)) return;
      values.push({ datasetId: d.id, municipalityId: d.municipalityId, source: d.source, year: d.year, areaCode: r.area, variable: r.variable, value: r.value, unknown: r.unknown });
    });
  }
  return values.sort((a, b) => a.year - b.year || cmp(a.areaCode, b.areaCode) || cmp(a.variable, b.variable) || cmp(a.municipalityId ?? '', b.municipalityId ?? ''));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Area rows per statement (and per progress report). */
const AREAS_PER_BATCH = 1_000;

export interface ValueRow {
  area: string;
  variable: string;
  value: number | null;
  unknown: UnknownReason | null;
}

/**
 * One area's values packed in the order of its dataset's variables: for each variable the number,
 * the reason it is unknown ("missing", "secret", "not-applicable"), or null where the source had
 * no value for it. Returns the rows in area order, as JSON texts.
 */
export function packValues(variables: readonly string[], rows: readonly ValueRow[]): Array<{ area: string; data: string }> {
  const column = new Map(variables.map((v, i) => [v, i]));
  const areas = new Map<string, Array<number | string | null>>();
  for (const r of rows) {
    const k = column.get(r.variable);
    if (k === undefined) throw new Error(`Variable ${r.variable} is not one of the dataset's variables`);
    let packed = areas.get(r.area);
    if (!packed) areas.set(r.area, packed = new Array<number | string | null>(variables.length).fill(null));
    packed[k] = r.unknown ?? r.value;
  }
  return [...areas.keys()].sort().map((area) => ({ area, data: JSON.stringify(areas.get(area)) }));
}

/** The values of one packed row (see `packValues`), handed to `each` one by one. */
export function unpackValues(variables: readonly string[], area: string, data: string, each: (row: ValueRow) => void): void {
  const packed = JSON.parse(data) as Array<number | UnknownReason | null>;
  for (let k = 0; k < packed.length; k++) {
    const v = packed[k];
    if (v === null || v === undefined) continue;
    each(typeof v === 'number' ? { area, variable: variables[k]!, value: v, unknown: null } : { area, variable: variables[k]!, value: null, unknown: v });
  }
}

/**
 * Writes the values of one dataset, an area per row, a thousand rows per statement (SQLite: one
 * JSON text that json_each unpacks; PostgreSQL: COPY).
 */
export async function insertValues(tx: Db, dataset: { id: number; variables: readonly string[] }, rows: readonly ValueRow[], onBatch?: (written: number) => void): Promise<void> {
  if (!Number.isSafeInteger(dataset.id)) throw new Error(`Dataset id ${dataset.id} is not an integer`);
  const postgres = engineOf(tx) === 'postgres';
  const packed = packValues(dataset.variables, rows);
  let written = 0;
  for (let start = 0; start < packed.length; start += AREAS_PER_BATCH) {
    const batch = packed.slice(start, start + AREAS_PER_BATCH);
    if (postgres) {
      await copyInto(tx, 'statistic_area_values', ['dataset_id', 'area_code', 'data'], batch, (r) => [dataset.id, r.area, r.data]);
    } else {
      const text = `[${batch.map((r) => `[${JSON.stringify(r.area)},${r.data}]`).join(',')}]`;
      await tx.executeQuery(CompiledQuery.raw(`insert into statistic_area_values (dataset_id, area_code, data) select ${dataset.id}, value ->> 0, value -> 1 from json_each(?)`, [text]));
    }
    for (const r of batch) written += countPacked(r.data);
    onBatch?.(written);
  }
}

/** How many values a packed row holds (its entries that are not null). */
function countPacked(data: string): number {
  return (JSON.parse(data) as unknown[]).reduce<number>((n, v) => n + (v === null ? 0 : 1), 0);
}

/** How many values are stored, in all datasets or in some (for tests and checks). */
export async function storedValueCount(db: Db, datasetIds?: readonly number[]): Promise<number> {
  let q = db.selectFrom('statistic_area_values').select('data');
  if (datasetIds) q = q.where('dataset_id', 'in', datasetIds.length ? [...datasetIds] : [-1]);
  return (await q.execute()).reduce((n, r) => n + countPacked(r.data), 0);
}

/**
 * A new dataset for (scope, source, year); the current one, if any, is marked superseded in the
 * same transaction (readers see the new one from the commit on) and is removed by
 * `dropSupersededDataset` afterwards.
 */
export async function replaceDataset(tx: Db, dataset: { municipalityId: string | null; source: string; year: number; importId: string; variables: string[]; valueCount: number; at: string }): Promise<{ id: number; superseded: { id: number; valueCount: number } | null }> {
  const existing = await tx.selectFrom('statistic_datasets').select(['id', 'value_count']).where('superseded_at', 'is', null)
    .where((eb) => (dataset.municipalityId === null ? eb('municipality_id', 'is', null) : eb('municipality_id', '=', dataset.municipalityId)))
    .where('source', '=', dataset.source).where('year', '=', dataset.year).executeTakeFirst();
  if (existing) await tx.updateTable('statistic_datasets').set({ superseded_at: dataset.at }).where('id', '=', existing.id).execute();
  const inserted = await tx.insertInto('statistic_datasets')
    .values({
      municipality_id: dataset.municipalityId, source: dataset.source, year: dataset.year, import_id: dataset.importId,
      variables: JSON.stringify(dataset.variables), value_count: dataset.valueCount, updated_at: dataset.at, superseded_at: null,
    } as never)
    .returning('id').executeTakeFirstOrThrow();
  return { id: Number(inserted.id), superseded: existing ? { id: Number(existing.id), valueCount: Number(existing.value_count) } : null };
}

/** Removes a superseded dataset with its values; returns how many values went. */
export async function dropSupersededDataset(db: Db, datasetId: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const dataset = await tx.selectFrom('statistic_datasets').select(['superseded_at', 'value_count']).where('id', '=', datasetId).executeTakeFirst();
    if (!dataset || dataset.superseded_at === null) return 0;
    await tx.deleteFrom('statistic_datasets').where('id', '=', datasetId).execute(); // its values go with it (trigger)
    return Number(dataset.value_count);
  });
}

// ---- imports ------------------------------------------------------------------------------

export interface StatisticImportRow {
  id: string;
  municipalityId: string | null;
  at: string;
  importedBy: string;
  source: string;
  format: string;
  fileName: string;
  sha256: string;
  metadataFile: { name: string; sha256: string } | null;
  years: number[];
  rows: number;
  valueCount: number;
  counts: Record<string, unknown>;
  findings: unknown[];
}

function toImport(row: StatisticImportTable): StatisticImportRow {
  return {
    id: row.id, municipalityId: row.municipality_id, at: row.at, importedBy: row.imported_by, source: row.source, format: row.format,
    fileName: row.file_name, sha256: row.sha256, metadataFile: row.metadata_file ? JSON.parse(row.metadata_file) : null,
    years: JSON.parse(row.years) as number[], rows: Number(row.rows), valueCount: Number(row.value_count),
    counts: JSON.parse(row.counts) as Record<string, unknown>, findings: JSON.parse(row.findings) as unknown[],
  };
}

/** The imports of one scope (national: null), newest first. */
export async function listStatisticImports(db: Db, municipalityId: string | null, limit = 100): Promise<StatisticImportRow[]> {
  const rows = await db.selectFrom('statistic_imports').selectAll()
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb('municipality_id', '=', municipalityId)))
    .orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(toImport);
}

export async function findStatisticImport(db: Db, municipalityId: string | null, id: string): Promise<StatisticImportRow | null> {
  const row = await db.selectFrom('statistic_imports').selectAll().where('id', '=', id)
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb('municipality_id', '=', municipalityId))).executeTakeFirst();
  return row ? toImport(row) : null;
}

// ---- a municipality's own indicators ------------------------------------------------------

function toIndicator(row: StatisticIndicatorTable): Indicator {
  return {
    id: row.id, labelNl: row.label_nl, labelEn: row.label_en, definitionNl: row.definition_nl, definitionEn: row.definition_en,
    unit: row.unit, theme: row.theme, polarity: row.polarity, source: row.source, municipalityId: row.municipality_id,
    ...(row.derivation ? { derivation: JSON.parse(row.derivation) as Derivation } : {}),
  };
}

export async function ownIndicators(db: Db, municipalityId: string): Promise<Indicator[]> {
  const rows = await db.selectFrom('statistic_indicators').selectAll().where('municipality_id', '=', municipalityId).orderBy('id').execute();
  return rows.map(toIndicator);
}

/** Adds or updates a municipality's own indicator. */
export async function saveIndicator(tx: Db, indicator: Indicator & { municipalityId: string }, at: string): Promise<'added' | 'updated'> {
  const columns = {
    label_nl: indicator.labelNl, label_en: indicator.labelEn, definition_nl: indicator.definitionNl, definition_en: indicator.definitionEn,
    unit: indicator.unit, theme: indicator.theme, polarity: indicator.polarity, source: indicator.source,
    derivation: indicator.derivation ? JSON.stringify(indicator.derivation) : null, updated_at: at,
  };
  const existing = await tx.selectFrom('statistic_indicators').select('id')
    .where('municipality_id', '=', indicator.municipalityId).where('id', '=', indicator.id).executeTakeFirst();
  if (existing) {
    await tx.updateTable('statistic_indicators').set(columns).where('municipality_id', '=', indicator.municipalityId).where('id', '=', indicator.id).execute();
    return 'updated';
  }
  await tx.insertInto('statistic_indicators').values({ municipality_id: indicator.municipalityId, id: indicator.id, created_at: at, ...columns }).execute();
  return 'added';
}

// ---- comparisons ---------------------------------------------------------------------------

export interface ComparisonSetRow {
  id: number;
  municipalityId: string | null;
  year: number;
  computedAt: string;
  indicators: string[];
  structure: Record<string, string[]>;
  /** Parsed on demand: only the requested year's is needed. */
  spreadJson: string;
  sources: Array<{ source: string; year: number; importId: string; municipalityId: string | null }>;
  areaCount: number;
}

function toComparisonSet(row: StatisticComparisonSetTable): ComparisonSetRow {
  return {
    id: Number(row.id), municipalityId: row.municipality_id, year: Number(row.year), computedAt: row.computed_at,
    indicators: JSON.parse(row.indicators) as string[], structure: JSON.parse(row.structure) as Record<string, string[]>, spreadJson: row.spread,
    sources: JSON.parse(row.sources) as ComparisonSetRow['sources'], areaCount: Number(row.area_count),
  };
}

/**
 * A set never changes: a recomputation replaces it by a new row. So a process keeps the sets it has
 * read (a national year's spread is tens of kilobytes), keyed by id and time of computation (SQLite
 * may hand out a removed row's id again), and a request asks only for those two.
 */
const setCaches = new WeakMap<Db, Map<string, ComparisonSetRow>>();
const SET_CACHE_SIZE = 200;

/** The national comparison sets and, with a municipality, its own; oldest year first. */
export async function comparisonSetsVisibleTo(db: Db, municipalityId: string | null): Promise<ComparisonSetRow[]> {
  const keys = await db.selectFrom('statistic_comparison_sets').select(['id', 'computed_at'])
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb.or([eb('municipality_id', 'is', null), eb('municipality_id', '=', municipalityId)])))
    .orderBy('year').orderBy('id').execute();
  let cache = setCaches.get(db);
  if (!cache) setCaches.set(db, cache = new Map());
  const keyOf = (r: { id: number; computed_at: string }) => `${Number(r.id)}|${r.computed_at}`;
  const missing = keys.filter((r) => !cache.has(keyOf(r))).map((r) => Number(r.id));
  if (missing.length) {
    if (cache.size + missing.length > SET_CACHE_SIZE) cache.clear();
    for (const row of await db.selectFrom('statistic_comparison_sets').selectAll().where('id', 'in', missing).execute()) cache.set(keyOf(row), toComparisonSet(row));
  }
  return keys.map((r) => cache.get(keyOf(r))).filter((s): s is ComparisonSetRow => s !== undefined);
}

/**
 * The fingerprint of everything computed at import that a municipality sees: the visible comparison
 * sets (every import replaces those of the years it touches, with a new id and time) and its own
 * indicators. Equal fingerprints, equal figures — what is kept per request (area views, index
 * scores, pages, answers) is kept under it.
 */
export function statisticsFingerprint(sets: readonly ComparisonSetRow[], own: readonly Indicator[]): string {
  return JSON.stringify([sets.map((s) => `${s.id}@${s.computedAt}`), own]);
}

/** The packed rows of some areas in some sets. */
export async function comparisonRows(db: Db, setIds: readonly number[], areaCodes: readonly string[]): Promise<Array<{ setId: number; areaCode: string; data: string }>> {
  if (setIds.length === 0 || areaCodes.length === 0) return [];
  const rows = await db.selectFrom('statistic_comparisons').select(['set_id', 'area_code', 'data'])
    .where('set_id', 'in', [...setIds]).where('area_code', 'in', [...areaCodes]).execute();
  return rows.map((r) => ({ setId: Number(r.set_id), areaCode: r.area_code, data: r.data }));
}

/** Replaces the comparison set of a scope and year (its rows go with it) and writes the new rows in large batches. */
export async function replaceComparisonSet(
  tx: Db,
  set: { municipalityId: string | null; year: number; at: string; indicators: string[]; structure: unknown; spread: unknown; sources: unknown },
  rows: ReadonlyArray<{ area: string; data: string }>,
): Promise<number> {
  await deleteComparisonSet(tx, set.municipalityId, set.year);
  const inserted = await tx.insertInto('statistic_comparison_sets').values({
    municipality_id: set.municipalityId, year: set.year, computed_at: set.at, indicators: JSON.stringify(set.indicators),
    structure: JSON.stringify(set.structure), spread: JSON.stringify(set.spread), sources: JSON.stringify(set.sources), area_count: rows.length,
  } as never).returning('id').executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  const postgres = engineOf(tx) === 'postgres';
  const batchSize = postgres ? 5_000 : 2_000;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    if (postgres) {
      await copyInto(tx, 'statistic_comparisons', ['set_id', 'area_code', 'data'], batch, (r) => [id, r.area, r.data]);
    } else {
      const parameters: unknown[] = [];
      for (const r of batch) parameters.push(r.area, r.data);
      await tx.executeQuery(CompiledQuery.raw(`insert into statistic_comparisons (set_id, area_code, data) values ${batch.map(() => `(${id}, ?, ?)`).join(', ')}`, parameters));
    }
  }
  return id;
}

export async function deleteComparisonSet(tx: Db, municipalityId: string | null, year: number): Promise<void> {
  await tx.deleteFrom('statistic_comparison_sets').where('year', '=', year)
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb('municipality_id', '=', municipalityId))).execute();
}

/** The municipalities with data of their own in a year. */
export async function municipalitiesWithOwnData(db: Db, year: number): Promise<string[]> {
  const rows = await db.selectFrom('statistic_datasets').select('municipality_id').distinct()
    .where('superseded_at', 'is', null).where('year', '=', year).where('municipality_id', 'is not', null).execute();
  return rows.map((r) => r.municipality_id!).sort();
}

/** Packed rows of some datasets (see `packValues`), optionally only the areas of one municipality. */
export interface PackedAreaValues {
  datasetId: number;
  area: string;
  data: string;
}

/**
 * The packed rows of some datasets, optionally only the areas of one municipality (its GM, WK and
 * BU codes: three key ranges), for computing comparisons.
 */
export async function packedValues(db: Db, datasetIds: readonly number[], options: { municipalityCode?: string } = {}): Promise<PackedAreaValues[]> {
  if (datasetIds.length === 0) return [];
  let q = db.selectFrom('statistic_area_values').select(['dataset_id', 'area_code', 'data']).where('dataset_id', 'in', [...datasetIds]);
  const gm = options.municipalityCode;
  if (gm) {
    const digits = gm.slice(2);
    q = q.where((eb) => eb.or([
      eb('area_code', '=', gm),
      eb.and([eb('area_code', '>=', `WK${digits}`), eb('area_code', '<', `WK${digits}~`)]),
      eb.and([eb('area_code', '>=', `BU${digits}`), eb('area_code', '<', `BU${digits}~`)]),
    ]));
  }
  return (await q.execute()).map((r) => ({ datasetId: Number(r.dataset_id), area: r.area_code, data: r.data }));
}

/** Raw values of some datasets, optionally only some variables and only the areas of one municipality. */
export async function rawValues(db: Db, datasets: ReadonlyArray<Pick<DatasetRow, 'id' | 'variables'>>, options: { variables?: readonly string[]; municipalityCode?: string } = {}): Promise<ValueRow[]> {
  const variablesOf = new Map(datasets.map((d) => [d.id, d.variables]));
  const wanted = options.variables ? new Set(options.variables) : null;
  const values: ValueRow[] = [];
  for (const row of await packedValues(db, [...variablesOf.keys()], options)) {
    unpackValues(variablesOf.get(row.datasetId)!, row.area, row.data, (r) => { if (!wanted || wanted.has(r.variable)) values.push(r); });
  }
  return values;
}
