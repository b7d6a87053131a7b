import { z } from 'zod';
import { forgetSubject } from '../../platform/audit.js';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { forgetModeratedItems } from '../../platform/moderation/index.js';
import { registerPersonalData } from '../../platform/privacy.js';
import { allowed, defineUseCase, type Tx } from '../../platform/service.js';
import { choice, flag, longText, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { tenantArea, type TenantArea } from '../areas/index.js';
import { findPlace } from '../places/index.js';
import {
  CONSENT_METHODS, ELEMENTS, MAX_DESCRIPTION, MAX_EVIDENCE, MAX_HOURS, MAX_NAME, MAX_NOTE, ORGANISED_KINDS, RELATION_KINDS, isRealDate,
} from './model.js';
import { ecosystemActions, ecosystemResource } from './policy.js';
import { ACTOR_ENTITY, RELATION_ENTITY, actorsOf, findActor, findActorRow, findRelation, shownActors, type EcosystemActorTable } from './store.js';

/**
 * Use cases of the ecosystem (policy → validation → one transaction → audit). A key person's name
 * and role are sealed in the audit log with a key of their own (the actor id as subject), and that
 * key is deleted when their consent is withdrawn: the log keeps that something happened, never who.
 */
export { ACTOR_ENTITY, RELATION_ENTITY };
export const ASSESSMENT_ENTITY = 'ecosystem_assessment';

export const ecosystemPath = (slug: string, areaCode: string) => `/${slug}/gebieden/${areaCode}/ecosysteem`;
export const actorPath = (slug: string, areaCode: string, id: string) => `${ecosystemPath(slug, areaCode)}/actoren/${id}`;
export const elementsPath = (slug: string, areaCode: string) => `${ecosystemPath(slug, areaCode)}/elementen`;

export async function requireArea(tx: Tx, ctx: Context, rawCode: string): Promise<TenantArea> {
  const area = ctx.tenant ? await tenantArea(tx, ctx.tenant, rawCode, translator(ctx.locale)) : null;
  if (!area) throw new NotFoundError();
  return area;
}

const areaCode = z.string().trim().max(12);
const id = z.string().trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const hours = z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(',', '.')) : v),
  z.coerce.number({ error: 'validation.type' }).min(0, { message: 'validation.tooSmall' }).max(MAX_HOURS, { message: 'validation.tooBig' }).optional());
const yesNo = z.preprocess(emptyToUndefined, z.enum(['yes', 'no'], { error: 'validation.choice' }).optional());
const date = z.preprocess(emptyToUndefined, z.string().trim().max(10, { message: 'validation.tooLong' }).optional());
const today = () => new Date().toISOString().slice(0, 10);

function checkDate(value: string | undefined, field: string, issues: FieldIssue[], required = false): void {
  if (value === undefined) {
    if (required) issues.push({ field, key: 'validation.required' });
    return;
  }
  if (!isRealDate(value)) issues.push({ field, key: 'ecosystem.error.date' });
  else if (value > today()) issues.push({ field, key: 'ecosystem.error.future' });
}

const actorFields = {
  kind: choice(ORGANISED_KINDS as unknown as readonly [string, ...string[]]),
  name: text(MAX_NAME),
  description: optionalLongText(MAX_DESCRIPTION),
  organisation: optionalText(MAX_NAME),
  activities: optionalLongText(MAX_DESCRIPTION),
  hoursPerWeek: hours,
  areaBound: yesNo,
};
type ActorFields = z.output<z.ZodObject<typeof actorFields>>;

