import { changesOf, type RecordChange } from '../../platform/audit.js';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { isFormKey } from '../../platform/http/form-keys.js';
import type { Resource } from '../../platform/policy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import { choice, flag, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { listPublicValues } from '../municipality/index.js';
import { HORIZONS, MAX_AMBITION_TEXT, MAX_DOTS, MAX_STEPS, OBJECTION_RESOLUTIONS, captureIsOpen, plenaryIsOpen, stepsOf } from './day-model.js';
import { summitActions } from './policy.js';
import { amsterdamParts, amsterdamToday, resourceOfSummit, summitPath, SUMMIT_ENTITY } from './service.js';
import { findAmbition, findTable, type Ambition, type DayTable } from './day-store.js';
import { findGroup, findSummit, linksOf, type Summit } from './store.js';

/**
 * Use cases of the day (policy → validation → one transaction → audit): rounds and tables with
 * their facilitator links, capturing and correcting ambitions at a table, and the plenary
 * (consent, objections and their resolution, dots). An ambition is committed with its values,
 * facts and steps in one transaction before the answer; a form's one-time key is kept on it, so a
 * retry of the same submission finds it instead of making a second one.
 */
export const dayPath = (slug: string, summitId: string) => `${summitPath(slug, summitId)}/dag`;
export const plenaryPath = (slug: string, summitId: string) => `${summitPath(slug, summitId)}/plenair`;
export const outcomePath = (slug: string, summitId: string) => `${summitPath(slug, summitId)}/ambities`;
export const tablePath = (slug: string, summitId: string, tableId: string, token: string) => `${dayPath(slug, summitId)}/tafels/${tableId}/${token}`;

const idField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });
const idList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(64)).max(40, { message: 'validation.tooLong' }));

// ---- facilitator links ---------------------------------------------------------------------------

/** The secret of a table's facilitator link: a keyed hash of the table and its salt, never stored. A new salt revokes the old link. */
export function tableToken(secret: string, table: Pick<DayTable, 'id' | 'linkSalt'>): string {
  return createHmac('sha256', secret).update(`summit-table\u0000${table.id}\u0000${table.linkSalt}`).digest('base64url').slice(0, 32);
}

