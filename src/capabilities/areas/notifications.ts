import { registerFollowTarget } from '../../platform/notifications/index.js';

/** Areas can be followed: later capabilities (picture, agenda, budgets) publish their news to an area's followers. */
registerFollowTarget({
  type: 'area',
  labelKey: 'areas.notify.areaTarget',
  async exists(db, _municipalityId, code) {
    return Boolean(await db.selectFrom('areas').select('code').where('code', '=', code.toUpperCase()).executeTakeFirst());
  },
});
