import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import { FUNDING_SOURCES, type Certainty, type FundingSource, type MoneyFlow } from './model.js';

/** The public money that passes through an area in a year, one row per source and purpose. Amounts in integer cents. */
export interface MoneyFlowTable {
  id: string;
  municipality_id: string;
  area_code: string;
  year: number;
  source: FundingSource;
  purpose: string;
  amount_cents: number;
  method: string;
  certainty: Certainty;
  figure_source: string | null;
  /** Null once the person who entered it was erased. */
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    money_flows: MoneyFlowTable;
  }
}

export const moneyFlowsMigrations: NamedMigrations = {
  '0710-money-flows': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('money_flows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('certainty', 'text', (c) => c.notNull())
        .addColumn('figure_source', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('money_flows_area').on('money_flows').columns(['municipality_id', 'area_code', 'year']).execute();
      await db.schema.createIndex('money_flows_creator').on('money_flows').column('created_by').execute();
    },
  },
};

export function flowOf(row: MoneyFlowTable): MoneyFlow {
  return {
    id: row.id, areaCode: row.area_code, year: Number(row.year), source: row.source, purpose: row.purpose, amountCents: Number(row.amount_cents),
    method: row.method, certainty: row.certainty, figureSource: row.figure_source,
  };
}

export async function findFlow(db: Db, municipalityId: string, id: string): Promise<MoneyFlowTable | undefined> {
  return db.selectFrom('money_flows').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
}

/** The flows of an area in a year, largest first (then by source and purpose). */
export async function flowsOf(db: Db, municipalityId: string, areaCode: string, year: number): Promise<MoneyFlow[]> {
  const rows = await db.selectFrom('money_flows').selectAll().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).where('year', '=', year)
    .orderBy('amount_cents', 'desc').orderBy('source').orderBy('purpose').orderBy('id').execute();
  return rows.map(flowOf);
}

/** The years with flows for an area, newest first. */
export async function flowYears(db: Db, municipalityId: string, areaCode: string): Promise<number[]> {
  const rows = await db.selectFrom('money_flows').select('year').distinct().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).execute();
  return rows.map((r) => Number(r.year)).sort((a, b) => b - a);
}

/**
 * Every flow of a municipality, or of one area (and year), for the export: by area code, year,
 * source (in the fixed order), purpose and id, compared in the program rather than by the engine's
 * collation, so SQLite and PostgreSQL give the same file.
 */
export async function flowsToExport(db: Db, municipalityId: string, only: { areaCode?: string; year?: number } = {}): Promise<MoneyFlow[]> {
  let query = db.selectFrom('money_flows').selectAll().where('municipality_id', '=', municipalityId);
  if (only.areaCode !== undefined) query = query.where('area_code', '=', only.areaCode);
  if (only.year !== undefined) query = query.where('year', '=', only.year);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return (await query.execute()).map(flowOf).sort((a, b) => order(a.areaCode, b.areaCode) || a.year - b.year
    || FUNDING_SOURCES.indexOf(a.source) - FUNDING_SOURCES.indexOf(b.source) || order(a.purpose, b.purpose) || order(a.id, b.id));
}

/** Per area and year of a municipality: how many flows and their total (the import page's overview). */
export async function flowSummary(db: Db, municipalityId: string): Promise<Array<{ areaCode: string; year: number; flows: number; cents: number }>> {
  const rows = await db.selectFrom('money_flows').select((eb) => ['area_code', 'year', eb.fn.countAll<number>().as('flows'), eb.fn.sum<number>('amount_cents').as('cents')])
    .where('municipality_id', '=', municipalityId).groupBy(['area_code', 'year']).orderBy('area_code').orderBy('year', 'desc').execute();
  return rows.map((r) => ({ areaCode: r.area_code, year: Number(r.year), flows: Number(r.flows), cents: Number(r.cents) }));
}