/** The stored columns of an organised actor; a professional service must say its organisation, work, hours and whether it is area-bound. */
function actorColumns(input: ActorFields) {
  const issues: FieldIssue[] = [];
  const professional = input.kind === 'professional';
  if (professional) {
    if (input.organisation === undefined) issues.push({ field: 'organisation', key: 'ecosystem.error.professionalNeeds' });
    if (input.activities === undefined) issues.push({ field: 'activities', key: 'ecosystem.error.professionalNeeds' });
    if (input.hoursPerWeek === undefined) issues.push({ field: 'hoursPerWeek', key: 'ecosystem.error.professionalNeeds' });
    if (input.areaBound === undefined) issues.push({ field: 'areaBound', key: 'ecosystem.error.professionalNeeds' });
  }
  if (issues.length) throw new ValidationError(issues);
  // Only a professional service keeps the professional fields: nothing else is collected.
  return {
    kind: input.kind as EcosystemActorTable['kind'], name: input.name, description: input.description ?? null,
    organisation: professional ? input.organisation! : null, activities: professional ? input.activities! : null,
    hours_per_week: professional ? Math.round(input.hoursPerWeek! * 10) / 10 : null, area_bound: professional ? (input.areaBound === 'yes' ? 1 : 0) : null,
  };
}

const publicColumns = (row: Partial<EcosystemActorTable>) => ({
  kind: row.kind, name: row.name, description: row.description, organisation: row.organisation, activities: row.activities,
  hours_per_week: row.hours_per_week, area_bound: row.area_bound,
});

/** Is this an actor of the area that may be shown (a key person only with consent, nothing hidden)? Relations and assessments name only those. */
async function isActorOfArea(tx: Tx, municipalityId: string, areaCode: string, actorId: string): Promise<boolean> {
  const actor = await findActor(tx, municipalityId, actorId);
  return actor !== null && actor.areaCode === areaCode;
}

const personId = (ctx: Context) => (ctx.actor.kind === 'person' ? ctx.actor.personId : null);

export const addActor = defineUseCase({
  action: ecosystemActions.add,
  input: z.object({ areaCode, ...actorFields }),
  async resource(tx, input, ctx) {
    return ecosystemResource(ctx.tenant!.id, (await requireArea(tx, ctx, input.areaCode)).path);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const now = nowIso();
    const row: EcosystemActorTable = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, ...actorColumns(input), role: null,
      consent_method: null, consent_given_on: null, consent_recorded_by: null, consent_recorded_at: null, created_by: personId(ctx), created_at: now, updated_at: now,
    };
    await tx.insertInto('ecosystem_actors').values(row).execute();
    return {
      result: { id: row.id, path: actorPath(tenant.slug, area.code, row.id) },
      audit: [{ action: 'ecosystem.actor.add', entityType: ACTOR_ENTITY, entityId: row.id, municipalityId: tenant.id, after: { area_code: area.code, ...publicColumns(row) } }],
    };
  },
});

export const addKeyPerson = defineUseCase({
  action: ecosystemActions.add,
  input: z.object({
    areaCode, name: text(MAX_NAME), role: text(MAX_NAME), consentMethod: choice(CONSENT_METHODS), consentGivenOn: date, consentConfirmed: flag(),
  }),
  async resource(tx, input, ctx) {
    return ecosystemResource(ctx.tenant!.id, (await requireArea(tx, ctx, input.areaCode)).path);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const issues: FieldIssue[] = [];
    checkDate(input.consentGivenOn, 'consentGivenOn', issues, true);
    if (!input.consentConfirmed) issues.push({ field: 'consentConfirmed', key: 'ecosystem.error.consentNeeded' });
    if (issues.length) throw new ValidationError(issues);
    const now = nowIso();
    const recorder = personId(ctx);
    const row: EcosystemActorTable = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, kind: 'key_person', name: input.name, description: null, organisation: null,
      activities: null, hours_per_week: null, area_bound: null, role: input.role, consent_method: input.consentMethod, consent_given_on: input.consentGivenOn!,
      consent_recorded_by: recorder, consent_recorded_at: now, created_by: recorder, created_at: now, updated_at: now,
    };
    await tx.insertInto('ecosystem_actors').values(row).execute();
    return {
      result: { id: row.id, path: actorPath(tenant.slug, area.code, row.id) },
      audit: [{
        action: 'ecosystem.keyPerson.add', entityType: ACTOR_ENTITY, entityId: row.id, municipalityId: tenant.id,
        after: { area_code: area.code, name: row.name, role: row.role, consent_method: row.consent_method, consent_given_on: row.consent_given_on },
        personal: { subjectId: row.id, fields: ['name', 'role'] },
      }],
    };
  },
});

