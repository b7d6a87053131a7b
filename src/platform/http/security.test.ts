import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { Agent, buildTestApp, loginAs, signInDirectly } from '../../../test/support/http.js';
import { seedDemo, DEMO_PASSWORD } from '../../demo/index.js';

/** HTTP-level security of the whole application, in-process, on the seeded demo. */
const OFFICIAL = 'ambtenaar@voorbeeldstad.example';
const RESIDENT = 'bewoner@voorbeeldstad.example';

function cookieAttributes(setCookie: string | string[] | undefined, name: string): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no Set-Cookie for ${name} in ${JSON.stringify(all)}`);
  return found;
}

describeEachEngine('HTTP security', (engine) => {
  let test: TestPlatform;
  let app: FastifyInstance;
  let official: Agent;

  const organisationNames = async () => (await test.platform.db.selectFrom('organisations').select('name').execute()).map((r) => r.name);

  beforeAll(async () => {
    test = await openTestPlatform(engine);
    await seedDemo(test.platform);
    app = await buildTestApp(test.platform);
    official = new Agent(app);
    await signInDirectly(official, test.platform, OFFICIAL);
  });
  afterAll(async () => {
    await app?.close();
    await test?.close();
  });

  it('sends a strict Content-Security-Policy and the other security headers on pages, API and errors', async () => {
    for (const url of ['/', '/voorbeeldstad', '/voorbeeldstad/inloggen', '/api/v1/session', '/bestaat-niet', '/api/v1/bestaat-niet/organisations']) {
      const response = await new Agent(app).get(url);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("base-uri 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).not.toContain('unsafe-eval');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it('serves pages without inline scripts or styles (the CSP would block them)', async () => {
    const page = (await official.get('/voorbeeldstad/organisaties')).body;
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\sstyle="/);
    expect(page).not.toMatch(/\son[a-z]+="/);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const visitor = new Agent(app, '192.0.2.10');
    const first = await visitor.get('/voorbeeldstad/inloggen');
    const anonymousCookie = cookieAttributes(first.headers['set-cookie'], 'ba_csrf');
    expect(anonymousCookie).toMatch(/HttpOnly/i);
    expect(anonymousCookie).toMatch(/SameSite=Lax/i);
    const login = await loginAs(visitor, 'voorbeeldstad', RESIDENT, DEMO_PASSWORD);
    expect(login.headers.location).toBe('/voorbeeldstad');
    const session = cookieAttributes(login.headers['set-cookie'], 'ba_session');
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//i);
    // The session works, and the database holds only a hash of the token.
    expect((await visitor.api('GET', '/api/v1/session')).json()).toMatchObject({ signedIn: true });
    const token = visitor.cookies.get('ba_session')!;
    expect(await test.platform.db.selectFrom('sessions').select('id').where('id', '=', token).execute()).toEqual([]);
  });

  it('refuses a form post without, or with a wrong, CSRF token, and changes nothing', async () => {
    const before = await organisationNames();
    const fields = { kind: 'welfare_organisation', name: 'Vervalst via CSRF' };
    const stranger = new Agent(app);
    const strangersToken = await stranger.csrfToken();
    for (const csrf of [null, '', 'fout', strangersToken]) {
      const response = await official.postForm('/voorbeeldstad/organisaties/nieuw', fields, { csrf });
      expect(response.statusCode, `token ${JSON.stringify(csrf)}`).toBe(403);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    }
    // Without any cookie at all (a cross-site form with cookies blocked) as well.
    const bare = await app.inject({ method: 'POST', url: '/voorbeeldstad/organisaties/nieuw', payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bare.statusCode).toBe(403);
    // The API with a session cookie but without the header, or with a wrong one.
    for (const csrf of [null, 'fout', strangersToken]) {
      const response = await official.api('POST', '/api/v1/voorbeeldstad/organisations', fields, { csrf });
      expect(response.statusCode, `api token ${JSON.stringify(csrf)}`).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // The API refuses form-encoded bodies, so a cross-site HTML form can never reach it.
    const formToApi = await official.request({ method: 'POST', url: '/api/v1/voorbeeldstad/organisations', payload: new URLSearchParams({ ...fields, _csrf: await official.csrfToken() }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(formToApi.statusCode).toBe(415);
    expect(await organisationNames()).toEqual(before);
    // With the right token the same post works (so the refusals above were about the token).
    const ok = await official.postForm('/voorbeeldstad/organisaties/nieuw', { ...fields, name: 'Met geldig token' });
    expect(ok.statusCode).toBe(303);
    expect(await organisationNames()).toContain('Met geldig token');
  });

  it('escapes a script typed into a form, on the page after saving and on the form with errors', async () => {
    const script = '<script>alert("xss")</script>';
    const created = await official.postForm('/voorbeeldstad/organisaties/nieuw', { kind: 'welfare_organisation', name: `Welzijn ${script}`, description: `Beschrijving ${script}` });
    expect(created.statusCode).toBe(303);
    const page = await official.get(created.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(script);
    expect(page.body).toContain('Welzijn &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');

    const list = await new Agent(app).get('/voorbeeldstad/organisaties');
    expect(list.body).not.toContain(script);

    // Invalid input comes back in the form, escaped (here: the e-mail field of the login form).
    const visitor = new Agent(app, '192.0.2.11');
    const login = await visitor.postForm('/voorbeeldstad/inloggen', { email: `"><script>alert(1)</script>`, password: 'x' });
    expect(login.statusCode).toBe(422);
    expect(login.body).not.toContain('<script>alert(1)</script>');
    expect(login.body).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const register = await visitor.postForm('/voorbeeldstad/registreren', { displayName: script, email: 'geen adres', password: 'kort' });
    expect(register.statusCode).toBe(422);
    expect(register.body).not.toContain(script);
  });

  it('answers API errors as problem+json that names the field', async () => {
    const invalid = await official.api('POST', '/api/v1/voorbeeldstad/organisations', { kind: 'koninkrijk', name: '' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = invalid.json() as { type: string; title: string; status: number; detail: string; errors: Array<{ field: string; message: string }> };
    expect(problem.status).toBe(422);
    expect(problem.title).toEqual(expect.any(String));
    expect(problem.type).toEqual(expect.any(String));
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['kind', 'name']);
    for (const e of problem.errors) expect(e.message.length).toBeGreaterThan(0);

    const missing = await official.api('GET', '/api/v1/voorbeeldstad/organisations/bestaat-niet');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, title: expect.any(String) });

    const anonymous = await new Agent(app).api('POST', '/api/v1/voorbeeldstad/organisations', { kind: 'association', name: 'Anoniem' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);

    const resident = new Agent(app);
    await signInDirectly(resident, test.platform, RESIDENT);
    const forbidden = await resident.api('GET', '/api/v1/voorbeeldstad/roles');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ status: 403 });

    const malformed = await official.request({ method: 'POST', url: '/api/v1/voorbeeldstad/organisations', payload: '{"kind": ', headers: { 'content-type': 'application/json', 'x-csrf-token': await official.csrfToken() } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 for an unknown municipality, and for an organisation id of another municipality', async () => {
    const visitor = new Agent(app);
    for (const url of ['/bestaat-niet', '/bestaat-niet/organisaties', '/bestaat-niet/inloggen']) {
      const response = await visitor.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/text\/html/);
      expect(response.body).toContain('<main id="main"');
    }
    const api = await visitor.get('/api/v1/bestaat-niet/organisations');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);

    await insertTestTenant(test.platform, { slug: 'anderdorp', cbsCode: 'GM0123' });
    const demoOrganisation = await test.platform.db.selectFrom('organisations').select('id').where('name', '=', 'Bewonersvereniging De Lindenhof').executeTakeFirstOrThrow();
    expect((await visitor.get(`/voorbeeldstad/organisaties/${demoOrganisation.id}`)).statusCode).toBe(200);
    expect((await visitor.get(`/anderdorp/organisaties/${demoOrganisation.id}`)).statusCode).toBe(404);
    expect((await visitor.get(`/api/v1/anderdorp/organisations/${demoOrganisation.id}`)).statusCode).toBe(404);
    const before = await organisationNames();
    const foreign = await official.api('PUT', `/api/v1/anderdorp/organisations/${demoOrganisation.id}`, { kind: 'association', name: 'Gekaapt' });
    expect(foreign.statusCode).toBe(404);
    expect(await organisationNames()).toEqual(before);
  });
});
