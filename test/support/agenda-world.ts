import type { Engine } from '../../src/platform/db/connect.js';
import type { Db } from '../../src/platform/db/connect.js';
import { execute } from '../../src/platform/service.js';
import { addObjection, captureAmbition, recordConsent, resolveObjection } from '../../src/capabilities/summit/day-service.js';
import { addDays } from '../../src/capabilities/summit/model.js';
import { addAmbition, adoptAgenda, agendaToday, createAgenda, openComments } from '../../src/capabilities/agenda/service.js';
import { agendaAmbitionsOf, findAgenda, themesOf } from '../../src/capabilities/agenda/store.js';
import { ambitionForm, openSummitDayWorld, type SummitDayWorld } from './summit-day-world.js';

/**
 * The world of the agenda's tests: the day world (Anna's association held its BuurtTop in n[1]
 * today) with five ambitions captured — three agreed by the plenary (two at the housing table,
 * one at the care table), one with an objection that stands and one without consent — and an
 * agenda made from it through the real use cases (`createAgenda` by Anna, organised by her
 * association): two themes (housing, care) from the summit, the three agreed ambitions, and one
 * of the neighbourhood's own goals added to care. Brought to `phase`:
 *
 * - draft: as made, no version;
 * - commentsOpen: version 1 (the concept) frozen, comments open today for 14 days;
 * - revision: as commentsOpen, with the period moved 30 days back so it has passed;
 * - adopted: as revision, and adopted today by the members' meeting (version 2, decision "ALV-2026-07").
 *
 * `themeIds` in the agenda's order; `ambitionIds` by theme then position (the own goal last).
 */
export interface AgendaWorld extends SummitDayWorld {
  agendaId: string;
  themeIds: string[];
  ambitionIds: string[];
  /** The summit ambitions: the three agreed ones (in `ambitionIds` order) and the two that were not. */
  summitAmbitions: { agreed: string[]; objected: string; pending: string };
}

export type AgendaWorldPhase = 'draft' | 'commentsOpen' | 'revision' | 'adopted';

/** Test time travel: the agenda's comment period `days` earlier (the use cases only open one from today on). */
export async function movePeriodBack(db: Db, agendaId: string, days: number): Promise<void> {
  const row = await db.selectFrom('agendas').select(['comments_open_on', 'comments_close_on']).where('id', '=', agendaId).executeTakeFirstOrThrow();
  await db.updateTable('agendas').set({ comments_open_on: addDays(row.comments_open_on!, -days), comments_close_on: addDays(row.comments_close_on!, -days) }).where('id', '=', agendaId).execute();
}

/** The revision the agenda's forms carry now. */
export async function revisionOf(db: Db, municipalityId: string, agendaId: string): Promise<number> {
  return (await findAgenda(db, municipalityId, agendaId))!.revision;
}

/** A complete own-goal ambition form for the care theme (override any field). */
export function ownGoalForm(w: AgendaWorld | (SummitDayWorld & { agendaId: string }), themeId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agendaId: w.agendaId, themeId, title: 'Een buurtkamer die de buurt zelf runt', body: 'Een plek waar buren elkaar elke dag kunnen treffen.', why: 'Er is geen plek zonder drempel.',
    horizon: '5', ownGoal: 'on', values: [w.valueIds[0]!], step_1: 'Een ruimte zoeken', carrier_1: 'Bewonersvereniging', step_2: 'Een rooster van gastvrouwen en -heren', carrier_2: '', ...over,
  };
}

export async function openAgendaWorld(engine: Engine, phase: AgendaWorldPhase = 'adopted'): Promise<AgendaWorld> {
  const w = await openSummitDayWorld(engine, 'held');
  const db = w.tp.platform.db;
  const summitId = w.summitId;
  const capture = async (over: Record<string, unknown>) => (await execute(w.ctx.anonymous, captureAmbition, ambitionForm(w, over))).id;
  const care = { tableId: w.care.id, token: w.care.token, facts: [] };
  const housing1 = await capture({});
  const housing2 = await capture({ title: 'Woningruil in de buurt', body: 'Ouderen ruilen hun gezinswoning voor een kleinere in de buurt.', horizon: '5', step_2: '', values: [w.valueIds[0]!] });
  const care1 = await capture({ ...care, title: 'Niemand woont ongezien alleen', body: 'Elke oudere kent twee buren bij naam.', why: '', horizon: '5', values: [w.valueIds[1]!], step_1: 'Een bezoekersgroep', carrier_1: 'Vrijwilligers', step_2: '' });
  const objected = await capture({ ...care, title: 'Een zorgsteunpunt op het plein', body: 'Een steunpunt voor mantelzorgers.', values: [], step_1: '', carrier_1: '', step_2: '' });
  const pending = await capture({ ...care, title: 'Nog niet besproken', body: 'Kwam niet meer aan bod.', values: [], step_1: '', carrier_1: '', step_2: '' });
  for (const id of [housing1, housing2, care1, objected]) await execute(w.ctx.anna, recordConsent, { summitId, id, consent: 'on' });
  const { id: objection } = await execute(w.ctx.anna, addObjection, { summitId, id: objected, reason: 'Daar is geen ruimte voor.', raisedBy: '' });
  await execute(w.ctx.anna, resolveObjection, { summitId, id: objection, resolution: 'stands' });

  const { id: agendaId } = await execute(w.ctx.anna, createAgenda, { areaCode: w.n[1], organiserId: w.association, summitId });
  const themes = await themesOf(db, agendaId);
  const base = { ...w, agendaId };
  await execute(w.ctx.anna, addAmbition, { ...ownGoalForm(base, themes[1]!.id), expectedRevision: await revisionOf(db, w.a.id, agendaId) });
  const ambitions = await agendaAmbitionsOf(db, agendaId);
  const ambitionIds = themes.flatMap((t) => ambitions.filter((a) => a.themeId === t.id).sort((x, y) => x.position - y.position).map((a) => a.id));
  const world: AgendaWorld = { ...w, agendaId, themeIds: themes.map((t) => t.id), ambitionIds, summitAmbitions: { agreed: [housing1, housing2, care1], objected, pending } };
  if (phase === 'draft') return world;

  const today = agendaToday();
  await execute(w.ctx.anna, openComments, { agendaId, opensOn: today, closesOn: addDays(today, 13), expectedRevision: await revisionOf(db, w.a.id, agendaId) });
  if (phase === 'commentsOpen') return world;
  await movePeriodBack(db, agendaId, 30);
  if (phase === 'revision') return world;
  await execute(w.ctx.anna, adoptAgenda, {
    agendaId, adoptedBy: 'Algemene ledenvergadering', method: 'meetingConsent', note: 'Veertig leden aanwezig.', adoptedOn: today, decisionReference: 'ALV-2026-07',
    expectedRevision: await revisionOf(db, w.a.id, agendaId),
  });
  return world;
}
