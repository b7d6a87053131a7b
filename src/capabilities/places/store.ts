import { sql, type Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import { memoPerDatabase } from '../../platform/lru.js';
import {
  QUALITIES, emptyOpeningHours, type Accessibility, type OpeningHours, type OwnerType, type PlaceStatus, type PlaceType, type Quality, type Scores, type ThreatKind,
} from './model.js';

/**
 * Public places, their status history and residents' assessments. Rows hold people's ids, never
 * their names (looked up when shown), so erasing a person leaves no copy of a name here.
 */
export interface PlaceTable {
  id: string;
  municipality_id: string;
  name: string;
  type: PlaceType;
  owner_type: OwnerType;
  run_by: string | null;
  description: string | null;
  lon: number;
  lat: number;
  /** The neighbourhood holding the point in `division_year` (null: outside every boundary known then). */
  area_code: string | null;
  division_year: number;
  /** JSON: { mon: [{ from, to }], … } in minutes since midnight. */
  hours_json: string;
  /** Per hour for a resident group; 0 free, null unknown. */
  cost_cents: number | null;
  capacity: number | null;
  /** 1 yes, 0 no, null unknown. */
  step_free: number | null;
  accessible_toilet: number | null;
  hearing_loop: number | null;
  status: PlaceStatus;
  threat_kind: ThreatKind | null;
  /** The day the current status began (YYYY-MM-DD). */
  status_since: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlaceStatusChangeTable {
  id: string;
  place_id: string;
  municipality_id: string;
  status: PlaceStatus;
  threat_kind: ThreatKind | null;
  changed_on: string;
  note: string | null;
  changed_by: string | null;
  created_at: string;
}

export type PlaceAssessmentTable = {
  id: string;
  place_id: string;
  municipality_id: string;
  author_id: string | null;
  comment: string | null;
  created_at: string;
} & { [Q in Quality as `score_${Q}`]: number | null };

/** A municipality's places change (added, edited, status): the number goes up, in the change's transaction. */
export interface PlaceVersionTable {
  municipality_id: string;
  version: number;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    place_versions: PlaceVersionTable;
    places: PlaceTable;
    place_status_changes: PlaceStatusChangeTable;
    place_assessments: PlaceAssessmentTable;
  }
}

export const placesMigrations: NamedMigrations = {
  '0500-places': {
    async up(db: Kysely<any>) {
      const float = sql`double precision`;
      await db.schema.createTable('places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('run_by', 'text')
        .addColumn('description', 'text')
        .addColumn('lon', float, (c) => c.notNull())
        .addColumn('lat', float, (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('division_year', 'integer', (c) => c.notNull())
        .addColumn('hours_json', 'text', (c) => c.notNull())
        .addColumn('cost_cents', 'integer')
        .addColumn('capacity', 'integer')
        .addColumn('step_free', 'integer')
        .addColumn('accessible_toilet', 'integer')
        .addColumn('hearing_loop', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('threat_kind', 'text')
        .addColumn('status_since', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('places_area').on('places').columns(['municipality_id', 'area_code']).execute();
      await db.schema.createIndex('places_creator').on('places').column('created_by').execute();
      await db.schema.createTable('place_status_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('threat_kind', 'text')
        .addColumn('changed_on', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('changed_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('place_status_changes_place').on('place_status_changes').columns(['place_id', 'changed_on']).execute();
      await db.schema.createIndex('place_status_changes_by').on('place_status_changes').column('changed_by').execute();
      let assessments = db.schema.createTable('place_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('author_id', 'text');
      for (const q of QUALITIES) assessments = assessments.addColumn(`score_${q}`, 'integer');
      await assessments.addColumn('comment', 'text').addColumn('created_at', 'text', (c) => c.notNull()).execute();
      await db.schema.createIndex('place_assessments_place').on('place_assessments').columns(['place_id', 'created_at']).execute();
      await db.schema.createIndex('place_assessments_author').on('place_assessments').column('author_id').execute();
    },
  },
  '0500-places-versions': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('place_versions')
        .addColumn('municipality_id', 'text', (c) => c.primaryKey().references('municipalities.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

/** Inside every use case that changes a place: the searchable places of the municipality are read again. */
export async function bumpPlacesVersion(tx: Db, municipalityId: string): Promise<void> {
  await tx.insertInto('place_versions').values({ municipality_id: municipalityId, version: 1 })
    .onConflict((oc) => oc.column('municipality_id').doUpdateSet((eb) => ({ version: eb(eb.ref('place_versions.version'), '+', 1) }))).execute();
}

const searchable = memoPerDatabase<Place[]>(64);

/**
 * The places a group could use now (in use or under threat), read and parsed once per state of
 * the municipality's places (its version, read on every call, so a change made by any process
 * shows on the next search). The evening-meeting search filters these in memory.
 */
export async function usablePlaces(db: Db, municipalityId: string): Promise<Place[]> {
  const row = await db.selectFrom('place_versions').select('version').where('municipality_id', '=', municipalityId).executeTakeFirst();
  return searchable(db).get(municipalityId, String(row?.version ?? 0), async () =>
    (await db.selectFrom('places').selectAll().where('municipality_id', '=', municipalityId).where('status', 'in', ['active', 'threatened']).orderBy('id').execute()).map(placeOf));
}

// ---- reading -----------------------------------------------------------------------------------

export interface Place {
  id: string;
  municipalityId: string;
  name: string;
  type: PlaceType;
  ownerType: OwnerType;
  runBy: string | null;
  description: string | null;
  lon: number;
  lat: number;
  areaCode: string | null;
  divisionYear: number;
  hours: OpeningHours;
  costCents: number | null;
  capacity: number | null;
  accessibility: Accessibility;
  status: PlaceStatus;
  threatKind: ThreatKind | null;
  statusSince: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const fact = (v: number | null): boolean | null => (v === null ? null : Number(v) === 1);
export const factColumn = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);
const numberOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

export function placeOf(row: PlaceTable): Place {
  return {
    id: row.id, municipalityId: row.municipality_id, name: row.name, type: row.type, ownerType: row.owner_type, runBy: row.run_by, description: row.description,
    lon: Number(row.lon), lat: Number(row.lat), areaCode: row.area_code, divisionYear: Number(row.division_year),
    hours: { ...emptyOpeningHours(), ...(JSON.parse(row.hours_json) as Partial<OpeningHours>) },
    costCents: numberOrNull(row.cost_cents), capacity: numberOrNull(row.capacity),
    accessibility: { stepFree: fact(row.step_free), accessibleToilet: fact(row.accessible_toilet), hearingLoop: fact(row.hearing_loop) },
    status: row.status, threatKind: row.threat_kind, statusSince: row.status_since, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function findPlace(db: Db, municipalityId: string, id: string): Promise<Place | null> {
  const row = await db.selectFrom('places').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
  return row ? placeOf(row) : null;
}

export interface PlaceFilter {
  areaCodes?: readonly string[];
  type?: PlaceType;
  status?: PlaceStatus;
}

/** The places of a municipality, by name; narrowed by neighbourhoods, type and status. */
export async function listPlaces(db: Db, municipalityId: string, filter: PlaceFilter = {}): Promise<Place[]> {
  let query = db.selectFrom('places').selectAll().where('municipality_id', '=', municipalityId);
  if (filter.areaCodes) query = query.where('area_code', 'in', filter.areaCodes.length ? [...filter.areaCodes] : ['']);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(placeOf);
}

export interface StatusChange {
  id: string;
  status: PlaceStatus;
  threatKind: ThreatKind | null;
  changedOn: string;
  note: string | null;
  changedBy: string | null;
  changedByName: string | null;
  createdAt: string;
}

/** The status history of a place, oldest first, with the names of who changed it. */
export async function statusHistory(db: Db, placeId: string): Promise<StatusChange[]> {
  const rows = await db.selectFrom('place_status_changes as c').leftJoin('people as p', 'p.id', 'c.changed_by')
    .select(['c.id', 'c.status', 'c.threat_kind', 'c.changed_on', 'c.note', 'c.changed_by', 'c.created_at', 'p.display_name'])
    .where('c.place_id', '=', placeId).orderBy('c.changed_on').orderBy('c.created_at').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id, status: r.status, threatKind: r.threat_kind, changedOn: r.changed_on, note: r.note, changedBy: r.changed_by, changedByName: r.display_name ?? null, createdAt: r.created_at,
  }));
}

export interface Assessment {
  id: string;
  placeId: string;
  authorId: string | null;
  authorName: string | null;
  scores: Scores;
  comment: string | null;
  createdAt: string;
}

function scoresOf(row: Record<string, unknown>): Scores {
  return Object.fromEntries(QUALITIES.map((q) => [q, row[`score_${q}`] == null ? null : Number(row[`score_${q}`])])) as Scores;
}

/** The assessments of some places (newest first), with the names of their authors. */
export async function assessmentsOf(db: Db, placeIds: readonly string[]): Promise<Assessment[]> {
  if (placeIds.length === 0) return [];
  const rows = await db.selectFrom('place_assessments as a').leftJoin('people as p', 'p.id', 'a.author_id')
    .selectAll('a').select('p.display_name')
    .where('a.place_id', 'in', [...placeIds]).orderBy('a.created_at', 'desc').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id, placeId: r.place_id, authorId: r.author_id, authorName: r.display_name ?? null, scores: scoresOf(r as unknown as Record<string, unknown>), comment: r.comment, createdAt: r.created_at,
  }));
}

export const scoreColumns = (scores: Scores) => Object.fromEntries(QUALITIES.map((q) => [`score_${q}`, scores[q]])) as { [Q in Quality as `score_${Q}`]: number | null };
