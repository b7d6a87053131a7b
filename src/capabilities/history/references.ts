import type { Db } from '../../platform/db/connect.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { Reference, ReferenceType } from './model.js';

/**
 * Places and actors that a timeline entry refers to. The places and ecosystem capabilities own
 * those; this capability stores only their ids. When one of them registers its kind here, entries
 * show its items by name with a link, the form offers the area's items to tick, and an id must
 * exist to be saved. Until then an id is kept as given (letters, digits, - and _).
 */
export interface HistoryReferenceKind {
  type: ReferenceType;
  /** The items of this municipality among `ids` that exist, with their name and public path. */
  find(db: Db, tenant: Tenant, ids: readonly string[]): Promise<Map<string, { title: string; path: string }>>;
  /** What the form offers to refer to for an area (its places, its actors). */
  choices(db: Db, tenant: Tenant, areaCode: string): Promise<Array<{ id: string; title: string }>>;
}

const kinds = new Map<ReferenceType, HistoryReferenceKind>();

export function registerHistoryReferenceKind(kind: HistoryReferenceKind): void {
  kinds.set(kind.type, kind);
}

export function referenceKind(type: ReferenceType): HistoryReferenceKind | undefined {
  return kinds.get(type);
}

/** Test support: forget a registration. */
export function unregisterHistoryReferenceKind(type: ReferenceType): void {
  kinds.delete(type);
}

export const REFERENCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface ResolvedReference extends Reference {
  title: string | null;
  path: string | null;
}

/**
 * Each reference with its name and path where its capability knows it. Once a capability has
 * registered, what it does not find is left out everywhere (pages and API): it was removed, or it
 * may not be shown — a key person without consent never appears, not even by id.
 */
export async function resolveReferences(db: Db, tenant: Tenant, references: readonly Reference[]): Promise<ResolvedReference[]> {
  const out: ResolvedReference[] = [];
  for (const type of ['place', 'actor'] as const) {
    const ofType = references.filter((r) => r.type === type);
    if (ofType.length === 0) continue;
    const kind = kinds.get(type);
    if (!kind) {
      for (const r of ofType) out.push({ ...r, title: null, path: null });
      continue;
    }
    const found = await kind.find(db, tenant, ofType.map((r) => r.id));
    for (const r of ofType) {
      const item = found.get(r.id);
      if (item) out.push({ ...r, title: item.title, path: item.path });
    }
  }
  return out;
}
