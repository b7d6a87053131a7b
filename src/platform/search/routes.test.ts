import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp } from '../../../test/support/http.js';
import { importAreas } from '../../capabilities/areas/index.js';
import { smallMunicipality } from '../../capabilities/areas/fixtures.js';
import { createMunicipality } from '../../capabilities/municipality/index.js';
import { createOrganisation } from '../../capabilities/parties/index.js';
import type { Context } from '../context.js';
import { system } from '../policy.js';
import { execute } from '../service.js';
import { findTenantBySlug, type Tenant } from '../tenancy.js';
import { PAGE_SIZE } from './routes.js';

describeEachEngine('search page and API', (engine) => {
  let test: TestPlatform;
  let app: FastifyInstance;
  let a: Tenant;
  const ctx = (tenant: Tenant | null): Context => ({ platform: test.platform, actor: system, tenant, locale: 'nl' });

  beforeAll(async () => {
    test = await openTestPlatform(engine);
    await execute(ctx(null), createMunicipality, { slug: 'aadorp', name: 'Gemeente Aadorp', cbsCode: 'GM0001', divisionYear: 2025 });
    await execute(ctx(null), createMunicipality, { slug: 'beedorp', name: 'Gemeente Beedorp', cbsCode: 'GM0002', divisionYear: 2025 });
    a = (await findTenantBySlug(test.platform.db, 'aadorp'))!;
    const b = (await findTenantBySlug(test.platform.db, 'beedorp'))!;
    await importAreas(ctx(null), [{ name: 'gm0001_2025.geojson', text: smallMunicipality('GM0001', { municipality: 'Aadorp' }) }]);
    await execute(ctx(a), createOrganisation, { kind: 'informal_group', name: 'Buurtmoestuin De Regenton', description: 'Samen groente kweken. <script>alert(1)</script> Iedereen welkom in de moestuin!' });
    for (let i = 1; i <= PAGE_SIZE + 5; i++) await execute(ctx(a), createOrganisation, { kind: 'working_group', name: `Werkgroep Zwerfvuil ${String(i).padStart(2, '0')}`, description: 'Wij ruimen op.' });
    await execute(ctx(b), createOrganisation, { kind: 'informal_group', name: 'Moestuin Beedorp', description: 'Niet van Aadorp.' });
    app = await buildTestApp(test.platform);
  });
  afterAll(async () => {
    await app?.close();
    await test?.close();
  });

  it('has a search page with a labelled form that works without JavaScript, in the navigation', async () => {
    const response = await agent(app).get('/aadorp/zoeken');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<form class="utrecht-form ba-form" method="get" action="/aadorp/zoeken" role="search"');
    expect(body).toMatch(/<label class="utrecht-form-label" for="field-q">Zoekterm/);
    expect(body).toContain('id="field-q" name="q" type="search"');
    expect(body).toMatch(/<label class="utrecht-form-label" for="field-soort">Soort/);
    expect(body).toContain('href="/aadorp/zoeken"');
    expect(body).not.toContain('id="resultaten"');
  });

  it('lists the results with kind, linked title, highlighted snippet and the count in text', async () => {
    const response = await agent(app).get('/aadorp/zoeken?q=moestuin');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<title>Zoeken naar &quot;moestuin&quot;');
    expect(body).toContain('<p class="utrecht-paragraph" role="status">1 resultaat voor &quot;moestuin&quot;.</p>');
    expect(body).toMatch(/<ol class="utrecht-ordered-list ba-search-results" start="1" aria-labelledby="resultaten">/);
    expect(body).toMatch(/<h3 class="utrecht-heading-3"><a class="utrecht-link" href="\/aadorp\/organisaties\/\w+">Buurtmoestuin De Regenton<\/a><\/h3>/);
    expect(body).toContain('<span class="ba-tag">Organisatie</span>');
    expect(body).toContain('<mark class="utrecht-mark">moestuin</mark>');
    expect(body).not.toContain('<script>alert(1)');
    expect(body).not.toContain('Moestuin Beedorp');
    // The query is shown back in the field, escaped.
    const hostile = await agent(app).get(`/aadorp/zoeken?q=${encodeURIComponent('"><script>x</script>')}`);
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).not.toContain('<script>x');
    expect(hostile.body).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('says so when nothing is found, and survives hostile and repeated parameters', async () => {
    const none = await agent(app).get('/aadorp/zoeken?q=olifantenpaadje');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Geen resultaten voor &quot;olifantenpaadje&quot;.');
    for (const query of ['q=%22', 'q=AND', 'q=*', 'q=-', 'q=(((', `q=${'x'.repeat(2000)}`, 'q=a&q=b', 'q[x]=1', 'q=moestuin&soort=onbekend', 'q=moestuin&pagina=-3', 'q=moestuin&pagina=abc', 'q=moestuin&pagina=99999']) {
      const response = await agent(app).get(`/aadorp/zoeken?${query}`);
      expect(response.statusCode, query).toBe(200);
    }
    const stop = await agent(app).get('/aadorp/zoeken?q=de+het');
    expect(stop.body).toContain('te vaak voorkomen');
  });

  it('filters by kind with counts, and pages with links that keep the query', async () => {
    const first = await agent(app).get('/aadorp/zoeken?q=zwerfvuil');
    expect(first.body).toContain(`${PAGE_SIZE + 5} resultaten voor &quot;zwerfvuil&quot;.`);
    expect(first.body).toContain('<option value="organisation">Organisatie (25)</option>');
    expect(first.body).toContain('<nav class="utrecht-pagination" aria-label="Pagina&#39;s met resultaten">');
    expect(first.body).toContain('Pagina 1 van 2');
    expect(first.body).toContain('href="/aadorp/zoeken?q=zwerfvuil&amp;pagina=2"');
    expect((first.body.match(/<li class="utrecht-ordered-list__item">/g) ?? []).length).toBe(PAGE_SIZE);
    const second = await agent(app).get('/aadorp/zoeken?q=zwerfvuil&pagina=2');
    expect(second.body).toContain(`start="${PAGE_SIZE + 1}"`);
    expect((second.body.match(/<li class="utrecht-ordered-list__item">/g) ?? []).length).toBe(5);
    const areas = await agent(app).get('/aadorp/zoeken?q=aadorp&soort=area');
    expect(areas.body).toContain('<option value="area" selected>');
    expect(areas.body).toContain('<span class="ba-tag">Gebied</span>');
    expect(areas.body).not.toContain('<span class="ba-tag">Organisatie</span>');
    expect(areas.body).toContain('href="/aadorp/gebieden/GM0001"');
  });

  it('answers the API with the same results, snippets as HTML with only <mark>', async () => {
    const response = await agent(app).get('/api/v1/aadorp/search?q=moestuin');
    expect(response.statusCode).toBe(200);
    const json = response.json() as { total: number; counts: Record<string, number>; items: Array<{ type: string; typeLabel: string; title: string; url: string; snippet: string }> };
    expect(json.total).toBe(1);
    expect(json.counts).toEqual({ organisation: 1 });
    expect(json.items[0]).toMatchObject({ type: 'organisation', typeLabel: 'Organisation', title: 'Buurtmoestuin De Regenton' });
    expect(json.items[0]!.url).toMatch(/^\/aadorp\/organisaties\/\w+$/);
    expect(json.items[0]!.snippet).toContain('<mark>moestuin</mark>');
    expect(json.items[0]!.snippet.match(/<[^>]*>/g)!.every((tag) => tag === '<mark>' || tag === '</mark>')).toBe(true);

    const paged = (await agent(app).get('/api/v1/aadorp/search?q=zwerfvuil&type=organisation&limit=10&offset=20')).json() as { total: number; items: unknown[] };
    expect(paged.total).toBe(PAGE_SIZE + 5);
    expect(paged.items).toHaveLength(5);
    expect(((await agent(app).get('/api/v1/beedorp/search?q=zwerfvuil')).json() as { total: number }).total).toBe(0);
    expect(((await agent(app).get('/api/v1/aadorp/search')).json() as { total: number }).total).toBe(0);

    for (const [query, field] of [['limit=500', 'limit'], ['offset=-1', 'offset'], [`q=${'x'.repeat(1001)}`, 'q'], ['limit=abc', 'limit']] as const) {
      const bad = await agent(app).get(`/api/v1/aadorp/search?${query}`);
      expect(bad.statusCode, query).toBe(422);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect((bad.json() as { errors: Array<{ field: string }> }).errors[0]!.field).toBe(field);
    }
    expect((await agent(app).get('/api/v1/nergensdorp/search?q=x')).statusCode).toBe(404);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await agent(app).get('/api/v1/openapi.json')).json() as { paths: Record<string, { get?: { parameters: Array<{ name: string }> } }> };
    const operation = doc.paths['/api/v1/{municipality}/search']?.get;
    expect(operation?.parameters.map((p) => p.name).sort()).toEqual(['limit', 'municipality', 'offset', 'q', 'type']);
  });
});
