import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { moderationState, registerModeratedKind } from '../../platform/moderation/index.js';
import { registerPersonalData } from '../../platform/privacy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import { choice, longText, optionalText, text } from '../../platform/validation.js';
import { normalizeBody } from '../../platform/versions/model.js';
import { areaPathOf, tenantArea, type TenantArea } from '../areas/index.js';
import { findOrganisation } from '../parties/index.js';
import { catalogueFor, type Indicator } from '../statistics/index.js';
import {
  EDIT_MINUTES, INTERPRETATION_KINDS, MAX_INTERPRETATION, MAX_OUTCOME, MAX_PARTICIPANTS, PARTICIPANT_GROUPS, WRITING_ROLES, editable,
  totalParticipants,
} from './model.js';
import { areaResource, boardOrganisations, interpretationActions, roundStaff, writingRolesOf } from './policy.js';
import { findInterpretation, findRound } from './store.js';

/**
 * Use cases of interpretations and conversation rounds (policy → validation → one transaction →
 * audit), their registration as a moderated kind and as personal data.
 */
export const INTERPRETATION_KIND = 'interpretation';
export const ROUND_ENTITY = 'conversation_round';

async function requireArea(db: Db, ctx: Context, rawCode: string): Promise<TenantArea> {
  const area = ctx.tenant ? await tenantArea(db, ctx.tenant, rawCode, translator(ctx.locale)) : null;
  if (!area) throw new NotFoundError();
  return area;
}

/** The paths of interpretations and rounds (public pages). */
export const interpretationsPath = (slug: string, areaCode: string, year?: number) => `/${slug}/gebieden/${areaCode}/duiding${year === undefined ? '' : `?jaar=${year}`}`;
export const interpretationAnchor = (id: string) => `duiding-${id}`;
export const roundsPath = (slug: string, areaCode: string) => `/${slug}/gebieden/${areaCode}/gespreksrondes`;
export const roundPath = (slug: string, areaCode: string, id: string) => `${roundsPath(slug, areaCode)}/${id}`;

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const year = z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(1990, { message: 'validation.tooSmall' }).max(2100, { message: 'validation.tooBig' });
const indicatorRef = z.preprocess(emptyToNull, z.string().trim().max(40, { message: 'validation.tooLong' }).nullable().default(null));
const idRef = z.preprocess(emptyToNull, z.string().trim().max(64, { message: 'validation.tooLong' }).nullable().default(null));

function checkIndicator(catalogue: readonly Indicator[], id: string | null, field: string, issues: FieldIssue[]): void {
  if (id !== null && !catalogue.some((i) => i.id === id)) issues.push({ field, key: 'interpretations.error.unknownIndicator', params: { id } });
}

async function checkRound(tx: Tx, municipalityId: string, areaCode: string, roundId: string | null, issues: FieldIssue[]): Promise<void> {
  if (roundId === null) return;
  const round = await findRound(tx, municipalityId, roundId);
  if (!round || round.areaCode !== areaCode) issues.push({ field: 'roundId', key: 'interpretations.error.unknownRound' });
}

const writing = {
  kind: choice(INTERPRETATION_KINDS),
  role: choice(WRITING_ROLES),
  body: longText(MAX_INTERPRETATION).transform(normalizeBody),
  roundId: idRef,
};

export const postInterpretation = defineUseCase({
  action: interpretationActions.post,
  input: z.object({ areaCode: z.string().trim().max(12), year, indicator: indicatorRef, ...writing }),
  async resource(tx, input, ctx) {
    const area = await requireArea(tx, ctx, input.areaCode);
    return areaResource(ctx.tenant!.id, area.path);
  },
  async run(tx, input, ctx, resource) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const issues: FieldIssue[] = [];
    checkIndicator(await catalogueFor(tx, tenant.id), input.indicator, 'indicator', issues);
    if (!writingRolesOf(ctx.actor, resource).includes(input.role)) issues.push({ field: 'role', key: 'interpretations.error.notYourRole' });
    await checkRound(tx, tenant.id, area.code, input.roundId, issues);
    if (issues.length) throw new ValidationError(issues);
    const authorId = (ctx.actor as { personId: string }).personId;
    const row = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, year: input.year, indicator: input.indicator, kind: input.kind, body: input.body,
      author_id: authorId, author_role: input.role, round_id: input.roundId, status: 'published' as const, created_at: nowIso(), edited_at: null, deleted_at: null,
    };
    await tx.insertInto('interpretations').values(row).execute();
    return {
      result: { id: row.id, path: `${interpretationsPath(tenant.slug, area.code, row.year)}#${interpretationAnchor(row.id)}` },
      audit: [{
        action: 'interpretation.post', entityType: INTERPRETATION_KIND, entityId: row.id, municipalityId: tenant.id,
        after: { area_code: row.area_code, year: row.year, indicator: row.indicator, kind: row.kind, role: row.author_role, round_id: row.round_id, body: row.body },
        personal: { subjectId: authorId, fields: ['body'] },
      }],
    };
  },
});

