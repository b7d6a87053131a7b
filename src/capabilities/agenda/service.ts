import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { changesOf, type AuditEntry, type RecordChange } from '../../platform/audit.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { defaultLocale, translator } from '../../platform/i18n/index.js';
import type { Resource } from '../../platform/policy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import { choice, dateText, flag, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { createDocument, publishDraft, registerDocumentKind, revisionField, saveDraft } from '../../platform/versions/index.js';
import { areaPathOf, findAreaSummary, parseAreaCode, tenantArea } from '../areas/index.js';
import { listPublicValues } from '../municipality/index.js';
import { consentState } from '../summit/day-model.js';
import { detailsOf, ambitionsOf as summitAmbitionsOf } from '../summit/day-store.js';
import { isCalendarDate } from '../summit/model.js';
import { GROUP_KINDS, amsterdamToday, organiserChoices, type OrganiserChoice } from '../summit/service.js';
import { findSummit, groupsOf, milestonesOf, type Summit } from '../summit/store.js';
import { resourceOfAgenda } from './access.js';
import {
  ADOPTION_METHODS, CYCLE_YEARS, HORIZONS, MAX_AMBITIONS, MAX_COMMENT_DAYS, MAX_INTRODUCTION, MAX_STEPS, MAX_TEXT, MAX_THEMES, MAX_TITLE, MIN_COMMENT_DAYS,
  agendaContent, phaseOf,
} from './model.js';
import { agendaEditPath, agendaPath } from './paths.js';
import { agendaActions, agendaResource } from './policy.js';
import { contentLabels } from './render.js';
import { agendaAmbitionsOf, findAgenda, themesOf, type Agenda, type AgendaTable } from './store.js';

/**
 * Use cases of drafting a future agenda (policy → validation → one transaction → audit): start an
 * agenda for an area (from a summit's agreed ambitions, after a previous agenda), keep its title,
 * introduction, years, themes and ambitions, open a comment period on a frozen concept, and record
 * its adoption as the next frozen version. Every change raises the agenda row's `revision`; a form
 * carries the revision it was shown with (`expectedRevision`) and a save over someone else's newer
 * change is refused. Nothing is discarded: versions are immutable.
 */
export const AGENDA_ENTITY = 'agenda';
export const AGENDA_KIND = 'agenda';
registerDocumentKind(AGENDA_KIND, { labelKey: 'agenda.name' });

/** The language of what an agenda starts with and of its frozen versions' plain text: the municipality's. */
export const DATA_LOCALE = defaultLocale;

/** The day in Amsterdam, as YYYY-MM-DD. */
export const agendaToday = () => amsterdamToday();

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const idField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });
const optionalId = z.preprocess(blankToUndefined, idField.optional());
const idList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(64)).max(40, { message: 'validation.tooLong' }));
const dateField = dateText();
const yearField = z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(2000, { message: 'validation.tooSmall' }).max(2100, { message: 'validation.tooBig' });
const optionalYear = z.preprocess(blankToUndefined, yearField.optional());
const horizonField = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), choice(HORIZONS.map(String) as ['5', '10']));
const directionField = choice(['up', 'down'] as const);
/** An agenda spans at most this many years. */
export const MAX_YEARS = 12;

/** What the agenda's rows would freeze as now (the draft content of the next version). */
export async function currentContent(db: Db, agenda: Pick<Agenda, 'id' | 'introduction'>) {
  const [themes, ambitions] = await Promise.all([themesOf(db, agenda.id), agendaAmbitionsOf(db, agenda.id)]);
  const t = translator(DATA_LOCALE);
  return agendaContent({ introduction: agenda.introduction, themes, ambitions }, contentLabels(t), t('agenda.content.introduction'));
}

// ---- who edits -----------------------------------------------------------------------------------

const split = (choices: readonly OrganiserChoice[]) => ({
  boards: choices.filter((c) => !GROUP_KINDS.includes(c.kind)).map((c) => c.id),
  groups: choices.filter((c) => GROUP_KINDS.includes(c.kind)).map((c) => c.id),
});

/** What starting an agenda for this area is judged on: its path and every organisation that could organise there. */
export async function areaAgendaResource(db: Db, ctx: Context, areaCode: string): Promise<Resource> {
  return agendaResource(ctx.tenant!.id, areaPathOf(areaCode), split(await organiserChoices(db, ctx.tenant!, areaCode)));
}

