import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { registerModeratedKind } from '../../platform/moderation/index.js';
import { registerPersonalData } from '../../platform/privacy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { choice, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { areaPathOf, areasOfMunicipality } from '../areas/index.js';
import {
  MAX_CAPACITY, MAX_COST_CENTS, MAX_SCORE, MIN_SCORE, OWNER_TYPES, PLACE_STATUSES, PLACE_TYPES, QUALITIES, THREAT_KINDS, WEEKDAYS,
  emptyOpeningHours, neighbourhoodAt, parseCoordinate, parseDayHours, parseEuros, type Accessibility, type Neighbourhood, type OpeningHours, type Scores,
} from './model.js';
import { placeActions, placesResource } from './policy.js';
import { bumpPlacesVersion, factColumn, findPlace, scoreColumns, type Place, type PlaceTable } from './store.js';

/**
 * Use cases of public places (policy → validation → one transaction → audit): add and edit a
 * place, record a change of its status, assess it. Its neighbourhood is found from its location
 * in the municipality's current boundaries, every time its location is saved.
 */
export const PLACE_ENTITY = 'place';
export const MAX_NOTE = 1000;
export const MAX_COMMENT = 1000;
export const MAX_DESCRIPTION = 2000;

export const placesPath = (slug: string) => `/${slug}/plekken`;
export const placePath = (slug: string, id: string) => `${placesPath(slug)}/${id}`;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const FACTS = ['yes', 'no', 'unknown'] as const;
const fact = z.preprocess(blankToUndefined, z.enum(FACTS, { error: 'validation.choice' }).default('unknown'));
const coordinate = (min: number, max: number) => z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : parseCoordinate(v) ?? v) : v),
  z.number({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'validation.type') }).min(min, { message: 'validation.tooSmall' }).max(max, { message: 'validation.tooBig' }),
);
const hoursText = z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.type' }).max(100, { message: 'validation.tooLong' }));
const isoDate = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(10, { message: 'validation.tooLong' });
const isRealDate = (v: string) => /^\d{4}-\d\d-\d\d$/.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) && new Date(`${v}T12:00:00Z`).toISOString().startsWith(v);
const today = () => new Date().toISOString().slice(0, 10);

/** The fields of a place that adding and editing share; hours as one text per weekday (`hours_mon` …). */
const placeFields = {
  name: text(120),
  type: choice(PLACE_TYPES),
  ownerType: choice(OWNER_TYPES),
  runBy: optionalText(200),
  description: optionalLongText(MAX_DESCRIPTION),
  lat: coordinate(-90, 90),
  lon: coordinate(-180, 180),
  ...Object.fromEntries(WEEKDAYS.map((d) => [`hours_${d}`, hoursText])) as Record<`hours_${(typeof WEEKDAYS)[number]}`, typeof hoursText>,
  /** Euros as typed ("12,50"); 0 is free; empty is unknown. */
  cost: z.preprocess((v) => (typeof v === 'number' ? String(v) : v ?? ''), z.string({ error: 'validation.type' }).max(20, { message: 'validation.tooLong' })),
  capacity: z.preprocess(blankToUndefined, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(1, { message: 'validation.tooSmall' }).max(MAX_CAPACITY, { message: 'validation.tooBig' }).optional()),
  stepFree: fact,
  accessibleToilet: fact,
  hearingLoop: fact,
};

const statusFields = {
  status: choice(PLACE_STATUSES),
  threatKind: z.preprocess(blankToUndefined, z.enum(THREAT_KINDS, { error: 'validation.choice' }).optional()),
};

type PlaceInput = z.output<z.ZodObject<typeof placeFields>>;

/** The municipality's neighbourhoods in its current division year, with their boundaries. */
export async function currentNeighbourhoods(db: Db, tenant: Tenant): Promise<Neighbourhood[]> {
  const areas = await areasOfMunicipality(db, tenant.cbsCode, tenant.divisionYear, { geometry: true });
  return areas.filter((a) => a.kind === 'neighbourhood').map((a) => ({ code: a.code, bbox: a.bbox, geometry: a.geometry }));
}

