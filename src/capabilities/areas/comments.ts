import { registerCommentSubject } from '../../platform/comments/index.js';
import { areaTitle } from './pages/areas.js';
import { tenantAreaYear } from './routes.js';
import { findAreaSummary } from './store.js';

/** Residents comment on a district or neighbourhood of their municipality (on its page). */
registerCommentSubject({
  type: 'area',
  async find(db, tenant, code, t) {
    const chosen = await tenantAreaYear(db, tenant, code);
    const area = chosen ? await findAreaSummary(db, chosen.code, chosen.year) : null;
    return area ? { id: area.code, title: areaTitle(t, area), path: `/${tenant.slug}/gebieden/${area.code}` } : null;
  },
});