export function tokenMatches(secret: string, table: Pick<DayTable, 'id' | 'linkSalt'>, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(tableToken(secret, table));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const newSalt = () => randomBytes(12).toString('base64url');

// ---- loading -------------------------------------------------------------------------------------

async function summitOf(tx: Tx, ctx: Context, id: string): Promise<Summit> {
  const summit = ctx.tenant ? await findSummit(tx, ctx.tenant.id, id) : null;
  if (!summit) throw new NotFoundError();
  return summit;
}

async function tableOfSummit(tx: Db, summit: Summit, id: string): Promise<DayTable> {
  const table = await findTable(tx, summit.id, id);
  if (!table) throw new NotFoundError();
  return table;
}

async function ambitionOfSummit(tx: Db, summit: Summit, id: string): Promise<Ambition> {
  const ambition = await findAmbition(tx, summit.id, id);
  if (!ambition) throw new NotFoundError();
  return ambition;
}

/** What a table's page is judged on: the summit's organisers, and `tableLink` when the link's secret is this table's. */
export async function tableResource(db: Db, ctx: Context, summit: Summit, table: DayTable, token: string | undefined): Promise<Resource> {
  return { ...(await resourceOfSummit(db, summit)), tableLink: tokenMatches(ctx.platform.secret, table, token) };
}


/** A use case on a summit's day: `action` decides (judged on the summit, or the table when `tableId` is given). */
function dayUseCase<S extends z.ZodObject<{ summitId: typeof idField }>, R>(
  action: string, schema: S, run: (tx: Tx, input: z.output<S>, ctx: Context, summit: Summit) => Promise<{ result: R; audit: RecordChange[] }>,
) {
  return defineUseCase({
    action,
    input: schema,
    async resource(tx, input, ctx) {
      const summit = await summitOf(tx, ctx, input.summitId);
      const { tableId, token } = input as { tableId?: string; token?: string };
      return tableId ? tableResource(tx, ctx, summit, await tableOfSummit(tx, summit, tableId), token) : resourceOfSummit(tx, summit);
    },
    async run(tx, input, ctx) {
      const summit = await summitOf(tx, ctx, input.summitId);
      const { result, audit } = await run(tx, input, ctx, summit);
      return {
        result,
        audit: changesOf({ type: SUMMIT_ENTITY, id: summit.id, municipalityId: summit.municipalityId }, audit),
      };
    },
  });
}

const summitDay = (summit: Summit) => amsterdamParts(summit.startsAt).date;

// ---- rounds and tables ---------------------------------------------------------------------------

export const setDotVoting = dayUseCase(summitActions.organise, z.object({ summitId: idField, enabled: flag() }), async (tx, input, ctx, summit) => {
  const now = nowIso();
  const dotVoting = input.enabled ? 1 : 0;
  await tx.insertInto('summit_days').values({ summit_id: summit.id, municipality_id: summit.municipalityId, dot_voting: dotVoting, updated_at: now })
    .onConflict((oc) => oc.column('summit_id').doUpdateSet({ dot_voting: dotVoting, updated_at: now })).execute();
  return { result: { id: summit.id, path: plenaryPath(ctx.tenant!.slug, summit.id) }, audit: [{ action: 'summit.day.dots', after: { dot_voting: input.enabled } }] };
});

export const addRound = dayUseCase(summitActions.organise, z.object({ summitId: idField, name: text(80) }), async (tx, input, ctx, summit) => {
  const last = await tx.selectFrom('summit_rounds').select((eb) => eb.fn.max('position').as('p')).where('summit_id', '=', summit.id).executeTakeFirst();
  const row = { id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, name: input.name, position: Number(last?.p ?? -1) + 1, created_at: nowIso() };
  await tx.insertInto('summit_rounds').values(row).execute();
  return { result: { id: row.id, path: `${dayPath(ctx.tenant!.slug, summit.id)}#rondes` }, audit: [{ action: 'summit.day.round.add', after: row }] };
});

/** A table in a round, on the theme of one of the summit's working groups, with its facilitator (a name, no account). */
export const addTable = dayUseCase(summitActions.organise, z.object({ summitId: idField, roundId: idField, groupId: idField, facilitator: text(120) }), async (tx, input, ctx, summit) => {
  const round = await tx.selectFrom('summit_rounds').select('id').where('summit_id', '=', summit.id).where('id', '=', input.roundId).executeTakeFirst();
  const group = await findGroup(tx, summit.id, input.groupId);
  const issues: FieldIssue[] = [];
  if (!round) issues.push({ field: 'roundId', key: 'validation.choice' });
  if (!group) issues.push({ field: 'groupId', key: 'validation.choice' });
  if (issues.length) throw new ValidationError(issues);
  const row = { id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, round_id: round!.id, group_id: group!.id, theme_name: group!.name, facilitator: input.facilitator, link_salt: newSalt(), created_at: nowIso() };
  await tx.insertInto('summit_tables').values(row).execute();
  const { link_salt: _salt, ...audited } = row;
  return { result: { id: row.id, path: `${dayPath(ctx.tenant!.slug, summit.id)}#tafel-${row.id}` }, audit: [{ action: 'summit.day.table.add', after: audited }] };
});

/** A new facilitator link for a table; the old one stops working. */
export const renewTableLink = dayUseCase(summitActions.organise, z.object({ summitId: idField, id: idField }), async (tx, input, ctx, summit) => {
  const table = await tableOfSummit(tx, summit, input.id);
  await tx.updateTable('summit_tables').set({ link_salt: newSalt() }).where('id', '=', table.id).execute();
  return { result: { id: table.id, path: `${dayPath(ctx.tenant!.slug, summit.id)}#tafel-${table.id}` }, audit: [{ action: 'summit.day.table.link', after: { id: table.id } }] };
});

// ---- ambitions -----------------------------------------------------------------------------------

const stepFields = Object.fromEntries(Array.from({ length: MAX_STEPS }, (_, i) => [[`step_${i + 1}`, optionalText(300)], [`carrier_${i + 1}`, optionalText(120)]]).flat()) as Record<string, ReturnType<typeof optionalText>>;

const ambitionFields = {
  summitId: idField,
  tableId: idField,
  token: z.string().max(64).optional(),
  title: text(160),
  body: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(MAX_AMBITION_TEXT, { message: 'validation.tooLong' }),
  why: optionalLongText(MAX_AMBITION_TEXT),
  horizon: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), choice(HORIZONS.map(String) as ['5', '10'])),
  values: idList,
  facts: idList,
  ...stepFields,
};
type AmbitionInput = { values: string[]; facts: string[]; horizon: '5' | '10'; title: string; body: string; why?: string } & Record<string, unknown>;

