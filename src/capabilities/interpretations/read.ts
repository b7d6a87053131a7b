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
  return rows.map((r) => ({
    id: r.id, areaCode: r.area_code, year: Number(r.year), indicator: r.indicator, kind: r.kind, body: r.body, status: r.status,
    authorId: r.author_id, authorName: r.author_id ? contacts.get(r.author_id)?.name ?? null : null, role: r.author_role, roundId: r.round_id,
    createdAt: r.created_at, editedAt: r.edited_at, hidden: states.get(r.id) ?? null,
  })).sort(byKindThenDate);
}

/**
 * The interpretations of an area in a year, grouped by figure (the indicator id; null for the area
 * as a whole), strengths first within each figure. Deleted, erased and hidden ones are included
 * (as tombstones and notices where they are shown): use `isPublic` for what everyone may read.
 */
export async function interpretationsFor(db: Db, municipalityId: string, areaCode: string, year: number): Promise<Map<FigureKey, InterpretationView[]>> {
  const grouped = new Map<FigureKey, InterpretationView[]>();
  for (const view of await views(db, await interpretationRows(db, municipalityId, areaCode, year))) {
    const list = grouped.get(view.indicator) ?? [];
    list.push(view);
    grouped.set(view.indicator, list);
  }
  return grouped;
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
