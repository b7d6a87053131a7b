import { registerPersonalData, registerRetention } from '../../platform/privacy.js';

/** What parties holds about a person, for their download and their erasure. */
registerPersonalData({
  name: 'parties',
  labelKey: 'parties.privacy.data',
  async export(db, subject) {
    const person = await db.selectFrom('people').select(['email', 'display_name', 'locale', 'email_verified_at', 'created_at']).where('id', '=', subject.personId).executeTakeFirst();
    const memberships = await db.selectFrom('memberships').innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['organisations.name as organisation', 'memberships.duty', 'memberships.created_at']).where('memberships.person_id', '=', subject.personId).execute();
    const roles = await db.selectFrom('role_grants').select(['role', 'scope_type', 'scope_id', 'granted_at']).where('person_id', '=', subject.personId).execute();
    return { account: person, memberships, roles };
  },
  async erase() {
    // Memberships, grants and e-mail tokens go with the person row (foreign keys cascade); failed
    // sign-ins are cleared by the erasure itself, which holds the secret of their keys.
  },
});

registerRetention({
  name: 'email_tokens', descriptionKey: 'parties.privacy.retention.tokens', days: 7,
  async run(db, cutoff) { await db.deleteFrom('email_tokens').where('expires_at', '<', cutoff).execute(); },
});