async function agendaOfRequest(tx: Tx, ctx: Context, id: string): Promise<Agenda> {
  const agenda = ctx.tenant ? await findAgenda(tx, ctx.tenant.id, id) : null;
  if (!agenda) throw new NotFoundError();
  return agenda;
}

// ---- starting an agenda --------------------------------------------------------------------------

/** A district or neighbourhood of this municipality, or a field issue. */
async function agendaArea(tx: Tx, ctx: Context, code: string) {
  const parsed = parseAreaCode(code);
  const area = ctx.tenant && parsed && parsed.kind !== 'municipality' ? await tenantArea(tx, ctx.tenant, code, translator(ctx.locale)) : null;
  if (!area) throw ValidationError.field('areaCode', 'agenda.editor.error.area');
  return area;
}

const areaCodeField = z.string({ error: 'validation.required' }).trim().toUpperCase().min(1, 'validation.required').max(20, { message: 'validation.tooLong' });

/**
 * Start an agenda for an area, on behalf of an organiser who could organise a summit there. From a
 * held summit of the same area, the draft starts from the day's outcome: a theme per theme with
 * agreed ambitions, each agreed ambition with its values, first steps and carriers.
 */
export const createAgenda = defineUseCase({
  action: agendaActions.edit,
  input: z.object({
    areaCode: areaCodeField,
    organiserId: idField,
    summitId: optionalId,
    previousAgendaId: optionalId,
    title: z.preprocess(blankToUndefined, text(MAX_TITLE).optional()),
    firstYear: optionalYear,
  }),
  async resource(tx, input, ctx) {
    // Judged on the organiser chosen; on every candidate when none fits (and run names the field).
    const area = await agendaArea(tx, ctx, input.areaCode);
    const choices = await organiserChoices(tx, ctx.tenant!, area.code);
    const chosen = choices.filter((c) => c.id === input.organiserId);
    if (chosen.length) return resourceOfAgenda(tx, { municipalityId: ctx.tenant!.id, areaCode: area.code, organiserId: chosen[0]!.id });
    return agendaResource(ctx.tenant!.id, areaPathOf(area.code), split(choices));
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await agendaArea(tx, ctx, input.areaCode);
    const issues: FieldIssue[] = [];
    const organiser = (await organiserChoices(tx, tenant, area.code)).find((o) => o.id === input.organiserId);
    if (!organiser) issues.push({ field: 'organiserId', key: 'agenda.editor.error.organiser' });
    let summit: Summit | null = null;
    if (input.summitId) {
      summit = await findSummit(tx, tenant.id, input.summitId);
      if (!summit || summit.areaCode !== area.code || !(summit.status === 'held' || summit.status === 'closed')) {
        issues.push({ field: 'summitId', key: 'agenda.editor.error.summit' });
        summit = null;
      } else if (await tx.selectFrom('agendas').select('id').where('summit_id', '=', summit.id).executeTakeFirst()) {
        issues.push({ field: 'summitId', key: 'agenda.editor.error.summitTaken' });
      }
    }
    if (input.previousAgendaId) {
      const previous = await findAgenda(tx, tenant.id, input.previousAgendaId);
      if (!previous || previous.areaCode !== area.code || previous.status !== 'adopted') issues.push({ field: 'previousAgendaId', key: 'agenda.editor.error.previous' });
    }
    const firstYear = input.firstYear ?? Number(agendaToday().slice(0, 4)) + 1;
    if (issues.length) throw new ValidationError(issues);
    const lastYear = firstYear + CYCLE_YEARS - 1;
    const areaName = (await findAreaSummary(tx, area.code, area.divisionYear))?.name ?? area.title;
    const title = input.title ?? translator(DATA_LOCALE)('agenda.defaultTitle', { area: areaName, first: firstYear, last: lastYear });
    const id = newId();
    const document = await createDocument(tx, { municipalityId: tenant.id, kind: AGENDA_KIND, ownerType: AGENDA_ENTITY, ownerId: id, title });
    const now = nowIso();
    const row: AgendaTable = {
      id, municipality_id: tenant.id, area_code: area.code, summit_id: summit?.id ?? null, previous_agenda_id: input.previousAgendaId ?? null,
      organiser_id: organiser!.id, organiser_name: organiser!.name, document_id: document.result.id, title, introduction: null,
      first_year: firstYear, last_year: lastYear, status: 'draft', comments_open_on: null, comments_close_on: null, concept_version: null,
      adopted_by: null, adoption_method: null, adoption_note: null, adopted_on: null, adopted_version: null, revision: 1, created_at: now, updated_at: now,
    };
    await tx.insertInto('agendas').values(row).execute();
    const copied = summit ? await copyOutcome(tx, row, summit) : { themes: 0, ambitions: 0 };
    return {
      result: { id, path: agendaEditPath(tenant.slug, id) },
      audit: [...document.audit, { action: 'agenda.create', entityType: AGENDA_ENTITY, entityId: id, municipalityId: tenant.id, after: { ...row, copied } }],
    };
  },
});

