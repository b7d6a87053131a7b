import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { ERASED, appendAudit, forgetSubject, pseudonymOf, readAudit } from './audit.js';
import type { Actor } from './policy.js';
import type { Tenant } from './tenancy.js';

const EMAIL = 'anna.jansen@example.org';
const NAME = 'Anna Jansen';

describeEachEngine('audit log', (engine) => {
  let test: TestPlatform;
  let tenant: Tenant;
  const subjectId = 'person-anna';
  const actor: Actor = { kind: 'person', personId: subjectId, displayName: NAME, emailVerified: true, strongAuth: true, grants: [], memberships: [] };

  beforeEach(async () => {
    test = await openTestPlatform(engine);
    tenant = await insertTestTenant(test.platform, { slug: 'auditdorp', cbsCode: 'GM0101' });
    await appendAudit(test.platform.db, actor, {
      action: 'person.register', entityType: 'person', entityId: subjectId, municipalityId: tenant.id,
      after: { email: EMAIL, display_name: NAME, locale: 'nl' },
      personal: { subjectId, fields: ['email', 'display_name'] },
    });
  });
  afterEach(async () => test.close());

  async function rawRows() {
    return test.platform.db.selectFrom('audit_log').selectAll().orderBy('at').execute();
  }

  it('refuses UPDATE and DELETE in the database itself, and the entry stays as it was', async () => {
    const { db } = test.platform;
    const [before] = await rawRows();
    await expect(db.updateTable('audit_log').set({ action: 'person.rewritten' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET after_json = NULL`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${before!.id}`.execute(db)).rejects.toThrow(/append-only/);
    // Inside a transaction the refusal rolls back the whole transaction.
    await expect(db.transaction().execute(async (tx) => {
      await tx.insertInto('installation').values({ key: 'audit-test', value: 'x' }).execute();
      await tx.deleteFrom('audit_log').where('id', '=', before!.id).execute();
    })).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('installation').select('key').where('key', '=', 'audit-test').execute()).toEqual([]);
    expect(await rawRows()).toEqual([before]);
  });

  it('stores personal values sealed: the raw row holds no e-mail address, name or person id', async () => {
    const [row] = await rawRows();
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(EMAIL);
    expect(raw).not.toContain(NAME);
    expect(raw).not.toContain(subjectId);
    const pseudonym = await pseudonymOf(test.platform.db, subjectId);
    expect(row!.actor).toBe(pseudonym);
    expect(row!.entity_id).toBe(pseudonym);
    const after = JSON.parse(row!.after_json!) as Record<string, unknown>;
    expect(after.locale).toBe('nl');
    expect(after.email).toMatchObject({ $personal: pseudonym });
  });

  it('readAudit decrypts personal values for those who may read the log', async () => {
    const [entry] = await readAudit(test.platform.db, { municipalityId: tenant.id });
    expect(entry).toMatchObject({ action: 'person.register', entityType: 'person', municipalityId: tenant.id, after: { email: EMAIL, display_name: NAME, locale: 'nl' } });
    expect(await readAudit(test.platform.db, { municipalityId: null })).toEqual([]);
  });

  it('after forgetSubject the entries stay, personal values read as erased and the pseudonym links to no one', async () => {
    const { db } = test.platform;
    const pseudonym = await pseudonymOf(db, subjectId);
    const rowsBefore = await rawRows();

    expect(await db.transaction().execute((tx) => forgetSubject(tx, subjectId))).toBe(true);

    expect(await rawRows()).toEqual(rowsBefore); // history is not rewritten
    const [entry] = await readAudit(db, { municipalityId: tenant.id });
    expect(entry!.after).toEqual({ email: ERASED, display_name: ERASED, locale: 'nl' });
    expect(entry!.actor).toBe(pseudonym);
    expect(await db.selectFrom('audit_subject_keys').selectAll().where('pseudonym', '=', pseudonym).execute()).toEqual([]);
    expect(await db.selectFrom('audit_subject_keys').selectAll().where('subject_id', '=', subjectId).execute()).toEqual([]);
    // Should the same id ever act again, it gets a new pseudonym that cannot be tied to the old entries.
    expect(await pseudonymOf(db, subjectId)).not.toBe(pseudonym);
    expect(await db.transaction().execute((tx) => forgetSubject(tx, 'nobody'))).toBe(false);
  });
});
