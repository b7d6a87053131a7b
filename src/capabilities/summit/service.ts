import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { defaultLocale, translator } from '../../platform/i18n/index.js';
import { amsterdamOffsetMinutes } from '../../platform/jobs.js';
import type { Resource } from '../../platform/policy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { choice, dateText, flag, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { areaPathOf, findAreaSummary, parseAreaCode, tenantArea } from '../areas/index.js';
import { findOrganisation, listOrganisations, type OrganisationKind } from '../parties/index.js';
import { findPlace } from '../places/index.js';
import { catalogueFor } from '../statistics/index.js';
import { findActor } from '../ecosystem/index.js';
import { interpretationsOfArea } from '../interpretations/index.js';
import {
  DEFAULT_THEMES, LINK_KINDS, MAX_BRIEFING, MAX_CAPACITY, MAX_DESCRIPTION, MAX_GROUP_NOTES, MAX_QUESTIONS, SUMMIT_STATUSES, WHOLE_PAGE_KINDS,
  defaultPlan, isCalendarDate, isClockTime, referenceFromInput, transitionProblem, type SummitStatus,
} from './model.js';
import { summitActions, summitResource } from './policy.js';
import { findGroup, findMilestone, findSummit, type Summit, type SummitTable, type WorkingGroup } from './store.js';
import { fillPlaces, tellRegistrants } from './registration-service.js';

/**
 * Use cases of preparing a BuurtTop (policy → validation → one transaction → audit): start a
 * summit for an area (with the default plan and working groups), change its details and its
 * status, and keep its plan of milestones and its working groups (members, notes, questions,
 * information links, briefing).
 */
export const SUMMIT_ENTITY = 'summit';
/** The language of what a summit starts with (its default title, plan and group names): the municipality's, whoever asks. */
export const DATA_LOCALE = defaultLocale;

export const summitsPath = (slug: string) => `/${slug}/buurttops`;
export const summitPath = (slug: string, id: string) => `${summitsPath(slug)}/${id}`;
export const areaSummitsPath = (slug: string, code: string) => `/${slug}/gebieden/${code}/buurttop`;
export const groupPath = (slug: string, summitId: string, groupId: string) => `${summitPath(slug, summitId)}/werkgroepen/${groupId}`;

/**
 * Who may organise: the parties capability's resident organisations (`residentKinds` there),
 * among which the task and working groups whose every member organises.
 */
export const ORGANISER_KINDS: readonly OrganisationKind[] = ['association', 'foundation', 'informal_group', 'cooperative', 'platform', 'working_group', 'task_group'];
export const GROUP_KINDS: readonly OrganisationKind[] = ['working_group', 'task_group'];

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const idField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });
const optionalId = z.preprocess(blankToUndefined, idField.optional());
// Their form is checked in run() (the platform keeps only its own message keys from a schema): `formatIssues`.
const dateField = dateText();
const timeField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(5, { message: 'validation.tooLong' });

/** Dates (YYYY-MM-DD, a day that exists) and clock times (HH:MM) that zod let through as text. */
function formatIssues(values: Record<string, { value: string | undefined; kind: 'date' | 'time' }>): FieldIssue[] {
  return Object.entries(values).flatMap(([field, { value, kind }]) => {
    if (value === undefined) return [];
    if (kind === 'date' ? isCalendarDate(value) : isClockTime(value)) return [];
    return [{ field, key: kind === 'date' ? 'summit.error.date' : 'summit.error.time' }];
  });
}
const capacityField = z.preprocess(blankToUndefined, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' })
  .min(1, { message: 'validation.tooSmall' }).max(MAX_CAPACITY, { message: 'validation.tooBig' }).optional());

/** The day in Amsterdam, as YYYY-MM-DD. */
export const amsterdamToday = (at = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);

/** The UTC instant of a local (Europe/Amsterdam) date and time. */
export function amsterdamInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const local = Date.UTC(y, m - 1, d, h, min);
  let utc = local - amsterdamOffsetMinutes(new Date(local)) * 60_000;
  utc = local - amsterdamOffsetMinutes(new Date(utc)) * 60_000;
  return new Date(utc).toISOString();
}

