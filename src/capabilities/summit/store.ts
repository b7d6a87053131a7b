import type { Kysely } from 'kysely';
import type { NamedMigrations } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/connect.js';
import type { LinkKind, SummitStatus } from './model.js';

/**
 * Summits and their preparation: the summit, its status history, its plan of milestones, its
 * working groups with their members and information links. The venue and the organiser are
 * kept by id and by their name at the time (no foreign keys into other capabilities: a place or
 * organisation that is removed later leaves the summit's record as it was). Who changed what is
 * in the audit log only: these rows hold no account ids. Members of working groups and owners of
 * milestones are names as the organisers write them, shown to organisers only.
 */
export interface SummitTable {
  id: string;
  municipality_id: string;
  area_code: string;
  organiser_id: string;
  organiser_name: string;
  title: string;
  /** UTC instants (ISO). */
  starts_at: string;
  ends_at: string;
  place_id: string | null;
  place_name: string | null;
  capacity: number | null;
  description: string | null;
  status: SummitStatus;
  /** When the current status began (UTC instant). */
  status_since: string;
  /**
   * How often the day, times or venue changed, or the summit was cancelled or taken up again: the
   * base of every calendar file's SEQUENCE for this summit (see summitCalendar in registration-mail.ts).
   */
  calendar_revision: number;
  created_at: string;
  updated_at: string;
}

export interface SummitStatusChangeTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  status: SummitStatus;
  changed_at: string;
  note: string | null;
}

export interface SummitMilestoneTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  title: string;
  /** A name or a role, as the organisers write it (no account needed). */
  owner: string | null;
  due_on: string;
  done_on: string | null;
  /** The step of the default plan it came from (`DEFAULT_PLAN`), or null for one added by hand. */
  template_key: string | null;
  /** Order among milestones due on the same day. */
  position: number;
  created_at: string;
}

export interface SummitGroupTable {
  id: string;
  summit_id: string;
  municipality_id: string;
  name: string;
  /** The default theme it was created for (`DEFAULT_THEMES`), or null. */
  theme: string | null;
  position: number;
  notes: string | null;
  /** One question per line. */
  questions: string | null;
  briefing: string | null;
  briefing_updated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SummitGroupMemberTable {
  id: string;
  group_id: string;
  municipality_id: string;
  name: string;
  role: string | null;
  created_at: string;
}

export interface SummitGroupLinkTable {
  id: string;
  group_id: string;
  municipality_id: string;
  kind: LinkKind;
  reference: string;
  note: string | null;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    summits: SummitTable;
    summit_status_changes: SummitStatusChangeTable;
    summit_milestones: SummitMilestoneTable;
    summit_groups: SummitGroupTable;
    summit_group_members: SummitGroupMemberTable;
    summit_group_links: SummitGroupLinkTable;
  }
}

