import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { newId, nowIso } from './db/helpers.js';
import type { Actor } from './policy.js';

/**
 * Append-only audit log with pseudonymised personal data.
 *
 * Actors appear only as a pseudonym. Personal fields in before/after snapshots are encrypted
 * with a key that belongs to the person they describe (crypto-shredding): erasing a person
 * (AVG/GDPR art. 17) deletes that key, which removes their identity from the whole log without
 * rewriting a single entry. The table refuses UPDATE and DELETE through database triggers.
 */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  municipalityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Whose personal data the snapshots hold, and which fields are personal. */
  personal?: { subjectId: string; fields: readonly string[] };
}

/** A change a use case reports about the record it works on: what happened, the before and after snapshots. */
export interface RecordChange {
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Audit entries for changes of one record (a summit, an agenda…): each entry names that record. */
export function changesOf(record: { type: string; id: string; municipalityId: string | null }, changes: readonly RecordChange[]): AuditEntry[] {
  return changes.map((c) => ({
    action: c.action, entityType: record.type, entityId: record.id, municipalityId: record.municipalityId,
    before: (c.before ?? null) as Record<string, unknown> | null, after: (c.after ?? null) as Record<string, unknown> | null,
  }));
}

type Tx = Kysely<Database>;

async function subjectKey(db: Tx, subjectId: string, create: boolean): Promise<{ pseudonym: string; key: Buffer } | null> {
  const row = await db.selectFrom('audit_subject_keys').select(['pseudonym', 'key']).where('subject_id', '=', subjectId).executeTakeFirst();
  if (row) return { pseudonym: row.pseudonym, key: Buffer.from(row.key, 'base64') };
  if (!create) return null;
  const fresh = { subject_id: subjectId, pseudonym: `p-${newId()}`, key: randomBytes(32).toString('base64') };
  await db.insertInto('audit_subject_keys').values(fresh).execute();
  return { pseudonym: fresh.pseudonym, key: Buffer.from(fresh.key, 'base64') };
}

/** The pseudonym under which a person appears in the log (created on first use). */
export async function pseudonymOf(db: Tx, subjectId: string): Promise<string> {
  return (await subjectKey(db, subjectId, true))!.pseudonym;
}

function encrypt(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

function decrypt(key: Buffer, sealed: string): unknown {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv!);
  decipher.setAuthTag(tag!);
  return JSON.parse(Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8'));
}

interface SealedValue {
  $personal: string; // pseudonym of the subject
  sealed: string;
}

function isSealed(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && '$personal' in value && 'sealed' in value;
}

function seal(snapshot: Record<string, unknown> | null | undefined, fields: readonly string[], subject: { pseudonym: string; key: Buffer } | null) {
  if (!snapshot) return null;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(snapshot)) {
    out[name] = subject && fields.includes(name) && value != null ? { $personal: subject.pseudonym, sealed: encrypt(subject.key, value) } : value;
  }
  return JSON.stringify(out);
}

export async function appendAudit(db: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  const actorPseudonym = actor.kind === 'person' ? await pseudonymOf(db, actor.personId) : actor.kind === 'system' ? 'system' : null;
  const subject = entry.personal ? await subjectKey(db, entry.personal.subjectId, true) : null;
  const fields = entry.personal?.fields ?? [];
  const entityId = subject && entry.entityId === entry.personal?.subjectId ? subject.pseudonym : entry.entityId;
  await db.insertInto('audit_log').values({
    id: newId(),
    at: nowIso(),
    municipality_id: entry.municipalityId,
    actor: actorPseudonym,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entityId,
    before_json: seal(entry.before, fields, subject),
    after_json: seal(entry.after, fields, subject),
  }).execute();
}

/** Erase a person from the log: their pseudonym can no longer be linked or decrypted. */
export async function forgetSubject(db: Tx, subjectId: string): Promise<boolean> {
  const result = await db.deleteFrom('audit_subject_keys').where('subject_id', '=', subjectId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface AuditRecord {
  id: string;
  at: string;
  municipalityId: string | null;
  actor: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const ERASED = '[erased]';

export interface AuditFilter {
  municipalityId?: string | null;
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
  before?: string; // cursor: entries older than this id's time
}

/** Read the log; personal values are decrypted where the subject still exists, else shown as erased. */
export async function readAudit(db: Tx, filter: AuditFilter): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.min(filter.limit ?? 50, 500));
  if (filter.municipalityId !== undefined) query = filter.municipalityId === null ? query.where('municipality_id', 'is', null) : query.where('municipality_id', '=', filter.municipalityId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.before) query = query.where('at', '<', filter.before);
  const rows = await query.execute();
  const keys = new Map<string, Buffer | null>();
  const open = async (value: unknown): Promise<unknown> => {
    if (!isSealed(value)) return value;
    if (!keys.has(value.$personal)) {
      const row = await db.selectFrom('audit_subject_keys').select('key').where('pseudonym', '=', value.$personal).executeTakeFirst();
      keys.set(value.$personal, row ? Buffer.from(row.key, 'base64') : null);
    }
    const key = keys.get(value.$personal);
    return key ? decrypt(key, value.sealed) : ERASED;
  };
  const unseal = async (json: string | null) => {
    if (!json) return null;
    const parsed = JSON.parse(json) as Record<string, unknown>;
    for (const name of Object.keys(parsed)) parsed[name] = await open(parsed[name]);
    return parsed;
  };
  const out: AuditRecord[] = [];
  for (const row of rows) {
    out.push({
      id: row.id, at: row.at, municipalityId: row.municipality_id, actor: row.actor, action: row.action,
      entityType: row.entity_type, entityId: row.entity_id, before: await unseal(row.before_json), after: await unseal(row.after_json),
    });
  }
  return out;
}