/** The summit's agreed ambitions into the new agenda's rows: a theme per theme that has any, in the summit's order of working groups. */
async function copyOutcome(tx: Tx, agenda: AgendaTable, summit: Summit): Promise<{ themes: number; ambitions: number }> {
  const [ambitions, groups] = await Promise.all([summitAmbitionsOf(tx, summit.id), groupsOf(tx, summit.id)]);
  const details = await detailsOf(tx, ambitions.map((a) => a.id));
  const agreed = ambitions.filter((a) => consentState(a.consentAt !== null, details.objections.filter((o) => o.ambitionId === a.id)) === 'agreed');
  const themeOf = (a: (typeof ambitions)[number]) => {
    const group = groups.find((g) => g.id === a.groupId);
    return group ? { key: `g:${group.id}`, name: group.name, order: group.position } : { key: `n:${a.themeName}`, name: a.themeName, order: Number.MAX_SAFE_INTEGER };
  };
  const themes = new Map<string, { name: string; order: number; ambitions: typeof agreed }>();
  for (const a of agreed) {
    const theme = themeOf(a);
    const entry = themes.get(theme.key) ?? { name: theme.name, order: theme.order, ambitions: [] };
    entry.ambitions.push(a);
    themes.set(theme.key, entry);
  }
  const ordered = [...themes.values()].sort((x, y) => x.order - y.order || x.name.localeCompare(y.name, 'nl'));
  const now = nowIso();
  const m = agenda.municipality_id;
  for (const [position, theme] of ordered.entries()) {
    const themeId = newId();
    await tx.insertInto('agenda_themes').values({ id: themeId, agenda_id: agenda.id, municipality_id: m, name: theme.name.slice(0, MAX_TITLE), position }).execute();
    for (const [index, a] of theme.ambitions.entries()) {
      const ambitionId = newId();
      await tx.insertInto('agenda_ambitions').values({
        id: ambitionId, agenda_id: agenda.id, municipality_id: m, theme_id: themeId, source_ambition_id: a.id, title: a.title, body: a.body, why: a.why,
        horizon: a.horizon, own_goal: 0, position: index, created_at: now, updated_at: now,
      }).execute();
      const values = details.values.filter((v) => v.ambitionId === a.id);
      if (values.length) await tx.insertInto('agenda_ambition_values').values(values.map((v) => ({ id: newId(), ambition_id: ambitionId, municipality_id: m, value_id: v.valueId, name_nl: v.nameNl, name_en: v.nameEn }))).execute();
      const steps = details.steps.filter((s) => s.ambitionId === a.id).sort((x, y) => x.position - y.position);
      if (steps.length) await tx.insertInto('agenda_steps').values(steps.map((s, i) => ({ id: newId(), ambition_id: ambitionId, municipality_id: m, position: i, step: s.step, carrier: s.carrier }))).execute();
    }
  }
  return { themes: ordered.length, ambitions: agreed.length };
}

// ---- editing -------------------------------------------------------------------------------------


/**
 * A use case on an existing agenda: judged on the agenda's area and organiser; the revision the
 * form was shown with must still be the agenda's (else "someone else changed it"), and the
 * revision goes up before anything else is written, so two concurrent saves serialise on the row.
 */
