import { changesOf, type RecordChange } from '../../platform/audit.js';
import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import { choice, dateText, longText, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { agendaAndResource } from './access.js';
import { isOpen, inReportedOrder, progressIssues } from './follow-up-model.js';
import { continuationsOf } from './follow-up-store.js';
import { MAX_AMBITIONS, MAX_TEXT, MAX_THEMES, PROGRESS_STATUSES, type ProgressStatus } from './model.js';
import { agendaAmbitionPath, agendaEditPath } from './paths.js';
import { agendaActions } from './policy.js';
import { AGENDA_ENTITY, agendaToday } from './service.js';
import { agendaAmbitionsOf, findAgenda, progressOf, themesOf, type Agenda } from './store.js';

/**
 * Use cases of the follow-up (policy `agenda.edit` → validation → one transaction → audit):
 * an adopted agenda's working group per ambition (names as the organisers write them), progress
 * updates per ambition and their corrections (the update as it was is kept beside it and in the
 * audit), and carrying the open ambitions of an adopted agenda over into the next one.
 */
/** Today in Amsterdam, as YYYY-MM-DD (the drafting's clock, so tests and pages agree on the day). */

const idField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });
const dayField = dateText();


/** A use case on one agenda (`agendaId`), judged on it with `agenda.edit`. */
function followUpUseCase<S extends z.ZodObject<{ agendaId: typeof idField }>, R>(
  schema: S, run: (tx: Tx, input: z.output<S>, ctx: Context, agenda: Agenda) => Promise<{ result: R; audit: RecordChange[] }>,
) {
  return defineUseCase({
    action: agendaActions.edit,
    input: schema,
    async resource(tx, input, ctx) {
      return (await agendaAndResource(tx, ctx, input.agendaId)).resource;
    },
    async run(tx, input, ctx) {
      const { agenda } = await agendaAndResource(tx, ctx, input.agendaId);
      const { result, audit } = await run(tx, input, ctx, agenda);
      return {
        result,
        audit: changesOf({ type: AGENDA_ENTITY, id: agenda.id, municipalityId: agenda.municipalityId }, audit),
      };
    },
  });
}

/** Follow-up is for adopted agendas only. */
function adoptedOn(agenda: Agenda): string {
  if (agenda.status !== 'adopted' || !agenda.adoptedOn) throw new ConflictError('agenda.followUp.error.notAdopted');
  return agenda.adoptedOn;
}

