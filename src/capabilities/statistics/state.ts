import type { Db } from '../../platform/db/connect.js';
import { jsonRows, rowsOf } from '../../platform/db/json-rows.js';
import { summaryRowsQuery, toSummary, type AreaSummary, type SummaryRow } from '../areas/index.js';
import { readingRowsQuery, roundRowsQuery, type ConversationRoundTable, type ReadingRow } from '../interpretations/index.js';

/**
 * The state a kept statistics view or page is checked against, read in one query per request.
 *
 * What is kept in memory (area views, index scores, answers, whole pages) is kept under a
 * fingerprint of the state it was computed from, and that fingerprint is read from the database
 * for every request — several server processes may share one database, so memory is never trusted
 * for it. Reading it part by part cost a round trip per part (on PostgreSQL most of a page's time);
 * here the parts are small keyed subqueries, each returned as a JSON array in one row
 * (`jsonRows`), so a request whose page is kept reads the database once. Full rows (the
 * comparison sets, the packed figures, the index scores) are read only when something changed.
 *
 * The statistics of a municipality: the visible comparison sets as id and time (every import
 * replaces the sets of the years it touches by new rows with a new id and time, survey
 * publications too: comparisons.ts) and its own indicators as stored.
 */
export interface StatisticsState {
  /** Equal fingerprints, equal figures. */
  readonly fingerprint: string;
}

function setKeysQuery(db: Db, municipalityId: string | null) {
  return db.selectFrom('statistic_comparison_sets').select(['id', 'computed_at'])
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb.or([eb('municipality_id', 'is', null), eb('municipality_id', '=', municipalityId)])))
    .orderBy('year').orderBy('id');
}

function ownIndicatorsQuery(db: Db, municipalityId: string | null) {
  return db.selectFrom('statistic_indicators').select([
    'id', 'label_nl', 'label_en', 'definition_nl', 'definition_en', 'unit', 'theme', 'polarity', 'source', 'derivation', 'created_at', 'updated_at',
  ]).where('municipality_id', '=', municipalityId ?? '').orderBy('id');
}

function statisticsStateOf(sets: unknown, own: unknown): StatisticsState {
  const keys = rowsOf(sets as Array<{ id: number; computed_at: string }> | string).map((s) => `${Number(s.id)}@${s.computed_at}`);
  return { fingerprint: JSON.stringify([keys, rowsOf(own as unknown[] | string)]) };
}

/** The statistics state of a municipality (null: national only), in one query. */
export async function statisticsState(db: Db, municipalityId: string | null): Promise<StatisticsState> {
  const row = await db.selectNoFrom([
    jsonRows(db, setKeysQuery(db, municipalityId)).as('sets'),
    jsonRows(db, ownIndicatorsQuery(db, municipalityId)).as('own'),
  ]).executeTakeFirstOrThrow();
  return statisticsStateOf(row.sets, row.own);
}

/** What an area's statistics page shows besides the figures, with the statistics state: all read in one query. */
export interface AreaPageState {
  statistics: StatisticsState;
  /** The area in every division year, and the other areas asked for (to name them). */
  areas: AreaSummary[];
  /** The area's interpretations in every year, with author names and moderation (`readingsFromRows`). */
  readings: ReadingRow[];
  /** The area's conversation rounds, newest first (`roundOf`). */
  rounds: ConversationRoundTable[];
  /**
   * Everything above except the areas, and the municipality's stored index definitions (id,
   * version, time: every save raises the version): with the area, the names and the municipality
   * (the page cache adds it), what the page shows is determined by it.
   */
  fingerprint: string;
}

/**
 * The page state of an area of a municipality. `names` are other areas whose summaries the page
 * will want (the similar areas the page showed last time): read along, so that a page whose
 * similar areas did not change needs no second query.
 */
export async function areaPageState(db: Db, municipalityId: string, areaCode: string, names: readonly string[] = []): Promise<AreaPageState> {
  const row = await db.selectNoFrom([
    jsonRows(db, setKeysQuery(db, municipalityId)).as('sets'),
    jsonRows(db, ownIndicatorsQuery(db, municipalityId)).as('own'),
    jsonRows(db, db.selectFrom('statistic_index_definitions').select(['id', 'version', 'updated_at']).where('municipality_id', '=', municipalityId).orderBy('id')).as('definitions'),
    jsonRows(db, summaryRowsQuery(db, [...new Set([areaCode, ...names])])).as('areas'),
    jsonRows(db, readingRowsQuery(db, municipalityId, areaCode)).as('readings'),
    jsonRows(db, roundRowsQuery(db, municipalityId, areaCode)).as('rounds'),
  ]).executeTakeFirstOrThrow();
  const statistics = statisticsStateOf(row.sets, row.own);
  const readings = rowsOf(row.readings as ReadingRow[] | string);
  const rounds = rowsOf(row.rounds as AreaPageState['rounds'] | string);
  const definitions = rowsOf(row.definitions as unknown[] | string);
  return {
    statistics, areas: rowsOf(row.areas as SummaryRow[] | string).map(toSummary), readings, rounds,
    fingerprint: JSON.stringify([statistics.fingerprint, definitions, readings, rounds]),
  };
}