function agendaUseCase<S extends z.ZodObject<{ agendaId: typeof idField; expectedRevision: typeof revisionField }>, R>(
  action: string,
  schema: S,
  run: (tx: Tx, input: z.output<S>, ctx: Context, agenda: Agenda) => Promise<{ result: R; changes: RecordChange[]; extra?: AuditEntry[] }>,
) {
  return defineUseCase({
    action,
    input: schema,
    async resource(tx, input, ctx) {
      return resourceOfAgenda(tx, await agendaOfRequest(tx, ctx, input.agendaId));
    },
    async run(tx, input, ctx) {
      const agenda = await agendaOfRequest(tx, ctx, input.agendaId);
      if (input.expectedRevision !== undefined && input.expectedRevision !== agenda.revision) throw new ConflictError('agenda.editor.stale');
      if (agenda.status === 'adopted') throw new ConflictError('agenda.editor.error.adopted');
      const bumped = await tx.updateTable('agendas').set((eb) => ({ revision: eb('revision', '+', 1), updated_at: nowIso() }))
        .where('id', '=', agenda.id).where('revision', '=', agenda.revision).executeTakeFirst();
      if (Number(bumped.numUpdatedRows) !== 1) throw new ConflictError('agenda.editor.stale');
      const { result, changes, extra } = await run(tx, input, ctx, agenda);
      return {
        result,
        audit: [
          ...changesOf({ type: AGENDA_ENTITY, id: agenda.id, municipalityId: agenda.municipalityId },
            changes.map((c) => ({ ...c, after: { revision: agenda.revision + 1, ...((c.after ?? {}) as Record<string, unknown>) } }))),
          ...(extra ?? []),
        ],
      };
    },
  });
}

const base = { agendaId: idField, expectedRevision: revisionField };
const editPath = (ctx: Context, agenda: Agenda, anchor = '') => `${agendaEditPath(ctx.tenant!.slug, agenda.id)}${anchor}`;

/** Title, introduction and years. */
export const editAgenda = agendaUseCase(agendaActions.edit, z.object({
  ...base, title: text(MAX_TITLE), introduction: optionalLongText(MAX_INTRODUCTION), firstYear: yearField, lastYear: yearField,
}), async (tx, input, ctx, agenda) => {
  if (input.lastYear < input.firstYear) throw ValidationError.field('lastYear', 'agenda.editor.error.years');
  if (input.lastYear - input.firstYear + 1 > MAX_YEARS) throw ValidationError.field('lastYear', 'agenda.editor.error.tooManyYears', { maximum: MAX_YEARS });
  const values = { title: input.title, introduction: input.introduction ?? null, first_year: input.firstYear, last_year: input.lastYear };
  await tx.updateTable('agendas').set(values).where('id', '=', agenda.id).execute();
  return {
    result: { id: agenda.id, path: editPath(ctx, agenda) },
    changes: [{ action: 'agenda.edit', before: { title: agenda.title, introduction: agenda.introduction, first_year: agenda.firstYear, last_year: agenda.lastYear }, after: values }],
  };
});

async function themeOf(tx: Tx, agenda: Agenda, id: string) {
  const theme = (await themesOf(tx, agenda.id)).find((t) => t.id === id);
  if (!theme) throw new NotFoundError();
  return theme;
}

export const addTheme = agendaUseCase(agendaActions.edit, z.object({ ...base, name: text(MAX_TITLE) }), async (tx, input, ctx, agenda) => {
  const themes = await themesOf(tx, agenda.id);
  if (themes.length >= MAX_THEMES) throw ValidationError.field('name', 'agenda.editor.error.tooManyThemes', { maximum: MAX_THEMES });
  const row = { id: newId(), agenda_id: agenda.id, municipality_id: agenda.municipalityId, name: input.name, position: themes.reduce((p, t) => Math.max(p, t.position + 1), 0) };
  await tx.insertInto('agenda_themes').values(row).execute();
  return { result: { id: row.id, path: editPath(ctx, agenda, `#thema-${row.id}`) }, changes: [{ action: 'agenda.theme.add', after: row }] };
});

export const renameTheme = agendaUseCase(agendaActions.edit, z.object({ ...base, themeId: idField, name: text(MAX_TITLE) }), async (tx, input, ctx, agenda) => {
  const theme = await themeOf(tx, agenda, input.themeId);
  await tx.updateTable('agenda_themes').set({ name: input.name }).where('id', '=', theme.id).execute();
  return { result: { id: theme.id, path: editPath(ctx, agenda, `#thema-${theme.id}`) }, changes: [{ action: 'agenda.theme.rename', before: { id: theme.id, name: theme.name }, after: { id: theme.id, name: input.name } }] };
});

