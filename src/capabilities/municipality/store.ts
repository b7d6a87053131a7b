import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { readAudit, type AuditRecord } from '../../platform/audit.js';
import type { PublicValueTable } from '../../platform/tenancy.js';
import { compareNewestFirst, encodeCursor, type AuditCursor } from './model.js';

/**
 * Queries of the municipality capability. Its tables (municipalities, public_values) belong to
 * the platform's tenancy, because every request needs them; this capability changes them.
 */
type Db = Kysely<Database>;

export type PublicValueRow = PublicValueTable;

export interface MunicipalityRow {
  id: string;
  slug: string;
  name: string;
  cbs_code: string;
  division_year: number;
  primary_colour: string;
  accent_colour: string;
  /** The logo, a file in the platform file store (findFile gives its type and size). */
  logo_file_id: string | null;
  created_at: string;
  updated_at: string;
}

const columns = ['id', 'slug', 'name', 'cbs_code', 'division_year', 'primary_colour', 'accent_colour', 'logo_file_id', 'created_at', 'updated_at'] as const;

function toRow(row: MunicipalityRow): MunicipalityRow {
  return { ...row, division_year: Number(row.division_year) };
}

export async function findMunicipality(db: Db, id: string): Promise<MunicipalityRow | undefined> {
  const row = await db.selectFrom('municipalities').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function listMunicipalities(db: Db): Promise<MunicipalityRow[]> {
  const rows = await db.selectFrom('municipalities').select(columns).orderBy('name').orderBy('slug').execute();
  return rows.map(toRow);
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return Boolean(await db.selectFrom('municipalities').select('id').where('slug', '=', slug).executeTakeFirst());
}

export async function cbsCodeTaken(db: Db, cbsCode: string): Promise<boolean> {
  return Boolean(await db.selectFrom('municipalities').select('id').where('cbs_code', '=', cbsCode).executeTakeFirst());
}

export async function listPublicValues(db: Db, municipalityId: string): Promise<PublicValueRow[]> {
  return db.selectFrom('public_values').selectAll().where('municipality_id', '=', municipalityId).orderBy('position').orderBy('id').execute();
}

/** Only within the municipality: an id of another municipality is "not found". */
export async function findPublicValue(db: Db, municipalityId: string, id: string): Promise<PublicValueRow | undefined> {
  return db.selectFrom('public_values').selectAll().where('municipality_id', '=', municipalityId).where('id', '=', id).executeTakeFirst();
}

/** Write positions 0…n-1 in the given order. */
export async function writeOrder(db: Db, municipalityId: string, ids: string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await db.updateTable('public_values').set({ position }).where('municipality_id', '=', municipalityId).where('id', '=', id).execute();
  }
}

// ---- audit log ------------------------------------------------------------------------

export interface AuditQuery {
  /** A municipality id; null for installation-level entries only; undefined for every entry. */
  municipalityId?: string | null;
  action?: string;
  entityType?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditRecord[];
  /** Cursor for older entries, or null on the last page. */
  next: string | null;
}

const maxIso = (a: string | undefined, b: string) => (a && a > b ? a : b);
const minIso = (a: string | undefined, b: string) => (a && a < b ? a : b);

/**
 * One page of the log, newest first, with a (time, id) cursor so that entries written in the
 * same millisecond are neither skipped nor shown twice across pages.
 */
export async function readAuditPage(db: Db, query: AuditQuery, cursor: AuditCursor | null, limit: number): Promise<AuditPage> {
  const items: AuditRecord[] = [];
  let before: string | undefined;
  if (cursor) {
    // The rest of the cursor's own millisecond first…
    const from = maxIso(query.from, cursor.at);
    const to = minIso(query.to, new Date(Date.parse(cursor.at) + 1).toISOString());
    if (from < to) {
      const sameInstant = await readAudit(db, { ...query, from, to, limit: 500 });
      items.push(...sameInstant.filter((e) => e.at === cursor.at && e.id < cursor.id).sort(compareNewestFirst));
    }
    before = cursor.at;
  }
  // …then everything older.
  if (items.length <= limit) {
    const older = await readAudit(db, { ...query, before, limit: limit + 1 - items.length });
    items.push(...older);
  }
  items.sort(compareNewestFirst);
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, next: items.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
}

/** The actions and entity types that occur in a municipality's log, for the filter choices. */
export async function auditFacets(db: Db, municipalityId: string | undefined): Promise<{ actions: string[]; entityTypes: string[] }> {
  let actions = db.selectFrom('audit_log').select('action').distinct();
  let types = db.selectFrom('audit_log').select('entity_type').distinct();
  if (municipalityId !== undefined) {
    actions = actions.where('municipality_id', '=', municipalityId);
    types = types.where('municipality_id', '=', municipalityId);
  }
  const [a, e] = await Promise.all([actions.orderBy('action').limit(300).execute(), types.orderBy('entity_type').limit(300).execute()]);
  return { actions: a.map((r) => r.action), entityTypes: e.map((r) => r.entity_type) };
}

export async function municipalitySlugs(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('municipalities').select(['id', 'slug']).execute();
  return new Map(rows.map((r) => [r.id, r.slug]));
}
