import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { TEST_SESSION_SECRET, describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { openPlatform } from '../../app.js';
import { ERASED, readAudit } from '../../platform/audit.js';
import { loadConfig } from '../../platform/config.js';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { AppError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/errors.js';
import { createSession, findSession } from '../../platform/http/sessions.js';
import { anonymous, type Actor } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { hashPassword, MAX_FAILURES_PER_ACCOUNT } from './model.js';
import {
  addMember, createOrganisation, erase, erasePerson, grantRole, login, register, removeMember, requestPasswordReset, resetPassword,
  updateOrganisation, verifyEmail,
} from './service.js';
import { findPerson, findPersonByEmail, loadActor } from './store.js';

const PASSWORD = 'een lang genoeg wachtwoord';
// One scrypt hash for every account inserted directly: password hashing costs tens of milliseconds.
let sharedHash: string;
beforeAll(async () => {
  sharedHash = await hashPassword(PASSWORD);
});

async function issuesOf(promise: Promise<unknown>): Promise<Array<{ field: string; key: string }>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ValidationError)) throw new Error(`expected a validation error, got ${String(error)}`);
  return error.issues.map((i) => ({ field: i.field, key: i.key }));
}

function tokenFrom(text: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([\\w-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1]!;
}

describeEachEngine('parties use cases', (engine) => {
  let test: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  const ctx = (actor: Actor, tenant: Tenant | null = a): Context => ({ platform: test.platform, actor, tenant, locale: 'nl' });
  const db = () => test.platform.db;

  /** An account inserted directly (no scrypt per account), optionally verified and with a role. */
  async function person(email: string, options: { verified?: boolean; role?: 'resident' | 'official' | 'administrator'; tenant?: Tenant } = {}): Promise<string> {
    const id = newId();
    const now = nowIso();
    await db().insertInto('people').values({ id, email, display_name: email.split('@')[0]!, password_hash: sharedHash, email_verified_at: options.verified === false ? null : now, locale: 'nl', created_at: now, updated_at: now }).execute();
    if (options.role) {
      const t = options.tenant ?? a;
      await db().insertInto('role_grants').values({ id: newId(), person_id: id, role: options.role, scope_type: 'municipality', scope_id: t.id, municipality_id: t.id, granted_at: now }).execute();
    }
    return id;
  }
  // Signed in with a second factor: these tests are about the rules, not about signing in.
  const actorOf = async (personId: string) => (await loadActor(db(), personId, { strong: true }))!;

  beforeEach(async () => {
    test = await openTestPlatform(engine);
    a = await insertTestTenant(test.platform, { slug: 'aadorp', cbsCode: 'GM0001' });
    b = await insertTestTenant(test.platform, { slug: 'beedorp', cbsCode: 'GM0002' });
  });
  afterEach(async () => test.close());

  // ---- accounts ------------------------------------------------------------------

  it('registers, mails a verification link, verifies with it, and signs in', async () => {
    const { id } = await register(ctx(anonymous), { email: '  Anna@Example.ORG ', displayName: 'Anna', password: PASSWORD });
    const stored = (await findPerson(db(), id))!;
    expect(stored.email).toBe('anna@example.org');
    expect(stored.email_verified_at).toBeNull();
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(PASSWORD);

    await test.platform.jobs.drain();
    expect(test.mailer.sent).toHaveLength(1);
    const mail = test.mailer.sent[0]!;
    expect(mail.to).toBe('anna@example.org');
    expect(mail.text).toContain('http://buurtarena.test/aadorp/email-bevestigen?token=');
    const token = tokenFrom(mail.text, 'email-bevestigen');

    await execute(ctx(anonymous), verifyEmail, { token });
    expect((await findPerson(db(), id))!.email_verified_at).not.toBeNull();
    // A link works once.
    expect(await issuesOf(execute(ctx(anonymous), verifyEmail, { token }))).toEqual([{ field: 'token', key: 'parties.tokenInvalid' }]);

    const session = await login(ctx(anonymous), { email: 'ANNA@example.org', password: PASSWORD }, '192.0.2.1');
    expect(session.personId).toBe(id);
    expect(await findSession(db(), session.token)).toEqual({ id: expect.any(String), personId: id, strong: false });

    // The same address cannot register twice.
    expect(await issuesOf(register(ctx(anonymous), { email: 'anna@example.org', displayName: 'Anna 2', password: PASSWORD }))).toEqual([{ field: 'email', key: 'parties.emailTaken' }]);
    await test.platform.jobs.drain();
    expect(test.mailer.sent).toHaveLength(1);
  });

  it('refuses bad registration input, names the field and stores nothing', async () => {
    const issues = await issuesOf(register(ctx(anonymous), { email: 'geen-adres', displayName: '', password: 'kort' }));
    expect(issues.map((i) => i.field).sort()).toEqual(['displayName', 'email', 'password']);
    expect(await db().selectFrom('people').select('id').execute()).toEqual([]);
    await test.platform.jobs.drain();
    expect(test.mailer.sent).toEqual([]);
  });

  it('gives the same answer for a wrong password and for an unknown address', async () => {
    await person('kees@example.org');
    const wrong = await issuesOf(login(ctx(anonymous), { email: 'kees@example.org', password: 'niet het wachtwoord' }, '192.0.2.2'));
    const unknown = await issuesOf(login(ctx(anonymous), { email: 'niemand@example.org', password: 'niet het wachtwoord' }, '192.0.2.2'));
    expect(wrong).toEqual([{ field: 'email', key: 'parties.loginFailed' }]);
    expect(unknown).toEqual(wrong);
    expect(await db().selectFrom('sessions').select('id').execute()).toEqual([]);
  });

  it('throttles an account after five failures, per account, shared by every process through the database', async () => {
    await person('fatma@example.org');
    await person('henk@example.org');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // From different addresses: the limit is per account, not only per address.
      await issuesOf(login(ctx(anonymous), { email: 'fatma@example.org', password: `fout ${i}` }, `198.51.100.${i}`));
    }
    await expect(login(ctx(anonymous), { email: 'fatma@example.org', password: PASSWORD }, '198.51.100.99')).rejects.toBeInstanceOf(TooManyRequestsError);
    // A second server process on the same database (and so with the installation's secret) refuses as well.
    const second = await openPlatform(loadConfig({ DATABASE_URL: test.databaseUrl, SESSION_SECRET: TEST_SESSION_SECRET, SEED_DEMO: '0' }), { migrate: false, mailer: test.mailer });
    try {
      const error = await login({ platform: second.platform, actor: anonymous, tenant: a, locale: 'nl' }, { email: 'Fatma@example.org', password: PASSWORD }, '203.0.113.7').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TooManyRequestsError);
      expect((error as AppError).status).toBe(429);
    } finally {
      await second.close();
    }
    // Another account from one of the same addresses is not affected.
    await expect(login(ctx(anonymous), { email: 'henk@example.org', password: PASSWORD }, '198.51.100.0')).resolves.toMatchObject({ token: expect.any(String) });
    // The throttling table holds no e-mail address or IP address in the clear.
    const keys = JSON.stringify(await db().selectFrom('rate_limit_attempts').select('key').execute());
    expect(keys).not.toContain('fatma');
    expect(keys).not.toContain('198.51.100');
  });

  it('resets a password by e-mail link without revealing which addresses have an account', async () => {
    const id = await person('olga@example.org', { verified: false });
    const oldSession = await createSession(db(), id);

    await expect(requestPasswordReset(ctx(anonymous), { email: 'onbekend@example.org' })).resolves.toBeUndefined();
    await test.platform.jobs.drain();
    expect(test.mailer.sent).toEqual([]);
    await expect(requestPasswordReset(ctx(anonymous), { email: 'Olga@example.org' })).resolves.toBeUndefined();
    await test.platform.jobs.drain();
    expect(test.mailer.sent).toHaveLength(1);
    expect(test.mailer.sent[0]!.to).toBe('olga@example.org');
    const token = tokenFrom(test.mailer.sent[0]!.text, 'wachtwoord-herstellen');

    expect(await issuesOf(execute(ctx(anonymous), resetPassword, { token, password: 'kort' }))).toEqual([{ field: 'password', key: 'validation.passwordTooShort' }]);
    const newPassword = 'een heel nieuw wachtwoord';
    await execute(ctx(anonymous), resetPassword, { token, password: newPassword });
    expect(await findSession(db(), oldSession)).toBeNull(); // every old session ends
    expect((await findPerson(db(), id))!.email_verified_at).not.toBeNull();
    expect(await issuesOf(execute(ctx(anonymous), resetPassword, { token, password: 'nog een ander wachtwoord' }))).toEqual([{ field: 'token', key: 'parties.tokenInvalid' }]);
    expect(await issuesOf(login(ctx(anonymous), { email: 'olga@example.org', password: PASSWORD }, '192.0.2.3'))).toEqual([{ field: 'email', key: 'parties.loginFailed' }]);
    await expect(login(ctx(anonymous), { email: 'olga@example.org', password: newPassword }, '192.0.2.3')).resolves.toMatchObject({ personId: id });
  });

  it('erases a person with their memberships, grants and sessions; the audit log keeps its entries with erased personal values', async () => {
    const { id } = await register(ctx(anonymous), { email: 'rachid@example.org', displayName: 'Rachid Raadslid', password: PASSWORD });
    await test.platform.jobs.drain();
    await execute(ctx(anonymous), verifyEmail, { token: tokenFrom(test.mailer.sent[0]!.text, 'email-bevestigen') });
    const admin = await actorOf(await person('admin@example.org', { role: 'administrator' }));
    await execute(ctx(admin), grantRole, { email: 'rachid@example.org', role: 'resident', scopeType: 'municipality' });
    const org = await execute(ctx(await actorOf(id)), createOrganisation, { kind: 'association', name: 'Vereniging Rachid' });
    await createSession(db(), id);
    const entriesBefore = await db().selectFrom('audit_log').select('id').execute();

    // Someone else may not erase this account.
    const other = await actorOf(await person('ander@example.org'));
    await expect(execute(ctx(other), erasePerson, { personId: id })).rejects.toBeInstanceOf(ForbiddenError);

    await erase(ctx(await actorOf(id)), id);

    expect(await findPerson(db(), id)).toBeUndefined();
    expect(await db().selectFrom('memberships').select('id').where('person_id', '=', id).execute()).toEqual([]);
    expect(await db().selectFrom('role_grants').select('id').where('person_id', '=', id).execute()).toEqual([]);
    expect(await db().selectFrom('sessions').select('id').where('person_id', '=', id).execute()).toEqual([]);
    expect(await db().selectFrom('organisations').select('id').where('id', '=', org.id).execute()).toHaveLength(1); // the organisation stays

    const entriesAfter = await db().selectFrom('audit_log').selectAll().execute();
    expect(entriesAfter.length).toBe(entriesBefore.length + 1);
    expect(JSON.stringify(entriesAfter)).not.toContain('rachid@example.org');
    expect(JSON.stringify(entriesAfter)).not.toContain('Rachid Raadslid');
    const log = await readAudit(db(), { limit: 500 });
    const registered = log.find((e) => e.action === 'person.register')!;
    expect(registered.after).toMatchObject({ email: ERASED, display_name: ERASED });
    const granted = log.find((e) => e.action === 'role.grant')!;
    expect(granted.after).toMatchObject({ person: ERASED, role: 'resident' });
    expect(log.find((e) => e.action === 'person.erase')).toBeDefined();
    expect(await db().selectFrom('audit_subject_keys').selectAll().where('subject_id', '=', id).execute()).toEqual([]);
  });

  // ---- organisations ----------------------------------------------------------------

  it('lets a verified resident found a resident organisation and makes them its chair', async () => {
    const founder = await person('anja@example.org');
    const { id } = await execute(ctx(await actorOf(founder)), createOrganisation, { kind: 'association', name: 'Bewonersvereniging De Linde', areaCode: 'BU00010101' });
    const org = await db().selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ municipality_id: a.id, kind: 'association', name: 'Bewonersvereniging De Linde', area_code: 'BU00010101' });
    expect(await db().selectFrom('memberships').select(['person_id', 'duty']).where('organisation_id', '=', id).execute()).toEqual([{ person_id: founder, duty: 'chair' }]);
    const actions = (await readAudit(db(), { municipalityId: a.id })).map((e) => e.action).sort();
    expect(actions).toEqual(['membership.add', 'organisation.create']);
  });

  it('refuses organisations to unverified accounts, provider kinds to residents and everything to anonymous visitors, and stores nothing', async () => {
    const unverified = await actorOf(await person('nieuw@example.org', { verified: false }));
    const resident = await actorOf(await person('kees@example.org', { role: 'resident' }));
    const refused = [
      [unverified, 'association', 403],
      [resident, 'welfare_organisation', 403],
      [resident, 'municipal_department', 403],
      [resident, 'neighbourhood_body', 403],
      [anonymous, 'association', 401],
    ] as const;
    for (const [actor, kind, status] of refused) {
      const error = await execute(ctx(actor), createOrganisation, { kind, name: 'Niet toegestaan' }).catch((e: unknown) => e);
      expect(error, `${actor.kind} ${kind}`).toBeInstanceOf(ForbiddenError);
      expect((error as AppError).status).toBe(status);
    }
    expect(await db().selectFrom('organisations').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('audit_log').select('id').execute()).toEqual([]);
  });

  it('lets an official register providers and bodies', async () => {
    const official = await actorOf(await person('olga@example.org', { role: 'official' }));
    for (const kind of ['welfare_organisation', 'municipal_department', 'neighbourhood_body', 'host_organisation'] as const) {
      await execute(ctx(official), createOrganisation, { kind, name: `Organisatie ${kind}` });
    }
    expect(await db().selectFrom('organisations').select('kind').where('municipality_id', '=', a.id).execute()).toHaveLength(4);
    // An official of municipality A is no official in municipality B.
    await expect(execute(ctx(official, b), createOrganisation, { kind: 'welfare_organisation', name: 'Elders' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lets a chair add and remove members, and refuses a plain member', async () => {
    const chairId = await person('chair@example.org');
    const memberId = await person('lid@example.org');
    await person('derde@example.org');
    const { id: organisationId } = await execute(ctx(await actorOf(chairId)), createOrganisation, { kind: 'informal_group', name: 'Moestuin' });
    const chair = await actorOf(chairId);

    const { id: membershipId } = await execute(ctx(chair), addMember, { organisationId, email: 'LID@example.org', duty: 'member' });
    expect(await issuesOf(execute(ctx(chair), addMember, { organisationId, email: 'lid@example.org', duty: 'member' }))).toEqual([{ field: 'duty', key: 'parties.alreadyMember' }]);
    expect(await issuesOf(execute(ctx(chair), addMember, { organisationId, email: 'onbekend@example.org', duty: 'member' }))).toEqual([{ field: 'email', key: 'parties.noAccount' }]);
    expect(await issuesOf(execute(ctx(chair), addMember, { organisationId, email: 'derde@example.org', duty: 'koning' }))).toEqual([{ field: 'duty', key: 'validation.choice' }]);

    const member = await actorOf(memberId);
    expect(member.kind === 'person' && member.memberships).toEqual([{ organisationId, municipalityId: a.id, duty: 'member' }]);
    await expect(execute(ctx(member), addMember, { organisationId, email: 'derde@example.org', duty: 'member' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(member), removeMember, { organisationId, membershipId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(member), updateOrganisation, { id: organisationId, kind: 'informal_group', name: 'Overgenomen' })).rejects.toBeInstanceOf(ForbiddenError);

    await execute(ctx(chair), removeMember, { organisationId, membershipId });
    expect(await db().selectFrom('memberships').select('duty').where('organisation_id', '=', organisationId).execute()).toEqual([{ duty: 'chair' }]);
    await expect(execute(ctx(chair), removeMember, { organisationId, membershipId })).rejects.toBeInstanceOf(NotFoundError);
    const actions = (await readAudit(db(), { municipalityId: a.id })).map((e) => e.action);
    expect(actions.filter((x) => x === 'membership.remove')).toHaveLength(1);
  });

  it('keeps tenants apart: an organisation of municipality A does not exist in municipality B', async () => {
    const official = await actorOf(await person('olga@example.org', { role: 'official' }));
    const { id } = await execute(ctx(official), createOrganisation, { kind: 'welfare_organisation', name: 'Welzijn Aadorp' });
    // Even an administrator of B, and even A's own official, working in B's context.
    const adminB = await actorOf(await person('beheer-b@example.org', { role: 'administrator', tenant: b }));
    for (const actor of [adminB, official]) {
      await expect(execute(ctx(actor, b), updateOrganisation, { id, kind: 'welfare_organisation', name: 'Gekaapt' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(execute(ctx(actor, b), addMember, { organisationId: id, email: 'olga@example.org', duty: 'member' })).rejects.toBeInstanceOf(NotFoundError);
    }
    // Nor can B's organisations hang under A's.
    const officialB = await actorOf(await person('ambtenaar-b@example.org', { role: 'official', tenant: b }));
    expect(await issuesOf(execute(ctx(officialB, b), createOrganisation, { kind: 'working_group', name: 'Werkgroep', parentId: id }))).toEqual([{ field: 'parentId', key: 'validation.unknownId' }]);
    // And A's own official, in A's context, still can.
    await execute(ctx(official, a), updateOrganisation, { id, kind: 'welfare_organisation', name: 'Welzijn Aadorp en omstreken' });
    expect((await db().selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('Welzijn Aadorp en omstreken');
    expect(await findPersonByEmail(db(), 'olga@example.org')).toBeDefined();
  });
});
