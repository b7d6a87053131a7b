import { registerPersonalData, registerRetention } from '../../platform/privacy.js';

/**
 * What strong login holds about a person, for their download: whether the second step is on and
 * how many recovery codes are left. The key itself and the recovery codes are credentials and are
 * never exported (they are sealed and hashed). Erasure needs nothing here: both tables go with the
 * person row (foreign keys cascade).
 */
registerPersonalData({
  name: 'parties.secondFactor',
  labelKey: 'parties.privacy.secondFactor',
  async export(db, subject) {
    const factor = await db.selectFrom('second_factors').select(['kind', 'enabled_at']).where('person_id', '=', subject.personId).executeTakeFirst();
    if (!factor) return { secondFactor: null };
    const codes = await db.selectFrom('recovery_codes').select(['created_at', 'used_at']).where('person_id', '=', subject.personId).execute();
    return { secondFactor: { kind: factor.kind, enabledAt: factor.enabled_at }, recoveryCodes: codes.map((c) => ({ createdAt: c.created_at, usedAt: c.used_at })) };
  },
  async erase() {},
});

registerRetention({
  name: 'oidc_flows', descriptionKey: 'parties.privacy.retention.oidcFlows', days: 0,
  async run(db, cutoff) { await db.deleteFrom('oidc_flows').where('expires_at', '<', cutoff).execute(); },
});