/** Swap positions with the neighbour in `direction` (no neighbour: nothing moves, still recorded as asked). */
async function swap(tx: Tx, table: 'agenda_themes' | 'agenda_ambitions', items: ReadonlyArray<{ id: string; position: number }>, id: string, direction: 'up' | 'down') {
  const ordered = [...items].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((i) => i.id === id);
  const other = ordered[direction === 'up' ? index - 1 : index + 1];
  // Renumber all (positions may have gaps after removals), with the two swapped.
  if (other) [ordered[index], ordered[direction === 'up' ? index - 1 : index + 1]] = [other, ordered[index]!];
  for (const [position, item] of ordered.entries()) {
    if (item.position !== position) await tx.updateTable(table).set({ position }).where('id', '=', item.id).execute();
  }
  return ordered.map((i) => i.id);
}

export const moveTheme = agendaUseCase(agendaActions.edit, z.object({ ...base, themeId: idField, direction: directionField }), async (tx, input, ctx, agenda) => {
  const theme = await themeOf(tx, agenda, input.themeId);
  const before = (await themesOf(tx, agenda.id)).map((t) => t.id);
  const after = await swap(tx, 'agenda_themes', await themesOf(tx, agenda.id), theme.id, input.direction);
  return { result: { id: theme.id, path: editPath(ctx, agenda, `#thema-${theme.id}`) }, changes: [{ action: 'agenda.theme.move', before: { order: before }, after: { order: after } }] };
});

/** A theme is removed only when it has no ambitions left (move or remove them first). */
export const removeTheme = agendaUseCase(agendaActions.edit, z.object({ ...base, themeId: idField }), async (tx, input, ctx, agenda) => {
  const theme = await themeOf(tx, agenda, input.themeId);
  const count = (await agendaAmbitionsOf(tx, agenda.id)).filter((a) => a.themeId === theme.id).length;
  if (count > 0) throw ValidationError.field('themeId', 'agenda.editor.error.themeNotEmpty', { count });
  await tx.deleteFrom('agenda_themes').where('id', '=', theme.id).execute();
  return { result: { id: theme.id, path: editPath(ctx, agenda, '#themas') }, changes: [{ action: 'agenda.theme.remove', before: theme }] };
});

// ---- ambitions -----------------------------------------------------------------------------------

const stepFields = Object.fromEntries(Array.from({ length: MAX_STEPS }, (_, i) => [[`step_${i + 1}`, optionalText(300)], [`carrier_${i + 1}`, optionalText(120)]]).flat()) as Record<string, ReturnType<typeof optionalText>>;

const ambitionFields = {
  ...base,
  themeId: idField,
  title: text(MAX_TITLE),
  body: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(MAX_TEXT, { message: 'validation.tooLong' }),
  why: optionalLongText(MAX_TEXT),
  horizon: horizonField,
  ownGoal: flag(),
  values: idList,
  ...stepFields,
};
type AmbitionInput = { values: string[]; horizon: '5' | '10'; title: string; body: string; why?: string; ownGoal: boolean; themeId: string } & Record<string, unknown>;

/** Checks the theme, the public values and the steps (a carrier without a step is named) and gives what to write. */
async function ambitionParts(tx: Tx, agenda: Agenda, input: AmbitionInput) {
  const issues: FieldIssue[] = [];
  const themes = await themesOf(tx, agenda.id);
  if (!themes.some((t) => t.id === input.themeId)) issues.push({ field: 'themeId', key: 'validation.choice' });
  const publicValues = await listPublicValues(tx, agenda.municipalityId);
  const values = input.values.map((id) => publicValues.find((v) => v.id === id));
  if (values.some((v) => !v)) issues.push({ field: 'values', key: 'validation.choice' });
  const raw = Array.from({ length: MAX_STEPS }, (_, i) => ({ step: input[`step_${i + 1}`] as string | undefined, carrier: input[`carrier_${i + 1}`] as string | undefined }));
  raw.forEach((r, i) => { if (!r.step && r.carrier) issues.push({ field: `step_${i + 1}`, key: 'agenda.editor.error.stepMissing' }); });
  if (issues.length) throw new ValidationError(issues);
  return {
    values: [...new Map(values.map((v) => [v!.id, v!])).values()],
    steps: raw.filter((r) => r.step).map((r) => ({ step: r.step!, carrier: r.carrier ?? null })),
  };
}

async function writeParts(tx: Tx, agenda: Agenda, ambitionId: string, parts: Awaited<ReturnType<typeof ambitionParts>>) {
  const m = agenda.municipalityId;
  await tx.deleteFrom('agenda_ambition_values').where('ambition_id', '=', ambitionId).execute();
  await tx.deleteFrom('agenda_steps').where('ambition_id', '=', ambitionId).execute();
  if (parts.values.length) await tx.insertInto('agenda_ambition_values').values(parts.values.map((v) => ({ id: newId(), ambition_id: ambitionId, municipality_id: m, value_id: v.id, name_nl: v.name_nl, name_en: v.name_en }))).execute();
  if (parts.steps.length) await tx.insertInto('agenda_steps').values(parts.steps.map((s, i) => ({ id: newId(), ambition_id: ambitionId, municipality_id: m, position: i, step: s.step, carrier: s.carrier }))).execute();
}

