import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import type { AdoptionMethod, AgendaAmbition, AgendaStatus, AgendaTheme, Horizon, ProgressStatus, RecipientKind } from './model.js';

/**
 * Tables of the future agenda. The agenda row holds its life (status, comment period, adoption)
 * and points at its versioned document (platform/versions, kind "agenda", owned by
 * ("agenda", id)); themes, ambitions, their public values and first steps are the editable
 * agenda with stable ids. Distribution: the institutions it was sent to and their responses.
 * Follow-up: each ambition's working group (names, as organisers write them) and its progress
 * updates over the years. No account ids: who changed what is in the audit log.
 */
export interface AgendaTable {
  id: string;
  municipality_id: string;
  area_code: string;
  /** The summit it came out of (no foreign key: the agenda outlives a summit's removal). */
  summit_id: string | null;
  /** The agenda of the previous cycle it follows on, or null. */
  previous_agenda_id: string | null;
  /** The organisation on whose behalf the editorial team works, by id and name at the time. */
  organiser_id: string;
  organiser_name: string;
  /** The versioned document (`documents.id`). */
  document_id: string;
  title: string;
  introduction: string | null;
  /** The years it speaks for, e.g. 2026–2029. */
  first_year: number;
  last_year: number;
  status: AgendaStatus;
  /** YYYY-MM-DD (Europe/Amsterdam); both set once the comment period is opened. */
  comments_open_on: string | null;
  comments_close_on: string | null;
  /** The version number residents comment on. */
  concept_version: number | null;
  /** Adoption: which body, how, on what day, with what reference; the version adopted. */
  adopted_by: string | null;
  adoption_method: AdoptionMethod | null;
  adoption_note: string | null;
  adopted_on: string | null;
  adopted_version: number | null;
  /** Goes up with every change of the agenda's rows; an editor's form carries it (stale saves refused). */
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface AgendaThemeTable {
  id: string;
  agenda_id: string;
  municipality_id: string;
  name: string;
  position: number;
}

export interface AgendaAmbitionTable {
  id: string;
  agenda_id: string;
  municipality_id: string;
  theme_id: string;
  source_ambition_id: string | null;
  title: string;
  body: string;
  why: string | null;
  horizon: number;
  /** 1 for one of the neighbourhood's own goals beyond the municipality's. */
  own_goal: number;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface AgendaAmbitionValueTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  value_id: string;
  name_nl: string;
  name_en: string;
}

export interface AgendaStepTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  position: number;
  step: string;
  carrier: string | null;
}

export interface AgendaRecipientTable {
  id: string;
  agenda_id: string;
  municipality_id: string;
  /** An organisation of the parties register, or null for one written by hand. */
  organisation_id: string | null;
  name: string;
  kind: RecipientKind;
  /** The institution's address for the agenda (shown to organisers only). */
  email: string | null;
  sent_at: string | null;
  /** The version sent. */
  sent_version: number | null;
  /** YYYY-MM-DD: the day an answer was asked for. */
  respond_by: string | null;
  created_at: string;
}

export interface AgendaResponseTable {
  id: string;
  recipient_id: string;
  municipality_id: string;
  received_on: string;
  /** What they answered, in the team's words or quoted; public. */
  summary: string;
  /** Where the full answer can be read, if public. */
  link: string | null;
  created_at: string;
}

export interface AgendaMemberTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  name: string;
  role: string | null;
  created_at: string;
}

export interface AgendaProgressTable {
  id: string;
  ambition_id: string;
  municipality_id: string;
  status: ProgressStatus;
  /** What happened. */
  happened: string;
  /** What is next. */
  next: string | null;
  /** Required when dropped; may explain other statuses. */
  reason: string | null;
  /** YYYY-MM-DD the update speaks for. */
  reported_on: string;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    agendas: AgendaTable;
    agenda_themes: AgendaThemeTable;
    agenda_ambitions: AgendaAmbitionTable;
    agenda_ambition_values: AgendaAmbitionValueTable;
    agenda_steps: AgendaStepTable;
    agenda_recipients: AgendaRecipientTable;
    agenda_responses: AgendaResponseTable;
    agenda_members: AgendaMemberTable;
    agenda_progress: AgendaProgressTable;
  }
}

