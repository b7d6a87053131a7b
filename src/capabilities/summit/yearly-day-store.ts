import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';

/**
 * The municipality's BuurtTop day per year: its date and a short text. `revision` grows with every
 * change: the SEQUENCE of the day's own event in the year's calendar file.
 */
export interface SummitYearlyDayTable {
  municipality_id: string;
  year: number;
  /** YYYY-MM-DD, in that year. */
  day: string;
  note: string | null;
  revision: number;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    summit_yearly_days: SummitYearlyDayTable;
  }
}

export const yearlyDayMigrations: NamedMigrations = {
  '0814-summit-yearly-days': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('summit_yearly_days')
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('summit_yearly_days_pk', ['municipality_id', 'year'])
        .execute();
    },
  },
};

export interface YearlyDay {
  year: number;
  date: string;
  note: string | null;
  revision: number;
  updatedAt: string;
}

const yearlyDayOf = (r: SummitYearlyDayTable): YearlyDay => ({ year: Number(r.year), date: r.day, note: r.note, revision: Number(r.revision), updatedAt: r.updated_at });

export async function findYearlyDay(db: Db, municipalityId: string, year: number): Promise<YearlyDay | null> {
  const row = await db.selectFrom('summit_yearly_days').selectAll().where('municipality_id', '=', municipalityId).where('year', '=', year).executeTakeFirst();
  return row ? yearlyDayOf(row) : null;
}

/** The municipality's BuurtTop days from `fromYear` on, by year. */
export async function yearlyDaysFrom(db: Db, municipalityId: string, fromYear: number): Promise<YearlyDay[]> {
  return (await db.selectFrom('summit_yearly_days').selectAll().where('municipality_id', '=', municipalityId).where('year', '>=', fromYear).orderBy('year').execute()).map(yearlyDayOf);
}
