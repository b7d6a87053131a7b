import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import { inReportedOrder, progressYears, statusInYear, statusTotals } from './follow-up-model.js';
import type { AgendaAmbition, AgendaTheme, ProgressStatus } from './model.js';
import { agendaAmbitionsOf, agendaMembersOf, progressOf, themesOf, type Agenda, type ProgressUpdate } from './store.js';

/**
 * Tables of the follow-up beside the agenda's own (migration 0900 has the working groups'
 * members and the progress updates):
 *
 * - `agenda_continuations`: an ambition of a new agenda that continues an open ambition of the
 *   previous one (the four-year cycle's carry-over). Kept apart from `source_ambition_id`, which
 *   names the summit ambition an ambition came from: a carried-over ambition has a history of
 *   its own (its progress in the previous agenda), and both may be shown side by side.
 * - `agenda_progress_corrections`: an update that was corrected, with what it said before, so a
 *   correction is never a silent edit — the page says when it was corrected and what it said.
 */
export interface AgendaContinuationTable {
  /** The ambition of the new agenda (one continuation each). */
  ambition_id: string;
  municipality_id: string;
  agenda_id: string;
  /** The ambition of the previous agenda it continues (no foreign key: it may outlive that agenda's rows). */
  previous_ambition_id: string;
  previous_agenda_id: string;
  created_at: string;
}

export interface AgendaProgressCorrectionTable {
  id: string;
  progress_id: string;
  municipality_id: string;
  /** JSON: the update's status, happened, next, reason and reported_on before the correction. */
  before: string;
  corrected_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    agenda_continuations: AgendaContinuationTable;
    agenda_progress_corrections: AgendaProgressCorrectionTable;
  }
}

export const followUpMigrations: NamedMigrations = {
  '0901-agenda-follow-up': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('agenda_continuations')
        .addColumn('ambition_id', 'text', (c) => c.primaryKey().references('agenda_ambitions.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('agenda_id', 'text', (c) => c.notNull().references('agendas.id').onDelete('cascade'))
        .addColumn('previous_ambition_id', 'text', (c) => c.notNull())
        .addColumn('previous_agenda_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_continuations_agenda').on('agenda_continuations').columns(['agenda_id', 'previous_ambition_id']).unique().execute();
      await db.schema.createIndex('agenda_continuations_previous').on('agenda_continuations').column('previous_ambition_id').execute();
      await db.schema.createTable('agenda_progress_corrections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('progress_id', 'text', (c) => c.notNull().references('agenda_progress.id').onDelete('cascade'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id').onDelete('cascade'))
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('corrected_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_progress_corrections_progress').on('agenda_progress_corrections').columns(['progress_id', 'corrected_at']).execute();
    },
  },
};

// ---- reading -----------------------------------------------------------------------------------

export interface Continuation {
  ambitionId: string;
  agendaId: string;
  previousAmbitionId: string;
  previousAgendaId: string;
}

const continuationOf = (r: AgendaContinuationTable): Continuation => ({ ambitionId: r.ambition_id, agendaId: r.agenda_id, previousAmbitionId: r.previous_ambition_id, previousAgendaId: r.previous_agenda_id });

/** The ambitions of an agenda that continue one of the previous agenda. */
export async function continuationsOf(db: Db, agendaId: string): Promise<Continuation[]> {
  return (await db.selectFrom('agenda_continuations').selectAll().where('agenda_id', '=', agendaId).orderBy('created_at').orderBy('ambition_id').execute()).map(continuationOf);
}

/** Where the ambitions of an agenda were carried on (in a next agenda), by previous ambition id. */
export async function continuedIn(db: Db, previousAgendaId: string): Promise<Continuation[]> {
  return (await db.selectFrom('agenda_continuations').selectAll().where('previous_agenda_id', '=', previousAgendaId).orderBy('created_at').orderBy('ambition_id').execute()).map(continuationOf);
}

export interface ProgressBefore {
  status: ProgressStatus;
  happened: string;
  next: string | null;
  reason: string | null;
  reportedOn: string;
}

export interface ProgressCorrection {
  id: string;
  progressId: string;
  before: ProgressBefore;
  correctedAt: string;
}

export async function correctionsOf(db: Db, progressIds: readonly string[]): Promise<ProgressCorrection[]> {
  if (progressIds.length === 0) return [];
  const rows = await db.selectFrom('agenda_progress_corrections').selectAll().where('progress_id', 'in', [...progressIds]).orderBy('corrected_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, progressId: r.progress_id, before: JSON.parse(r.before) as ProgressBefore, correctedAt: r.corrected_at }));
}

// ---- an agenda's progress, as the overview, its CSV, the API and the summit's section show it ----

export interface AmbitionProgress {
  ambition: AgendaAmbition;
  /** Oldest first, in the order they speak for. */
  updates: ProgressUpdate[];
  /** The last update's status; "not started" when there is none. */
  status: ProgressStatus;
  lastUpdate: ProgressUpdate | null;
  members: number;
  /** Per year of `years`: the status at its end (today for this year), null for a year not begun. */
  byYear: Array<ProgressStatus | null>;
}

export interface AgendaProgress {
  years: number[];
  themes: Array<{ theme: AgendaTheme; ambitions: AmbitionProgress[] }>;
  /** Per status: how many ambitions have it now, and at the end of each year (null: that year has not begun). */
  totals: { now: Record<ProgressStatus, number>; byYear: Array<Record<ProgressStatus, number> | null> };
}

/** An adopted agenda's ambitions by theme with their updates, status now and per year, and the totals. */
export async function agendaProgressOf(db: Db, agenda: Agenda & { adoptedOn: string }, today: string): Promise<AgendaProgress> {
  const [themes, ambitions] = await Promise.all([themesOf(db, agenda.id), agendaAmbitionsOf(db, agenda.id)]);
  const ids = ambitions.map((a) => a.id);
  const [updates, members] = await Promise.all([progressOf(db, ids), agendaMembersOf(db, ids)]);
  const years = progressYears({ firstYear: agenda.firstYear, lastYear: agenda.lastYear, adoptedOn: agenda.adoptedOn });
  const views = ambitions.map((ambition): AmbitionProgress => {
    const own = inReportedOrder(updates.filter((u) => u.ambitionId === ambition.id));
    const lastUpdate = own.at(-1) ?? null;
    return {
      ambition, updates: own, status: lastUpdate?.status ?? 'notStarted', lastUpdate, members: members.filter((m) => m.ambitionId === ambition.id).length,
      byYear: years.map((y) => statusInYear(own, y, agenda.adoptedOn, today)),
    };
  });
  return {
    years,
    themes: themes.map((theme) => ({ theme, ambitions: views.filter((v) => v.ambition.themeId === theme.id).sort((a, b) => a.ambition.position - b.ambition.position) })).filter((t) => t.ambitions.length > 0),
    totals: {
      now: statusTotals(views.map((v) => v.status)),
      byYear: years.map((_, i) => (views.length && views.every((v) => v.byYear[i] === null) ? null : statusTotals(views.map((v) => v.byYear[i] ?? null)))),
    },
  };
}