export const agendaMigrations: NamedMigrations = {
  '0900-agenda': {
    async up(db: Kysely<any>) {
      const municipality = (c: any) => c.notNull().references('municipalities.id').onDelete('cascade');
      await db.schema.createTable('agendas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('summit_id', 'text')
        .addColumn('previous_agenda_id', 'text', (c) => c.references('agendas.id').onDelete('set null'))
        .addColumn('organiser_id', 'text', (c) => c.notNull())
        .addColumn('organiser_name', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('introduction', 'text')
        .addColumn('first_year', 'integer', (c) => c.notNull())
        .addColumn('last_year', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('comments_open_on', 'text')
        .addColumn('comments_close_on', 'text')
        .addColumn('concept_version', 'integer')
        .addColumn('adopted_by', 'text')
        .addColumn('adoption_method', 'text')
        .addColumn('adoption_note', 'text')
        .addColumn('adopted_on', 'text')
        .addColumn('adopted_version', 'integer')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agendas_area').on('agendas').columns(['municipality_id', 'area_code', 'first_year']).execute();
      await db.schema.createIndex('agendas_summit').on('agendas').column('summit_id').execute();
      /** A table of rows that belong to an agenda (or an ambition) of a municipality: id, parent, municipality. */
      const child = (name: string, parent: 'agendas' | 'agenda_ambitions' | 'agenda_recipients') => db.schema.createTable(name)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn(parent === 'agendas' ? 'agenda_id' : parent === 'agenda_ambitions' ? 'ambition_id' : 'recipient_id', 'text', (c) => c.notNull().references(`${parent}.id`).onDelete('cascade'))
        .addColumn('municipality_id', 'text', municipality);
      await child('agenda_themes', 'agendas')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_themes_agenda').on('agenda_themes').columns(['agenda_id', 'position']).execute();
      await child('agenda_ambitions', 'agendas')
        .addColumn('theme_id', 'text', (c) => c.notNull().references('agenda_themes.id').onDelete('cascade'))
        .addColumn('source_ambition_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('why', 'text')
        .addColumn('horizon', 'integer', (c) => c.notNull())
        .addColumn('own_goal', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_ambitions_agenda').on('agenda_ambitions').columns(['agenda_id', 'theme_id', 'position']).execute();
      await child('agenda_ambition_values', 'agenda_ambitions')
        .addColumn('value_id', 'text', (c) => c.notNull())
        .addColumn('name_nl', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_ambition_values_ambition').on('agenda_ambition_values').column('ambition_id').execute();
      await child('agenda_steps', 'agenda_ambitions')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text')
        .execute();
      await db.schema.createIndex('agenda_steps_ambition').on('agenda_steps').columns(['ambition_id', 'position']).execute();
      await child('agenda_recipients', 'agendas')
        .addColumn('organisation_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('sent_version', 'integer')
        .addColumn('respond_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_recipients_agenda').on('agenda_recipients').column('agenda_id').execute();
      await child('agenda_responses', 'agenda_recipients')
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_responses_recipient').on('agenda_responses').columns(['recipient_id', 'received_on']).execute();
      await child('agenda_members', 'agenda_ambitions')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_members_ambition').on('agenda_members').column('ambition_id').execute();
      await child('agenda_progress', 'agenda_ambitions')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('happened', 'text', (c) => c.notNull())
        .addColumn('next', 'text')
        .addColumn('reason', 'text')
        .addColumn('reported_on', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_progress_ambition').on('agenda_progress').columns(['ambition_id', 'reported_on']).execute();
    },
  },
};

// ---- reading -----------------------------------------------------------------------------------

export interface Agenda {
  id: string;
  municipalityId: string;
  areaCode: string;
  summitId: string | null;
  previousAgendaId: string | null;
  organiserId: string;
  organiserName: string;
  documentId: string;
  title: string;
  introduction: string | null;
  firstYear: number;
  lastYear: number;
  status: AgendaStatus;
  commentsOpenOn: string | null;
  commentsCloseOn: string | null;
  conceptVersion: number | null;
  adoptedBy: string | null;
  adoptionMethod: AdoptionMethod | null;
  adoptionNote: string | null;
  adoptedOn: string | null;
  adoptedVersion: number | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

const num = (v: number | null) => (v === null ? null : Number(v));

export function agendaOf(r: AgendaTable): Agenda {
  return {
    id: r.id, municipalityId: r.municipality_id, areaCode: r.area_code, summitId: r.summit_id, previousAgendaId: r.previous_agenda_id,
    organiserId: r.organiser_id, organiserName: r.organiser_name, documentId: r.document_id, title: r.title, introduction: r.introduction,
    firstYear: Number(r.first_year), lastYear: Number(r.last_year), status: r.status, commentsOpenOn: r.comments_open_on, commentsCloseOn: r.comments_close_on,
    conceptVersion: num(r.concept_version), adoptedBy: r.adopted_by, adoptionMethod: r.adoption_method, adoptionNote: r.adoption_note, adoptedOn: r.adopted_on,
    adoptedVersion: num(r.adopted_version), revision: Number(r.revision), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export async function findAgenda(db: Db, municipalityId: string, id: string): Promise<Agenda | null> {
  const row = await db.selectFrom('agendas').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
  return row ? agendaOf(row) : null;
}

/** A municipality's agendas (of some areas, or of one summit), newest cycle first. */
export async function listAgendas(db: Db, municipalityId: string, filter: { areaCodes?: readonly string[]; summitId?: string } = {}): Promise<Agenda[]> {
  let q = db.selectFrom('agendas').selectAll().where('municipality_id', '=', municipalityId);
  if (filter.areaCodes) q = q.where('area_code', 'in', filter.areaCodes.length ? [...filter.areaCodes] : ['']);
  if (filter.summitId) q = q.where('summit_id', '=', filter.summitId);
  return (await q.orderBy('first_year', 'desc').orderBy('created_at', 'desc').orderBy('id').execute()).map(agendaOf);
}

export async function themesOf(db: Db, agendaId: string): Promise<AgendaTheme[]> {
  const rows = await db.selectFrom('agenda_themes').selectAll().where('agenda_id', '=', agendaId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, agendaId: r.agenda_id, name: r.name, position: Number(r.position) }));
}

/** The agenda's ambitions with their public values and first steps, by theme position then own position. */
export async function agendaAmbitionsOf(db: Db, agendaId: string): Promise<AgendaAmbition[]> {
  const rows = await db.selectFrom('agenda_ambitions').selectAll().where('agenda_id', '=', agendaId).orderBy('position').orderBy('id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [values, steps] = await Promise.all([
    db.selectFrom('agenda_ambition_values').selectAll().where('ambition_id', 'in', ids).orderBy('name_nl').orderBy('id').execute(),
    db.selectFrom('agenda_steps').selectAll().where('ambition_id', 'in', ids).orderBy('position').orderBy('id').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id, agendaId: r.agenda_id, themeId: r.theme_id, sourceAmbitionId: r.source_ambition_id, title: r.title, body: r.body, why: r.why,
    horizon: Number(r.horizon) as Horizon, ownGoal: Number(r.own_goal) === 1, position: Number(r.position),
    values: values.filter((v) => v.ambition_id === r.id).map((v) => ({ valueId: v.value_id, nameNl: v.name_nl, nameEn: v.name_en })),
    steps: steps.filter((s) => s.ambition_id === r.id).map((s) => ({ id: s.id, position: Number(s.position), step: s.step, carrier: s.carrier })),
  }));
}

export async function findAgendaAmbition(db: Db, agendaId: string, id: string): Promise<AgendaAmbition | null> {
  return (await agendaAmbitionsOf(db, agendaId)).find((a) => a.id === id) ?? null;
}

export interface Recipient {
  id: string;
  agendaId: string;
  organisationId: string | null;
  name: string;
  kind: RecipientKind;
  email: string | null;
  sentAt: string | null;
  sentVersion: number | null;
  respondBy: string | null;
  createdAt: string;
}

export interface AgendaResponse {
  id: string;
  recipientId: string;
  receivedOn: string;
  summary: string;
  link: string | null;
}

export async function recipientsOf(db: Db, agendaId: string): Promise<Recipient[]> {
  const rows = await db.selectFrom('agenda_recipients').selectAll().where('agenda_id', '=', agendaId).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, agendaId: r.agenda_id, organisationId: r.organisation_id, name: r.name, kind: r.kind, email: r.email, sentAt: r.sent_at,
    sentVersion: num(r.sent_version), respondBy: r.respond_by, createdAt: r.created_at,
  }));
}

export async function responsesOf(db: Db, recipientIds: readonly string[]): Promise<AgendaResponse[]> {
  if (recipientIds.length === 0) return [];
  const rows = await db.selectFrom('agenda_responses').selectAll().where('recipient_id', 'in', [...recipientIds]).orderBy('received_on').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, recipientId: r.recipient_id, receivedOn: r.received_on, summary: r.summary, link: r.link }));
}

export interface Member {
  id: string;
  ambitionId: string;
  name: string;
  role: string | null;
}

export async function agendaMembersOf(db: Db, ambitionIds: readonly string[]): Promise<Member[]> {
  if (ambitionIds.length === 0) return [];
  const rows = await db.selectFrom('agenda_members').selectAll().where('ambition_id', 'in', [...ambitionIds]).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, ambitionId: r.ambition_id, name: r.name, role: r.role }));
}

export interface ProgressUpdate {
  id: string;
  ambitionId: string;
  status: ProgressStatus;
  happened: string;
  next: string | null;
  reason: string | null;
  reportedOn: string;
  createdAt: string;
}

/** Progress updates of some ambitions, oldest first (the last one per ambition is where it stands). */
export async function progressOf(db: Db, ambitionIds: readonly string[]): Promise<ProgressUpdate[]> {
  if (ambitionIds.length === 0) return [];
  const rows = await db.selectFrom('agenda_progress').selectAll().where('ambition_id', 'in', [...ambitionIds]).orderBy('reported_on').orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, ambitionId: r.ambition_id, status: r.status, happened: r.happened, next: r.next, reason: r.reason, reportedOn: r.reported_on, createdAt: r.created_at }));
}
