import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, signedInAgent, type Agent } from '../../../test/support/http.js';
import { startTestIdp, type TestIdp } from '../../../test/support/oidc.js';
import { readAudit } from '../../platform/audit.js';
import { forgetDiscoveries } from '../../platform/auth/index.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { SESSION_COOKIE, findSession } from '../../platform/http/sessions.js';
import type { Tenant } from '../../platform/tenancy.js';
import { loadActor } from './store.js';

/**
 * Staff sign-in end to end against a real identity provider (oidc-provider on 127.0.0.1): an
 * administrator configures it, staff sign in through the Authorization Code flow with PKCE,
 * state and nonce, and their roles follow the provider's groups, with every change in the log.
 */
const CLIENT_ID = 'buurtarena-voorbeeld';
const CLIENT_SECRET = 'een-geheim-van-de-inlogdienst-0123456789';

describeEachEngine('staff sign-in with OpenID Connect', (engine) => {
  let test: TestPlatform;
  let app: FastifyInstance;
  let idp: TestIdp;
  let tenant: Tenant;
  let admin: Agent;
  const M = '/oidcstad';

  const settings = (overrides: Record<string, string> = {}) => ({
    enabled: 'on', issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, claim: 'groups', trustIdpMfa: 'on',
    mapOfficial: 'medewerkers, sociaal-domein', mapCouncilMember: 'raad', mapAdministrator: 'ict-beheer', mapModerator: '', mapProfessional: '', ...overrides,
  });

  /** The whole browser round trip: our start URL, the provider's login, our callback. */
  async function staffSignIn(login: string, back = `${M}/organisaties`): Promise<{ agent: Agent; callback: Awaited<ReturnType<Agent['get']>> }> {
    const a = agent(app, '198.51.100.7');
    const start = await a.get(`${M}/inloggen/oidc?terug=${encodeURIComponent(back)}`);
    expect(start.statusCode).toBe(303);
    const authorization = new URL(String(start.headers.location));
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(`http://buurtarena.test${M}/inloggen/oidc/callback`);
    const back_ = await idp.signIn(authorization.href, login);
    expect(back_.pathname).toBe(`${M}/inloggen/oidc/callback`);
    const callback = await a.get(`${back_.pathname}${back_.search}`);
    return { agent: a, callback };
  }

  async function actorOf(a: Agent) {
    const session = await findSession(test.platform.db, a.cookies.get(SESSION_COOKIE) ?? '');
    return session ? loadActor(test.platform.db, session.personId, { strong: session.strong }) : null;
  }

  async function grantsOf(email: string) {
    return test.platform.db.selectFrom('role_grants').innerJoin('people', 'people.id', 'role_grants.person_id')
      .select(['role_grants.role', 'role_grants.source']).where('people.email', '=', email).where('role_grants.municipality_id', '=', tenant.id).orderBy('role_grants.role').execute();
  }

  beforeAll(async () => {
    forgetDiscoveries();
    test = await openTestPlatform(engine);
    tenant = await insertTestTenant(test.platform, { slug: 'oidcstad' });
    idp = await startTestIdp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: `http://buurtarena.test${M}/inloggen/oidc/callback` });
    idp.accounts.set('olga', { email: 'Olga@Oidcstad.example', email_verified: true, name: 'Olga Ambtenaar', groups: ['sociaal-domein', 'ict-beheer', 'kantine'] });
    idp.accounts.set('ongeverifieerd', { email: 'iemand@oidcstad.example', email_verified: false, groups: ['medewerkers'] });
    const now = nowIso();
    const adminId = newId();
    await test.platform.db.insertInto('people').values({ id: adminId, email: 'beheer@oidcstad.example', display_name: 'Beheer', password_hash: 'x', email_verified_at: now, locale: 'nl', created_at: now, updated_at: now }).execute();
    await test.platform.db.insertInto('role_grants').values({ id: newId(), person_id: adminId, role: 'administrator', scope_type: 'municipality', scope_id: tenant.id, municipality_id: tenant.id, granted_at: now }).execute();
    app = await buildTestApp(test.platform);
    admin = await signedInAgent(app, test.platform, 'beheer@oidcstad.example');
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await test?.close();
  });

  it('is configured by an administrator; the client secret is stored encrypted and never logged', async () => {
    expect((await agent(app).get(`${M}/inloggen`)).body).not.toContain('Inloggen als medewerker van de gemeente');
    const page = await admin.get(`${M}/beheer/inlogdienst`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`http://buurtarena.test${M}/inloggen/oidc/callback`);
    // Plain http is refused unless the provider is on this machine's loopback address.
    const insecure = await admin.postForm(`${M}/beheer/inlogdienst`, settings({ issuer: 'http://login.oidcstad.example' }));
    expect(insecure.statusCode).toBe(422);
    expect(insecure.body).toContain('href="#field-issuer"');
    const noSecret = await admin.postForm(`${M}/beheer/inlogdienst`, settings({ clientSecret: '' }));
    expect(noSecret.statusCode).toBe(422);
    expect(noSecret.body).toContain('href="#field-clientSecret"');
    const saved = await admin.postForm(`${M}/beheer/inlogdienst`, settings());
    expect(saved.statusCode).toBe(303);
    const row = await test.platform.db.selectFrom('oidc_providers').selectAll().where('municipality_id', '=', tenant.id).executeTakeFirstOrThrow();
    expect(row.client_secret_sealed).not.toContain(CLIENT_SECRET);
    expect(JSON.parse(row.role_mapping)).toEqual({ official: ['medewerkers', 'sociaal-domein'], council_member: ['raad'], administrator: ['ict-beheer'], moderator: [], professional: [] });
    const [entry] = await readAudit(test.platform.db, { action: 'oidc.configure', municipalityId: tenant.id });
    expect(entry!.after).toMatchObject({ enabled: true, issuer: idp.issuer, client_id: CLIENT_ID, claim: 'groups', trust_idp_mfa: true, client_secret: 'changed' });
    expect(JSON.stringify(entry)).not.toContain(CLIENT_SECRET);
    // Saving again without a secret keeps the stored one.
    expect((await admin.postForm(`${M}/beheer/inlogdienst`, settings({ clientSecret: '' }))).statusCode).toBe(303);
    expect((await test.platform.db.selectFrom('oidc_providers').select('client_secret_sealed').executeTakeFirstOrThrow()).client_secret_sealed).toBe(row.client_secret_sealed);
    expect((await agent(app).get(`${M}/inloggen`)).body).toContain('Inloggen als medewerker van de gemeente');
  });

  it('signs staff in, creates the account from the verified e-mail address and grants the mapped roles', async () => {
    const { agent: olga, callback } = await staffSignIn('olga');
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe(`${M}/organisaties`);
    const actor = (await actorOf(olga))!;
    expect(actor.kind === 'person' && actor.strongAuth).toBe(true); // the provider is trusted for the second step
    expect(await grantsOf('olga@oidcstad.example')).toEqual([{ role: 'administrator', source: 'oidc' }, { role: 'official', source: 'oidc' }]);
    expect((await olga.get(`${M}/beheer`)).statusCode).toBe(200);
    const person = await test.platform.db.selectFrom('people').selectAll().where('email', '=', 'olga@oidcstad.example').executeTakeFirstOrThrow();
    expect(person.display_name).toBe('Olga Ambtenaar');
    expect(person.email_verified_at).not.toBeNull();
    const audit = await readAudit(test.platform.db, { municipalityId: tenant.id, limit: 20 });
    const actions = audit.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['person.addFromIdp', 'role.grant', 'person.signInWithIdp']));
    const grants = audit.filter((e) => e.action === 'role.grant').map((e) => e.after);
    expect(grants).toEqual(expect.arrayContaining([
      expect.objectContaining({ person: 'Olga Ambtenaar', role: 'administrator', source: 'oidc', issuer: idp.issuer }),
      expect.objectContaining({ person: 'Olga Ambtenaar', role: 'official', source: 'oidc' }),
    ]));
  });

  it('follows the provider when groups change, and leaves roles given by hand alone', async () => {
    const olgaId = (await test.platform.db.selectFrom('people').select('id').where('email', '=', 'olga@oidcstad.example').executeTakeFirstOrThrow()).id;
    const handGranted = (await admin.postForm(`${M}/beheer/rollen`, { email: 'olga@oidcstad.example', role: 'council_member', scopeType: 'municipality' })).statusCode;
    expect(handGranted).toBe(303);
    idp.accounts.set('olga', { email: 'olga@oidcstad.example', email_verified: true, name: 'Olga Ambtenaar', groups: ['medewerkers'] });
    const { agent: olga, callback } = await staffSignIn('olga');
    expect(callback.statusCode).toBe(303);
    expect(await grantsOf('olga@oidcstad.example')).toEqual([{ role: 'council_member', source: null }, { role: 'official', source: 'oidc' }]);
    expect((await olga.get(`${M}/beheer`)).statusCode).toBe(403);
    const revoked = await readAudit(test.platform.db, { action: 'role.revoke', municipalityId: tenant.id });
    expect(revoked.map((e) => e.before)).toEqual([expect.objectContaining({ role: 'administrator', source: 'oidc', person: 'Olga Ambtenaar' })]);
    expect((await test.platform.db.selectFrom('people').select('id').where('email', '=', 'olga@oidcstad.example').execute()).map((p) => p.id)).toEqual([olgaId]);
  });

  it('refuses a callback that does not belong to this browser, a forged state, and an unverified e-mail address', async () => {
    const a = agent(app);
    const start = await a.get(`${M}/inloggen/oidc`);
    const redirect = await idp.signIn(String(start.headers.location), 'olga');
    // Another browser (no flow cookie) cannot use the code.
    const stranger = await agent(app).get(`${redirect.pathname}${redirect.search}`);
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('Het inloggen duurde te lang of is al afgerond');
    // A changed state is refused by openid-client, and the flow is used up.
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'not-the-state');
    const wrong = await a.get(`${forged.pathname}${forged.search}`);
    expect(wrong.statusCode).toBe(400);
    expect(a.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await a.get(`${redirect.pathname}${redirect.search}`)).statusCode).toBe(400);

    const { agent: unverified, callback } = await staffSignIn('ongeverifieerd');
    expect(callback.statusCode).toBe(400);
    expect(callback.body).toContain('geen bevestigd e-mailadres');
    expect(unverified.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await test.platform.db.selectFrom('people').select('id').where('email', '=', 'iemand@oidcstad.example').execute()).toEqual([]);
  });

  it('without trust in the provider\'s second step (and no amr saying so) the session is not strong', async () => {
    expect((await admin.postForm(`${M}/beheer/inlogdienst`, settings({ trustIdpMfa: '' }))).statusCode).toBe(303);
    idp.accounts.set('olga', { email: 'olga@oidcstad.example', email_verified: true, name: 'Olga Ambtenaar', groups: ['ict-beheer'] });
    const { agent: olga, callback } = await staffSignIn('olga');
    expect(callback.statusCode).toBe(303);
    // Administrator by the mapping, but without a second factor: sent to set one up.
    expect(callback.headers.location).toBe(`${M}/mijn-account/tweede-stap?terug=${encodeURIComponent(`${M}/organisaties`)}`);
    const actor = (await actorOf(olga))!;
    expect(actor.kind === 'person' && actor.strongAuth).toBe(false);
    expect((await olga.get(`${M}/beheer`)).statusCode).toBe(403);
    expect((await admin.postForm(`${M}/beheer/inlogdienst`, settings())).statusCode).toBe(303);
  });
});