const auditParts = (parts: Awaited<ReturnType<typeof ambitionParts>>) => ({ values: parts.values.map((v) => v.id), steps: parts.steps });
const ambitionPath = (ctx: Context, agenda: Agenda, id: string) => `${agendaEditPath(ctx.tenant!.slug, agenda.id)}/ambities/${id}`;

async function ambitionOf(tx: Tx, agenda: Agenda, id: string) {
  const ambition = (await agendaAmbitionsOf(tx, agenda.id)).find((a) => a.id === id);
  if (!ambition) throw new NotFoundError();
  return ambition;
}

export const addAmbition = agendaUseCase(agendaActions.edit, z.object(ambitionFields), async (tx, input, ctx, agenda) => {
  const parts = await ambitionParts(tx, agenda, input as unknown as AmbitionInput);
  const all = await agendaAmbitionsOf(tx, agenda.id);
  if (all.length >= MAX_AMBITIONS) throw ValidationError.field('title', 'agenda.editor.error.tooManyAmbitions', { maximum: MAX_AMBITIONS });
  const now = nowIso();
  const row = {
    id: newId(), agenda_id: agenda.id, municipality_id: agenda.municipalityId, theme_id: input.themeId, source_ambition_id: null, title: input.title, body: input.body,
    why: input.why ?? null, horizon: Number(input.horizon), own_goal: input.ownGoal ? 1 : 0,
    position: all.filter((a) => a.themeId === input.themeId).reduce((p, a) => Math.max(p, a.position + 1), 0), created_at: now, updated_at: now,
  };
  await tx.insertInto('agenda_ambitions').values(row).execute();
  await writeParts(tx, agenda, row.id, parts);
  return { result: { id: row.id, path: ambitionPath(ctx, agenda, row.id) }, changes: [{ action: 'agenda.ambition.add', after: { ...row, ...auditParts(parts) } }] };
});

/** Everything of an ambition, its theme included (moved to another theme, it goes last there); values and steps are replaced. */
export const editAmbition = agendaUseCase(agendaActions.edit, z.object({ ...ambitionFields, ambitionId: idField }), async (tx, input, ctx, agenda) => {
  const ambition = await ambitionOf(tx, agenda, input.ambitionId);
  const parts = await ambitionParts(tx, agenda, input as unknown as AmbitionInput);
  const all = await agendaAmbitionsOf(tx, agenda.id);
  const position = input.themeId === ambition.themeId ? ambition.position : all.filter((a) => a.themeId === input.themeId).reduce((p, a) => Math.max(p, a.position + 1), 0);
  const values = { theme_id: input.themeId, title: input.title, body: input.body, why: input.why ?? null, horizon: Number(input.horizon), own_goal: input.ownGoal ? 1 : 0, position };
  await tx.updateTable('agenda_ambitions').set({ ...values, updated_at: nowIso() }).where('id', '=', ambition.id).execute();
  await writeParts(tx, agenda, ambition.id, parts);
  return {
    result: { id: ambition.id, path: ambitionPath(ctx, agenda, ambition.id) },
    changes: [{
      action: 'agenda.ambition.edit',
      before: {
        id: ambition.id, theme_id: ambition.themeId, title: ambition.title, body: ambition.body, why: ambition.why, horizon: ambition.horizon, own_goal: ambition.ownGoal ? 1 : 0,
        values: ambition.values.map((v) => v.valueId), steps: ambition.steps.map((s) => ({ step: s.step, carrier: s.carrier })),
      },
      after: { id: ambition.id, ...values, ...auditParts(parts) },
    }],
  };
});

export const moveAmbition = agendaUseCase(agendaActions.edit, z.object({ ...base, ambitionId: idField, direction: directionField }), async (tx, input, ctx, agenda) => {
  const ambition = await ambitionOf(tx, agenda, input.ambitionId);
  const siblings = (await agendaAmbitionsOf(tx, agenda.id)).filter((a) => a.themeId === ambition.themeId);
  const before = [...siblings].sort((a, b) => a.position - b.position).map((a) => a.id);
  const after = await swap(tx, 'agenda_ambitions', siblings, ambition.id, input.direction);
  return { result: { id: ambition.id, path: editPath(ctx, agenda, `#ambitie-${ambition.id}`) }, changes: [{ action: 'agenda.ambition.move', before: { theme_id: ambition.themeId, order: before }, after: { theme_id: ambition.themeId, order: after } }] };
});

