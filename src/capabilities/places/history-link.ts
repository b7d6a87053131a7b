import type { Db } from '../../platform/db/connect.js';
import { moderationStates } from '../../platform/moderation/index.js';
import type { Tenant } from '../../platform/tenancy.js';
import { HISTORY_KIND, entriesReferringTo, entryPath, registerHistoryReferenceKind } from '../history/index.js';
import { placePath } from './service.js';

/**
 * Places in the neighbourhood's history: timeline entries (the history capability) may name a
 * place; they then show it by name with a link, the entry form offers the area's places, and the
 * place's own page lists the entries that name it.
 */
registerHistoryReferenceKind({
  type: 'place',
  async find(db, tenant, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('places').select(['id', 'name']).where('municipality_id', '=', tenant.id).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.name, path: placePath(tenant.slug, r.id) }]));
  },
  async choices(db, tenant, areaCode) {
    // A district's entries may name the places of its neighbourhoods.
    const prefix = areaCode.startsWith('WK') ? `BU${areaCode.slice(2)}` : areaCode;
    const rows = await db.selectFrom('places').select(['id', 'name', 'area_code']).where('municipality_id', '=', tenant.id).orderBy('name').execute();
    return rows.filter((r) => r.area_code !== null && r.area_code.startsWith(prefix)).map((r) => ({ id: r.id, title: r.name }));
  },
});

/** The public timeline entries that name a place, oldest first (hidden ones left out). */
export async function historyOfPlace(db: Db, tenant: Tenant, placeId: string): Promise<Array<{ title: string; path: string }>> {
  const entries = await entriesReferringTo(db, tenant.id, 'place', placeId);
  const hidden = await moderationStates(db, HISTORY_KIND, entries.map((e) => e.id));
  return entries.filter((e) => !hidden.has(e.id)).map((e) => ({ title: e.title, path: entryPath(tenant.slug, e.areaCode, e.id) }));
}