/** Checks what zod cannot (hours, cost, the location in the municipality) and gives the row's values. */
async function placeValues(tx: Tx, tenant: Tenant, input: PlaceInput) {
  const issues: FieldIssue[] = [];
  const hours: OpeningHours = emptyOpeningHours();
  for (const day of WEEKDAYS) {
    const parsed = parseDayHours(input[`hours_${day}`]);
    if ('problem' in parsed) issues.push({ field: `hours_${day}`, key: `places.error.hours.${parsed.problem}` });
    else hours[day] = parsed.intervals;
  }
  let costCents: number | null = null;
  if (input.cost.trim() !== '') {
    costCents = parseEuros(input.cost);
    if (costCents === null || costCents > MAX_COST_CENTS) issues.push({ field: 'cost', key: 'places.error.cost' });
  }
  const neighbourhoods = await currentNeighbourhoods(tx, tenant);
  const areaCode = neighbourhoodAt(input.lon, input.lat, neighbourhoods);
  // Without boundaries of the current division year a place has no neighbourhood yet; with them, it must lie inside.
  if (neighbourhoods.length > 0 && areaCode === null) issues.push({ field: 'lat', key: 'places.error.outside' });
  if (issues.length) throw new ValidationError(issues);
  const toFact = (v: (typeof FACTS)[number]) => (v === 'unknown' ? null : v === 'yes');
  const accessibility: Accessibility = { stepFree: toFact(input.stepFree), accessibleToilet: toFact(input.accessibleToilet), hearingLoop: toFact(input.hearingLoop) };
  return {
    name: input.name, type: input.type, owner_type: input.ownerType, run_by: input.runBy ?? null, description: input.description ?? null,
    lon: input.lon, lat: input.lat, area_code: areaCode, division_year: tenant.divisionYear, hours_json: JSON.stringify(hours),
    cost_cents: costCents, capacity: input.capacity ?? null,
    step_free: factColumn(accessibility.stepFree), accessible_toilet: factColumn(accessibility.accessibleToilet), hearing_loop: factColumn(accessibility.hearingLoop),
  };
}

function checkThreat(status: string, threatKind: string | undefined): FieldIssue[] {
  return status === 'threatened' && !threatKind ? [{ field: 'threatKind', key: 'places.error.threatKind' }] : [];
}

function checkDate(field: string, value: string | undefined): FieldIssue[] {
  if (value === undefined) return [];
  if (!isRealDate(value)) return [{ field, key: 'places.error.date' }];
  return value > today() ? [{ field, key: 'places.error.future' }] : [];
}

const personOf = (ctx: Context) => (ctx.actor.kind === 'person' ? ctx.actor.personId : null);

export const addPlace = defineUseCase({
  action: placeActions.add,
  input: z.object({
    ...placeFields, ...statusFields, status: choice(PLACE_STATUSES).default('active'),
    /** The day the status began, when known (default: today). */
    statusSince: z.preprocess(blankToUndefined, isoDate.optional()),
  }),
  async resource(_tx, _input, ctx) {
    if (!ctx.tenant) throw new NotFoundError();
    return placesResource(ctx.tenant.id);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const threatIssues = [...checkThreat(input.status, input.threatKind), ...checkDate('statusSince', input.statusSince)];
    const values = await placeValues(tx, tenant, input).catch((error: unknown) => {
      if (error instanceof ValidationError && threatIssues.length) throw new ValidationError([...error.issues, ...threatIssues]);
      throw error;
    });
    if (threatIssues.length) throw new ValidationError(threatIssues);
    const now = nowIso();
    const by = personOf(ctx);
    const threatKind = input.status === 'threatened' ? input.threatKind! : null;
    const row: PlaceTable = {
      id: newId(), municipality_id: tenant.id, ...values, status: input.status, threat_kind: threatKind, status_since: input.statusSince ?? today(),
      created_by: by, created_at: now, updated_at: now,
    };
    await tx.insertInto('places').values(row).execute();
    await bumpPlacesVersion(tx, tenant.id);
    await tx.insertInto('place_status_changes').values({
      id: newId(), place_id: row.id, municipality_id: tenant.id, status: row.status, threat_kind: threatKind, changed_on: row.status_since, note: null, changed_by: by, created_at: now,
    }).execute();
    const { created_by: _by, ...after } = row;
    return { result: { id: row.id, path: placePath(tenant.slug, row.id) }, audit: [{ action: 'place.add', entityType: PLACE_ENTITY, entityId: row.id, municipalityId: tenant.id, after }] };
  },
});

