import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import type { LinkKind } from './model.js';
import type { ObjectionResolution } from './day-model.js';

/**
 * The day of a summit: its rounds, its tables (a theme and a facilitator per table per round),
 * the ambitions captured at the tables (with the public values they serve, the facts from the
 * neighbourhood picture that support them, their first steps) and the plenary's outcome (consent,
 * objections with their reasons and resolution, dots). A table's facilitator link is derived
 * from the installation secret and the table's `link_salt` (day-service.ts), so no token is
 * stored. An ambition keeps the one-time form key it was submitted with (`submission_key`,
 * unique): a retry finds the ambition its first submission made.
 */
export interface SummitDayTable {
  summit_id: string;
  municipality_id: string;
  /** 1 when the organisers count dots at the plenary. */
  dot_voting: number;
  updated_at: string;
}

export interface SummitRoundTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  name: string;
  position: number;
  created_at: string;
}

export interface SummitTableTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  round_id: string;
  /** The working group whose theme the table works on (null once that group was removed). */
  group_id: string | null;
  theme_name: string;
  facilitator: string;
  link_salt: string;
  created_at: string;
}

export interface SummitAmbitionTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  table_id: string;
  group_id: string | null;
  theme_name: string;
  title: string;
  body: string;
  why: string | null;
  horizon: number;
  submission_key: string | null;
  consent_at: string | null;
  dots: number | null;
  created_at: string;
  updated_at: string;
}

export interface SummitAmbitionValueTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  value_id: string;
  name_nl: string;
  name_en: string;
}

export interface SummitAmbitionFactTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  kind: LinkKind;
  reference: string;
}

export interface SummitAmbitionStepTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  position: number;
  step: string;
  carrier: string | null;
}

export interface SummitObjectionTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  reason: string;
  /** A name, or null for "a participant". Never public. */
  raised_by: string | null;
  resolution: ObjectionResolution;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    summit_days: SummitDayTable;
    summit_rounds: SummitRoundTable;
    summit_tables: SummitTableTable;
    summit_ambitions: SummitAmbitionTable;
    summit_ambition_values: SummitAmbitionValueTable;
    summit_ambition_facts: SummitAmbitionFactTable;
    summit_ambition_steps: SummitAmbitionStepTable;
    summit_objections: SummitObjectionTable;
  }
}