/** The author's own published interpretation, in this municipality (404 otherwise). */
async function ownResource(tx: Tx, ctx: Context, id: string) {
  const row = ctx.tenant ? await findInterpretation(tx, ctx.tenant.id, id) : undefined;
  if (!row || row.status !== 'published') throw new NotFoundError();
  return { row, resource: areaResource(row.municipality_id, areaPathOf(row.area_code), { ownerId: row.author_id }) };
}

export const editInterpretation = defineUseCase({
  action: interpretationActions.edit,
  input: z.object({ id: z.string().min(1).max(64), ...writing }),
  async resource(tx, input, ctx) {
    return (await ownResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { row } = await ownResource(tx, ctx, input.id);
    if (!editable(row.created_at)) throw new ConflictError('interpretations.error.editWindow', { minutes: EDIT_MINUTES });
    // A hidden text stays hidden: changing it is for after a moderator restored it.
    if (await moderationState(tx, INTERPRETATION_KIND, row.id)) throw new ConflictError('interpretations.error.hidden');
    const issues: FieldIssue[] = [];
    // The role is chosen again from the roles held now, for the area of the interpretation.
    const roles = writingRolesOf(ctx.actor, areaResource(row.municipality_id, areaPathOf(row.area_code)));
    if (!roles.includes(input.role)) issues.push({ field: 'role', key: 'interpretations.error.notYourRole' });
    await checkRound(tx, row.municipality_id, row.area_code, input.roundId, issues);
    if (issues.length) throw new ValidationError(issues);
    const change = { kind: input.kind, author_role: input.role, body: input.body, round_id: input.roundId, edited_at: nowIso() };
    await tx.updateTable('interpretations').set(change).where('id', '=', row.id).execute();
    return {
      result: { id: row.id, path: `${interpretationsPath(ctx.tenant!.slug, row.area_code, row.year)}#${interpretationAnchor(row.id)}` },
      audit: [{
        action: 'interpretation.edit', entityType: INTERPRETATION_KIND, entityId: row.id, municipalityId: row.municipality_id,
        before: { kind: row.kind, role: row.author_role, round_id: row.round_id, body: row.body },
        after: { kind: change.kind, role: change.author_role, round_id: change.round_id, body: change.body },
        personal: { subjectId: row.author_id!, fields: ['body'] },
      }],
    };
  },
});

export const deleteInterpretation = defineUseCase({
  action: interpretationActions.delete,
  input: z.object({ id: z.string().min(1).max(64) }),
  async resource(tx, input, ctx) {
    return (await ownResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { row } = await ownResource(tx, ctx, input.id);
    await tx.updateTable('interpretations').set({ body: '', status: 'deleted', deleted_at: nowIso() }).where('id', '=', row.id).execute();
    return {
      result: { path: `${interpretationsPath(ctx.tenant!.slug, row.area_code, row.year)}#${interpretationAnchor(row.id)}` },
      audit: [{
        action: 'interpretation.delete', entityType: INTERPRETATION_KIND, entityId: row.id, municipalityId: row.municipality_id,
        before: { body: row.body }, personal: { subjectId: row.author_id!, fields: ['body'] },
      }],
    };
  },
});

// ---- conversation rounds -----------------------------------------------------------------------

const count = z.preprocess((v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 0 : v),
  z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(0, { message: 'validation.tooSmall' }).max(MAX_PARTICIPANTS, { message: 'validation.tooBig' }));
const isoDate = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(10, { message: 'validation.tooLong' });
// The form of a date is checked in run(): the platform keeps only its own message keys from a schema.
const isRealDate = (v: string) => /^\d{4}-\d\d-\d\d$/.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) && new Date(`${v}T12:00:00Z`).toISOString().startsWith(v);

export const recordConversationRound = defineUseCase({
  action: interpretationActions.recordRound,
  input: z.object({
    areaCode: z.string().trim().max(12),
    year,
    title: text(120),
    heldOn: isoDate,
    place: optionalText(200),
    organisationId: idRef,
    ...Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, count])) as Record<(typeof PARTICIPANT_GROUPS)[number], typeof count>,
    indicators: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().max(40, { message: 'validation.tooLong' })).max(200, { message: 'validation.tooBig' })),
    outcome: longText(MAX_OUTCOME).transform(normalizeBody),
  }),
  async resource(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const resource = { type: 'conversationRound', municipalityId: tenant.id, areaPath: area.path };
    if (input.organisationId === null) {
      // A board member records the rounds of their organisation: they name it.
      if (!roundStaff(ctx.actor, resource) && boardOrganisations(ctx.actor, tenant.id).length) throw ValidationError.field('organisationId', 'interpretations.error.organiserNeeded');
      return resource;
    }
    const organisation = await findOrganisation(tx, tenant.id, input.organisationId);
    if (!organisation) throw ValidationError.field('organisationId', 'validation.choice');
    return { ...resource, organisationPath: [organisation.id, ...(organisation.parent_id ? [organisation.parent_id] : [])] };
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const issues: FieldIssue[] = [];
    if (!isRealDate(input.heldOn)) issues.push({ field: 'heldOn', key: 'interpretations.error.date' });
    else if (input.heldOn > new Date(Date.now() + 86400_000).toISOString().slice(0, 10)) issues.push({ field: 'heldOn', key: 'interpretations.error.future' });
    const participants = Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, input[g]])) as Record<(typeof PARTICIPANT_GROUPS)[number], number>;
    if (totalParticipants(participants) === 0) issues.push({ field: 'residents', key: 'interpretations.error.noParticipants' });
    const indicators = [...new Set(input.indicators.filter((i) => i !== ''))];
    const catalogue = await catalogueFor(tx, tenant.id);
    for (const id of indicators) checkIndicator(catalogue, id, 'indicators', issues);
    if (issues.length) throw new ValidationError(issues);
    const createdBy = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
    const row = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, year: input.year, title: input.title, held_on: input.heldOn, place: input.place ?? null,
      organisation_id: input.organisationId, ...participants, indicators_json: JSON.stringify(indicators), outcome: input.outcome, created_by: createdBy, created_at: nowIso(),
    };
    await tx.insertInto('conversation_rounds').values(row).execute();
    const { created_by: _who, ...after } = row;
    return {
      result: { id: row.id, path: roundPath(tenant.slug, area.code, row.id) },
      audit: [{ action: 'conversationRound.record', entityType: ROUND_ENTITY, entityId: row.id, municipalityId: tenant.id, after }],
    };
  },
});

