import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { AreaKind } from './codes.js';
import type { AreaGeometry, BBox } from './geo.js';
import type { Area, AreaSummary } from './model.js';

/**
 * National tables (no municipality): `areas` and `area_imports`. An area is keyed by
 * (code, division_year). Tenant tables: `budget_areas` and their members.
 */
export interface AreaTable {
  code: string;
  division_year: number;
  kind: AreaKind;
  name: string | null;
  parent_code: string | null;
  municipality_code: string;
  /** GeoJSON geometry in WGS84, as text; null for placeholders. */
  geometry: string | null;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  area_m2: number | null;
  placeholder: number;
  zero_area: number;
}

export interface AreaImportTable {
  id: string;
  at: string;
  division_year: number;
  /** JSON: [{ name, sha256, features, crs }] */
  files: string;
  /** JSON: counts per kind, placeholders, rows written */
  counts: string;
  /** JSON: every finding of the import report */
  findings: string;
}

export interface BudgetAreaTable {
  id: string;
  municipality_id: string;
  division_year: number;
  name: string;
  created_at: string;
}

export interface BudgetAreaMemberTable {
  budget_area_id: string;
  municipality_id: string;
  division_year: number;
  area_code: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    areas: AreaTable;
    area_imports: AreaImportTable;
    budget_areas: BudgetAreaTable;
    budget_area_members: BudgetAreaMemberTable;
  }
}