/** Checks the values, facts and steps against the municipality and the table's working group, and gives the rows to write. */
async function ambitionParts(tx: Tx, summit: Summit, table: DayTable, input: AmbitionInput) {
  const issues: FieldIssue[] = [];
  const publicValues = await listPublicValues(tx, summit.municipalityId);
  const values = input.values.map((id) => publicValues.find((v) => v.id === id));
  if (values.some((v) => !v)) issues.push({ field: 'values', key: 'validation.choice' });
  const groupLinks = table.groupId ? await linksOf(tx, [table.groupId]) : [];
  const facts = input.facts.map((id) => groupLinks.find((l) => l.id === id));
  if (facts.some((f) => !f)) issues.push({ field: 'facts', key: 'validation.choice' });
  const raw = Array.from({ length: MAX_STEPS }, (_, i) => ({ step: input[`step_${i + 1}`] as string | undefined, carrier: input[`carrier_${i + 1}`] as string | undefined }));
  raw.forEach((r, i) => { if (!r.step && r.carrier) issues.push({ field: `step_${i + 1}`, key: 'summit.day.error.stepMissing' }); });
  if (issues.length) throw new ValidationError(issues);
  return {
    values: [...new Map(values.map((v) => [v!.id, v!])).values()],
    facts: [...new Map(facts.map((f) => [f!.id, f!])).values()],
    steps: stepsOf(raw),
  };
}

async function writeParts(tx: Tx, summit: Summit, ambitionId: string, parts: Awaited<ReturnType<typeof ambitionParts>>): Promise<void> {
  const m = summit.municipalityId;
  if (parts.values.length) await tx.insertInto('summit_ambition_values').values(parts.values.map((v) => ({ id: newId(), ambition_id: ambitionId, municipality_id: m, value_id: v.id, name_nl: v.name_nl, name_en: v.name_en }))).execute();
  if (parts.facts.length) await tx.insertInto('summit_ambition_facts').values(parts.facts.map((f) => ({ id: newId(), ambition_id: ambitionId, municipality_id: m, kind: f.kind, reference: f.reference }))).execute();
  if (parts.steps.length) await tx.insertInto('summit_ambition_steps').values(parts.steps.map((s, i) => ({ id: newId(), ambition_id: ambitionId, municipality_id: m, position: i, step: s.step, carrier: s.carrier }))).execute();
}

const auditParts = (parts: Awaited<ReturnType<typeof ambitionParts>>) => ({ values: parts.values.map((v) => v.id), facts: parts.facts.map((f) => `${f.kind}:${f.reference}`), steps: parts.steps });

function assertCaptureOpen(summit: Summit): void {
  if (!captureIsOpen(summit.status, summitDay(summit), amsterdamToday())) throw ValidationError.field('title', 'summit.day.error.closed');
}

/**
 * An ambition as a table formulated it. `submissionKey` is the form's one-time key: kept on the
 * ambition (unique), so whatever way a retry arrives, it can be led to this ambition.
 */
export const captureAmbition = dayUseCase(summitActions.facilitate, z.object({ ...ambitionFields, submissionKey: z.string().max(64).optional() }), async (tx, input, ctx, summit) => {
  const table = await tableOfSummit(tx, summit, input.tableId);
  assertCaptureOpen(summit);
  const parts = await ambitionParts(tx, summit, table, input as unknown as AmbitionInput);
  const now = nowIso();
  const row = {
    id: newId(), summit_id: summit.id, municipality_id: summit.municipalityId, table_id: table.id, group_id: table.groupId, theme_name: table.themeName,
    title: input.title, body: input.body, why: input.why ?? null, horizon: Number(input.horizon), submission_key: isFormKey(input.submissionKey) ? input.submissionKey : null,
    consent_at: null, dots: null, created_at: now, updated_at: now,
  };
  await tx.insertInto('summit_ambitions').values(row).execute();
  await writeParts(tx, summit, row.id, parts);
  const { submission_key: _key, ...audited } = row;
  return { result: { id: row.id, tableId: table.id }, audit: [{ action: 'summit.day.ambition.capture', after: { ...audited, ...auditParts(parts) } }] };
});

/** A table's facilitator corrects one of the table's ambitions during the day (values, facts and steps are replaced). */
export const correctAmbition = dayUseCase(summitActions.facilitate, z.object({ ...ambitionFields, id: idField }), async (tx, input, ctx, summit) => {
  const table = await tableOfSummit(tx, summit, input.tableId);
  const ambition = await ambitionOfSummit(tx, summit, input.id);
  if (ambition.tableId !== table.id) throw new NotFoundError();
  assertCaptureOpen(summit);
  const parts = await ambitionParts(tx, summit, table, input as unknown as AmbitionInput);
  const values = { title: input.title, body: input.body, why: input.why ?? null, horizon: Number(input.horizon), updated_at: nowIso() };
  await tx.updateTable('summit_ambitions').set(values).where('id', '=', ambition.id).execute();
  for (const child of ['summit_ambition_values', 'summit_ambition_facts', 'summit_ambition_steps'] as const) await tx.deleteFrom(child).where('ambition_id', '=', ambition.id).execute();
  await writeParts(tx, summit, ambition.id, parts);
  return {
    result: { id: ambition.id, tableId: table.id },
    audit: [{ action: 'summit.day.ambition.correct', before: { id: ambition.id, title: ambition.title, body: ambition.body, why: ambition.why, horizon: ambition.horizon }, after: { id: ambition.id, ...values, ...auditParts(parts) } }],
  };
});