// ---- moderation and people's rights -----------------------------------------------------------------

registerModeratedKind({
  kind: INTERPRETATION_KIND,
  labelKey: 'interpretations.moderation.label',
  hiddenKey: 'interpretations.hidden',
  async load(db, tenant, id, t) {
    const row = await findInterpretation(db, tenant.id, id);
    if (!row) return null;
    const area = await tenantArea(db, tenant, row.area_code, t);
    return {
      municipalityId: row.municipality_id, authorId: row.author_id, text: row.body, removed: row.status !== 'published',
      title: t('interpretations.moderation.title', { area: area?.title ?? row.area_code, year: row.year }),
      path: `${interpretationsPath(tenant.slug, row.area_code, row.year)}#${interpretationAnchor(row.id)}`,
    };
  },
});

/**
 * Erasure keeps an interpretation as a tombstone without author or text (as comments do); the
 * rounds a person recorded stay, the municipality's record of a meeting, without who recorded it.
 */
registerPersonalData({
  name: 'interpretations',
  labelKey: 'interpretations.privacy.data',
  async export(db, subject) {
    return {
      interpretations: await db.selectFrom('interpretations')
        .select(['area_code', 'year', 'indicator', 'kind', 'author_role', 'body', 'status', 'created_at', 'edited_at', 'deleted_at'])
        .where('author_id', '=', subject.personId).orderBy('created_at').execute(),
      conversationRoundsYouRecorded: await db.selectFrom('conversation_rounds').select(['area_code', 'year', 'title', 'held_on', 'created_at'])
        .where('created_by', '=', subject.personId).orderBy('created_at').execute(),
    };
  },
  async erase(tx, subject) {
    await tx.updateTable('interpretations').set({ author_id: null, body: '', status: 'erased', deleted_at: nowIso() }).where('author_id', '=', subject.personId).execute();
    await tx.updateTable('conversation_rounds').set({ created_by: null }).where('created_by', '=', subject.personId).execute();
  },
});