/**
 * A stored actor of this municipality for a change: its resource for the policy, with who recorded a
 * key person's consent as owner. A hidden actor may be changed too (its text set right) and a key
 * person whom a moderator hid may still withdraw their consent.
 */
async function actorResource(tx: Tx, ctx: Context, actorId: string) {
  const row = ctx.tenant ? await findActorRow(tx, ctx.tenant.id, actorId) : undefined;
  if (!row || (await actorsOf(tx, [row])).length === 0) throw new NotFoundError();
  const area = await requireArea(tx, ctx, row.area_code);
  return { row, area, resource: ecosystemResource(row.municipality_id, area.path, { ownerId: row.consent_recorded_by }) };
}

export const editActor = defineUseCase({
  action: ecosystemActions.edit,
  input: z.object({
    id, name: text(MAX_NAME), role: optionalText(MAX_NAME),
    kind: z.preprocess(emptyToUndefined, actorFields.kind.optional()),
    description: actorFields.description, organisation: actorFields.organisation, activities: actorFields.activities, hoursPerWeek: hours, areaBound: yesNo,
  }),
  async resource(tx, input, ctx) {
    return (await actorResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { row, area } = await actorResource(tx, ctx, input.id);
    const keyPerson = row.kind === 'key_person';
    let change: Partial<EcosystemActorTable>;
    if (keyPerson) {
      if (input.role === undefined) throw ValidationError.field('role', 'validation.required');
      change = { name: input.name, role: input.role };
    } else {
      if (input.kind === undefined) throw ValidationError.field('kind', 'validation.required');
      change = actorColumns({ ...input, kind: input.kind });
    }
    await tx.updateTable('ecosystem_actors').set({ ...change, updated_at: nowIso() }).where('id', '=', row.id).execute();
    return {
      result: { id: row.id, path: actorPath(ctx.tenant!.slug, area.code, row.id) },
      audit: [keyPerson
        ? { action: 'ecosystem.keyPerson.edit', entityType: ACTOR_ENTITY, entityId: row.id, municipalityId: row.municipality_id,
          before: { name: row.name, role: row.role }, after: change, personal: { subjectId: row.id, fields: ['name', 'role'] } }
        : { action: 'ecosystem.actor.edit', entityType: ACTOR_ENTITY, entityId: row.id, municipalityId: row.municipality_id,
          before: publicColumns(row), after: publicColumns(change) }],
    };
  },
});

/** Deletes an actor with every relation it has (the relations' foreign keys cascade too; this says so in the audit). */
/** Delete an actor with its relations, and what moderation kept of them; returns how many relations went. */
async function deleteActor(tx: Tx, actorId: string): Promise<number> {
  const relations = await tx.deleteFrom('ecosystem_relations').where((eb) => eb.or([eb('from_actor_id', '=', actorId), eb('to_actor_id', '=', actorId)]))
    .returning('id').execute();
  await tx.deleteFrom('ecosystem_actors').where('id', '=', actorId).execute();
  await forgetModeratedItems(tx, ACTOR_ENTITY, [actorId]);
  await forgetModeratedItems(tx, RELATION_ENTITY, relations.map((r) => r.id));
  return relations.length;
}

export const removeActor = defineUseCase({
  action: ecosystemActions.edit,
  input: z.object({ id }),
  async resource(tx, input, ctx) {
    return (await actorResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { row, area } = await actorResource(tx, ctx, input.id);
    const relations = await deleteActor(tx, row.id);
    const keyPerson = row.kind === 'key_person';
    if (keyPerson) await forgetSubject(tx, row.id);
    return {
      result: { path: ecosystemPath(ctx.tenant!.slug, area.code) },
      // A key person's name is not repeated here: their key is gone, so earlier entries no longer read either.
      audit: [{ action: 'ecosystem.actor.remove', entityType: ACTOR_ENTITY, entityId: row.id, municipalityId: row.municipality_id,
        before: keyPerson ? { kind: row.kind, area_code: row.area_code } : { area_code: row.area_code, ...publicColumns(row) }, after: { relations_removed: relations } }],
    };
  },
});

/**
 * A key person withdraws consent: they are deleted with all their relations, and their key in the
 * audit log with them, so their name and role are gone from pages, API, exports and the log alike.
 */
export const withdrawConsent = defineUseCase({
  action: ecosystemActions.withdrawConsent,
  input: z.object({ id }),
  async resource(tx, input, ctx) {
    const found = await actorResource(tx, ctx, input.id);
    if (found.row.kind !== 'key_person') throw new NotFoundError();
    return found.resource;
  },
  async run(tx, input, ctx) {
    const { row, area } = await actorResource(tx, ctx, input.id);
    const relations = await deleteActor(tx, row.id);
    await forgetSubject(tx, row.id);
    return {
      result: { path: ecosystemPath(ctx.tenant!.slug, area.code) },
      audit: [{ action: 'ecosystem.keyPerson.withdraw', entityType: ACTOR_ENTITY, entityId: row.id, municipalityId: row.municipality_id,
        before: { area_code: row.area_code }, after: { relations_removed: relations } }],
    };
  },
});

/** What a relation says beside its ends: the place (for `uses_place`), a note and since when. */
const relationFields = { placeRef: optionalText(64), placeName: optionalText(MAX_NAME), note: optionalLongText(MAX_NOTE), since: date };

/**
 * The place of a `uses_place` relation: one of the places capability's, named by its id (no foreign
 * key: its name is kept beside it), or any other place by its name. Null with an issue when neither fits.
 */
async function placeOfInput(tx: Tx, municipalityId: string, input: { placeRef?: string; placeName?: string }, issues: FieldIssue[]): Promise<{ ref: string | null; name: string } | null> {
  if (input.placeRef !== undefined) {
    const known = await findPlace(tx, municipalityId, input.placeRef);
    if (known) return { ref: known.id, name: known.name };
    issues.push({ field: 'placeRef', key: 'ecosystem.error.unknownPlace' });
    return null;
  }
  if (input.placeName !== undefined) return { ref: null, name: input.placeName };
  issues.push({ field: 'placeName', key: 'ecosystem.error.placeNeeded' });
  return null;
}

export const addRelation = defineUseCase({
  action: ecosystemActions.add,
  input: z.object({
    areaCode, kind: choice(RELATION_KINDS), fromId: id,
    toId: z.preprocess(emptyToUndefined, id.optional()),
    ...relationFields,
  }),
  async resource(tx, input, ctx) {
    return ecosystemResource(ctx.tenant!.id, (await requireArea(tx, ctx, input.areaCode)).path);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const issues: FieldIssue[] = [];
    const inArea = async (actorId: string | undefined, field: string) => {
      if (actorId !== undefined && !(await isActorOfArea(tx, tenant.id, area.code, actorId))) issues.push({ field, key: 'ecosystem.error.unknownActor' });
    };
    await inArea(input.fromId, 'fromId');
    const usesPlace = input.kind === 'uses_place';
    const place = usesPlace ? await placeOfInput(tx, tenant.id, input, issues) : null;
    if (usesPlace) {
      // A place instead of another actor: checked above.
    } else if (input.toId === undefined) {
      issues.push({ field: 'toId', key: 'ecosystem.error.otherNeeded' });
    } else if (input.toId === input.fromId) {
      issues.push({ field: 'toId', key: 'ecosystem.error.self' });
    } else {
      await inArea(input.toId, 'toId');
    }
    checkDate(input.since, 'since', issues);
    if (issues.length) throw new ValidationError(issues);
    const row = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, kind: input.kind, from_actor_id: input.fromId, to_actor_id: usesPlace ? null : input.toId!,
      place_ref: place?.ref ?? null, place_name: place?.name ?? null, note: input.note ?? null, since: input.since ?? null,
      created_by: personId(ctx), created_at: nowIso(),
    };
    await tx.insertInto('ecosystem_relations').values(row).execute();
    const { created_by: _who, ...after } = row;
    return {
      result: { id: row.id, path: `${ecosystemPath(tenant.slug, area.code)}#relaties` },
      audit: [{ action: 'ecosystem.relation.add', entityType: RELATION_ENTITY, entityId: row.id, municipalityId: tenant.id, after }],
    };
  },
});

/** A stored relation of this municipality for a change: its resource for the policy, with who added it as owner. */
async function relationResource(tx: Tx, ctx: Context, relationId: string) {
  const relation = ctx.tenant ? await findRelation(tx, ctx.tenant.id, relationId) : null;
  if (!relation) throw new NotFoundError();
  const area = await requireArea(tx, ctx, relation.areaCode);
  return { relation, area, resource: ecosystemResource(ctx.tenant!.id, area.path, { ownerId: relation.createdBy }) };
}

/**
 * Changes what a relation says: its kind (among the kinds that tie two actors; a relation with a
 * place stays one), its place (for `uses_place`), note and since-when. Its ends stay: another pair
 * is another relation. Whoever added it may change it, as the area's editors may; once a moderator
 * hid it, only the editors (whoever added it may still remove it). The last change wins.
 */
export const editRelation = defineUseCase({
  action: ecosystemActions.editRelation,
  input: z.object({ id, kind: z.preprocess(emptyToUndefined, choice(RELATION_KINDS).optional()), ...relationFields }),
  async resource(tx, input, ctx) {
    const { relation, resource } = await relationResource(tx, ctx, input.id);
    // Only what anyone may see of its ends: a relation of a hidden actor waits for the actor.
    const ends = relation.toId === null ? [relation.fromId] : [relation.fromId, relation.toId];
    if ((await shownActors(tx, ctx.tenant!.id, ends)).length !== ends.length) throw new NotFoundError();
    return resource;
  },
  async run(tx, input, ctx, resource) {
    const { relation } = await relationResource(tx, ctx, input.id);
    if (relation.hidden && !allowed(ctx, ecosystemActions.edit, { ...resource, ownerId: null })) throw new ConflictError('ecosystem.error.hidden');
    const issues: FieldIssue[] = [];
    const kind = input.kind ?? relation.kind;
    const withPlace = relation.kind === 'uses_place';
    if ((kind === 'uses_place') !== withPlace) issues.push({ field: 'kind', key: withPlace ? 'ecosystem.error.staysPlace' : 'ecosystem.error.staysTie' });
    const place = withPlace ? await placeOfInput(tx, ctx.tenant!.id, input, issues) : null;
    checkDate(input.since, 'since', issues);
    if (issues.length) throw new ValidationError(issues);
    const change = { kind, place_ref: place?.ref ?? null, place_name: place?.name ?? null, note: input.note ?? null, since: input.since ?? null };
    await tx.updateTable('ecosystem_relations').set(change).where('id', '=', relation.id).execute();
    const before = { kind: relation.kind, place_ref: relation.place?.ref ?? null, place_name: relation.place?.name ?? null, note: relation.note, since: relation.since };
    return {
      result: { id: relation.id, path: `${ecosystemPath(ctx.tenant!.slug, relation.areaCode)}#relaties` },
      audit: [{ action: 'ecosystem.relation.edit', entityType: RELATION_ENTITY, entityId: relation.id, municipalityId: ctx.tenant!.id, before, after: change }],
    };
  },
});

export const removeRelation = defineUseCase({
  action: ecosystemActions.removeRelation,
  input: z.object({ id }),
  async resource(tx, input, ctx) {
    return (await relationResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { relation } = await relationResource(tx, ctx, input.id);
    await tx.deleteFrom('ecosystem_relations').where('id', '=', relation.id).execute();
    await forgetModeratedItems(tx, RELATION_ENTITY, [relation.id]);
    // What it said, not who added it nor its moderation (the moderation keeps that).
    const { createdBy: _who, hidden: _hidden, ...before } = relation;
    return {
      result: { path: `${ecosystemPath(ctx.tenant!.slug, relation.areaCode)}#relaties` },
      audit: [{ action: 'ecosystem.relation.remove', entityType: RELATION_ENTITY, entityId: relation.id, municipalityId: ctx.tenant!.id, before }],
    };
  },
});

export const assessElement = defineUseCase({
  action: ecosystemActions.assess,
  input: z.object({
    areaCode, element: choice(ELEMENTS),
    score: z.coerce.number({ error: 'validation.required' }).int({ message: 'validation.choice' }).min(1, { message: 'validation.choice' }).max(5, { message: 'validation.choice' }),
    evidence: longText(MAX_EVIDENCE),
    actorIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().max(64, { message: 'validation.tooLong' })).max(200, { message: 'validation.tooBig' })),
  }),
  async resource(tx, input, ctx) {
    return ecosystemResource(ctx.tenant!.id, (await requireArea(tx, ctx, input.areaCode)).path);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const actorIds = [...new Set(input.actorIds.filter((a) => a !== ''))];
    for (const actorId of actorIds) {
      if (!(await isActorOfArea(tx, tenant.id, area.code, actorId))) throw ValidationError.field('actorIds', 'ecosystem.error.unknownActor');
    }
    const row = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, element: input.element, score: input.score, evidence: input.evidence,
      actor_ids_json: JSON.stringify(actorIds), assessed_by: personId(ctx), assessed_at: nowIso(),
    };
    await tx.insertInto('ecosystem_assessments').values(row).execute();
    const { assessed_by: _who, ...after } = row;
    return {
      result: { id: row.id, path: `${elementsPath(tenant.slug, area.code)}#element-${row.element}` },
      audit: [{ action: 'ecosystem.element.assess', entityType: ASSESSMENT_ENTITY, entityId: row.id, municipalityId: tenant.id, after }],
    };
  },
});