/** The local (Europe/Amsterdam) date and time of a UTC instant. */
export function amsterdamParts(iso: string): { date: string; time: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

// ---- who organises -------------------------------------------------------------------------------

export interface OrganiserChoice {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** The organisations that could organise a summit for the area: resident organisations and task groups of the area or its district. */
export async function organiserChoices(db: Db, tenant: Tenant, areaCode: string): Promise<OrganiserChoice[]> {
  const codes = areaPathOf(areaCode).filter((c) => !c.startsWith('GM'));
  const out: OrganiserChoice[] = [];
  for (const code of codes) {
    for (const o of await listOrganisations(db, tenant.id, { kinds: ORGANISER_KINDS, areaCode: code })) out.push({ id: o.id, name: o.name, kind: o.kind });
  }
  return out;
}

const split = (choices: readonly OrganiserChoice[]) => ({
  boards: choices.filter((c) => !GROUP_KINDS.includes(c.kind)).map((c) => c.id),
  groups: choices.filter((c) => GROUP_KINDS.includes(c.kind)).map((c) => c.id),
});

/** What starting a summit for this area is judged on: its path and every organisation that could organise it. */
export async function areaSummitResource(db: Db, tenant: Tenant, areaCode: string): Promise<Resource> {
  return summitResource(tenant.id, areaPathOf(areaCode), split(await organiserChoices(db, tenant, areaCode)));
}

/** What a summit's organisers are judged on: its area's path and its organiser (by kind). */
export async function resourceOfSummit(db: Db, summit: Pick<Summit, 'municipalityId' | 'areaCode' | 'organiserId'>): Promise<Resource> {
  const organiser = await findOrganisation(db, summit.municipalityId, summit.organiserId);
  const choice = organiser ? [{ id: organiser.id, name: organiser.name, kind: organiser.kind }] : [];
  return summitResource(summit.municipalityId, areaPathOf(summit.areaCode), split(choice));
}

/** A summit of this municipality and what it is judged on (404 for an unknown or another municipality's id). */
async function summitAndResource(tx: Tx, ctx: Context, id: string): Promise<{ summit: Summit; resource: Resource }> {
  const summit = ctx.tenant ? await findSummit(tx, ctx.tenant.id, id) : null;
  if (!summit) throw new NotFoundError();
  return { summit, resource: await resourceOfSummit(tx, summit) };
}

/** What a use case on the summit with this id is judged on (404 for an unknown or another municipality's id): for `resource` of a use case. */
export async function resourceOfSummitId(tx: Tx, ctx: Context, id: string): Promise<Resource> {
  return (await summitAndResource(tx, ctx, id)).resource;
}

async function groupOfSummit(tx: Tx, summit: Summit, id: string): Promise<WorkingGroup> {
  const group = await findGroup(tx, summit.id, id);
  if (!group) throw new NotFoundError();
  return group;
}

// ---- the summit ----------------------------------------------------------------------------------

const summitFields = {
  organiserId: idField,
  title: z.preprocess(blankToUndefined, text(160).optional()),
  date: dateField,
  startTime: timeField,
  endTime: timeField,
  placeId: optionalId,
  capacity: capacityField,
  description: optionalLongText(MAX_DESCRIPTION),
};
type SummitInput = z.output<z.ZodObject<typeof summitFields>>;

/** Checks what zod cannot (organiser, times, venue) and gives the row's values. */
async function summitValues(tx: Tx, ctx: Context, area: { code: string; divisionYear: number; title: string }, input: SummitInput) {
  const areaCode = area.code;
  const tenant = ctx.tenant!;
  const issues = formatIssues({ date: { value: input.date, kind: 'date' }, startTime: { value: input.startTime, kind: 'time' }, endTime: { value: input.endTime, kind: 'time' } });
  const organiser = (await organiserChoices(tx, tenant, areaCode)).find((o) => o.id === input.organiserId);
  if (!organiser) issues.push({ field: 'organiserId', key: 'summit.error.organiser' });
  if (isClockTime(input.startTime) && isClockTime(input.endTime) && input.endTime <= input.startTime) issues.push({ field: 'endTime', key: 'summit.error.endBeforeStart' });
  const place = input.placeId ? await findPlace(tx, tenant.id, input.placeId) : null;
  if (input.placeId && (!place || place.status === 'closed')) issues.push({ field: 'placeId', key: 'summit.error.place' });
  if (issues.length) throw new ValidationError(issues);
  return {
    organiser_id: organiser!.id, organiser_name: organiser!.name,
    title: input.title ?? translator(DATA_LOCALE)('summit.defaultTitle', { area: (await findAreaSummary(tx, area.code, area.divisionYear))?.name ?? area.title }),
    starts_at: amsterdamInstant(input.date, input.startTime), ends_at: amsterdamInstant(input.date, input.endTime),
    place_id: place?.id ?? null, place_name: place?.name ?? null,
    capacity: input.capacity ?? place?.capacity ?? null, description: input.description ?? null,
  };
}

/** A district or neighbourhood of this municipality (a summit is held for one), or a field issue. */
async function summitArea(tx: Tx, ctx: Context, code: string) {
  const parsed = parseAreaCode(code);
  const area = ctx.tenant && parsed && parsed.kind !== 'municipality' ? await tenantArea(tx, ctx.tenant, code, translator(ctx.locale)) : null;
  if (!area) throw ValidationError.field('areaCode', 'summit.error.area');
  return area;
}

/**
 * Start preparing a summit for an area: the summit in preparation, the default plan counted back
 * and forth from its day, and the five default working groups — all editable afterwards.
 */
export const createSummit = defineUseCase({
  action: summitActions.create,
  input: z.object({ areaCode: z.string({ error: 'validation.required' }).trim().toUpperCase().min(1, 'validation.required').max(20, { message: 'validation.tooLong' }), ...summitFields }),
  async resource(tx, input, ctx) {
    // Judged on the organisation chosen (a task-group member may not start a summit for an association); on every candidate when none fits, and the use case names the field.
    const area = await summitArea(tx, ctx, input.areaCode);
    const choices = await organiserChoices(tx, ctx.tenant!, area.code);
    const chosen = choices.filter((c) => c.id === input.organiserId);
    return summitResource(ctx.tenant!.id, areaPathOf(area.code), split(chosen.length ? chosen : choices));
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const t = translator(DATA_LOCALE);
    const area = await summitArea(tx, ctx, input.areaCode);
    const values = await summitValues(tx, ctx, area, input);
    const now = nowIso();
    const row: SummitTable = { id: newId(), municipality_id: tenant.id, area_code: area.code, ...values, status: 'preparation', status_since: now, calendar_revision: 0, created_at: now, updated_at: now };
    await tx.insertInto('summits').values(row).execute();
    await tx.insertInto('summit_status_changes').values({ id: newId(), summit_id: row.id, municipality_id: tenant.id, status: 'preparation', changed_at: now, note: null }).execute();
    const plan = defaultPlan(input.date, amsterdamToday());
    await tx.insertInto('summit_milestones').values(plan.map((m, i) => ({
      id: newId(), summit_id: row.id, municipality_id: tenant.id, title: t(`summit.planStep.${m.key}`), owner: null, due_on: m.dueOn, done_on: null, template_key: m.key, position: i, created_at: now,
    }))).execute();
    await tx.insertInto('summit_groups').values(DEFAULT_THEMES.map((theme, i) => ({
      id: newId(), summit_id: row.id, municipality_id: tenant.id, name: t(`summit.theme.${theme}`), theme, position: i, notes: null, questions: null, briefing: null, briefing_updated_at: null, created_at: now, updated_at: now,
    }))).execute();
    return {
      result: { id: row.id, path: summitPath(tenant.slug, row.id) },
      audit: [{ action: 'summit.create', entityType: SUMMIT_ENTITY, entityId: row.id, municipalityId: tenant.id, after: { ...row, milestones: plan.length, groups: DEFAULT_THEMES.length } }],
    };
  },
});

/** While a summit is still to come, its registrants hear of a new day, times or venue. */
const UPCOMING: readonly SummitStatus[] = ['preparation', 'registration'];

export const editSummit = defineUseCase({
  action: summitActions.organise,
  input: z.object({ id: idField, ...summitFields }),
  async resource(tx, input, ctx) {
    return (await summitAndResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { summit } = await summitAndResource(tx, ctx, input.id);
    const area = (await tenantArea(tx, ctx.tenant!, summit.areaCode, translator(ctx.locale)))!;
    const values = await summitValues(tx, ctx, area, input);
    const before = await tx.selectFrom('summits').selectAll().where('id', '=', summit.id).executeTakeFirstOrThrow();
    // Another day, other times or another venue: calendars must follow (a higher SEQUENCE), and those coming or waiting hear of it.
    const moved = values.starts_at !== before.starts_at || values.ends_at !== before.ends_at || values.place_id !== before.place_id || values.place_name !== before.place_name;
    await tx.updateTable('summits').set({ ...values, ...(moved ? { calendar_revision: Number(before.calendar_revision) + 1 } : {}), updated_at: nowIso() }).where('id', '=', summit.id).execute();
    // A raised capacity moves the first on the waiting list up (a lowered one takes no place away).
    await fillPlaces(tx, ctx, summit.id);
    const told = moved && UPCOMING.includes(summit.status)
      ? await tellRegistrants(tx, ctx, (await findSummit(tx, summit.municipalityId, summit.id))!, 'moved', { before: { startsAt: before.starts_at, endsAt: before.ends_at, placeName: before.place_name } })
      : 0;
    const was = Object.fromEntries(Object.keys(values).map((k) => [k, (before as unknown as Record<string, unknown>)[k]]));
    return {
      result: { id: summit.id, path: summitPath(ctx.tenant!.slug, summit.id), told },
      audit: [{ action: 'summit.edit', entityType: SUMMIT_ENTITY, entityId: summit.id, municipalityId: summit.municipalityId, before: was, after: { ...values, ...(moved ? { told } : {}) } }],
    };
  },
});

export const changeSummitStatus = defineUseCase({
  action: summitActions.organise,
  input: z.object({ id: idField, status: choice(SUMMIT_STATUSES), note: optionalText(500) }),
  async resource(tx, input, ctx) {
    return (await summitAndResource(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { summit } = await summitAndResource(tx, ctx, input.id);
    const now = nowIso();
    const problem = transitionProblem(summit.status, input.status, summit.startsAt, now);
    if (problem) throw ValidationError.field('status', `summit.error.status.${problem}`);
    await tx.insertInto('summit_status_changes').values({ id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, status: input.status, changed_at: now, note: input.note ?? null }).execute();
    // Cancelled, or taken up again: every calendar that holds it must follow (a higher SEQUENCE), and those coming or waiting hear of it.
    const change = input.status === 'cancelled' ? 'cancelled' : summit.status === 'cancelled' ? 'resumed' : null;
    await tx.updateTable('summits').set({ status: input.status, status_since: now, updated_at: now, ...(change ? { calendar_revision: summit.calendarRevision + 1 } : {}) }).where('id', '=', summit.id).execute();
    const told = change ? await tellRegistrants(tx, ctx, (await findSummit(tx, summit.municipalityId, summit.id))!, change, { note: input.note ?? null }) : 0;
    return {
      result: { id: summit.id, path: summitPath(ctx.tenant!.slug, summit.id), told },
      audit: [{
        action: 'summit.status', entityType: SUMMIT_ENTITY, entityId: summit.id, municipalityId: summit.municipalityId,
        before: { status: summit.status, status_since: summit.statusSince }, after: { status: input.status, changed_at: now, note: input.note ?? null, ...(change ? { told } : {}) },
      }],
    };
  },
});

// ---- the plan ------------------------------------------------------------------------------------

/** Use cases on something inside a summit: the summit's organisers decide, the result leads back to `anchor` on its page. */
function organiseUseCase<S extends z.ZodObject<{ summitId: typeof idField }>, R>(
  schema: S, run: (tx: Tx, input: z.output<S>, ctx: Context, summit: Summit) => Promise<{ result: R; audit: Array<{ action: string; entityId: string; before?: unknown; after?: unknown }> }>,
) {
  return defineUseCase({
    action: summitActions.organise,
    input: schema,
    async resource(tx, input, ctx) {
      return (await summitAndResource(tx, ctx, input.summitId)).resource;
    },
    async run(tx, input, ctx) {
      const { summit } = await summitAndResource(tx, ctx, input.summitId);
      const { result, audit } = await run(tx, input, ctx, summit);
      return { result, audit: audit.map((a) => ({ ...a, entityType: SUMMIT_ENTITY, municipalityId: summit.municipalityId, before: (a.before ?? null) as Record<string, unknown> | null, after: (a.after ?? null) as Record<string, unknown> | null })) };
    },
  });
}

const milestoneFields = { title: text(160), owner: optionalText(120), dueOn: dateField };

export const addMilestone = organiseUseCase(z.object({ summitId: idField, ...milestoneFields }), async (tx, input, ctx, summit) => {
  const issues = formatIssues({ dueOn: { value: input.dueOn, kind: 'date' } });
  if (issues.length) throw new ValidationError(issues);
  const last = await tx.selectFrom('summit_milestones').select((eb) => eb.fn.max('position').as('p')).where('summit_id', '=', summit.id).executeTakeFirst();
  const row = {
    id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, title: input.title, owner: input.owner ?? null, due_on: input.dueOn, done_on: null,
    template_key: null, position: Number(last?.p ?? -1) + 1, created_at: nowIso(),
  };
  await tx.insertInto('summit_milestones').values(row).execute();
  return { result: { id: row.id, path: `${summitPath(ctx.tenant!.slug, summit.id)}#plan` }, audit: [{ action: 'summit.milestone.add', entityId: summit.id, after: row }] };
});

async function milestoneOfSummit(tx: Tx, summit: Summit, id: string) {
  const milestone = await findMilestone(tx, summit.id, id);
  if (!milestone) throw new NotFoundError();
  return milestone;
}

export const editMilestone = organiseUseCase(
  z.object({ summitId: idField, id: idField, ...milestoneFields, doneOn: z.preprocess(blankToUndefined, dateField.optional()) }),
  async (tx, input, ctx, summit) => {
    const before = await milestoneOfSummit(tx, summit, input.id);
    const issues = formatIssues({ dueOn: { value: input.dueOn, kind: 'date' }, doneOn: { value: input.doneOn, kind: 'date' } });
    if (issues.length) throw new ValidationError(issues);
    if (input.doneOn && input.doneOn > amsterdamToday()) throw ValidationError.field('doneOn', 'summit.error.doneInFuture');
    const values = { title: input.title, owner: input.owner ?? null, due_on: input.dueOn, done_on: input.doneOn ?? null };
    await tx.updateTable('summit_milestones').set(values).where('id', '=', before.id).execute();
    return {
      result: { id: before.id, path: `${summitPath(ctx.tenant!.slug, summit.id)}#plan` },
      audit: [{ action: 'summit.milestone.edit', entityId: summit.id, before: { id: before.id, title: before.title, owner: before.owner, due_on: before.dueOn, done_on: before.doneOn }, after: { id: before.id, ...values } }],
    };
  },
);

/** Mark a milestone done today, or (done: false) open again. */
export const markMilestoneDone = organiseUseCase(z.object({ summitId: idField, id: idField, done: flag() }), async (tx, input, ctx, summit) => {
  const before = await milestoneOfSummit(tx, summit, input.id);
  const doneOn = input.done ? amsterdamToday() : null;
  await tx.updateTable('summit_milestones').set({ done_on: doneOn }).where('id', '=', before.id).execute();
  return {
    result: { id: before.id, path: `${summitPath(ctx.tenant!.slug, summit.id)}#plan` },
    audit: [{ action: 'summit.milestone.done', entityId: summit.id, before: { id: before.id, done_on: before.doneOn }, after: { id: before.id, done_on: doneOn } }],
  };
});

export const removeMilestone = organiseUseCase(z.object({ summitId: idField, id: idField }), async (tx, input, ctx, summit) => {
  const before = await milestoneOfSummit(tx, summit, input.id);
  await tx.deleteFrom('summit_milestones').where('id', '=', before.id).execute();
  return { result: { id: before.id, path: `${summitPath(ctx.tenant!.slug, summit.id)}#plan` }, audit: [{ action: 'summit.milestone.remove', entityId: summit.id, before }] };
});

// ---- working groups ------------------------------------------------------------------------------

export const addGroup = organiseUseCase(z.object({ summitId: idField, name: text(120) }), async (tx, input, ctx, summit) => {
  const last = await tx.selectFrom('summit_groups').select((eb) => eb.fn.max('position').as('p')).where('summit_id', '=', summit.id).executeTakeFirst();
  const now = nowIso();
  const row = {
    id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, name: input.name, theme: null, position: Number(last?.p ?? -1) + 1,
    notes: null, questions: null, briefing: null, briefing_updated_at: null, created_at: now, updated_at: now,
  };
  await tx.insertInto('summit_groups').values(row).execute();
  return { result: { id: row.id, path: groupPath(ctx.tenant!.slug, summit.id, row.id) }, audit: [{ action: 'summit.group.add', entityId: summit.id, after: row }] };
});

export const editGroup = organiseUseCase(
  z.object({ summitId: idField, id: idField, name: text(120), notes: optionalLongText(MAX_GROUP_NOTES), questions: optionalLongText(MAX_QUESTIONS) }),
  async (tx, input, ctx, summit) => {
    const group = await groupOfSummit(tx, summit, input.id);
    const values = { name: input.name, notes: input.notes ?? null, questions: input.questions ?? null };
    await tx.updateTable('summit_groups').set({ ...values, updated_at: nowIso() }).where('id', '=', group.id).execute();
    return {
      result: { id: group.id, path: groupPath(ctx.tenant!.slug, summit.id, group.id) },
      audit: [{ action: 'summit.group.edit', entityId: summit.id, before: { id: group.id, name: group.name, notes: group.notes, questions: group.questions }, after: { id: group.id, ...values } }],
    };
  },
);

/** The group's briefing for the day: plain text, paragraphs separated by a blank line. Empty removes it. */
export const writeBriefing = organiseUseCase(
  z.object({ summitId: idField, id: idField, briefing: optionalLongText(MAX_BRIEFING) }),
  async (tx, input, ctx, summit) => {
    const group = await groupOfSummit(tx, summit, input.id);
    const now = nowIso();
    const briefing = input.briefing ?? null;
    await tx.updateTable('summit_groups').set({ briefing, briefing_updated_at: briefing === null ? null : now, updated_at: now }).where('id', '=', group.id).execute();
    return {
      result: { id: group.id, path: `${groupPath(ctx.tenant!.slug, summit.id, group.id)}#briefing` },
      audit: [{ action: 'summit.group.briefing', entityId: summit.id, before: { id: group.id, briefing: group.briefing }, after: { id: group.id, briefing } }],
    };
  },
);

/** Removing a group removes its members, notes, links and briefing. */
export const removeGroup = organiseUseCase(z.object({ summitId: idField, id: idField }), async (tx, input, ctx, summit) => {
  const group = await groupOfSummit(tx, summit, input.id);
  await tx.deleteFrom('summit_groups').where('id', '=', group.id).execute();
  return { result: { id: group.id, path: `${summitPath(ctx.tenant!.slug, summit.id)}#werkgroepen` }, audit: [{ action: 'summit.group.remove', entityId: summit.id, before: group }] };
});

export const addGroupMember = organiseUseCase(
  z.object({ summitId: idField, groupId: idField, name: text(120), role: optionalText(120) }),
  async (tx, input, ctx, summit) => {
    const group = await groupOfSummit(tx, summit, input.groupId);
    const row = { id: newId(), group_id: group.id, municipality_id: summit.municipalityId, name: input.name, role: input.role ?? null, created_at: nowIso() };
    await tx.insertInto('summit_group_members').values(row).execute();
    return { result: { id: row.id, path: `${groupPath(ctx.tenant!.slug, summit.id, group.id)}#leden` }, audit: [{ action: 'summit.group.member.add', entityId: summit.id, after: row }] };
  },
);

export const removeGroupMember = organiseUseCase(z.object({ summitId: idField, groupId: idField, id: idField }), async (tx, input, ctx, summit) => {
  const group = await groupOfSummit(tx, summit, input.groupId);
  const row = await tx.selectFrom('summit_group_members').selectAll().where('group_id', '=', group.id).where('id', '=', input.id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  await tx.deleteFrom('summit_group_members').where('id', '=', row.id).execute();
  return { result: { id: row.id, path: `${groupPath(ctx.tenant!.slug, summit.id, group.id)}#leden` }, audit: [{ action: 'summit.group.member.remove', entityId: summit.id, before: row }] };
});

/** Does the reference point at something this municipality has (for the kinds that name one)? */
async function referenceExists(tx: Tx, tenant: Tenant, summit: Summit, kind: (typeof LINK_KINDS)[number], reference: string): Promise<boolean> {
  switch (kind) {
    case 'figure': return (await catalogueFor(tx, tenant.id)).some((i) => i.id === reference);
    case 'place': return (await findPlace(tx, tenant.id, reference)) !== null;
    case 'ecosystem': return (await findActor(tx, tenant.id, reference)) !== null;
    case 'interpretation': return (await interpretationsOfArea(tx, tenant.id, summit.areaCode)).some((i) => i.id === reference && i.body !== '');
    case 'picture': return /^[a-z0-9-]{1,60}$/.test(reference);
  }
}

export const addGroupLink = organiseUseCase(
  z.object({ summitId: idField, groupId: idField, kind: choice(LINK_KINDS), reference: z.preprocess(blankToUndefined, z.string().trim().max(300, { message: 'validation.tooLong' }).optional()), note: optionalText(300) }),
  async (tx, input, ctx, summit) => {
    const group = await groupOfSummit(tx, summit, input.groupId);
    const reference = referenceFromInput(input.kind, input.reference ?? '').slice(0, 64);
    if (input.reference && reference === '' && !WHOLE_PAGE_KINDS.includes(input.kind)) throw ValidationError.field('reference', `summit.error.reference.${input.kind}`);
    if (reference === '' ? !WHOLE_PAGE_KINDS.includes(input.kind) : !(await referenceExists(tx, ctx.tenant!, summit, input.kind, reference))) {
      throw ValidationError.field('reference', reference === '' ? 'validation.required' : `summit.error.reference.${input.kind}`);
    }
    const row = { id: newId(), group_id: group.id, municipality_id: summit.municipalityId, kind: input.kind, reference, note: input.note ?? null, created_at: nowIso() };
    await tx.insertInto('summit_group_links').values(row).execute();
    return { result: { id: row.id, path: `${groupPath(ctx.tenant!.slug, summit.id, group.id)}#informatie` }, audit: [{ action: 'summit.group.link.add', entityId: summit.id, after: row }] };
  },
);

export const removeGroupLink = organiseUseCase(z.object({ summitId: idField, groupId: idField, id: idField }), async (tx, input, ctx, summit) => {
  const group = await groupOfSummit(tx, summit, input.groupId);
  const row = await tx.selectFrom('summit_group_links').selectAll().where('group_id', '=', group.id).where('id', '=', input.id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  await tx.deleteFrom('summit_group_links').where('id', '=', row.id).execute();
  return { result: { id: row.id, path: `${groupPath(ctx.tenant!.slug, summit.id, group.id)}#informatie` }, audit: [{ action: 'summit.group.link.remove', entityId: summit.id, before: row }] };
});
