import { registerRetention } from '../../platform/privacy.js';

/**
 * The only place an address of a resident who takes part is written is the outbox message with
 * the link. Answering deletes it at once (service.ts); this daily rule deletes every other sent
 * (or undeliverable) survey message, so an address stays at most a day after it was mailed.
 * Nothing else is registered as personal data: the keyed hash cannot be turned back into an
 * address, and a response holds no person.
 */
registerRetention({
  name: 'survey.mails', descriptionKey: 'survey.privacy.retention', days: 0,
  async run(db) {
    const linked = db.selectFrom('survey_invitations').select('mail_id').where('mail_id', 'is not', null);
    await db.deleteFrom('outbox').where('id', 'in', linked as never).where('status', '!=', 'pending').execute();
    await db.updateTable('survey_invitations').set({ mail_id: null })
      .where('mail_id', 'is not', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.id', '=', 'survey_invitations.mail_id'))))
      .execute();
  },
});
