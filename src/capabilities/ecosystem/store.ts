import { sql, type Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import { moderationStates } from '../../platform/moderation/index.js';
import {
  isRecorded, isShowable, showable, type Actor, type ActorKind, type Assessment, type ConsentMethod, type Element, type Hidden, type Relation, type RelationKind,
} from './model.js';

/**
 * What actors and relations are to the audit log and to the platform's moderation (one name each,
 * so an actor's trail holds its moderation decisions beside its changes).
 */
export const ACTOR_ENTITY = 'ecosystem_actor';
export const RELATION_ENTITY = 'ecosystem_relation';

/**
 * The ecosystem's tables. A key person is an actor of kind `key_person` whose row holds its consent
 * (method, date, who recorded it, when); withdrawing consent deletes the row and, through the
 * foreign keys, every relation it has — nothing of them stays. Rows hold the id of the person who
 * added them, never a name. A relation of kind `uses_place` names a public place by a reference and
 * a name, with no foreign key to the places capability's tables (built beside this one).
 */
export interface EcosystemActorTable {
  id: string;
  municipality_id: string;
  area_code: string;
  kind: ActorKind;
  name: string;
  description: string | null;
  organisation: string | null;
  activities: string | null;
  hours_per_week: number | null;
  /** 1 / 0, or null when not said (or not a professional service). */
  area_bound: number | null;
  role: string | null;
  consent_method: ConsentMethod | null;
  consent_given_on: string | null;
  consent_recorded_by: string | null;
  consent_recorded_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EcosystemRelationTable {
  id: string;
  municipality_id: string;
  area_code: string;
  kind: RelationKind;
  from_actor_id: string;
  to_actor_id: string | null;
  place_ref: string | null;
  place_name: string | null;
  note: string | null;
  since: string | null;
  created_by: string | null;
  created_at: string;
}

export interface EcosystemAssessmentTable {
  id: string;
  municipality_id: string;
  area_code: string;
  element: Element;
  score: number;
  evidence: string;
  /** JSON array of actor ids (an actor removed later is left out when shown). */
  actor_ids_json: string;
  assessed_by: string | null;
  assessed_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    ecosystem_actors: EcosystemActorTable;
    ecosystem_relations: EcosystemRelationTable;
    ecosystem_assessments: EcosystemAssessmentTable;
  }
}

export const ecosystemMigrations: NamedMigrations = {
  '0600-ecosystem': {
    async up(db: Kysely<any>) {
      const float = sql`double precision`;
      await db.schema.createTable('ecosystem_actors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('organisation', 'text')
        .addColumn('activities', 'text')
        .addColumn('hours_per_week', float)
        .addColumn('area_bound', 'integer')
        .addColumn('role', 'text')
        .addColumn('consent_method', 'text')
        .addColumn('consent_given_on', 'text')
        .addColumn('consent_recorded_by', 'text')
        .addColumn('consent_recorded_at', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ecosystem_actors_area').on('ecosystem_actors').columns(['municipality_id', 'area_code']).execute();
      await db.schema.createTable('ecosystem_relations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_actor_id', 'text', (c) => c.notNull().references('ecosystem_actors.id').onDelete('cascade'))
        .addColumn('to_actor_id', 'text', (c) => c.references('ecosystem_actors.id').onDelete('cascade'))
        .addColumn('place_ref', 'text')
        .addColumn('place_name', 'text')
        .addColumn('note', 'text')
        .addColumn('since', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ecosystem_relations_area').on('ecosystem_relations').columns(['municipality_id', 'area_code']).execute();
      await db.schema.createIndex('ecosystem_relations_from').on('ecosystem_relations').column('from_actor_id').execute();
      await db.schema.createIndex('ecosystem_relations_to').on('ecosystem_relations').column('to_actor_id').execute();
      await db.schema.createTable('ecosystem_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('element', 'text', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('actor_ids_json', 'text', (c) => c.notNull())
        .addColumn('assessed_by', 'text')
        .addColumn('assessed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ecosystem_assessments_area').on('ecosystem_assessments').columns(['municipality_id', 'area_code', 'element']).execute();
    },
  },
  // A place's page lists who uses it: its relations are found by the place's reference.
  '0601-ecosystem-relations-place': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('ecosystem_relations_place').on('ecosystem_relations').columns(['municipality_id', 'place_ref']).execute();
    },
  },
};

/** An actor as stored, with its moderation state (read through `actorsOf`, which looks it up). */
export function actorOf(row: EcosystemActorTable, hidden: Hidden | null): Actor {
  return {
    id: row.id, areaCode: row.area_code, kind: row.kind, name: row.name, description: row.description, organisation: row.organisation,
    activities: row.activities, hoursPerWeek: row.hours_per_week === null ? null : Number(row.hours_per_week),
    areaBound: row.area_bound === null ? null : Number(row.area_bound) === 1, role: row.role,
    consent: row.consent_method && row.consent_given_on && row.consent_recorded_at
      ? { method: row.consent_method, givenOn: row.consent_given_on, recordedBy: row.consent_recorded_by, recordedAt: row.consent_recorded_at }
      : null,
    hidden, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export function relationOf(row: EcosystemRelationTable, hidden: Hidden | null): Relation {
  return {
    id: row.id, areaCode: row.area_code, kind: row.kind, fromId: row.from_actor_id, toId: row.to_actor_id,
    place: row.place_name ? { ref: row.place_ref, name: row.place_name } : null, note: row.note, since: row.since,
    hidden, createdBy: row.created_by, createdAt: row.created_at,
  };
}

const hiddenOf = (state: { hiddenAt: string; reason: string } | undefined): Hidden | null => (state ? { hiddenAt: state.hiddenAt, reason: state.reason } : null);

/** Stored actors with their moderation state; a key person without consent is left out here already. */
export async function actorsOf(db: Db, rows: readonly EcosystemActorTable[]): Promise<Actor[]> {
  const states = await moderationStates(db, ACTOR_ENTITY, rows.map((r) => r.id));
  return rows.map((r) => actorOf(r, hiddenOf(states.get(r.id)))).filter(isRecorded);
}

async function relationsOf(db: Db, rows: readonly EcosystemRelationTable[]): Promise<Relation[]> {
  const states = await moderationStates(db, RELATION_ENTITY, rows.map((r) => r.id));
  return rows.map((r) => relationOf(r, hiddenOf(states.get(r.id))));
}

export function assessmentOf(row: EcosystemAssessmentTable): Assessment {
  return {
    id: row.id, areaCode: row.area_code, element: row.element, score: Number(row.score), evidence: row.evidence,
    actorIds: JSON.parse(row.actor_ids_json) as string[], assessedBy: row.assessed_by, assessedAt: row.assessed_at,
  };
}

/** An actor of this municipality, as stored (a key person without consent too: for the use cases). */
export async function findActorRow(db: Db, municipalityId: string, id: string): Promise<EcosystemActorTable | undefined> {
  return db.selectFrom('ecosystem_actors').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
}

/**
 * An actor of this municipality that may be named, hidden by a moderator or not (its own page says
 * so; the use cases change it), or null: a key person without recorded consent is never returned.
 */
export async function findRecordedActor(db: Db, municipalityId: string, id: string): Promise<Actor | null> {
  const row = await findActorRow(db, municipalityId, id);
  return row ? (await actorsOf(db, [row]))[0] ?? null : null;
}

/** An actor anyone may see, or null (never a key person without recorded consent, nor a hidden actor). */
export async function findActor(db: Db, municipalityId: string, id: string): Promise<Actor | null> {
  const actor = await findRecordedActor(db, municipalityId, id);
  return actor && isShowable(actor) ? actor : null;
}

/** The actors of a municipality anyone may see, by name: all, or those with these ids. */
export async function shownActors(db: Db, municipalityId: string, ids?: readonly string[]): Promise<Actor[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db.selectFrom('ecosystem_actors').selectAll().where('municipality_id', '=', municipalityId)
    .$if(ids !== undefined, (q) => q.where('id', 'in', [...ids!])).orderBy('name').orderBy('id').execute();
  return (await actorsOf(db, rows)).filter(isShowable);
}

export interface AreaEcosystem {
  actors: Actor[];
  relations: Relation[];
}

/**
 * The actors and relations of an area that anyone may see (model.ts `showable`: key people only
 * with consent on record, nothing hidden by a moderator, and only the relations whose actors are
 * all shown). The one read every page, the API and the network use, so nothing can show what this
 * leaves out.
 */
export async function ecosystemOf(db: Db, municipalityId: string, areaCode: string): Promise<AreaEcosystem> {
  const [actorRows, relationRows] = await Promise.all([
    db.selectFrom('ecosystem_actors').selectAll().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).orderBy('name').orderBy('id').execute(),
    db.selectFrom('ecosystem_relations').selectAll().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode).orderBy('created_at').orderBy('id').execute(),
  ]);
  return showable(await actorsOf(db, actorRows), await relationsOf(db, relationRows));
}

/** A relation of this municipality as stored, with its moderation state (for the use cases and the moderators). */
export async function findRelation(db: Db, municipalityId: string, id: string): Promise<Relation | null> {
  const row = await db.selectFrom('ecosystem_relations').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
  return row ? (await relationsOf(db, [row]))[0]! : null;
}

/**
 * The hidden relations of a shown actor whose other end is shown too: what its page lists, with
 * the reason, to those who may change them (whoever added one, and the area's editors).
 */
export async function hiddenRelationsOf(db: Db, municipalityId: string, actorId: string): Promise<Relation[]> {
  const rows = await db.selectFrom('ecosystem_relations').selectAll().where('municipality_id', '=', municipalityId)
    .where((eb) => eb.or([eb('from_actor_id', '=', actorId), eb('to_actor_id', '=', actorId)])).orderBy('created_at').orderBy('id').execute();
  const hidden = (await relationsOf(db, rows)).filter((r) => r.hidden !== null);
  const ends = await shownActors(db, municipalityId, [...new Set(hidden.flatMap((r) => (r.toId === null ? [r.fromId] : [r.fromId, r.toId])))]);
  const shown = new Set(ends.map((a) => a.id));
  return hidden.filter((r) => shown.has(r.fromId) && (r.toId === null || shown.has(r.toId)));
}

/** Who uses a place of the places capability: the shown relations that name it by its reference, with their shown actors. */
export async function usersOfPlace(db: Db, municipalityId: string, placeRef: string): Promise<Array<{ actor: Actor; relation: Relation }>> {
  const relationRows = await db.selectFrom('ecosystem_relations').selectAll().where('municipality_id', '=', municipalityId)
    .where('place_ref', '=', placeRef).where('kind', '=', 'uses_place').orderBy('created_at').orderBy('id').execute();
  if (relationRows.length === 0) return [];
  const actorRows = await db.selectFrom('ecosystem_actors').selectAll().where('municipality_id', '=', municipalityId)
    .where('id', 'in', [...new Set(relationRows.map((r) => r.from_actor_id))]).execute();
  const { actors, relations } = showable(await actorsOf(db, actorRows), await relationsOf(db, relationRows));
  const byId = new Map(actors.map((a) => [a.id, a]));
  return relations.map((relation) => ({ actor: byId.get(relation.fromId)!, relation }))
    .sort((a, b) => a.actor.name.localeCompare(b.actor.name, 'nl') || a.relation.id.localeCompare(b.relation.id));
}

/** Every assessment of an area, newest first. */
export async function assessmentsOf(db: Db, municipalityId: string, areaCode: string): Promise<Assessment[]> {
  const rows = await db.selectFrom('ecosystem_assessments').selectAll().where('municipality_id', '=', municipalityId).where('area_code', '=', areaCode)
    .orderBy('assessed_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(assessmentOf);
}

/** Hours a week of the shown professional services per area of the municipality (areas without any left out). */
export async function professionalHoursByArea(db: Db, municipalityId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('ecosystem_actors').selectAll()
    .where('municipality_id', '=', municipalityId).where('kind', '=', 'professional').where('hours_per_week', 'is not', null).execute();
  const hours = new Map<string, number>();
  for (const a of (await actorsOf(db, rows)).filter(isShowable)) hours.set(a.areaCode, (hours.get(a.areaCode) ?? 0) + a.hoursPerWeek!);
  return hours;
}
