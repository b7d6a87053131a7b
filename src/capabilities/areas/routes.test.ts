import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, signInDirectly } from '../../../test/support/http.js';
import { seedDemo } from '../../demo/index.js';
import { system } from '../../platform/policy.js';
import { cbsFeature, featureCollection, smallMunicipality } from './fixtures.js';
import { importAreas } from './import-service.js';

const OFFICIAL = 'ambtenaar@voorbeeldstad.example';
const RESIDENT = 'bewoner@voorbeeldstad.example';
const EVIL = '<script>alert("x")</script> & Zoon';

describeEachEngine('area pages and API', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await openTestPlatform(engine);
    await seedDemo(t.platform);
    const sys = { platform: t.platform, actor: system, tenant: null, locale: 'en' as const };
    // Another municipality (national data), and a neighbourhood of Voorbeeldstad with a hostile name.
    await importAreas(sys, [{ name: 'gm0001_2025.geojson', text: smallMunicipality('GM0001', { municipality: 'Eerstestad' }) }]);
    await importAreas(sys, [{ name: 'extra_2025.geojson', text: featureCollection([cbsFeature({ code: 'BU99990199', name: EVIL, at: [5.2, 52.1], size: 0.001 })]) }]);
    app = await buildTestApp(t.platform);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it("shows the municipality's districts on a map with links, and the same as a list", async () => {
    const response = await agent(app).get('/voorbeeldstad/gebieden');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<svg class="ba-map"');
    expect(body).toMatch(/<title id="map-title-municipality">/);
    for (const code of ['WK999901', 'WK999902', 'WK999903', 'WK999904']) {
      expect(body).toContain(`<a href="/voorbeeldstad/gebieden/${code}" aria-label="Wijk`);
      expect(body).toContain(`<a class="utrecht-link" href="/voorbeeldstad/gebieden/${code}">`);
    }
    expect(body).toContain('fill-rule="evenodd"');
    expect(body).toContain('href="/voorbeeldstad/gebieden/BU99990102"');
    expect(body).not.toMatch(/style="/);
    // The other year of the demo is offered.
    expect(body).toContain('href="/voorbeeldstad/gebieden?jaar=2024"');
    const earlier = await agent(app).get('/voorbeeldstad/gebieden?jaar=2024');
    expect(earlier.statusCode).toBe(200);
    expect(earlier.body).toContain('Stations- en Havenkwartier');
  });

  it('escapes names everywhere', async () => {
    for (const url of ['/voorbeeldstad/gebieden', '/voorbeeldstad/gebieden/BU99990199', '/voorbeeldstad/budgetgebieden', '/gebieden/BU99990199']) {
      const response = await agent(app).get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain('<script>alert');
      expect(response.body, url).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Zoon');
    }
  });

  it('shows an area: what it is, what lies above and beneath, its map and its other years', async () => {
    const district = await agent(app).get('/voorbeeldstad/gebieden/WK999901');
    expect(district.statusCode).toBe(200);
    expect(district.body).toContain('<h1 class="utrecht-heading-1">Wijk Centrum</h1>');
    expect(district.body).toContain('href="/voorbeeldstad/gebieden/BU99990101" aria-label="Buurt Binnenstad (BU99990101)"');
    expect(district.body).toContain('class="ba-shape-self"');
    expect(district.body).toMatch(/\d+,\d+ km²/);
    const neighbourhood = await agent(app).get('/voorbeeldstad/gebieden/BU99990102');
    expect(neighbourhood.statusCode).toBe(200);
    expect(neighbourhood.body).toMatch(/<nav class="utrecht-breadcrumb-nav"[\s\S]*Wijk Centrum[\s\S]*Buurt Lindenhof/);
    expect(neighbourhood.body).toContain('href="/voorbeeldstad/gebieden/BU99990102?jaar=2024"');
    // Lower-case codes work too.
    expect((await agent(app).get('/voorbeeldstad/gebieden/bu99990102')).statusCode).toBe(200);
  });

  it('answers 404 for an area of another municipality, an unknown code or year; 422 for a bad year', async () => {
    expect((await agent(app).get('/voorbeeldstad/gebieden/WK000101')).statusCode).toBe(404);
    expect((await agent(app).get('/voorbeeldstad/gebieden/GM0001')).statusCode).toBe(404);
    expect((await agent(app).get('/voorbeeldstad/gebieden/BU99999999')).statusCode).toBe(404);
    expect((await agent(app).get('/voorbeeldstad/gebieden/nonsense')).statusCode).toBe(404);
    expect((await agent(app).get('/voorbeeldstad/gebieden?jaar=2030')).statusCode).toBe(404);
    expect((await agent(app).get('/voorbeeldstad/gebieden/WK999901?jaar=2030')).statusCode).toBe(404);
    expect((await agent(app).get('/voorbeeldstad/gebieden?jaar=abc')).statusCode).toBe(422);
    // The national page shows any area.
    const national = await agent(app).get('/gebieden/WK000101');
    expect(national.statusCode).toBe(200);
    expect(national.body).toContain('Wijk Een');
    const index = await agent(app).get('/gebieden');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('href="/gebieden/GM0001?jaar=2025"');
  });

  it('shows budget areas to everyone and the form only to officials, who can group and dissolve', async () => {
    const visitor = await agent(app).get('/voorbeeldstad/budgetgebieden');
    expect(visitor.statusCode).toBe(200);
    expect(visitor.body).toContain('Binnenstad en Lindenhof');
    expect(visitor.body).not.toContain('name="codes"');

    const official = agent(app);
    await signInDirectly(official, t.platform, OFFICIAL);
    const page = await official.get('/voorbeeldstad/budgetgebieden');
    expect(page.body).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Buurten<\/legend>/);
    expect(page.body).toContain('id="field-codes" name="codes" value="BU99990103"');

    // A neighbourhood already in a group, and one of another municipality: 422 with an error summary naming both.
    const refused = await official.request({
      method: 'POST', url: '/voorbeeldstad/budgetgebieden', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(await official.csrfToken())}&name=Test&codes=BU99990101&codes=BU00010101`,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('id="error-summary"');
    expect(refused.body).toContain('BU99990101 hoort al bij de groep Binnenstad en Lindenhof.');
    expect(refused.body).toContain('BU00010101 is geen buurt van deze gemeente');

    const made = await official.request({
      method: 'POST', url: '/voorbeeldstad/budgetgebieden', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(await official.csrfToken())}&name=Noordrand&codes=BU99990201&codes=BU99990205`,
    });
    expect(made.statusCode).toBe(303);
    const after = await official.get('/voorbeeldstad/budgetgebieden');
    expect(after.body).toContain('Noordrand');
    const id = /action="\/voorbeeldstad\/budgetgebieden\/([a-z0-9]+)\/verwijderen"[\s\S]{0,400}?Groep Noordrand opheffen/.exec(after.body)?.[1];
    expect(id).toBeTruthy();

    const resident = agent(app);
    await signInDirectly(resident, t.platform, RESIDENT);
    expect((await resident.postForm(`/voorbeeldstad/budgetgebieden/${id}/verwijderen`, {})).statusCode).toBe(403);
    expect((await resident.postForm('/voorbeeldstad/budgetgebieden', { name: 'Van mij', codes: 'BU99990301' })).statusCode).toBe(403);
    expect((await official.postForm(`/voorbeeldstad/budgetgebieden/${id}/verwijderen`, {})).statusCode).toBe(303);
    expect((await official.get('/voorbeeldstad/budgetgebieden')).body).not.toContain('Noordrand');
  });

  it('serves areas as JSON: national, per municipality, children; 404 and 422 as problems', async () => {
    const a = agent(app);
    const one = await a.api('GET', '/api/v1/areas/BU99990102');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ code: 'BU99990102', kind: 'neighbourhood', name: 'Lindenhof', divisionYear: 2025, parentCode: 'WK999901', years: [2024, 2025], ancestors: [{ code: 'GM9999' }, { code: 'WK999901' }], geometry: { type: 'Polygon' } });
    expect((await a.api('GET', '/api/v1/areas/BU99990102?geometry=false')).json()).not.toHaveProperty('geometry');
    expect((await a.api('GET', '/api/v1/areas/BU99990103?year=2024')).json()).toMatchObject({ name: 'Stations- en Havenkwartier', divisionYear: 2024 });

    const badYear = await a.api('GET', '/api/v1/areas/BU99990102?year=abc');
    expect(badYear.statusCode).toBe(422);
    expect(badYear.headers['content-type']).toContain('application/problem+json');
    expect(badYear.json().errors[0].field).toBe('year');
    expect((await a.api('GET', '/api/v1/areas/BU99990102?year=1800')).json().errors[0].field).toBe('year');
    expect((await a.api('GET', '/api/v1/areas/BU99999999')).statusCode).toBe(404);
    expect((await a.api('GET', '/api/v1/areas/BU99990102?year=2030')).statusCode).toBe(404);
    expect((await a.api('GET', '/api/v1/areas/XX1')).json().errors[0].field).toBe('code');

    const children = await a.api('GET', '/api/v1/areas/GM9999/children');
    expect(children.json().items.map((i: { code: string }) => i.code)).toEqual(['WK999901', 'WK999902', 'WK999903', 'WK999904']);

    const tree = await a.api('GET', '/api/v1/voorbeeldstad/areas');
    expect(tree.statusCode).toBe(200);
    expect(tree.json()).toMatchObject({ municipality: { code: 'GM9999' }, divisionYear: 2025, years: [2024, 2025] });
    expect(tree.json().districts).toHaveLength(4);
    expect(tree.json().districts[0].neighbourhoods.map((n: { code: string }) => n.code)).toEqual(['BU99990101', 'BU99990102', 'BU99990103', 'BU99990104', 'BU99990199']);
    expect(JSON.stringify(tree.json())).not.toContain('coordinates');

    expect((await a.api('GET', '/api/v1/voorbeeldstad/areas/WK999902')).json()).toMatchObject({ code: 'WK999902', children: [{ code: 'BU99990201' }, { code: 'BU99990202' }, { code: 'BU99990203' }, { code: 'BU99990204' }, { code: 'BU99990205' }] });
    expect((await a.api('GET', '/api/v1/voorbeeldstad/areas/WK000101')).statusCode).toBe(404);
    expect((await a.api('GET', '/api/v1/voorbeeldstad/areas?year=2030')).statusCode).toBe(404);

    const openapi = (await a.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/v1/areas/{code}', '/api/v1/areas/{code}/children', '/api/v1/{municipality}/areas', '/api/v1/{municipality}/areas/{code}', '/api/v1/{municipality}/budget-areas', '/api/v1/{municipality}/budget-areas/{id}', '/api/v1/area-imports']) {
      expect(openapi.paths, p).toHaveProperty([p]);
    }
  });

  it('lets officials manage budget areas through the API; residents and visitors get problems', async () => {
    const official = agent(app);
    await signInDirectly(official, t.platform, OFFICIAL);
    const made = await official.api('POST', '/api/v1/voorbeeldstad/budget-areas', { name: 'Zuidrand', codes: ['BU99990404', 'BU99990405'] });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ name: 'Zuidrand', source: 'group', neighbourhoods: [{ code: 'BU99990404' }, { code: 'BU99990405' }] });
    const id = made.json().id as string;

    const list = await agent(app).api('GET', '/api/v1/voorbeeldstad/budget-areas');
    expect(list.json().items.filter((i: { source: string }) => i.source === 'group').map((i: { name: string }) => i.name)).toEqual(['Binnenstad en Lindenhof', 'Zuidrand']);

    const double = await official.api('POST', '/api/v1/voorbeeldstad/budget-areas', { name: 'Dubbel', codes: ['BU99990405'] });
    expect(double.statusCode).toBe(422);
    expect(double.json().errors).toEqual([{ field: 'codes', message: 'BU99990405 is already in the group Zuidrand.' }]);
    expect((await official.api('POST', '/api/v1/voorbeeldstad/budget-areas', { name: 'Vreemd', codes: ['BU00010101'] })).statusCode).toBe(422);

    const resident = agent(app);
    await signInDirectly(resident, t.platform, RESIDENT);
    expect((await resident.api('DELETE', `/api/v1/voorbeeldstad/budget-areas/${id}`)).statusCode).toBe(403);
    expect((await agent(app).api('POST', '/api/v1/voorbeeldstad/budget-areas', { name: 'Anoniem', codes: ['BU99990301'] })).statusCode).toBe(401);
    expect((await official.api('DELETE', '/api/v1/voorbeeldstad/budget-areas/unknown')).statusCode).toBe(404);
    expect((await official.api('DELETE', `/api/v1/voorbeeldstad/budget-areas/${id}`)).statusCode).toBe(204);
  });

  it('shows the import reports to installation administrators only', async () => {
    expect((await agent(app).api('GET', '/api/v1/area-imports')).statusCode).toBe(401);
    const official = agent(app);
    await signInDirectly(official, t.platform, OFFICIAL);
    expect((await official.api('GET', '/api/v1/area-imports')).statusCode).toBe(403);

    const person = await t.platform.db.selectFrom('people').select('id').where('email', '=', RESIDENT).executeTakeFirstOrThrow();
    await t.platform.db.insertInto('role_grants').values({ id: 'installation-admin-grant', person_id: person.id, role: 'administrator', scope_type: 'installation', scope_id: '', municipality_id: null, granted_at: new Date().toISOString() }).execute();
    const admin = agent(app);
    await signInDirectly(admin, t.platform, RESIDENT);
    const list = await admin.api('GET', '/api/v1/area-imports');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string; divisionYear: number }>;
    expect(items.length).toBeGreaterThanOrEqual(4);
    const one = await admin.api('GET', `/api/v1/area-imports/${items[0]!.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toHaveProperty('findings');
    expect(one.json()).toHaveProperty('findingSummary');
  });
});
