import type { Db } from '../../platform/db/connect.js';
import { nowIso } from '../../platform/db/helpers.js';
import { registerPersonalData, registerRetention } from '../../platform/privacy.js';
import { RETENTION_DAYS_AFTER_END, registrationCounts, withAttendance, type RegistrationCounts } from './registration-model.js';
import { registrationOf } from './registration-store.js';

/**
 * Registrations hold personal data — name, address, phone, access needs, language help, child
 * care — only for the summit. The daily retention job replaces the registrations of every summit
 * that ended more than RETENTION_DAYS_AFTER_END days ago by their counts (per status and theme,
 * needs and children of the confirmed, and how many came or did not: `summit_registration_records`),
 * in one transaction per summit. The walk-ins are a count on the summit (`summit_attendance`) and stay. The mails themselves leave the outbox by its own 30-day rule. A person with an account
 * finds and erases registrations under their address with the platform's rights.
 */
const merge = (a: RegistrationCounts, b: RegistrationCounts): RegistrationCounts => {
  const sum = (x: Record<string, number>, y: Record<string, number>) => Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, (x[k] ?? 0) + (y[k] ?? 0)]));
  return {
    confirmed: a.confirmed + b.confirmed, waiting: a.waiting + b.waiting, pending: a.pending + b.pending, cancelled: a.cancelled + b.cancelled, perTheme: sum(a.perTheme, b.perTheme),
    accessNeeds: a.accessNeeds + b.accessNeeds, languageHelp: sum(a.languageHelp, b.languageHelp), children: a.children + b.children,
    attended: a.attended + b.attended, absent: a.absent + b.absent,
  };
};

/** Replace the registrations of summits that ended before `endedBefore` by their counts. */
export async function eraseRegistrationsOfPastSummits(db: Db, endedBefore: string): Promise<number> {
  const summits = await db.selectFrom('summits').select(['id', 'municipality_id']).where('ends_at', '<', endedBefore)
    .where((eb) => eb.exists(eb.selectFrom('summit_registrations').select('summit_registrations.id').whereRef('summit_registrations.summit_id', '=', 'summits.id'))).execute();
  for (const summit of summits) {
    await db.transaction().execute(async (tx) => {
      const rows = await tx.selectFrom('summit_registrations').selectAll().where('summit_id', '=', summit.id).execute();
      let counts = registrationCounts(rows.map(registrationOf));
      const earlier = await tx.selectFrom('summit_registration_records').select('counts').where('summit_id', '=', summit.id).executeTakeFirst();
      if (earlier) {
        counts = merge(withAttendance(JSON.parse(earlier.counts) as RegistrationCounts), counts);
        await tx.updateTable('summit_registration_records').set({ counts: JSON.stringify(counts), erased_at: nowIso() }).where('summit_id', '=', summit.id).execute();
      } else {
        await tx.insertInto('summit_registration_records').values({ summit_id: summit.id, municipality_id: summit.municipality_id, counts: JSON.stringify(counts), erased_at: nowIso() }).execute();
      }
      await tx.deleteFrom('summit_registrations').where('summit_id', '=', summit.id).execute();
    });
  }
  return summits.length;
}

registerRetention({
  name: 'summit.registrations', descriptionKey: 'summit.registration.privacy.retention', days: RETENTION_DAYS_AFTER_END,
  async run(db, cutoff) { await eraseRegistrationsOfPastSummits(db, cutoff); },
});

registerPersonalData({
  name: 'summit.registrations',
  labelKey: 'summit.registration.privacy.data',
  async export(db, subject) {
    const rows = await db.selectFrom('summit_registrations').innerJoin('summits', 'summits.id', 'summit_registrations.summit_id')
      .select(['summits.title', 'summits.starts_at', 'summit_registrations.status', 'summit_registrations.name', 'summit_registrations.email', 'summit_registrations.phone',
        'summit_registrations.access_needs', 'summit_registrations.language_help', 'summit_registrations.children', 'summit_registrations.created_at'])
      .where('summit_registrations.email_key', '=', subject.email.toLowerCase()).execute();
    return rows;
  },
  async erase(tx, subject) {
    await tx.deleteFrom('summit_registrations').where('email_key', '=', subject.email.toLowerCase()).execute();
  },
});
