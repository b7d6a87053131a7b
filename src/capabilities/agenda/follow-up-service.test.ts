import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAgendaWorld, type AgendaWorld } from '../../../test/support/agenda-world.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { readAudit } from '../../platform/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { execute } from '../../platform/service.js';
import { addDays } from '../summit/model.js';
import { addAmbitionMember, addProgress, carryOver, correctProgress, removeAmbitionMember } from './follow-up-service.js';
import { agendaProgressOf, continuationsOf, correctionsOf } from './follow-up-store.js';
import { createAgenda, agendaToday } from './service.js';
import { agendaAmbitionsOf, agendaMembersOf, findAgenda, progressOf, themesOf } from './store.js';

const refusal = async (run: Promise<unknown>) => run.then(() => null, (e: unknown) => e);
const fieldsOf = async (run: Promise<unknown>) => {
  const error = await refusal(run);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => [i.field, i.key]);
};

describeEachEngine('agenda follow-up: use cases', (engine) => {
  let w: AgendaWorld;
  const db = () => w.tp.platform.db;
  const today = agendaToday();
  /** Adopted a year and a bit ago (test time travel: the use cases only record an adoption up to today). */
  const adoptedOn = addDays(today, -400);
  const count = async (table: 'agenda_progress' | 'agenda_members' | 'agenda_ambitions' | 'audit_log') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const update = (ambition: number, over: Record<string, unknown> = {}) => ({
    agendaId: w.agendaId, ambitionId: w.ambitionIds[ambition]!, status: 'underWay', happened: 'Eerste gesprek met de corporatie.', next: 'Een plan maken.', reason: '', reportedOn: addDays(today, -30), ...over,
  });

  beforeEach(async () => {
    w = await openAgendaWorld(engine, 'adopted');
    await db().updateTable('agendas').set({ adopted_on: adoptedOn }).where('id', '=', w.agendaId).execute();
  }, 90_000);
  afterEach(async () => { await w.close().catch(() => undefined); });

  it('keeps a working group per ambition: names as written, audited, removed again', async () => {
    const { id } = await execute(w.ctx.anna, addAmbitionMember, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, name: 'Fatima', role: 'trekker' });
    await execute(w.ctx.anna, addAmbitionMember, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, name: 'Henk', role: '' });
    expect((await agendaMembersOf(db(), [w.ambitionIds[0]!])).map((m) => [m.name, m.role])).toEqual([['Fatima', 'trekker'], ['Henk', null]]);
    expect((await readAudit(db(), { action: 'agenda.member.add' })).map((e) => e.after?.name).sort()).toEqual(['Fatima', 'Henk']);
    await execute(w.ctx.anna, removeAmbitionMember, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, id });
    expect((await agendaMembersOf(db(), [w.ambitionIds[0]!])).map((m) => m.name)).toEqual(['Henk']);
    const [removed] = await readAudit(db(), { action: 'agenda.member.remove' });
    expect(removed?.before).toMatchObject({ id, name: 'Fatima' });
    // A member of another ambition is not this one's to remove; a name is needed.
    expect(await refusal(execute(w.ctx.anna, removeAmbitionMember, { agendaId: w.agendaId, ambitionId: w.ambitionIds[1]!, id }))).toBeInstanceOf(NotFoundError);
    expect(await fieldsOf(execute(w.ctx.anna, addAmbitionMember, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, name: ' ' }))).toEqual([['name', 'validation.required']]);
  });

  it('records progress with its status, what happened and what is next, for the day it speaks for', async () => {
    const { id } = await execute(w.ctx.anna, addProgress, update(0));
    await execute(w.ctx.anna, addProgress, update(0, { status: 'achieved', happened: 'Tien ruilen gedaan.', next: '', reportedOn: today }));
    expect((await progressOf(db(), [w.ambitionIds[0]!])).map((u) => [u.status, u.happened, u.next, u.reportedOn])).toEqual([
      ['underWay', 'Eerste gesprek met de corporatie.', 'Een plan maken.', addDays(today, -30)], ['achieved', 'Tien ruilen gedaan.', null, today],
    ]);
    const entries = await readAudit(db(), { action: 'agenda.progress.add' });
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.after?.id === id)?.after).toMatchObject({ status: 'underWay', reported_on: addDays(today, -30) });
    // Dropping needs a reason; with one it is recorded.
    await execute(w.ctx.anna, addProgress, update(1, { status: 'dropped', reason: 'De corporatie verkoopt de woningen.' }));
    expect((await progressOf(db(), [w.ambitionIds[1]!]))[0]).toMatchObject({ status: 'dropped', reason: 'De corporatie verkoopt de woningen.' });
  });

  it('refuses bad updates naming the field — no reason when dropped, a day in the future or before the adoption, no day, no status — and writes nothing', async () => {
    const before = await Promise.all([count('agenda_progress'), count('audit_log')]);
    expect(await fieldsOf(execute(w.ctx.anna, addProgress, update(0, { status: 'dropped', reason: '  ' })))).toEqual([['reason', 'agenda.followUp.error.reasonRequired']]);
    expect(await fieldsOf(execute(w.ctx.anna, addProgress, update(0, { reportedOn: addDays(today, 1) })))).toEqual([['reportedOn', 'agenda.followUp.error.future']]);
    expect(await fieldsOf(execute(w.ctx.anna, addProgress, update(0, { reportedOn: addDays(adoptedOn, -1) })))).toEqual([['reportedOn', 'agenda.followUp.error.beforeAdoption']]);
    expect(await fieldsOf(execute(w.ctx.anna, addProgress, update(0, { reportedOn: '2026-02-30' })))).toEqual([['reportedOn', 'agenda.followUp.error.date']]);
    expect(await fieldsOf(execute(w.ctx.anna, addProgress, update(0, { status: 'klaar', happened: '', reportedOn: '' }))))
      .toEqual([['status', 'validation.choice'], ['happened', 'validation.required'], ['reportedOn', 'validation.required']]);
    // The adoption's own day is fine.
    await execute(w.ctx.anna, addProgress, update(0, { reportedOn: adoptedOn }));
    expect(await Promise.all([count('agenda_progress'), count('audit_log')])).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('corrects an update in the open: the update changes, what it said is kept and audited before and after', async () => {
    const { id } = await execute(w.ctx.anna, addProgress, update(2));
    await execute(w.ctx.anna, correctProgress, update(2, { id, status: 'notStarted', happened: 'Nog niets: de groep is net begonnen.', reportedOn: addDays(today, -20) }));
    expect((await progressOf(db(), [w.ambitionIds[2]!]))).toMatchObject([{ id, status: 'notStarted', happened: 'Nog niets: de groep is net begonnen.', reportedOn: addDays(today, -20) }]);
    expect((await correctionsOf(db(), [id])).map((c) => c.before)).toEqual([{ status: 'underWay', happened: 'Eerste gesprek met de corporatie.', next: 'Een plan maken.', reason: null, reportedOn: addDays(today, -30) }]);
    const [entry] = await readAudit(db(), { action: 'agenda.progress.correct' });
    expect(entry?.before).toMatchObject({ id, status: 'underWay', reported_on: addDays(today, -30) });
    expect(entry?.after).toMatchObject({ id, status: 'notStarted', reported_on: addDays(today, -20) });
    // The same rules hold; a "correction" that changes nothing is refused; another ambition's update is not found.
    expect(await fieldsOf(execute(w.ctx.anna, correctProgress, update(2, { id, status: 'dropped', reason: '' })))).toEqual([['reason', 'agenda.followUp.error.reasonRequired']]);
    expect(await fieldsOf(execute(w.ctx.anna, correctProgress, update(2, { id, status: 'notStarted', happened: 'Nog niets: de groep is net begonnen.', reportedOn: addDays(today, -20) }))))
      .toEqual([['happened', 'agenda.followUp.error.unchanged']]);
    expect(await refusal(execute(w.ctx.anna, correctProgress, update(1, { id })))).toBeInstanceOf(NotFoundError);
    expect(await correctionsOf(db(), [id])).toHaveLength(1);
  });

  it('is for the editorial team only, for adopted agendas only, and never across municipalities', async () => {
    // A draft (the next agenda of the area) has no follow-up yet.
    const { id: draft } = await execute(w.ctx.anna, createAgenda, { areaCode: w.n[1], organiserId: w.association, previousAgendaId: w.agendaId });
    const before = await Promise.all([count('agenda_progress'), count('agenda_members'), count('audit_log')]);
    expect(await refusal(execute(w.ctx.bert, addProgress, update(0)))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(execute(w.ctx.anonymous, addAmbitionMember, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, name: 'Piet' }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(execute({ ...w.ctx.anna, tenant: w.b }, addProgress, update(0)))).toBeInstanceOf(NotFoundError);
    expect(await refusal(execute(w.ctx.anna, addProgress, update(0, { ambitionId: 'onbekend' })))).toBeInstanceOf(NotFoundError);
    const error = await refusal(execute(w.ctx.anna, addAmbitionMember, { agendaId: draft, ambitionId: w.ambitionIds[0]!, name: 'Piet' }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).key).toBe('agenda.followUp.error.notAdopted');
    expect(((await refusal(execute(w.ctx.anna, addProgress, update(0, { agendaId: draft })))) as ConflictError).key).toBe('agenda.followUp.error.notAdopted');
    expect(await Promise.all([count('agenda_progress'), count('agenda_members'), count('audit_log')])).toEqual(before);
  });

  it('carries exactly the open ambitions over into the next agenda, with theme, values and steps, once', async () => {
    const [housing1, housing2, care1, ownGoal] = w.ambitionIds as [string, string, string, string];
    await execute(w.ctx.anna, addProgress, update(0, { status: 'achieved' }));
    await execute(w.ctx.anna, addProgress, update(1, { status: 'underWay' }));
    await execute(w.ctx.anna, addProgress, update(2, { status: 'dropped', reason: 'Geen vrijwilligers gevonden.' }));
    // A later "under way" after "achieved" counts: the last update is where it stands.
    const { id: next } = await execute(w.ctx.anna, createAgenda, { areaCode: w.n[1], organiserId: w.association, previousAgendaId: w.agendaId, firstYear: 2031 });
    const revision = (await findAgenda(db(), w.a.id, next))!.revision;
    const result = await execute(w.ctx.anna, carryOver, { agendaId: next });
    expect(result.count).toBe(2);
    const previous = await agendaAmbitionsOf(db(), w.agendaId);
    const carried = await agendaAmbitionsOf(db(), next);
    const strip = (a: (typeof carried)[number]) => ({ title: a.title, body: a.body, why: a.why, horizon: a.horizon, ownGoal: a.ownGoal, values: a.values, steps: a.steps.map((s) => [s.step, s.carrier]) });
    const continuations = await continuationsOf(db(), next);
    expect(continuations.map((c) => c.previousAmbitionId).sort()).toEqual([housing2, ownGoal].sort());
    expect(continuations.map((c) => c.ambitionId).sort()).toEqual(carried.map((a) => a.id).sort());
    expect(continuations.every((c) => c.previousAgendaId === w.agendaId)).toBe(true);
    const themeNames = async (agendaId: string) => new Map((await themesOf(db(), agendaId)).map((t) => [t.id, t.name]));
    const [oldThemes, newThemes] = [await themeNames(w.agendaId), await themeNames(next)];
    for (const c of continuations) {
      const copy = carried.find((a) => a.id === c.ambitionId)!;
      const original = previous.find((a) => a.id === c.previousAmbitionId)!;
      expect(strip(copy)).toEqual(strip(original));
      expect(copy.sourceAmbitionId).toBeNull();
      expect(newThemes.get(copy.themeId)).toBe(oldThemes.get(original.themeId));
    }
    // The themes come in the previous agenda's order.
    expect([...newThemes.values()]).toEqual([...oldThemes.values()]);
    expect((await findAgenda(db(), w.a.id, next))!.revision).toBe(revision + 1);
    const [entry] = await readAudit(db(), { action: 'agenda.carryOver' });
    expect(entry?.after).toMatchObject({ previousAgendaId: w.agendaId, ambitions: [{ continues: housing2 }, { continues: ownGoal }] });
    expect([housing1, care1].some((id) => carried.some((a) => a.title === previous.find((p) => p.id === id)!.title))).toBe(false);
    // Again: nothing left to carry; nothing copied twice.
    expect(await fieldsOf(execute(w.ctx.anna, carryOver, { agendaId: next }))).toEqual([['', 'agenda.followUp.error.nothingToCarry']]);
    expect(await agendaAmbitionsOf(db(), next)).toHaveLength(2);
    // Only editors; only into an agenda that names an adopted previous one; never into an adopted one.
    expect(await refusal(execute(w.ctx.bert, carryOver, { agendaId: next }))).toBeInstanceOf(ForbiddenError);
    const { id: alone } = await execute(w.ctx.anna, createAgenda, { areaCode: w.n[1], organiserId: w.association, firstYear: 2035 });
    expect(((await refusal(execute(w.ctx.anna, carryOver, { agendaId: alone }))) as ConflictError).key).toBe('agenda.followUp.error.noPrevious');
    expect(((await refusal(execute(w.ctx.anna, carryOver, { agendaId: w.agendaId }))) as ConflictError).key).toBe('agenda.followUp.error.targetAdopted');
  });

  it('shows progress over time: the status at the end of each year from the adoption, and totals per status', async () => {
    await execute(w.ctx.anna, addProgress, update(0, { status: 'underWay', reportedOn: adoptedOn }));
    await execute(w.ctx.anna, addProgress, update(0, { status: 'achieved', reportedOn: today }));
    await execute(w.ctx.anna, addProgress, update(2, { status: 'dropped', reason: 'Geen vrijwilligers.', reportedOn: addDays(today, -10) }));
    const agenda = (await findAgenda(db(), w.a.id, w.agendaId))!;
    const progress = await agendaProgressOf(db(), { ...agenda, adoptedOn }, today);
    const adoptionYear = Number(adoptedOn.slice(0, 4));
    const thisYear = Number(today.slice(0, 4));
    expect(progress.years[0]).toBe(Math.min(adoptionYear, agenda.firstYear));
    expect(progress.years.at(-1)).toBe(agenda.lastYear);
    const views = progress.themes.flatMap((t) => t.ambitions);
    expect(views.map((v) => v.status)).toEqual(['achieved', 'notStarted', 'dropped', 'notStarted']);
    const now = progress.years.indexOf(thisYear);
    expect(views.map((v) => v.byYear[now])).toEqual(['achieved', 'notStarted', 'dropped', 'notStarted']);
    expect(views[0]!.byYear[progress.years.indexOf(adoptionYear)]).toBe(adoptionYear === thisYear ? 'achieved' : 'underWay');
    expect(views[0]!.byYear.slice(now + 1).every((s) => s === null)).toBe(true);
    expect(progress.totals.now).toEqual({ notStarted: 2, underWay: 0, achieved: 1, dropped: 1 });
    expect(progress.totals.byYear.slice(now + 1).every((s) => s === null)).toBe(true);
  });
});