/** Removes the ambition from the rows; frozen versions keep it. */
export const removeAmbition = agendaUseCase(agendaActions.edit, z.object({ ...base, ambitionId: idField }), async (tx, input, ctx, agenda) => {
  const ambition = await ambitionOf(tx, agenda, input.ambitionId);
  await tx.deleteFrom('agenda_ambitions').where('id', '=', ambition.id).execute();
  return { result: { id: ambition.id, path: editPath(ctx, agenda, `#thema-${ambition.themeId}`) }, changes: [{ action: 'agenda.ambition.remove', before: ambition }] };
});

// ---- the life: comments and adoption -------------------------------------------------------------

/** Days from one date to another, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** Freeze the rows as the next version (the document's draft, then published). */
async function freeze(tx: Tx, ctx: Context, agenda: Agenda, summary: string, decisionReference: string | null) {
  const content = await currentContent(tx, agenda);
  const current = (await tx.selectFrom('agendas').select('title').where('id', '=', agenda.id).executeTakeFirstOrThrow()).title;
  const ref = { municipalityId: agenda.municipalityId, documentId: agenda.documentId };
  const saved = await saveDraft(tx, { ...ref, title: current, content });
  const published = await publishDraft(tx, { ...ref, summary, publishedBy: ctx.actor, decisionReference });
  return { version: published.result, audit: [...saved.audit, ...published.audit] };
}

/** The summit's default-plan milestones with these template keys, done on `day` (those already done keep their day). */
async function tickMilestones(tx: Tx, agenda: Agenda, keys: readonly string[], day: string): Promise<AuditEntry[]> {
  if (!agenda.summitId) return [];
  const open = (await milestonesOf(tx, agenda.summitId)).filter((m) => m.templateKey && keys.includes(m.templateKey) && !m.doneOn);
  for (const m of open) await tx.updateTable('summit_milestones').set({ done_on: day }).where('id', '=', m.id).execute();
  return open.map((m) => ({
    action: 'summit.milestone.done', entityType: 'summit', entityId: agenda.summitId!, municipalityId: agenda.municipalityId,
    before: { id: m.id, done_on: null }, after: { id: m.id, done_on: day, by: 'agenda', agenda_id: agenda.id },
  }));
}

/**
 * Freeze the rows as the concept residents comment on and set the comment period (it opens today
 * or later and lasts MIN–MAX_COMMENT_DAYS days, the closing day included). Again after a period
 * passed: a second concept, a new period.
 */
export const openComments = agendaUseCase(agendaActions.edit, z.object({
  ...base, opensOn: dateField, closesOn: dateField, summary: optionalLongText(2000),
}), async (tx, input, ctx, agenda) => {
  const today = agendaToday();
  const phase = phaseOf(agenda, today);
  const issues: FieldIssue[] = [];
  if (phase !== 'draft' && phase !== 'revision') throw ValidationError.field('opensOn', `agenda.editor.error.openIn.${phase}`);
  if (!isCalendarDate(input.opensOn)) issues.push({ field: 'opensOn', key: 'agenda.editor.error.date' });
  else if (input.opensOn < today) issues.push({ field: 'opensOn', key: 'agenda.editor.error.opensInPast' });
  if (!isCalendarDate(input.closesOn)) issues.push({ field: 'closesOn', key: 'agenda.editor.error.date' });
  else if (isCalendarDate(input.opensOn)) {
    const days = daysBetween(input.opensOn, input.closesOn) + 1;
    if (days < MIN_COMMENT_DAYS || days > MAX_COMMENT_DAYS) issues.push({ field: 'closesOn', key: 'agenda.editor.error.periodLength', params: { min: MIN_COMMENT_DAYS, max: MAX_COMMENT_DAYS } });
  }
  if ((await agendaAmbitionsOf(tx, agenda.id)).length === 0) issues.push({ field: 'opensOn', key: 'agenda.editor.error.empty' });
  if (issues.length) throw new ValidationError(issues);
  const t = translator(DATA_LOCALE);
  const summary = input.summary ?? t(agenda.conceptVersion ? 'agenda.editor.summary.againConcept' : 'agenda.editor.summary.concept', { opens: input.opensOn, closes: input.closesOn });
  const frozen = await freeze(tx, ctx, agenda, summary, null);
  const values = { status: 'consultation' as const, comments_open_on: input.opensOn, comments_close_on: input.closesOn, concept_version: frozen.version.number };
  await tx.updateTable('agendas').set(values).where('id', '=', agenda.id).execute();
  const ticked = await tickMilestones(tx, agenda, ['draft'], today);
  return {
    result: { id: agenda.id, version: frozen.version.number, path: editPath(ctx, agenda) },
    changes: [{ action: 'agenda.comments.open', before: { status: agenda.status, comments_open_on: agenda.commentsOpenOn, comments_close_on: agenda.commentsCloseOn, concept_version: agenda.conceptVersion }, after: values }],
    extra: [...frozen.audit, ...ticked],
  };
});

