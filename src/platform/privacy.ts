import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { readAudit } from './audit.js';
import type { JobRunner } from './jobs.js';
import { dailyAt } from './jobs.js';

/**
 * People's rights under the AVG/GDPR, in one place:
 * - every module that holds personal data registers how to export it and how to erase it;
 *   a person's download and their erasure run through all of them;
 * - every kind of personal data has a retention period, enforced by a daily job.
 * The audit log is not erased but unlinked: see audit.ts (the person's key is deleted).
 */
export interface DataSubject {
  personId: string;
  email: string;
  name: string;
}

type Db = Kysely<Database>;

export interface PersonalDataHolder {
  /** Shown as a section heading in the download (a message key). */
  labelKey: string;
  name: string;
  export(db: Db, subject: DataSubject): Promise<unknown>;
  erase(tx: Db, subject: DataSubject): Promise<void>;
}

export interface RetentionRule {
  name: string;
  /** Message key describing the rule for the privacy statement. */
  descriptionKey: string;
  days: number;
  run(db: Db, cutoffIso: string): Promise<void>;
}

const holders: PersonalDataHolder[] = [];
const retention: RetentionRule[] = [];

export function registerPersonalData(holder: PersonalDataHolder): void {
  if (holders.some((h) => h.name === holder.name)) return;
  holders.push(holder);
}

export function registerRetention(rule: RetentionRule): void {
  if (retention.some((r) => r.name === rule.name)) return;
  retention.push(rule);
}

export function retentionRules(): readonly RetentionRule[] {
  return retention;
}

export async function exportPersonalData(db: Db, subject: DataSubject): Promise<Array<{ name: string; labelKey: string; data: unknown }>> {
  const out = [];
  for (const holder of holders) out.push({ name: holder.name, labelKey: holder.labelKey, data: await holder.export(db, subject) });
  return out;
}

/** Inside the erasure's transaction: every registered holder forgets the person. */
export async function erasePersonalData(tx: Db, subject: DataSubject): Promise<void> {
  for (const holder of [...holders].reverse()) await holder.erase(tx, subject);
}

export const RETENTION_JOB = 'privacy.retention';

export function registerRetentionJob(jobs: JobRunner, db: Db): void {
  jobs.register(RETENTION_JOB, async () => {
    for (const rule of retention) await rule.run(db, new Date(Date.now() - rule.days * 86400_000).toISOString());
  });
  jobs.schedule(dailyAt(RETENTION_JOB, 2));
}

// ---- the platform's own personal data ----------------------------------------------------

registerPersonalData({
  name: 'platform',
  labelKey: 'privacy.data.platform',
  async export(db, subject) {
    const sessions = await db.selectFrom('sessions').select(['created_at', 'expires_at']).where('person_id', '=', subject.personId).execute();
    const mails = await db.selectFrom('outbox').select(['subject', 'status', 'created_at', 'sent_at']).where('to_address', '=', subject.email).execute();
    const key = await db.selectFrom('audit_subject_keys').select('pseudonym').where('subject_id', '=', subject.personId).executeTakeFirst();
    const changes = key ? await readAudit(db, { actor: key.pseudonym, limit: 500 }) : [];
    return { sessions, mails, pseudonymInAuditLog: key?.pseudonym ?? null, changesYouMade: changes.map((c) => ({ at: c.at, action: c.action, entity: `${c.entityType} ${c.entityId}`, before: c.before, after: c.after })) };
  },
  async erase(tx, subject) {
    await tx.deleteFrom('sessions').where('person_id', '=', subject.personId).execute();
    await tx.deleteFrom('outbox').where('to_address', '=', subject.email).execute();
  },
});

registerRetention({
  name: 'outbox', descriptionKey: 'privacy.retention.outbox', days: 30,
  async run(db, cutoff) { await db.deleteFrom('outbox').where('created_at', '<', cutoff).where('status', '!=', 'pending').execute(); },
});
registerRetention({
  name: 'sessions', descriptionKey: 'privacy.retention.sessions', days: 0,
  async run(db, cutoff) { await db.deleteFrom('sessions').where('expires_at', '<', cutoff).execute(); },
});
registerRetention({
  name: 'jobs', descriptionKey: 'privacy.retention.jobs', days: 30,
  async run(db, cutoff) { await db.deleteFrom('jobs').where('status', '=', 'done').where('finished_at', '<', cutoff).execute(); },
});