export const summitDayMigrations: NamedMigrations = {
  '0820-summit-day': {
    async up(db: Kysely<any>) {
      const municipality = (c: any) => c.notNull().references('municipalities.id').onDelete('cascade');
      const summit = (c: any) => c.notNull().references('summits.id').onDelete('cascade');
      await db.schema.createTable('summit_days')
        .addColumn('summit_id', 'text', (c) => summit(c).primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('dot_voting', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('summit_rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('summit_id', 'text', summit)
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_rounds_summit').on('summit_rounds').columns(['summit_id', 'position']).execute();
      await db.schema.createTable('summit_tables')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('summit_id', 'text', summit)
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('round_id', 'text', (c) => c.notNull().references('summit_rounds.id').onDelete('cascade'))
        .addColumn('group_id', 'text', (c) => c.references('summit_groups.id').onDelete('set null'))
        .addColumn('theme_name', 'text', (c) => c.notNull())
        .addColumn('facilitator', 'text', (c) => c.notNull())
        .addColumn('link_salt', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_tables_summit').on('summit_tables').columns(['summit_id', 'round_id']).execute();
      await db.schema.createTable('summit_ambitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('summit_id', 'text', summit)
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('table_id', 'text', (c) => c.notNull().references('summit_tables.id').onDelete('cascade'))
        .addColumn('group_id', 'text', (c) => c.references('summit_groups.id').onDelete('set null'))
        .addColumn('theme_name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('why', 'text')
        .addColumn('horizon', 'integer', (c) => c.notNull())
        .addColumn('submission_key', 'text', (c) => c.unique())
        .addColumn('consent_at', 'text')
        .addColumn('dots', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_ambitions_summit').on('summit_ambitions').columns(['summit_id', 'created_at']).execute();
      await db.schema.createIndex('summit_ambitions_table').on('summit_ambitions').columns(['table_id', 'created_at']).execute();
      const child = (name: string) => db.schema.createTable(name)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ambition_id', 'text', (c) => c.notNull().references('summit_ambitions.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', municipality);
      await child('summit_ambition_values').addColumn('value_id', 'text', (c) => c.notNull()).addColumn('name_nl', 'text', (c) => c.notNull()).addColumn('name_en', 'text', (c) => c.notNull()).execute();
      await child('summit_ambition_facts').addColumn('kind', 'text', (c) => c.notNull()).addColumn('reference', 'text', (c) => c.notNull()).execute();
      await child('summit_ambition_steps').addColumn('position', 'integer', (c) => c.notNull()).addColumn('step', 'text', (c) => c.notNull()).addColumn('carrier', 'text').execute();
      await child('summit_objections')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'text')
        .addColumn('resolution', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      for (const name of ['summit_ambition_values', 'summit_ambition_facts', 'summit_ambition_steps', 'summit_objections']) {
        await db.schema.createIndex(`${name}_ambition`).on(name).column('ambition_id').execute();
      }
    },
  },
};

// ---- reading -----------------------------------------------------------------------------------

export interface Round { id: string; summitId: string; name: string; position: number }
export interface DayTable { id: string; summitId: string; roundId: string; groupId: string | null; themeName: string; facilitator: string; linkSalt: string }

export interface Ambition {
  id: string;
  summitId: string;
  tableId: string;
  groupId: string | null;
  themeName: string;
  title: string;
  body: string;
  why: string | null;
  horizon: number;
  consentAt: string | null;
  dots: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AmbitionDetails {
  values: Array<{ ambitionId: string; valueId: string; nameNl: string; nameEn: string }>;
  facts: Array<{ id: string; ambitionId: string; kind: LinkKind; reference: string }>;
  steps: Array<{ ambitionId: string; position: number; step: string; carrier: string | null }>;
  objections: Objection[];
}

export interface Objection { id: string; ambitionId: string; reason: string; raisedBy: string | null; resolution: ObjectionResolution; createdAt: string }

export async function dotVotingOf(db: Db, summitId: string): Promise<boolean> {
  const row = await db.selectFrom('summit_days').select('dot_voting').where('summit_id', '=', summitId).executeTakeFirst();
  return Number(row?.dot_voting ?? 0) === 1;
}

export async function roundsOf(db: Db, summitId: string): Promise<Round[]> {
  const rows = await db.selectFrom('summit_rounds').selectAll().where('summit_id', '=', summitId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, summitId: r.summit_id, name: r.name, position: Number(r.position) }));
}

const tableOf = (r: SummitTableTable): DayTable => ({ id: r.id, summitId: r.summit_id, roundId: r.round_id, groupId: r.group_id, themeName: r.theme_name, facilitator: r.facilitator, linkSalt: r.link_salt });

export async function tablesOf(db: Db, summitId: string): Promise<DayTable[]> {
  return (await db.selectFrom('summit_tables').selectAll().where('summit_id', '=', summitId).orderBy('created_at').orderBy('id').execute()).map(tableOf);
}

export async function findTable(db: Db, summitId: string, id: string): Promise<DayTable | null> {
  const row = await db.selectFrom('summit_tables').selectAll().where('summit_id', '=', summitId).where('id', '=', id).executeTakeFirst();
  return row ? tableOf(row) : null;
}

const ambitionOf = (r: SummitAmbitionTable): Ambition => ({
  id: r.id, summitId: r.summit_id, tableId: r.table_id, groupId: r.group_id, themeName: r.theme_name, title: r.title, body: r.body, why: r.why, horizon: Number(r.horizon),
  consentAt: r.consent_at, dots: r.dots === null ? null : Number(r.dots), createdAt: r.created_at, updatedAt: r.updated_at,
});

/** A summit's ambitions (of one table), as captured. */
export async function ambitionsOf(db: Db, summitId: string, filter: { tableId?: string } = {}): Promise<Ambition[]> {
  let q = db.selectFrom('summit_ambitions').selectAll().where('summit_id', '=', summitId);
  if (filter.tableId) q = q.where('table_id', '=', filter.tableId);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(ambitionOf);
}

export async function findAmbition(db: Db, summitId: string, id: string): Promise<Ambition | null> {
  const row = await db.selectFrom('summit_ambitions').selectAll().where('summit_id', '=', summitId).where('id', '=', id).executeTakeFirst();
  return row ? ambitionOf(row) : null;
}

/** The ambition a submission with this one-time form key made, if any. */
export async function ambitionOfSubmission(db: Db, summitId: string, key: string): Promise<Ambition | null> {
  const row = await db.selectFrom('summit_ambitions').selectAll().where('summit_id', '=', summitId).where('submission_key', '=', key).executeTakeFirst();
  return row ? ambitionOf(row) : null;
}

export async function detailsOf(db: Db, ambitionIds: readonly string[]): Promise<AmbitionDetails> {
  if (ambitionIds.length === 0) return { values: [], facts: [], steps: [], objections: [] };
  const ids = [...ambitionIds];
  const [values, facts, steps, objections] = await Promise.all([
    db.selectFrom('summit_ambition_values').selectAll().where('ambition_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('summit_ambition_facts').selectAll().where('ambition_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('summit_ambition_steps').selectAll().where('ambition_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('summit_objections').selectAll().where('ambition_id', 'in', ids).orderBy('created_at').orderBy('id').execute(),
  ]);
  return {
    values: values.map((v) => ({ ambitionId: v.ambition_id, valueId: v.value_id, nameNl: v.name_nl, nameEn: v.name_en })),
    facts: facts.map((f) => ({ id: f.id, ambitionId: f.ambition_id, kind: f.kind, reference: f.reference })),
    steps: steps.map((s) => ({ ambitionId: s.ambition_id, position: Number(s.position), step: s.step, carrier: s.carrier })),
    objections: objections.map((o) => ({ id: o.id, ambitionId: o.ambition_id, reason: o.reason, raisedBy: o.raised_by, resolution: o.resolution, createdAt: o.created_at })),
  };
}
