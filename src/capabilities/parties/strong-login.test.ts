import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, inputValue, loginAs, signInDirectly, type Agent } from '../../../test/support/http.js';
import { readAudit } from '../../platform/audit.js';
import { totpCode } from '../../platform/auth/index.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { PENDING_COOKIE, SESSION_COOKIE, findSession } from '../../platform/http/sessions.js';
import type { Tenant } from '../../platform/tenancy.js';
import { hashPassword, MAX_FAILURES_PER_ACCOUNT } from './model.js';
import { loadActor } from './store.js';
import { resetSecondFactor } from './strong-login.js';
import { ForbiddenError } from '../../platform/errors.js';
import { system } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';

/**
 * Strong login through the pages, as a browser without JavaScript would: the powers of a
 * treasurer and an administrator need a second factor; setting it up, signing in with it, its
 * recovery codes, turning it off, and the throttling of wrong codes.
 */
const PASSWORD = 'een lang genoeg wachtwoord';

describeEachEngine('strong login', (engine) => {
  let test: TestPlatform;
  let app: FastifyInstance;
  let tenant: Tenant;
  let organisationId: string;
  let treasurerRecoveryCodes: string[] = [];
  const M = '/sterk';

  async function person(email: string, hash: string): Promise<string> {
    const id = newId();
    const now = nowIso();
    await test.platform.db.insertInto('people').values({ id, email, display_name: email.split('@')[0]!, password_hash: hash, email_verified_at: now, locale: 'nl', created_at: now, updated_at: now }).execute();
    return id;
  }

  /** What the policy gives the agent's current session, loaded as the server does for each request. */
  async function sessionActor(a: Agent) {
    const session = await findSession(test.platform.db, a.cookies.get(SESSION_COOKIE) ?? '');
    if (!session) return null;
    return (await loadActor(test.platform.db, session.personId, { strong: session.strong }))!;
  }

  const books = () => ({ type: 'ledger', municipalityId: tenant.id, organisationPath: [organisationId] });

  /** Set up the second step on the account page; returns the secret and the recovery codes shown once. */
  async function enrol(a: Agent): Promise<{ secret: string; recoveryCodes: string[]; firstCode: string }> {
    const page = await a.get(`${M}/mijn-account/tweede-stap`);
    expect(page.statusCode).toBe(200);
    const secret = inputValue(page.body, 'secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.body).toContain('otpauth://totp/Buurtarena:');
    expect(page.body).toContain('<svg class="ba-qr"');
    expect(page.body).toMatch(/autocomplete="one-time-code"/);
    expect(page.body).toMatch(/inputmode="numeric"/);
    // A wrong first code: the same secret comes back with the error, nothing is stored.
    const wrong = await a.postForm(`${M}/mijn-account/tweede-stap`, { secret, enrolment: inputValue(page.body, 'enrolment')!, code: '000000' === totpCode(secret) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#field-code"');
    expect(inputValue(wrong.body, 'secret')).toBe(secret);
    const firstCode = totpCode(secret);
    const done = await a.postForm(`${M}/mijn-account/tweede-stap`, { secret, enrolment: inputValue(wrong.body, 'enrolment')!, code: firstCode });
    expect(done.statusCode).toBe(200);
    const recoveryCodes = [...done.body.matchAll(/<code class="utrecht-code">([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(recoveryCodes).toHaveLength(10);
    return { secret, recoveryCodes, firstCode };
  }

  beforeAll(async () => {
    test = await openTestPlatform(engine);
    tenant = await insertTestTenant(test.platform, { slug: 'sterk' });
    const hash = await hashPassword(PASSWORD);
    const now = nowIso();
    const treasurer = await person('penningmeester@sterk.example', hash);
    const admin = await person('beheerder@sterk.example', hash);
    await person('bewoner@sterk.example', hash);
    organisationId = newId();
    await test.platform.db.insertInto('organisations').values({ id: organisationId, municipality_id: tenant.id, kind: 'association', name: 'Vereniging Sterk', description: null, area_code: null, parent_id: null, email: null, website: null, created_at: now, updated_at: now }).execute();
    await test.platform.db.insertInto('memberships').values({ id: newId(), organisation_id: organisationId, person_id: treasurer, duty: 'treasurer', created_at: now }).execute();
    await test.platform.db.insertInto('role_grants').values({ id: newId(), person_id: admin, role: 'administrator', scope_type: 'municipality', scope_id: tenant.id, municipality_id: tenant.id, granted_at: now }).execute();
    app = await buildTestApp(test.platform);
  });

  afterAll(async () => {
    await app?.close();
    await test?.close();
  });

  it('a treasurer cannot reach the books without a second factor, and can with one', async () => {
    const a = agent(app, '192.0.2.10');
    // The password alone: signed in, but sent to set up the second step, with the reason.
    const signIn = await a.postForm(`${M}/inloggen`, { email: 'penningmeester@sterk.example', password: PASSWORD });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe(`${M}/mijn-account/tweede-stap?terug=${encodeURIComponent(M)}`);
    const weak = (await sessionActor(a))!;
    expect(weak.kind === 'person' && weak.strongAuth).toBe(false);
    expect(test.platform.policy.can(weak, 'ledger.view', books())).toBe(false);
    // Still a member of the association (the duty's powers wait for the second factor).
    expect(test.platform.policy.can(weak, 'membership.viewAll', { type: 'organisation', municipalityId: tenant.id, organisationPath: [organisationId] })).toBe(true);
    const explained = await a.get(String(signIn.headers.location));
    expect(explained.body).toContain('Als beheerder of penningmeester heeft u een tweede stap nodig');

    treasurerRecoveryCodes = (await enrol(a)).recoveryCodes;
    const strong = (await sessionActor(a))!;
    expect(strong.kind === 'person' && strong.strongAuth).toBe(true);
    expect(test.platform.policy.can(strong, 'ledger.view', books())).toBe(true);
    // Nobody else's books: another organisation stays closed.
    expect(test.platform.policy.can(strong, 'ledger.view', { type: 'ledger', municipalityId: tenant.id, organisationPath: [newId()] })).toBe(false);
  });

  it('an administrator without a second factor cannot open the administration; with one they can', async () => {
    const weak = agent(app, '192.0.2.11');
    await signInDirectly(weak, test.platform, 'beheerder@sterk.example', { strong: false });
    expect((await weak.get(`${M}/beheer`)).statusCode).toBe(403);
    expect((await weak.get(`${M}/beheer/inlogdienst`)).statusCode).toBe(403);
    expect((await weak.api('GET', `/api/v1${M}/roles`)).statusCode).toBe(403);
    const account = await weak.get(`${M}/mijn-account`);
    expect(account.body).toContain('Als beheerder of penningmeester heeft u een tweede stap nodig');
    const strong = agent(app, '192.0.2.11');
    await signInDirectly(strong, test.platform, 'beheerder@sterk.example');
    expect((await strong.get(`${M}/beheer`)).statusCode).toBe(200);
  });

  it('signs in with password and code; a code works once; recovery codes work once; wrong codes are throttled', async () => {
    const first = agent(app, '192.0.2.20');
    await loginAs(first, M.slice(1), 'bewoner@sterk.example', PASSWORD);
    expect((await sessionActor(first))!.kind).toBe('person');
    const { secret, recoveryCodes, firstCode } = await enrol(first);
    const db = test.platform.db;
    const personId = (await db.selectFrom('people').select('id').where('email', '=', 'bewoner@sterk.example').executeTakeFirstOrThrow()).id;
    // Stored sealed and hashed: neither the secret nor a recovery code is in the tables.
    const stored = await db.selectFrom('second_factors').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(secret);
    const hashes = (await db.selectFrom('recovery_codes').select('code_hash').where('person_id', '=', personId).execute()).map((r) => r.code_hash);
    expect(hashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(hashes.join()).not.toContain(code.replace('-', ''));

    // The password now opens only a pending session: no session cookie, the pages see nobody.
    const b = agent(app, '192.0.2.21');
    const password = await b.postForm(`${M}/inloggen?terug=${encodeURIComponent(`${M}/organisaties`)}`, { email: 'bewoner@sterk.example', password: PASSWORD });
    expect(password.statusCode).toBe(303);
    expect(password.headers.location).toBe(`${M}/inloggen/tweede-stap?terug=${encodeURIComponent(`${M}/organisaties`)}`);
    expect(b.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(b.cookies.has(PENDING_COOKIE)).toBe(true);
    expect((await b.get(`${M}/mijn-account`)).statusCode).toBe(303); // to the sign-in page
    const stepPage = await b.get(String(password.headers.location));
    expect(stepPage.statusCode).toBe(200);
    expect(stepPage.body).toMatch(/<input[^>]*name="code"[^>]*inputmode="numeric" autocomplete="one-time-code"/);

    // The code used to enrol is not accepted again (replay), even within its 30 seconds.
    const replay = await b.postForm(String(password.headers.location), { code: firstCode });
    expect(replay.statusCode).toBe(422);
    expect(replay.body).toContain('Deze code klopt niet');
    const next = await b.postForm(String(password.headers.location), { code: totpCode(secret, Date.now() + 30_000) });
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toBe(`${M}/organisaties`);
    expect(b.cookies.has(PENDING_COOKIE)).toBe(false);
    const signedIn = (await sessionActor(b))!;
    expect(signedIn.kind === 'person' && signedIn.strongAuth).toBe(true);
    // The pending session is gone: the old cookie value cannot be used again.
    expect(await db.selectFrom('sessions').select('id').where('person_id', '=', personId).where('stage', '=', 'pending').execute()).toEqual([]);

    // A recovery code, typed in capitals with a space: once.
    const c = agent(app, '192.0.2.22');
    const third = await c.postForm(`${M}/inloggen`, { email: 'bewoner@sterk.example', password: PASSWORD });
    const recovery = recoveryCodes[3]!;
    const withRecovery = await c.postForm(String(third.headers.location), { recoveryCode: recovery.toUpperCase().replace('-', ' ') });
    expect(withRecovery.statusCode).toBe(303);
    expect(c.cookies.has(SESSION_COOKIE)).toBe(true);
    const d = agent(app, '192.0.2.23');
    const fourth = await d.postForm(`${M}/inloggen`, { email: 'bewoner@sterk.example', password: PASSWORD });
    const again = await d.postForm(String(fourth.headers.location), { recoveryCode: recovery });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('href="#field-recoveryCode"');
    expect(d.cookies.has(SESSION_COOKIE)).toBe(false);

    // Wrong codes count like wrong passwords: after the limit, even the right code waits.
    for (let i = 1; i < MAX_FAILURES_PER_ACCOUNT; i++) expect((await d.postForm(String(fourth.headers.location), { code: '999999' })).statusCode).toBe(422);
    const blocked = await d.postForm(String(fourth.headers.location), { code: totpCode(secret, Date.now() + 30_000) });
    expect(blocked.statusCode).toBe(429);
    await db.deleteFrom('rate_limit_attempts').execute();

    const audit = await readAudit(db, { entityType: 'person', limit: 50 });
    const actions = audit.map((e) => e.action);
    expect(actions).toContain('person.secondFactor.enable');
    expect(actions).toContain('person.signIn.recoveryCode');
    const used = audit.find((e) => e.action === 'person.signIn.recoveryCode')!;
    expect(used.after).toMatchObject({ method: 'recovery', recovery_codes_left: 9 });
  });

  it('new recovery codes and turning the second step off need a current code; off weakens every session', async () => {
    const a = agent(app, '192.0.2.30');
    await signInDirectly(a, test.platform, 'beheerder@sterk.example', { strong: false });
    const { secret, recoveryCodes } = await enrol(a);
    const manage = await a.get(`${M}/mijn-account/tweede-stap`);
    expect(manage.body).toContain('U heeft nog 10 herstelcodes');
    expect(manage.body).toContain('Let op: als beheerder of penningmeester');

    const wrong = await a.postForm(`${M}/mijn-account/tweede-stap/herstelcodes`, { regenerateCode: '12345' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#field-regenerateCode"');
    const regenerated = await a.postForm(`${M}/mijn-account/tweede-stap/herstelcodes`, { regenerateCode: recoveryCodes[0]! });
    expect(regenerated.statusCode).toBe(200);
    const fresh = [...regenerated.body.matchAll(/<code class="utrecht-code">([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[1]);

    // An old recovery code no longer turns it off; a current app code does.
    expect((await a.postForm(`${M}/mijn-account/tweede-stap/uitzetten`, { disableCode: recoveryCodes[1]! })).statusCode).toBe(422);
    const off = await a.postForm(`${M}/mijn-account/tweede-stap/uitzetten`, { disableCode: totpCode(secret, Date.now() + 30_000) });
    expect(off.statusCode).toBe(303);
    expect(await test.platform.db.selectFrom('second_factors').selectAll().execute()).toHaveLength(2); // the other two accounts
    const after = (await sessionActor(a))!;
    expect(after.kind === 'person' && after.strongAuth).toBe(false);
    expect((await a.get(`${M}/beheer`)).statusCode).toBe(403);
    const actions = (await readAudit(test.platform.db, { entityType: 'person', limit: 100 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['person.recoveryCodes.regenerate', 'person.secondFactor.disable']));
    await test.platform.db.deleteFrom('rate_limit_attempts').execute();
  });

  it('only the command line resets a lost second factor, and the log says so', async () => {
    const treasurerId = (await test.platform.db.selectFrom('people').select('id').where('email', '=', 'penningmeester@sterk.example').executeTakeFirstOrThrow()).id;
    const self = (await loadActor(test.platform.db, treasurerId, { strong: true }))!;
    const ctx = (actor: typeof self | typeof system) => ({ platform: test.platform, actor, tenant, locale: 'nl' as const });
    await expect(execute(ctx(self), resetSecondFactor, { personId: treasurerId })).rejects.toBeInstanceOf(ForbiddenError);
    // (Run on a copy of the factor, so the API test below still has the treasurer's.)
    const factor = await test.platform.db.selectFrom('second_factors').selectAll().where('person_id', '=', treasurerId).executeTakeFirstOrThrow();
    const codes = await test.platform.db.selectFrom('recovery_codes').selectAll().where('person_id', '=', treasurerId).execute();
    await execute(ctx(system), resetSecondFactor, { personId: treasurerId });
    expect(await test.platform.db.selectFrom('second_factors').selectAll().where('person_id', '=', treasurerId).execute()).toEqual([]);
    const [entry] = await readAudit(test.platform.db, { action: 'person.secondFactor.reset' });
    expect(entry).toMatchObject({ actor: 'system', after: { second_factor: null } });
    await test.platform.db.insertInto('second_factors').values(factor).execute();
    await test.platform.db.insertInto('recovery_codes').values(codes).execute();
  });

  it('signs in through the API in two steps', async () => {
    expect(treasurerRecoveryCodes).toHaveLength(10); // the treasurer set up the second step in the first test
    const api = agent(app, '192.0.2.41');
    const first = await api.api('POST', '/api/v1/session', { email: 'penningmeester@sterk.example', password: PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ signedIn: false, secondFactorRequired: true });
    expect(api.cookies.has(SESSION_COOKIE)).toBe(false);
    const wrong = await api.api('POST', '/api/v1/session/second-factor', { code: '000 000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect((await api.api('GET', '/api/v1/session')).json()).toMatchObject({ signedIn: false, strongAuth: false });
    const second = await api.api('POST', '/api/v1/session/second-factor', { code: treasurerRecoveryCodes[0] });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ signedIn: true, strongAuth: true, recoveryCodesLeft: 9 });
    expect((await api.api('GET', '/api/v1/session')).json()).toMatchObject({ signedIn: true, strongAuth: true });
    // Without a pending sign-in the second step has nothing to complete.
    const stray = await agent(app, '192.0.2.42').api('POST', '/api/v1/session/second-factor', { code: '123456' });
    expect(stray.statusCode).toBe(422);
    await test.platform.db.deleteFrom('rate_limit_attempts').execute();
  });
});
