import { registerHistoryReferenceKind } from '../history/index.js';
import { actorOf } from './store.js';
import { isShowable } from './model.js';
import { actorPath } from './service.js';

/**
 * Actors in the neighbourhood's history: timeline entries (the history capability) may name an
 * actor; they then show it by name with a link and the entry form offers the area's actors. Only
 * actors anyone may see are found: a key person without consent (or who withdrew it) never is.
 */
registerHistoryReferenceKind({
  type: 'actor',
  async find(db, tenant, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('ecosystem_actors').selectAll().where('municipality_id', '=', tenant.id).where('id', 'in', [...ids]).execute();
    const shown = rows.map(actorOf).filter(isShowable);
    return new Map(shown.map((a) => [a.id, { title: a.name, path: actorPath(tenant.slug, a.areaCode, a.id) }]));
  },
  async choices(db, tenant, areaCode) {
    // A district's entries may name the actors of its neighbourhoods.
    const prefix = areaCode.startsWith('WK') ? `BU${areaCode.slice(2)}` : areaCode;
    const rows = await db.selectFrom('ecosystem_actors').selectAll().where('municipality_id', '=', tenant.id).orderBy('name').execute();
    return rows.map(actorOf).filter((a) => isShowable(a) && (a.areaCode === areaCode || a.areaCode.startsWith(prefix))).map((a) => ({ id: a.id, title: a.name }));
  },
});