// ---- the plenary ---------------------------------------------------------------------------------

function assertPlenaryOpen(summit: Summit, field: string): void {
  if (!plenaryIsOpen(summit.status, summitDay(summit), amsterdamToday())) throw ValidationError.field(field, 'summit.day.error.closed');
}

const toAmbition = (ctx: Context, summit: Summit, id: string) => `${plenaryPath(ctx.tenant!.slug, summit.id)}#ambitie-${id}`;

/** The plenary gives its consent to an ambition (or takes it back: `consent: false`). */
export const recordConsent = dayUseCase(summitActions.organise, z.object({ summitId: idField, id: idField, consent: flag() }), async (tx, input, ctx, summit) => {
  const ambition = await ambitionOfSummit(tx, summit, input.id);
  assertPlenaryOpen(summit, 'consent');
  const consentAt = input.consent ? nowIso() : null;
  await tx.updateTable('summit_ambitions').set({ consent_at: consentAt }).where('id', '=', ambition.id).execute();
  return { result: { id: ambition.id, path: toAmbition(ctx, summit, ambition.id) }, audit: [{ action: 'summit.day.consent', before: { id: ambition.id, consent_at: ambition.consentAt }, after: { id: ambition.id, consent_at: consentAt } }] };
});

/** An objection with its reason and, if the person wants, their name. */
export const addObjection = dayUseCase(summitActions.organise, z.object({ summitId: idField, id: idField, reason: text(500), raisedBy: optionalText(120) }), async (tx, input, ctx, summit) => {
  const ambition = await ambitionOfSummit(tx, summit, input.id);
  assertPlenaryOpen(summit, 'reason');
  const row = { id: newId(), ambition_id: ambition.id, municipality_id: summit.municipalityId, reason: input.reason, raised_by: input.raisedBy ?? null, resolution: 'open' as const, created_at: nowIso() };
  await tx.insertInto('summit_objections').values(row).execute();
  return { result: { id: row.id, path: toAmbition(ctx, summit, ambition.id) }, audit: [{ action: 'summit.day.objection.add', after: row }] };
});

/** How an objection was resolved: the ambition amended, the objection withdrawn, or it stands. */
export const resolveObjection = dayUseCase(summitActions.organise, z.object({ summitId: idField, id: idField, resolution: choice(OBJECTION_RESOLUTIONS) }), async (tx, input, ctx, summit) => {
  const objection = await tx.selectFrom('summit_objections').innerJoin('summit_ambitions', 'summit_ambitions.id', 'summit_objections.ambition_id')
    .select(['summit_objections.id', 'summit_objections.ambition_id', 'summit_objections.resolution']).where('summit_ambitions.summit_id', '=', summit.id).where('summit_objections.id', '=', input.id).executeTakeFirst();
  if (!objection) throw new NotFoundError();
  assertPlenaryOpen(summit, 'resolution');
  await tx.updateTable('summit_objections').set({ resolution: input.resolution }).where('id', '=', objection.id).execute();
  return { result: { id: objection.id, path: toAmbition(ctx, summit, objection.ambition_id) }, audit: [{ action: 'summit.day.objection.resolve', before: objection, after: { id: objection.id, resolution: input.resolution } }] };
});

/** The dots an ambition got (counted on paper at the venue); only when the organisers use dot-voting. Empty clears them. */
export const setDots = dayUseCase(summitActions.organise, z.object({
  summitId: idField, id: idField,
  dots: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(0, { message: 'validation.tooSmall' }).max(MAX_DOTS, { message: 'validation.tooBig' }).optional()),
}), async (tx, input, ctx, summit) => {
  const ambition = await ambitionOfSummit(tx, summit, input.id);
  const day = await tx.selectFrom('summit_days').select('dot_voting').where('summit_id', '=', summit.id).executeTakeFirst();
  if (Number(day?.dot_voting ?? 0) !== 1) throw ValidationError.field('dots', 'summit.day.error.noDots');
  assertPlenaryOpen(summit, 'dots');
  const dots = input.dots ?? null;
  await tx.updateTable('summit_ambitions').set({ dots }).where('id', '=', ambition.id).execute();
  return { result: { id: ambition.id, path: toAmbition(ctx, summit, ambition.id) }, audit: [{ action: 'summit.day.dots.count', before: { id: ambition.id, dots: ambition.dots }, after: { id: ambition.id, dots } }] };
});
