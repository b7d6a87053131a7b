import type { Db } from '../../platform/db/connect.js';
import { moderationStates, type ModerationState } from '../../platform/moderation/index.js';
import { contactsOf } from '../parties/index.js';
import { byKindThenDate, type FigureKey, type InterpretationKind, type InterpretationStatus, type WritingRole } from './model.js';
import { INTERPRETATION_KIND } from './service.js';
import { interpretationRows, interpretationsOfRound, type InterpretationRow } from './store.js';

/** One interpretation as pages and the API show it. */
export interface InterpretationView {
  id: string;
  areaCode: string;
  year: number;
  /** The indicator id; null for the area as a whole. */
  indicator: FigureKey;
  kind: InterpretationKind;
  /** Empty when deleted or erased. */
  body: string;
  status: InterpretationStatus;
  authorId: string | null;
  /** The author's public display name (null once erased). */
  authorName: string | null;
  role: WritingRole;
  roundId: string | null;
  createdAt: string;
  editedAt: string | null;
  /** Hidden by the moderators (only its author still sees it, with the reason). */
  hidden: ModerationState | null;
}

async function views(db: Db, rows: InterpretationRow[]): Promise<InterpretationView[]> {
  const authorIds = [...new Set(rows.map((r) => r.author_id).filter((a): a is string => a !== null))];
  const [contacts, states] = await Promise.all([
    authorIds.length ? contactsOf(db, authorIds) : Promise.resolve(new Map<string, { name: string }>()),
    moderationStates(db, INTERPRETATION_KIND, rows.map((r) => r.id)),
  ]);
  return rows.map((r) => viewOf(r, r.author_id ? contacts.get(r.author_id)?.name ?? null : null, states.get(r.id) ?? null)).sort(byKindThenDate);
}

function viewOf(r: InterpretationRow, authorName: string | null, hidden: ModerationState | null): InterpretationView {
  return {
    id: r.id, areaCode: r.area_code, year: Number(r.year), indicator: r.indicator, kind: r.kind, body: r.body, status: r.status,
    authorId: r.author_id, authorName, role: r.author_role, roundId: r.round_id, createdAt: r.created_at, editedAt: r.edited_at, hidden,
  };
}

/**
 * Everything `interpretationsFor` shows of an area, in every year, as one query to read inside
 * another (`jsonRows`): the interpretations with their author's name and moderation state.
 * `readingsFromRows` makes the views of a year from what it read.
 */
export function readingRowsQuery(db: Db, municipalityId: string, areaCode: string) {
  return db.selectFrom('interpretations as i')
    .leftJoin('people as p', 'p.id', 'i.author_id')
    .leftJoin('moderation_items as m', (join) => join.on('m.item_type', '=', INTERPRETATION_KIND).onRef('m.item_id', '=', 'i.id').on('m.hidden_at', 'is not', null))
    .select([
      'i.id', 'i.municipality_id', 'i.area_code', 'i.year', 'i.indicator', 'i.kind', 'i.body', 'i.author_id', 'i.author_role', 'i.round_id', 'i.status',
      'i.created_at', 'i.edited_at', 'i.deleted_at', 'p.display_name as author_name', 'm.hidden_at', 'm.hidden_reason',
    ])
    .where('i.municipality_id', '=', municipalityId).where('i.area_code', '=', areaCode)
    .orderBy('i.created_at').orderBy('i.id');
}

export type ReadingRow = InterpretationRow & { author_name: string | null; hidden_at: string | null; hidden_reason: string | null };

/** `interpretationsFor` from rows `readingRowsQuery` read. */
export function readingsFromRows(rows: readonly ReadingRow[], year: number): Map<FigureKey, InterpretationView[]> {
  const views = rows.filter((r) => Number(r.year) === year)
    .map((r) => viewOf(r, r.author_id ? r.author_name : null, r.hidden_at === null ? null : { hiddenAt: r.hidden_at, reason: r.hidden_reason ?? '' }))
    .sort(byKindThenDate);
  return grouped(views);
}

function grouped(views: readonly InterpretationView[]): Map<FigureKey, InterpretationView[]> {
  const out = new Map<FigureKey, InterpretationView[]>();
  for (const view of views) {
    const list = out.get(view.indicator) ?? [];
    list.push(view);
    out.set(view.indicator, list);
  }
  return out;
}

/**
 * The interpretations of an area in a year, grouped by figure (the indicator id; null for the area
 * as a whole), strengths first within each figure. Deleted, erased and hidden ones are included
 * (as tombstones and notices where they are shown): use `isPublic` for what everyone may read.
 */
export async function interpretationsFor(db: Db, municipalityId: string, areaCode: string, year: number): Promise<Map<FigureKey, InterpretationView[]>> {
  return grouped(await views(db, await interpretationRows(db, municipalityId, areaCode, year)));
}

/** Every interpretation of an area (optionally in one year), strengths first. */
export async function interpretationsOfArea(db: Db, municipalityId: string, areaCode: string, year?: number): Promise<InterpretationView[]> {
  return views(db, await interpretationRows(db, municipalityId, areaCode, year));
}

export async function interpretationsLinkedTo(db: Db, municipalityId: string, roundId: string): Promise<InterpretationView[]> {
  return views(db, await interpretationsOfRound(db, municipalityId, roundId));
}

/** What everyone may read: published and not hidden. */
export function isPublic(view: InterpretationView): boolean {
  return view.status === 'published' && view.hidden === null;
}
