import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/index.js';
import { erase, login, loadActor } from '../../src/capabilities/parties/index.js';
import { ERASED, readAudit } from '../../src/platform/audit.js';
import { engineOf } from '../../src/platform/db/connect.js';
import type { Context } from '../../src/platform/context.js';
import { findTenantBySlug } from '../../src/platform/tenancy.js';
import { exportPersonalData } from '../../src/platform/privacy.js';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../support/engines.js';

/**
 * The right to erasure, checked the hard way: after erasing a person, their name and e-mail
 * address appear in no row of any table, while totals and history stay correct.
 */
const NAME = 'Kees Jansen';
const EMAIL = 'buurman@voorbeeldstad.example';

async function everyRow(tp: TestPlatform): Promise<Array<{ table: string; text: string }>> {
  const db = tp.platform.db;
  const tables = engineOf(db) === 'postgres'
    ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db)).rows
    : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows;
  const out = [];
  for (const { name } of tables) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db)).rows;
    for (const row of rows) {
      out.push({ table: name, text: JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v)) });
    }
  }
  return out;
}

describeEachEngine('erasure (AVG art. 17)', (engine) => {
  let tp: TestPlatform;
  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    await seedDemo(tp.platform);
  }, 120_000);
  afterEach(async () => tp.close());

  it('leaves the name and e-mail address nowhere in the database, and keeps totals and history', async () => {
    const tenant = (await findTenantBySlug(tp.platform.db, 'voorbeeldstad'))!;
    const person = await tp.platform.db.selectFrom('people').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow();
    const ctx: Context = { platform: tp.platform, actor: (await loadActor(tp.platform.db, person.id))!, tenant, locale: 'nl' };
    // Leave more traces: a failed sign-in and a download of their data.
    await login({ ...ctx, actor: { kind: 'anonymous' } }, { email: EMAIL, password: 'fout wachtwoord' }, '192.0.2.9').catch(() => {});
    const exported = JSON.stringify(await exportPersonalData(tp.platform.db, { personId: person.id, email: EMAIL, name: NAME }));
    expect(exported).toContain(EMAIL);
    expect(exported).toContain('Bewonersvereniging De Lindenhof');

    const before = await everyRow(tp);
    expect(before.some((r) => r.text.includes(EMAIL))).toBe(true);
    const auditBefore = before.filter((r) => r.table === 'audit_log').length;
    const organisationsBefore = before.filter((r) => r.table === 'organisations').length;
    const pseudonym = (await tp.platform.db.selectFrom('audit_subject_keys').select('pseudonym').where('subject_id', '=', person.id).executeTakeFirstOrThrow()).pseudonym;
    const historyBefore = (await readAudit(tp.platform.db, { actor: pseudonym, limit: 500 })).length;

    await erase(ctx, person.id);

    const after = await everyRow(tp);
    const leaks = after.filter((r) => r.text.toLowerCase().includes(EMAIL) || r.text.includes(NAME));
    expect(leaks.map((l) => `${l.table}: ${l.text.slice(0, 200)}`)).toEqual([]);
    // History stays: the audit log only grew, the entries they made are still there, now unlinkable.
    expect(after.filter((r) => r.table === 'audit_log').length).toBe(auditBefore + 1);
    const history = await readAudit(tp.platform.db, { actor: pseudonym, limit: 500 });
    expect(history.length).toBe(historyBefore + 1);
    const membershipEntry = (await readAudit(tp.platform.db, { municipalityId: tenant.id, action: 'membership.add', limit: 500 })).find((e) => e.after?.person === ERASED);
    expect(membershipEntry).toBeDefined();
    // Totals: organisations stay, the association just has one member less.
    expect(after.filter((r) => r.table === 'organisations').length).toBe(organisationsBefore);
    expect(await tp.platform.db.selectFrom('audit_subject_keys').select('pseudonym').where('subject_id', '=', person.id).executeTakeFirst()).toBeUndefined();
  }, 120_000);
});