/** A place of this municipality and the resource its keepers are judged on (404 for another municipality's). */
async function placeResource(tx: Tx, ctx: Context, id: string): Promise<{ place: Place; resource: ReturnType<typeof placesResource> }> {
  const place = ctx.tenant ? await findPlace(tx, ctx.tenant.id, id) : null;
  if (!place) throw new NotFoundError();
  return { place, resource: placesResource(place.municipalityId, { ownerId: place.createdBy, areaPath: areaPathOf(place.areaCode) }) };
}

const idField = z.string().trim().min(1).max(64);

export const editPlace = defineUseCase({
  action: placeActions.edit,
  input: z.object({ id: idField, ...placeFields }),
  async resource(tx, input, ctx) {
    return (await placeResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { place } = await placeResource(tx, ctx, input.id);
    const before = await tx.selectFrom('places').selectAll().where('id', '=', place.id).executeTakeFirstOrThrow();
    const values = await placeValues(tx, ctx.tenant!, input);
    await tx.updateTable('places').set({ ...values, updated_at: nowIso() }).where('id', '=', place.id).execute();
    await bumpPlacesVersion(tx, place.municipalityId);
    const was = Object.fromEntries(Object.keys(values).map((k) => [k, (before as unknown as Record<string, unknown>)[k]]));
    return {
      result: { id: place.id, path: placePath(ctx.tenant!.slug, place.id) },
      audit: [{ action: 'place.edit', entityType: PLACE_ENTITY, entityId: place.id, municipalityId: place.municipalityId, before: was, after: values }],
    };
  },
});

export const changePlaceStatus = defineUseCase({
  action: placeActions.changeStatus,
  input: z.object({ id: idField, ...statusFields, changedOn: isoDate, note: text(MAX_NOTE) }),
  async resource(tx, input, ctx) {
    return (await placeResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { place } = await placeResource(tx, ctx, input.id);
    const issues = [...checkThreat(input.status, input.threatKind), ...checkDate('changedOn', input.changedOn)];
    // History is told in order: a change begins on or after the day the current status began.
    if (issues.every((i) => i.field !== 'changedOn') && input.changedOn < place.statusSince) {
      issues.push({ field: 'changedOn', key: 'places.error.beforeCurrent', params: { date: place.statusSince } });
    }
    if (issues.length) throw new ValidationError(issues);
    const threatKind = input.status === 'threatened' ? input.threatKind! : null;
    const now = nowIso();
    const change = {
      id: newId(), place_id: place.id, municipality_id: place.municipalityId, status: input.status, threat_kind: threatKind, changed_on: input.changedOn,
      note: input.note, changed_by: personOf(ctx), created_at: now,
    };
    await tx.insertInto('place_status_changes').values(change).execute();
    await tx.updateTable('places').set({ status: change.status, threat_kind: change.threat_kind, status_since: change.changed_on, updated_at: now }).where('id', '=', place.id).execute();
    await bumpPlacesVersion(tx, place.municipalityId);
    return {
      result: { id: place.id, path: placePath(ctx.tenant!.slug, place.id) },
      audit: [{
        action: 'place.status', entityType: PLACE_ENTITY, entityId: place.id, municipalityId: place.municipalityId,
        before: { status: place.status, threat_kind: place.threatKind, status_since: place.statusSince },
        after: { status: change.status, threat_kind: change.threat_kind, changed_on: change.changed_on, note: change.note },
      }],
    };
  },
});

const score = z.preprocess(blankToUndefined, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' })
  .min(MIN_SCORE, { message: 'validation.tooSmall' }).max(MAX_SCORE, { message: 'validation.tooBig' }).optional());

/**
 * A resident's assessment of a place on the eight qualities (each 1–5, or not known) and a short
 * comment. One per person and place: assessing again replaces one's earlier assessment, so every
 * spread counts each person once.
 */
export const assessPlace = defineUseCase({
  action: placeActions.assess,
  input: z.object({ id: idField, ...Object.fromEntries(QUALITIES.map((q) => [`score_${q}`, score])) as Record<`score_${(typeof QUALITIES)[number]}`, typeof score>, comment: optionalLongText(MAX_COMMENT) }),
  async resource(tx, input, ctx) {
    const { place } = await placeResource(tx, ctx, input.id);
    return placesResource(place.municipalityId, { areaPath: areaPathOf(place.areaCode) });
  },
  async run(tx, input, ctx) {
    const { place } = await placeResource(tx, ctx, input.id);
    const scores = Object.fromEntries(QUALITIES.map((q) => [q, input[`score_${q}`] ?? null])) as Scores;
    if (QUALITIES.every((q) => scores[q] === null)) throw ValidationError.field(`score_${QUALITIES[0]}`, 'places.error.noScores');
    const authorId = personOf(ctx)!;
    const previous = await tx.selectFrom('place_assessments').select('id').where('place_id', '=', place.id).where('author_id', '=', authorId).orderBy('created_at').execute();
    // A new assessment takes the place (and the id) of the earlier one, so a comment the moderators hid stays hidden.
    const row = { id: previous[0]?.id ?? newId(), place_id: place.id, municipality_id: place.municipalityId, author_id: authorId, ...scoreColumns(scores), comment: input.comment ?? null, created_at: nowIso() };
    if (previous.length) {
      await tx.updateTable('place_assessments').set({ ...scoreColumns(scores), comment: row.comment, created_at: row.created_at }).where('id', '=', row.id).execute();
    } else {
      await tx.insertInto('place_assessments').values(row).execute();
    }
    const { author_id: _a, ...after } = row;
    return {
      result: { id: row.id, path: `${placePath(ctx.tenant!.slug, place.id)}#beoordelingen`, replaced: previous.length > 0 },
      audit: [{
        action: 'place.assess', entityType: PLACE_ENTITY, entityId: place.id, municipalityId: place.municipalityId, before: previous.length ? { replaced: row.id } : null,
        after, personal: { subjectId: authorId, fields: ['comment'] },
      }],
    };
  },
});

// ---- moderation and people's rights --------------------------------------------------------------

/** Residents' comments with their assessments are public text: reported and hidden like comments. */
export const ASSESSMENT_KIND = 'placeAssessment';
export const assessmentAnchor = (id: string) => `beoordeling-${id}`;

registerModeratedKind({
  kind: ASSESSMENT_KIND,
  labelKey: 'places.moderation.label',
  hiddenKey: 'places.moderation.hidden',
  async load(db, tenant, id, t) {
    const row = await db.selectFrom('place_assessments as a').innerJoin('places as p', 'p.id', 'a.place_id')
      .select(['a.id', 'a.municipality_id', 'a.author_id', 'a.comment', 'p.id as place_id', 'p.name'])
      .where('a.id', '=', id).where('a.municipality_id', '=', tenant.id).executeTakeFirst();
    if (!row) return null;
    return {
      municipalityId: row.municipality_id, authorId: row.author_id, text: row.comment ?? '', removed: row.comment === null,
      title: t('places.moderation.title', { name: row.name }), path: `${placePath(tenant.slug, row.place_id)}#${assessmentAnchor(row.id)}`,
    };
  },
});


/**
 * A person's assessments are theirs: exported, and erased with them (their scores go too, so a
 * spread never counts someone who is gone). Places they added and status changes they recorded
 * stay, the neighbourhood's record, without who did it.
 */
registerPersonalData({
  name: 'places',
  labelKey: 'places.privacy.data',
  async export(db, subject) {
    return {
      placeAssessments: await db.selectFrom('place_assessments').selectAll().where('author_id', '=', subject.personId).orderBy('created_at').execute(),
      placesYouAdded: await db.selectFrom('places').select(['id', 'name', 'created_at']).where('created_by', '=', subject.personId).orderBy('created_at').execute(),
      placeStatusChangesYouRecorded: await db.selectFrom('place_status_changes').select(['place_id', 'status', 'changed_on', 'note', 'created_at'])
        .where('changed_by', '=', subject.personId).orderBy('created_at').execute(),
    };
  },
  async erase(tx, subject) {
    await tx.deleteFrom('place_assessments').where('author_id', '=', subject.personId).execute();
    await tx.updateTable('places').set({ created_by: null }).where('created_by', '=', subject.personId).execute();
    await tx.updateTable('place_status_changes').set({ changed_by: null }).where('changed_by', '=', subject.personId).execute();
  },
});
