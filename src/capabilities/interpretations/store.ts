import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import { PARTICIPANT_GROUPS, type InterpretationKind, type InterpretationStatus, type Participants, type WritingRole } from './model.js';

/**
 * Interpretations and conversation rounds. As for comments, a row holds its author's id, never
 * their name: the name is looked up when shown, so erasing a person leaves no copy of it here.
 */
export interface InterpretationTable {
  id: string;
  municipality_id: string;
  area_code: string;
  /** The year of the figure. */
  year: number;
  /** An indicator id of the municipality's catalogue; null for the area as a whole. */
  indicator: string | null;
  kind: InterpretationKind;
  /** Empty once deleted by the author or erased with the author. */
  body: string;
  /** Null once the author was erased. */
  author_id: string | null;
  author_role: WritingRole;
  round_id: string | null;
  status: InterpretationStatus;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface ConversationRoundTable {
  id: string;
  municipality_id: string;
  area_code: string;
  year: number;
  title: string;
  /** The day it was held (YYYY-MM-DD, local). */
  held_on: string;
  place: string | null;
  organisation_id: string | null;
  residents: number;
  professionals: number;
  officials: number;
  entrepreneurs: number;
  others: number;
  /** JSON array of indicator ids. */
  indicators_json: string;
  outcome: string;
  /** Null once the person who recorded it was erased. */
  created_by: string | null;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    interpretations: InterpretationTable;
    conversation_rounds: ConversationRoundTable;
  }
}

export const interpretationsMigrations: NamedMigrations = {
  '0400-interpretations': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('conversation_rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
        .addColumn('residents', 'integer', (c) => c.notNull())
        .addColumn('professionals', 'integer', (c) => c.notNull())
        .addColumn('officials', 'integer', (c) => c.notNull())
        .addColumn('entrepreneurs', 'integer', (c) => c.notNull())
        .addColumn('others', 'integer', (c) => c.notNull())
        .addColumn('indicators_json', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conversation_rounds_area').on('conversation_rounds').columns(['municipality_id', 'area_code', 'held_on']).execute();
      await db.schema.createIndex('conversation_rounds_creator').on('conversation_rounds').column('created_by').execute();
      await db.schema.createTable('interpretations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('indicator', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.references('conversation_rounds.id').onDelete('set null'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('interpretations_area').on('interpretations').columns(['municipality_id', 'area_code', 'year', 'created_at']).execute();
      await db.schema.createIndex('interpretations_round').on('interpretations').column('round_id').execute();
      await db.schema.createIndex('interpretations_author').on('interpretations').column('author_id').execute();
    },
  },
};

// ---- reading -----------------------------------------------------------------------------------

export type InterpretationRow = InterpretationTable;

export async function findInterpretation(db: Db, municipalityId: string, id: string): Promise<InterpretationRow | undefined> {
  return db.selectFrom('interpretations').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
}

/** Interpretations of an area (in one year, or in every year), oldest first. */
export async function interpretationRows(db: Db, municipalityId: string, areaCode: string, year?: number): Promise<InterpretationRow[]> {
  let query = db.selectFrom('interpretations').selectAll().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode);
  if (year !== undefined) query = query.where('year', '=', year);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function interpretationsOfRound(db: Db, municipalityId: string, roundId: string): Promise<InterpretationRow[]> {
  return db.selectFrom('interpretations').selectAll().where('municipality_id', '=', municipalityId).where('round_id', '=', roundId)
    .orderBy('created_at').orderBy('id').execute();
}

/** The years in which an area has interpretations or rounds, newest first. */
export async function yearsWithReadings(db: Db, municipalityId: string, areaCode: string): Promise<number[]> {
  const [a, b] = await Promise.all([
    db.selectFrom('interpretations').select('year').distinct().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).execute(),
    db.selectFrom('conversation_rounds').select('year').distinct().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).execute(),
  ]);
  return [...new Set([...a, ...b].map((r) => Number(r.year)))].sort((x, y) => y - x);
}

export interface ConversationRound {
  id: string;
  municipalityId: string;
  areaCode: string;
  year: number;
  title: string;
  heldOn: string;
  place: string | null;
  organisationId: string | null;
  participants: Participants;
  indicators: string[];
  outcome: string;
  createdBy: string | null;
  createdAt: string;
}

export function roundOf(row: ConversationRoundTable): ConversationRound {
  const participants = Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, Number(row[g])])) as Participants;
  return {
    id: row.id, municipalityId: row.municipality_id, areaCode: row.area_code, year: Number(row.year), title: row.title, heldOn: row.held_on,
    place: row.place, organisationId: row.organisation_id, participants, indicators: JSON.parse(row.indicators_json) as string[],
    outcome: row.outcome, createdBy: row.created_by, createdAt: row.created_at,
  };
}

export async function findRound(db: Db, municipalityId: string, id: string): Promise<ConversationRound | null> {
  const row = await db.selectFrom('conversation_rounds').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
  return row ? roundOf(row) : null;
}

/** The rounds of an area, the latest first (in one year, or in every year). */
/** The rounds of an area in every year, as `roundsOfArea` orders them: a query to read inside another (`jsonRows`), each row made a round with `roundOf`. */
export function roundRowsQuery(db: Db, municipalityId: string, areaCode: string) {
  return db.selectFrom('conversation_rounds').select([
    'id', 'municipality_id', 'area_code', 'year', 'title', 'held_on', 'place', 'organisation_id', ...PARTICIPANT_GROUPS, 'indicators_json', 'outcome', 'created_by', 'created_at',
  ]).where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).orderBy('held_on', 'desc').orderBy('created_at', 'desc');
}

export async function roundsOfArea(db: Db, municipalityId: string, areaCode: string, year?: number): Promise<ConversationRound[]> {
  let query = db.selectFrom('conversation_rounds').selectAll().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode);
  if (year !== undefined) query = query.where('year', '=', year);
  return (await query.orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute()).map(roundOf);
}