export const areasMigrations: NamedMigrations = {
  '0100-areas': {
    async up(db: Kysely<any>) {
      // "double precision" is REAL affinity on SQLite and 8-byte floats on PostgreSQL (its "real" is 4 bytes).
      const float = sql`double precision`;
      await db.schema.createTable('areas')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('division_year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('parent_code', 'text')
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('geometry', 'text')
        .addColumn('min_lon', float)
        .addColumn('min_lat', float)
        .addColumn('max_lon', float)
        .addColumn('max_lat', float)
        .addColumn('area_m2', float)
        .addColumn('placeholder', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('zero_area', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('areas_pk', ['code', 'division_year'])
        .execute();
      await db.schema.createIndex('areas_year_parent').on('areas').columns(['division_year', 'parent_code']).execute();
      await db.schema.createIndex('areas_year_municipality').on('areas').columns(['division_year', 'municipality_code']).execute();
      await db.schema.createTable('area_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('division_year', 'integer', (c) => c.notNull())
        .addColumn('files', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('area_imports_at').on('area_imports').column('at').execute();
      await db.schema.createTable('budget_areas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('division_year', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('budget_areas_name', ['municipality_id', 'division_year', 'name'])
        .execute();
      await db.schema.createTable('budget_area_members')
        .addColumn('budget_area_id', 'text', (c) => c.notNull().references('budget_areas.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('division_year', 'integer', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('budget_area_members_pk', ['budget_area_id', 'area_code'])
        // A neighbourhood is in at most one group per municipality and year.
        .addUniqueConstraint('budget_area_members_once', ['municipality_id', 'division_year', 'area_code'])
        .execute();
    },
  },
  // Municipality first: serves "every year of this municipality" (each areas page) as well as
  // "this municipality in this year"; the old (year, municipality) order forced a full scan for the first.
  '0101-areas-municipality-index': {
    async up(db: Kysely<any>) {
      await db.schema.dropIndex('areas_year_municipality').execute();
      await db.schema.createIndex('areas_municipality_year').on('areas').columns(['municipality_code', 'division_year']).execute();
    },
  },
};

type Db = Kysely<Database>;

const summaryColumns = ['code', 'division_year', 'kind', 'name', 'parent_code', 'municipality_code', 'min_lon', 'min_lat', 'max_lon', 'max_lat', 'area_m2', 'placeholder', 'zero_area'] as const;

export type SummaryRow = Pick<AreaTable, (typeof summaryColumns)[number]>;

export function toSummary(row: SummaryRow): AreaSummary {
  const box: BBox | null = row.min_lon === null || row.min_lat === null || row.max_lon === null || row.max_lat === null
    ? null : [Number(row.min_lon), Number(row.min_lat), Number(row.max_lon), Number(row.max_lat)];
  return {
    code: row.code,
    divisionYear: Number(row.division_year),
    kind: row.kind,
    name: row.name,
    parentCode: row.parent_code,
    municipalityCode: row.municipality_code,
    bbox: box,
    areaM2: row.area_m2 === null ? null : Number(row.area_m2),
    placeholder: Number(row.placeholder) === 1,
    zeroArea: Number(row.zero_area) === 1,
  };
}

function toArea(row: SummaryRow & { geometry: string | null }): Area {
  return { ...toSummary(row), geometry: row.geometry === null ? null : (JSON.parse(row.geometry) as AreaGeometry) };
}

const byKindThenCode = <T extends AreaSummary>(rows: T[]): T[] => {
  const rank: Record<AreaKind, number> = { municipality: 0, district: 1, neighbourhood: 2 };
  return rows.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
};

export async function findArea(db: Db, code: string, year: number): Promise<Area | null> {
  const row = await db.selectFrom('areas').select([...summaryColumns, 'geometry'])
    .where('code', '=', code).where('division_year', '=', year).executeTakeFirst();
  return row ? toArea(row) : null;
}

export async function findAreaSummary(db: Db, code: string, year: number): Promise<AreaSummary | null> {
  const row = await db.selectFrom('areas').select(summaryColumns).where('code', '=', code).where('division_year', '=', year).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** The direct children of an area in a year, by code; with their boundaries when asked. */
export async function childrenOf(db: Db, code: string, year: number, options: { geometry: true }): Promise<Area[]>;
export async function childrenOf(db: Db, code: string, year: number, options?: { geometry?: false }): Promise<AreaSummary[]>;
export async function childrenOf(db: Db, code: string, year: number, options: { geometry?: boolean } = {}): Promise<AreaSummary[] | Area[]> {
  const base = db.selectFrom('areas').where('division_year', '=', year).where('parent_code', '=', code).orderBy('code');
  if (options.geometry) return (await base.select([...summaryColumns, 'geometry']).execute()).map(toArea);
  return (await base.select(summaryColumns).execute()).map(toSummary);
}

/** Everything above an area, from the municipality down to its direct parent. */
export async function ancestorsOf(db: Db, area: Pick<AreaSummary, 'parentCode' | 'divisionYear'>): Promise<AreaSummary[]> {
  const out: AreaSummary[] = [];
  let parent = area.parentCode;
  while (parent !== null && out.length < 5) {
    const row = await findAreaSummary(db, parent, area.divisionYear);
    if (!row) break;
    out.unshift(row);
    parent = row.parentCode;
  }
  return out;
}

/** All areas of one municipality in one year (the municipality itself, its districts and neighbourhoods). */
export async function areasOfMunicipality(db: Db, municipalityCode: string, year: number, options: { geometry: true }): Promise<Area[]>;
export async function areasOfMunicipality(db: Db, municipalityCode: string, year: number, options?: { geometry?: false }): Promise<AreaSummary[]>;
export async function areasOfMunicipality(db: Db, municipalityCode: string, year: number, options: { geometry?: boolean } = {}): Promise<AreaSummary[] | Area[]> {
  const base = db.selectFrom('areas').where('division_year', '=', year).where('municipality_code', '=', municipalityCode);
  if (options.geometry) return byKindThenCode((await base.select([...summaryColumns, 'geometry']).execute()).map(toArea));
  return byKindThenCode((await base.select(summaryColumns).execute()).map(toSummary));
}

/** The neighbourhoods of a municipality in a year, by code. */
export async function neighbourhoodsOf(db: Db, municipalityCode: string, year: number): Promise<AreaSummary[]> {
  const rows = await db.selectFrom('areas').select(summaryColumns)
    .where('division_year', '=', year).where('municipality_code', '=', municipalityCode).where('kind', '=', 'neighbourhood')
    .orderBy('code').execute();
  return rows.map(toSummary);
}

/** Some areas by code (of any municipality), each in its latest division year up to `year` (or its earliest after): one query, for naming them. */
export async function summariesOf(db: Db, codes: readonly string[], year: number): Promise<Map<string, AreaSummary>> {
  if (codes.length === 0) return new Map();
  return latestSummaries((await summaryRowsQuery(db, codes).execute()).map(toSummary), year);
}

/** The summary rows of some codes in every division year, as a query to read on its own or inside another (`jsonRows`). */
export function summaryRowsQuery(db: Db, codes: readonly string[]) {
  return db.selectFrom('areas').select(summaryColumns).where('code', 'in', codes.length ? [...codes] : ['']).orderBy('code').orderBy('division_year');
}

/** `summariesOf` from summaries read already (`summaryRowsQuery`): each code in its latest division year up to `year` (or its earliest after). */
export function latestSummaries(summaries: readonly AreaSummary[], year: number): Map<string, AreaSummary> {
  const out = new Map<string, AreaSummary>();
  const score = (a: AreaSummary) => (a.divisionYear <= year ? a.divisionYear : -a.divisionYear);
  for (const row of summaries) {
    const held = out.get(row.code);
    if (!held || score(row) > score(held)) out.set(row.code, row);
  }
  return out;
}

/** The division years in which a code exists, oldest first. */
export async function yearsOfCode(db: Db, code: string): Promise<number[]> {
  const rows = await db.selectFrom('areas').select('division_year').where('code', '=', code).orderBy('division_year').execute();
  return rows.map((r) => Number(r.division_year));
}

/** The division years in which a municipality has areas, oldest first. */
export async function yearsOfMunicipality(db: Db, municipalityCode: string): Promise<number[]> {
  const rows = await db.selectFrom('areas').select('division_year').distinct()
    .where('municipality_code', '=', municipalityCode).orderBy('division_year').execute();
  return rows.map((r) => Number(r.division_year));
}

/** The latest division year for which any area exists (null for an empty installation). */
export async function latestYear(db: Db): Promise<number | null> {
  const row = await db.selectFrom('areas').select((eb) => eb.fn.max('division_year').as('year')).executeTakeFirst();
  return row?.year == null ? null : Number(row.year);
}

/** Every division year that has areas, oldest first. */
export async function divisionYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('areas').select('division_year').distinct().orderBy('division_year').execute();
  return rows.map((r) => Number(r.division_year));
}

/** The municipalities of a division year, by code. */
export async function municipalitiesOf(db: Db, year: number): Promise<AreaSummary[]> {
  const rows = await db.selectFrom('areas').select(summaryColumns).where('division_year', '=', year).where('kind', '=', 'municipality').orderBy('code').execute();
  return rows.map(toSummary);
}

export async function countAreas(db: Db, year?: number): Promise<number> {
  let q = db.selectFrom('areas').select((eb) => eb.fn.countAll<number>().as('n'));
  if (year !== undefined) q = q.where('division_year', '=', year);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// ---- imports ------------------------------------------------------------------------------

export interface AreaImportRow {
  id: string;
  at: string;
  divisionYear: number;
  files: unknown;
  counts: unknown;
  findings: unknown[];
}

function toImport(row: AreaImportTable): AreaImportRow {
  return { id: row.id, at: row.at, divisionYear: Number(row.division_year), files: JSON.parse(row.files), counts: JSON.parse(row.counts), findings: JSON.parse(row.findings) as unknown[] };
}

/** Imports, newest first (without their findings). */
export async function listImports(db: Db, limit = 100): Promise<Array<Omit<AreaImportRow, 'findings'>>> {
  const rows = await db.selectFrom('area_imports').select(['id', 'at', 'division_year', 'files', 'counts']).orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, divisionYear: Number(r.division_year), files: JSON.parse(r.files), counts: JSON.parse(r.counts) }));
}

export async function findImport(db: Db, id: string): Promise<AreaImportRow | null> {
  const row = await db.selectFrom('area_imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toImport(row) : null;
}

// ---- budget areas -------------------------------------------------------------------------

export interface BudgetAreaGroupRow {
  id: string;
  name: string;
  divisionYear: number;
  createdAt: string;
  codes: string[];
}

/** The stored groups of a municipality in a year, with their member codes. */
export async function budgetAreaGroups(db: Db, municipalityId: string, year: number): Promise<BudgetAreaGroupRow[]> {
  const groups = await db.selectFrom('budget_areas').selectAll().where('municipality_id', '=', municipalityId).where('division_year', '=', year).orderBy('name').execute();
  const members = await db.selectFrom('budget_area_members').select(['budget_area_id', 'area_code'])
    .where('municipality_id', '=', municipalityId).where('division_year', '=', year).orderBy('area_code').execute();
  return groups.map((g) => ({
    id: g.id, name: g.name, divisionYear: Number(g.division_year), createdAt: g.created_at,
    codes: members.filter((m) => m.budget_area_id === g.id).map((m) => m.area_code),
  }));
}

export async function findBudgetArea(db: Db, municipalityId: string, id: string): Promise<BudgetAreaGroupRow | null> {
  const group = await db.selectFrom('budget_areas').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
  if (!group) return null;
  const members = await db.selectFrom('budget_area_members').select('area_code').where('budget_area_id', '=', id).orderBy('area_code').execute();
  return { id: group.id, name: group.name, divisionYear: Number(group.division_year), createdAt: group.created_at, codes: members.map((m) => m.area_code) };
}