/**
 * Record the adoption once the comment period has passed: who adopted it, how, on what day (not in
 * the future, after the period closed) and with what decision reference; the rows are frozen as
 * the adopted version. The summit's plan has its comments and adoption milestones ticked off, and
 * a held summit is closed (unless asked to keep it open).
 */
export const adoptAgenda = agendaUseCase(agendaActions.adopt, z.object({
  ...base,
  adoptedBy: text(160),
  method: choice(ADOPTION_METHODS),
  note: optionalText(500),
  adoptedOn: dateField,
  decisionReference: optionalText(100),
  summary: optionalLongText(2000),
  /** Leave a held summit held (e.g. its working groups still meet); by default adoption closes it. */
  keepSummitOpen: flag(),
}), async (tx, input, ctx, agenda) => {
  const today = agendaToday();
  const phase = phaseOf(agenda, today);
  if (phase !== 'revision') throw ValidationError.field('adoptedOn', `agenda.editor.error.adoptIn.${phase}`);
  if (!isCalendarDate(input.adoptedOn)) throw ValidationError.field('adoptedOn', 'agenda.editor.error.date');
  if (input.adoptedOn > today) throw ValidationError.field('adoptedOn', 'agenda.editor.error.adoptedInFuture');
  if (input.adoptedOn <= agenda.commentsCloseOn!) throw ValidationError.field('adoptedOn', 'agenda.editor.error.adoptedBeforeClose', { date: agenda.commentsCloseOn! });
  const t = translator(DATA_LOCALE);
  const summary = input.summary ?? t('agenda.editor.summary.adopted', { body: input.adoptedBy, date: input.adoptedOn });
  const frozen = await freeze(tx, ctx, agenda, summary, input.decisionReference ?? null);
  const values = {
    status: 'adopted' as const, adopted_by: input.adoptedBy, adoption_method: input.method, adoption_note: input.note ?? null, adopted_on: input.adoptedOn, adopted_version: frozen.version.number,
  };
  await tx.updateTable('agendas').set(values).where('id', '=', agenda.id).execute();
  const extra = [...frozen.audit, ...(await tickMilestones(tx, agenda, ['draft', 'comments'], agenda.commentsCloseOn!)), ...(await tickMilestones(tx, agenda, ['adoption'], input.adoptedOn))];
  const summit = agenda.summitId ? await findSummit(tx, agenda.municipalityId, agenda.summitId) : null;
  if (summit && summit.status === 'held' && !input.keepSummitOpen) {
    // The summit's life ends with its agenda adopted: as its own status use case would record it.
    const now = nowIso();
    const note = t('agenda.editor.summitClosedNote', { title: agenda.title });
    await tx.insertInto('summit_status_changes').values({ id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, status: 'closed', changed_at: now, note }).execute();
    await tx.updateTable('summits').set({ status: 'closed', status_since: now, updated_at: now }).where('id', '=', summit.id).execute();
    extra.push({
      action: 'summit.status', entityType: 'summit', entityId: summit.id, municipalityId: summit.municipalityId,
      before: { status: summit.status, status_since: summit.statusSince }, after: { status: 'closed', changed_at: now, note },
    });
  }
  return {
    result: { id: agenda.id, version: frozen.version.number, path: agendaPath(ctx.tenant!.slug, agenda.id) },
    changes: [{ action: 'agenda.adopt', before: { status: agenda.status }, after: { ...values, decision_reference: input.decisionReference ?? null } }],
    extra,
  };
});