async function ambitionOf(tx: Tx, agenda: Agenda, id: string) {
  const row = await tx.selectFrom('agenda_ambitions').select(['id', 'title']).where('agenda_id', '=', agenda.id).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

// ---- working groups ----------------------------------------------------------------------------

/** Someone in an ambition's working group, by name as the organisers write it, with a role if they want. */
export const addAmbitionMember = followUpUseCase(
  z.object({ agendaId: idField, ambitionId: idField, name: text(120), role: optionalText(120) }),
  async (tx, input, ctx, agenda) => {
    adoptedOn(agenda);
    const ambition = await ambitionOf(tx, agenda, input.ambitionId);
    const row = { id: newId(), ambition_id: ambition.id, municipality_id: agenda.municipalityId, name: input.name, role: input.role ?? null, created_at: nowIso() };
    await tx.insertInto('agenda_members').values(row).execute();
    return { result: { id: row.id, path: `${agendaAmbitionPath(ctx.tenant!.slug, agenda.id, ambition.id)}#werkgroep` }, audit: [{ action: 'agenda.member.add', after: row }] };
  },
);

export const removeAmbitionMember = followUpUseCase(
  z.object({ agendaId: idField, ambitionId: idField, id: idField }),
  async (tx, input, ctx, agenda) => {
    adoptedOn(agenda);
    const ambition = await ambitionOf(tx, agenda, input.ambitionId);
    const row = await tx.selectFrom('agenda_members').selectAll().where('ambition_id', '=', ambition.id).where('id', '=', input.id).executeTakeFirst();
    if (!row) throw new NotFoundError();
    await tx.deleteFrom('agenda_members').where('id', '=', row.id).execute();
    return { result: { id: row.id, path: `${agendaAmbitionPath(ctx.tenant!.slug, agenda.id, ambition.id)}#werkgroep` }, audit: [{ action: 'agenda.member.remove', before: row }] };
  },
);

// ---- progress ----------------------------------------------------------------------------------

const progressFields = {
  agendaId: idField,
  ambitionId: idField,
  status: choice(PROGRESS_STATUSES),
  happened: longText(MAX_TEXT),
  next: optionalLongText(MAX_TEXT),
  reason: optionalLongText(MAX_TEXT),
  reportedOn: dayField,
};

function checkProgress(agenda: Agenda, input: { status: ProgressStatus; reason?: string; reportedOn: string }): void {
  const issues = progressIssues(input, { adoptedOn: adoptedOn(agenda) }, agendaToday());
  if (issues.length) throw new ValidationError(issues);
}

/** Where an ambition stands: a status, what happened, what is next, a reason (needed when dropped), and the day it speaks for. */
export const addProgress = followUpUseCase(z.object(progressFields), async (tx, input, ctx, agenda) => {
  adoptedOn(agenda);
  const ambition = await ambitionOf(tx, agenda, input.ambitionId);
  checkProgress(agenda, input);
  const row = {
    id: newId(), ambition_id: ambition.id, municipality_id: agenda.municipalityId, status: input.status, happened: input.happened, next: input.next ?? null,
    reason: input.reason ?? null, reported_on: input.reportedOn, created_at: nowIso(),
  };
  await tx.insertInto('agenda_progress').values(row).execute();
  return { result: { id: row.id, path: `${agendaAmbitionPath(ctx.tenant!.slug, agenda.id, ambition.id)}#voortgang-${row.id}` }, audit: [{ action: 'agenda.progress.add', after: row }] };
});

/**
 * A correction of an update (a wrong date, a status that was not right): the update changes, what
 * it said before is kept beside it (shown on the page) and in the audit — never a silent edit.
 */
export const correctProgress = followUpUseCase(z.object({ ...progressFields, id: idField }), async (tx, input, ctx, agenda) => {
  adoptedOn(agenda);
  const ambition = await ambitionOf(tx, agenda, input.ambitionId);
  const old = await tx.selectFrom('agenda_progress').selectAll().where('ambition_id', '=', ambition.id).where('id', '=', input.id).executeTakeFirst();
  if (!old) throw new NotFoundError();
  checkProgress(agenda, input);
  const values = { status: input.status, happened: input.happened, next: input.next ?? null, reason: input.reason ?? null, reported_on: input.reportedOn };
  const before = { status: old.status, happened: old.happened, next: old.next, reason: old.reason, reported_on: old.reported_on };
  if (Object.entries(values).every(([k, v]) => before[k as keyof typeof before] === v)) throw ValidationError.field('happened', 'agenda.followUp.error.unchanged');
  await tx.updateTable('agenda_progress').set(values).where('id', '=', old.id).execute();
  await tx.insertInto('agenda_progress_corrections').values({
    id: newId(), progress_id: old.id, municipality_id: agenda.municipalityId, corrected_at: nowIso(),
    before: JSON.stringify({ status: old.status, happened: old.happened, next: old.next, reason: old.reason, reportedOn: old.reported_on }),
  }).execute();
  return {
    result: { id: old.id, path: `${agendaAmbitionPath(ctx.tenant!.slug, agenda.id, ambition.id)}#voortgang-${old.id}` },
    audit: [{ action: 'agenda.progress.correct', before: { id: old.id, ...before }, after: { id: old.id, ...values } }],
  };
});

// ---- the four-year cycle -----------------------------------------------------------------------

/** The previous agenda's ambitions with where each stands now, and whether it goes on into the next agenda. */
export async function openAmbitionsOf(tx: Tx, previous: Agenda) {
  const themeOrder = new Map((await themesOf(tx, previous.id)).map((t) => [t.id, t.position]));
  const ambitions = (await agendaAmbitionsOf(tx, previous.id))
    .sort((a, b) => (themeOrder.get(a.themeId) ?? 0) - (themeOrder.get(b.themeId) ?? 0) || a.position - b.position);
  const updates = await progressOf(tx, ambitions.map((a) => a.id));
  return ambitions.map((ambition) => {
    const last = inReportedOrder(updates.filter((u) => u.ambitionId === ambition.id)).at(-1);
    const status: ProgressStatus = last?.status ?? 'notStarted';
    return { ambition, status, open: isOpen(status) };
  });
}

/** The agenda a draft follows, when it names one that was adopted. */
export async function previousAgendaOf(tx: Tx, agenda: Agenda): Promise<Agenda | null> {
  if (!agenda.previousAgendaId) return null;
  const previous = await findAgenda(tx, agenda.municipalityId, agenda.previousAgendaId);
  return previous && previous.status === 'adopted' && previous.areaCode === agenda.areaCode ? previous : null;
}

/** What carrying over would do for an agenda: its previous agenda, the open ambitions still to take over, those taken over already, and those that stay behind. */
export async function carryOverState(db: Tx, agenda: Agenda) {
  const previous = await previousAgendaOf(db, agenda);
  if (!previous) return { previous: null, open: [], done: [], left: [] };
  const done = new Set((await continuationsOf(db, agenda.id)).map((c) => c.previousAmbitionId));
  const all = await openAmbitionsOf(db, previous);
  return {
    previous,
    open: all.filter((a) => a.open && !done.has(a.ambition.id)).map((a) => a.ambition),
    done: all.filter((a) => done.has(a.ambition.id)).map((a) => a.ambition),
    left: all.filter((a) => !a.open && !done.has(a.ambition.id)).map((a) => ({ ambition: a.ambition, status: a.status })),
  };
}

/**
 * The four-year cycle: a new agenda that names the previous one takes over that agenda's open
 * ambitions (neither achieved nor dropped) with their theme (one of the same name, or a new one
 * at the end), public values, first steps and carriers, each marked as continuing the one it
 * came from. An ambition already carried over is not copied again; the new agenda must still be
 * in the making (not adopted).
 */
export const carryOver = followUpUseCase(z.object({ agendaId: idField }), async (tx, input, ctx, agenda) => {
  if (agenda.status === 'adopted') throw new ConflictError('agenda.followUp.error.targetAdopted');
  const { previous, open: toCarry } = await carryOverState(tx, agenda);
  if (!previous) throw new ConflictError('agenda.followUp.error.noPrevious');
  if (toCarry.length === 0) throw ValidationError.field('', 'agenda.followUp.error.nothingToCarry');

  const previousThemes = new Map((await themesOf(tx, previous.id)).map((t) => [t.id, t]));
  const themes = await themesOf(tx, agenda.id);
  const rows = await tx.selectFrom('agenda_ambitions').select(['theme_id', 'position']).where('agenda_id', '=', agenda.id).execute();
  const nextPosition = new Map<string, number>();
  for (const r of rows) nextPosition.set(r.theme_id, Math.max(nextPosition.get(r.theme_id) ?? 0, Number(r.position) + 1));
  const key = (name: string) => name.trim().toLocaleLowerCase('nl');
  const themeIdByName = new Map(themes.map((t) => [key(t.name), t.id]));
  const newThemeNames = [...new Set(toCarry.map((a) => previousThemes.get(a.themeId)?.name ?? '').filter((n) => n && !themeIdByName.has(key(n))))];
  if (themes.length + newThemeNames.length > MAX_THEMES) throw ValidationError.field('', 'agenda.followUp.error.tooManyThemes', { maximum: MAX_THEMES });
  if (rows.length + toCarry.length > MAX_AMBITIONS) throw ValidationError.field('', 'agenda.followUp.error.tooManyAmbitions', { maximum: MAX_AMBITIONS });

  const m = agenda.municipalityId;
  const now = nowIso();
  let themePosition = Math.max(-1, ...themes.map((t) => t.position));
  const createdThemes: Array<{ id: string; name: string }> = [];
  for (const name of newThemeNames) {
    const row = { id: newId(), agenda_id: agenda.id, municipality_id: m, name: name.trim(), position: ++themePosition };
    await tx.insertInto('agenda_themes').values(row).execute();
    themeIdByName.set(key(name), row.id);
    createdThemes.push({ id: row.id, name: row.name });
  }
  const carried: Array<{ id: string; continues: string; title: string }> = [];
  for (const a of toCarry) {
    const themeId = themeIdByName.get(key(previousThemes.get(a.themeId)?.name ?? ''));
    if (!themeId) continue; // an ambition of the previous agenda always has a theme; this only guards the types
    const position = nextPosition.get(themeId) ?? 0;
    nextPosition.set(themeId, position + 1);
    const id = newId();
    await tx.insertInto('agenda_ambitions').values({
      id, agenda_id: agenda.id, municipality_id: m, theme_id: themeId, source_ambition_id: null, title: a.title, body: a.body, why: a.why, horizon: a.horizon,
      own_goal: a.ownGoal ? 1 : 0, position, created_at: now, updated_at: now,
    }).execute();
    if (a.values.length) await tx.insertInto('agenda_ambition_values').values(a.values.map((v) => ({ id: newId(), ambition_id: id, municipality_id: m, value_id: v.valueId, name_nl: v.nameNl, name_en: v.nameEn }))).execute();
    if (a.steps.length) await tx.insertInto('agenda_steps').values(a.steps.map((s, i) => ({ id: newId(), ambition_id: id, municipality_id: m, position: i, step: s.step, carrier: s.carrier }))).execute();
    await tx.insertInto('agenda_continuations').values({ ambition_id: id, municipality_id: m, agenda_id: agenda.id, previous_ambition_id: a.id, previous_agenda_id: previous.id, created_at: now }).execute();
    carried.push({ id, continues: a.id, title: a.title });
  }
  await tx.updateTable('agendas').set({ revision: agenda.revision + 1, updated_at: now }).where('id', '=', agenda.id).execute();
  return {
    result: { count: carried.length, ids: carried.map((c) => c.id), path: agendaEditPath(ctx.tenant!.slug, agenda.id) },
    audit: [{ action: 'agenda.carryOver', after: { previousAgendaId: previous.id, ambitions: carried, themes: createdThemes } }],
  };
});
