import { registerHistoryReferenceKind } from '../history/index.js';
import { actorPath } from './service.js';
import { shownActors } from './store.js';

/**
 * Actors in the neighbourhood's history: timeline entries (the history capability) may name an
 * actor; they then show it by name with a link and the entry form offers the area's actors. Only
 * actors anyone may see are found: a key person without consent (or who withdrew it) never is, nor
 * an actor a moderator hid.
 */
registerHistoryReferenceKind({
  type: 'actor',
  async find(db, tenant, ids) {
    const shown = await shownActors(db, tenant.id, ids);
    return new Map(shown.map((a) => [a.id, { title: a.name, path: actorPath(tenant.slug, a.areaCode, a.id) }]));
  },
  async choices(db, tenant, areaCode) {
    // A district's entries may name the actors of its neighbourhoods.
    const prefix = areaCode.startsWith('WK') ? `BU${areaCode.slice(2)}` : areaCode;
    const shown = await shownActors(db, tenant.id);
    return shown.filter((a) => a.areaCode === areaCode || a.areaCode.startsWith(prefix)).map((a) => ({ id: a.id, title: a.name }));
  },
});
