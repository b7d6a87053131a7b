import { registerFollowTarget, registerNotificationKind } from '../../platform/notifications/index.js';

/** What parties tells people about, and what can be followed here. */
export const ORGANISATION_UPDATED = 'organisation.updated';
export const MEMBERSHIP_ADDED = 'membership.added';

registerNotificationKind({ kind: ORGANISATION_UPDATED, labelKey: 'parties.notify.organisationUpdated', defaultChannel: 'daily' });
registerNotificationKind({ kind: MEMBERSHIP_ADDED, labelKey: 'parties.notify.membershipAdded', defaultChannel: 'immediately' });
registerFollowTarget({
  type: 'organisation',
  labelKey: 'parties.notify.organisationTarget',
  async exists(db, municipalityId, id) {
    if (!municipalityId) return false;
    return Boolean(await db.selectFrom('organisations').select('id').where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst());
  },
});