/**
 * People's rights: a person sees what they added to ecosystems; erasing them keeps the actors,
 * relations and assessments (the neighbourhood's record) without who added them or recorded consent.
 */
registerPersonalData({
  name: 'ecosystem',
  labelKey: 'ecosystem.privacy.data',
  async export(db, subject) {
    return {
      actorsYouAdded: await db.selectFrom('ecosystem_actors').select(['area_code', 'kind', 'name', 'created_at']).where('created_by', '=', subject.personId).orderBy('created_at').execute(),
      consentYouRecorded: await db.selectFrom('ecosystem_actors').select(['area_code', 'name', 'consent_method', 'consent_given_on', 'consent_recorded_at'])
        .where('consent_recorded_by', '=', subject.personId).orderBy('consent_recorded_at').execute(),
      relationsYouAdded: await db.selectFrom('ecosystem_relations').select(['area_code', 'kind', 'note', 'created_at']).where('created_by', '=', subject.personId).orderBy('created_at').execute(),
      assessmentsYouMade: await db.selectFrom('ecosystem_assessments').select(['area_code', 'element', 'score', 'evidence', 'assessed_at']).where('assessed_by', '=', subject.personId).orderBy('assessed_at').execute(),
    };
  },
  async erase(tx, subject) {
    await tx.updateTable('ecosystem_actors').set({ created_by: null }).where('created_by', '=', subject.personId).execute();
    await tx.updateTable('ecosystem_actors').set({ consent_recorded_by: null }).where('consent_recorded_by', '=', subject.personId).execute();
    await tx.updateTable('ecosystem_relations').set({ created_by: null }).where('created_by', '=', subject.personId).execute();
    await tx.updateTable('ecosystem_assessments').set({ assessed_by: null }).where('assessed_by', '=', subject.personId).execute();
  },
});