export const summitMigrations: NamedMigrations = {
  '0800-summit': {
    async up(db: Kysely<any>) {
      const municipality = (c: any) => c.notNull().references('municipalities.id').onDelete('cascade');
      await db.schema.createTable('summits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', municipality)
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('organiser_id', 'text', (c) => c.notNull())
        .addColumn('organiser_name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text')
        .addColumn('place_name', 'text')
        .addColumn('capacity', 'integer')
        .addColumn('description', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_since', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summits_area').on('summits').columns(['municipality_id', 'area_code', 'starts_at']).execute();
      await db.schema.createIndex('summits_starts').on('summits').columns(['municipality_id', 'starts_at']).execute();
      /** A table of rows that belong to a summit (or a working group) of a municipality: id, parent, municipality. */
      const child = (name: string, parent: 'summits' | 'summit_groups') => db.schema.createTable(name)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn(parent === 'summits' ? 'summit_id' : 'group_id', 'text', (c) => c.notNull().references(`${parent}.id`).onDelete('cascade'))
        .addColumn('municipality_id', 'text', municipality);
      await child('summit_status_changes', 'summits')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('summit_status_changes_summit').on('summit_status_changes').columns(['summit_id', 'changed_at']).execute();
      await child('summit_milestones', 'summits')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text')
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('done_on', 'text')
        .addColumn('template_key', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_milestones_summit').on('summit_milestones').columns(['summit_id', 'due_on']).execute();
      await child('summit_groups', 'summits')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('theme', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('questions', 'text')
        .addColumn('briefing', 'text')
        .addColumn('briefing_updated_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_groups_summit').on('summit_groups').columns(['summit_id', 'position']).execute();
      await child('summit_group_members', 'summit_groups')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_group_members_group').on('summit_group_members').column('group_id').execute();
      await child('summit_group_links', 'summit_groups')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('summit_group_links_group').on('summit_group_links').column('group_id').execute();
    },
  },
  '0812-summit-calendar-revision': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('summits').addColumn('calendar_revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
};

// ---- reading -----------------------------------------------------------------------------------

export interface Summit {
  id: string;
  municipalityId: string;
  areaCode: string;
  organiserId: string;
  organiserName: string;
  title: string;
  startsAt: string;
  endsAt: string;
  placeId: string | null;
  placeName: string | null;
  capacity: number | null;
  description: string | null;
  status: SummitStatus;
  statusSince: string;
  /** See `calendar_revision`: grows with every change that calendars must follow. */
  calendarRevision: number;
  createdAt: string;
  updatedAt: string;
}

export function summitOf(r: SummitTable): Summit {
  return {
    id: r.id, municipalityId: r.municipality_id, areaCode: r.area_code, organiserId: r.organiser_id, organiserName: r.organiser_name, title: r.title,
    startsAt: r.starts_at, endsAt: r.ends_at, placeId: r.place_id, placeName: r.place_name, capacity: r.capacity === null ? null : Number(r.capacity),
    description: r.description, status: r.status, statusSince: r.status_since, calendarRevision: Number(r.calendar_revision ?? 0), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export async function findSummit(db: Db, municipalityId: string, id: string): Promise<Summit | null> {
  const row = await db.selectFrom('summits').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
  return row ? summitOf(row) : null;
}

/** A municipality's summits (of some areas), by start. */
export async function listSummits(db: Db, municipalityId: string, filter: { areaCodes?: readonly string[] } = {}): Promise<Summit[]> {
  let q = db.selectFrom('summits').selectAll().where('municipality_id', '=', municipalityId);
  if (filter.areaCodes) q = q.where('area_code', 'in', filter.areaCodes.length ? [...filter.areaCodes] : ['']);
  return (await q.orderBy('starts_at').orderBy('id').execute()).map(summitOf);
}

export interface SummitStatusChange {
  id: string;
  status: SummitStatus;
  changedAt: string;
  note: string | null;
}

export async function statusChangesOf(db: Db, summitId: string): Promise<SummitStatusChange[]> {
  const rows = await db.selectFrom('summit_status_changes').select(['id', 'status', 'changed_at', 'note']).where('summit_id', '=', summitId).orderBy('changed_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, status: r.status, changedAt: r.changed_at, note: r.note }));
}

export interface Milestone {
  id: string;
  summitId: string;
  title: string;
  owner: string | null;
  dueOn: string;
  doneOn: string | null;
  templateKey: string | null;
  position: number;
}

const milestoneOf = (r: SummitMilestoneTable): Milestone => ({
  id: r.id, summitId: r.summit_id, title: r.title, owner: r.owner, dueOn: r.due_on, doneOn: r.done_on, templateKey: r.template_key, position: Number(r.position),
});

export async function milestonesOf(db: Db, summitId: string): Promise<Milestone[]> {
  return (await db.selectFrom('summit_milestones').selectAll().where('summit_id', '=', summitId).orderBy('due_on').orderBy('position').orderBy('id').execute()).map(milestoneOf);
}

export async function findMilestone(db: Db, summitId: string, id: string): Promise<Milestone | null> {
  const row = await db.selectFrom('summit_milestones').selectAll().where('summit_id', '=', summitId).where('id', '=', id).executeTakeFirst();
  return row ? milestoneOf(row) : null;
}

export interface WorkingGroup {
  id: string;
  summitId: string;
  name: string;
  theme: string | null;
  position: number;
  notes: string | null;
  questions: string | null;
  briefing: string | null;
  briefingUpdatedAt: string | null;
}

const groupOf = (r: SummitGroupTable): WorkingGroup => ({
  id: r.id, summitId: r.summit_id, name: r.name, theme: r.theme, position: Number(r.position), notes: r.notes, questions: r.questions, briefing: r.briefing, briefingUpdatedAt: r.briefing_updated_at,
});

export async function groupsOf(db: Db, summitId: string): Promise<WorkingGroup[]> {
  return (await db.selectFrom('summit_groups').selectAll().where('summit_id', '=', summitId).orderBy('position').orderBy('id').execute()).map(groupOf);
}

export async function findGroup(db: Db, summitId: string, id: string): Promise<WorkingGroup | null> {
  const row = await db.selectFrom('summit_groups').selectAll().where('summit_id', '=', summitId).where('id', '=', id).executeTakeFirst();
  return row ? groupOf(row) : null;
}

export interface GroupMember {
  id: string;
  groupId: string;
  name: string;
  role: string | null;
}

export interface GroupLink {
  id: string;
  groupId: string;
  kind: LinkKind;
  reference: string;
  note: string | null;
}

/** The members of some groups, by name. */
export async function membersOf(db: Db, groupIds: readonly string[]): Promise<GroupMember[]> {
  if (groupIds.length === 0) return [];
  const rows = await db.selectFrom('summit_group_members').selectAll().where('group_id', 'in', [...groupIds]).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, groupId: r.group_id, name: r.name, role: r.role }));
}

/** The information links of some groups, in the order they were added. */
export async function linksOf(db: Db, groupIds: readonly string[]): Promise<GroupLink[]> {
  if (groupIds.length === 0) return [];
  const rows = await db.selectFrom('summit_group_links').selectAll().where('group_id', 'in', [...groupIds]).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, groupId: r.group_id, kind: r.kind, reference: r.reference, note: r.note }));
}
