import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, type Agent } from '../../../test/support/http.js';
import { system } from '../../platform/policy.js';
import { comparisonKwb, fileOf } from './fixtures.js';
import { importStatistics } from './import-service.js';
import { statisticsCsv } from './api.js';
import { known } from './model.js';

describeEachEngine('statistics open data', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let visitor: Agent;

  beforeAll(async () => {
    t = await openTestPlatform(engine);
    await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
    const ctx = { platform: t.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importStatistics(ctx, fileOf('kwb-2022.csv', comparisonKwb(66)));
    await importStatistics(ctx, fileOf('kwb-2023.csv', comparisonKwb()));
    app = await buildTestApp(t.platform);
    visitor = agent(app);
  }, 60_000);
  afterAll(async () => { await app?.close(); await t?.close(); });

  it("serves an area's figures as JSON with ranks, trend, sources and attribution", async () => {
    const response = await visitor.get('/api/v1/eerstestad/areas/bu00010101/statistics?year=2023', { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ area: { code: 'BU00010101', kind: 'neighbourhood', municipalityCode: 'GM0001' }, year: 2023, years: [2022, 2023] });
    expect(body.attribution).toEqual(['Bron: CBS, Kerncijfers wijken en buurten', 'Gebiedsgrenzen: Kadaster / Centraal Bureau voor de Statistiek']);
    expect(body.sources).toEqual([expect.objectContaining({ source: 'cbs-kwb', year: 2023, scope: 'national' })]);
    const arb = body.themes.find((th: { theme: string }) => th.theme === 'work').indicators.find((i: { id: string }) => i.id === 'p_arb_pp');
    expect(arb).toMatchObject({
      label: 'Nettoarbeidsparticipatie', value: 70, unknown: null, municipality: 66, netherlands: 68, national: { rank: 2, count: 7 },
      betterThan: arb.national.percentile, trend: [{ year: 2022, value: 66, unknown: null }, { year: 2023, value: 70, unknown: null }],
    });
    const secret = (await visitor.get('/api/v1/eerstestad/areas/BU00010103/statistics')).json();
    const osm = secret.themes.flatMap((th: { indicators: unknown[] }) => th.indicators).find((i: { id: string }) => i.id === 'p_hh_osm');
    expect(osm).toMatchObject({ value: null, unknown: 'secret', national: null, betterThan: null });
  });

  it('serves the same as CSV for Dutch spreadsheets', async () => {
    const response = await visitor.get('/api/v1/eerstestad/areas/BU00010103/statistics.csv?year=2023');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('BU00010103-2023.csv');
    expect(response.body.startsWith('\uFEFFindicator;label;theme;unit;year;value;unknown_reason;')).toBe(true);
    const lines = response.body.slice(1).split('\r\n');
    const g = lines.find((l) => l.startsWith('g_hhgro;'))!.split(';');
    expect(g.slice(4, 9)).toEqual(['2023', '2,6', '', '2,2', '2,13']);
    const osm = lines.find((l) => l.startsWith('p_hh_osm;'))!.split(';');
    expect(osm.slice(5, 7)).toEqual(['', 'secret']);
    expect(osm.at(-1)).toBe('CBS, Kerncijfers wijken en buurten');
  });

  it('serves the similar neighbourhoods, explained, and where the area differs', async () => {
    const body = (await visitor.get('/api/v1/eerstestad/areas/BU00010101/similar')).json();
    expect(body.year).toBe(2023);
    expect(body.neighbours).toHaveLength(6);
    expect(body.neighbours[0]).toMatchObject({ position: 1, closest: expect.any(Array) });
    expect(body.neighbours[0].closest[0]).toMatchObject({ indicator: { id: expect.any(String), label: expect.any(String) }, neighbourValue: expect.any(Number) });
    expect(body.differences.length).toBeGreaterThan(0);
    expect(body.attribution[0]).toBe('Bron: CBS, Kerncijfers wijken en buurten');
    // Neighbours may lie in another municipality: the similar areas are national.
    expect(body.neighbours.some((n: { code: string }) => n.code.startsWith('BU0002'))).toBe(true);
  });

  it('answers bad input with a problem naming the field, and another municipality\'s area or a year without figures with 404', async () => {
    for (const [url, field] of [
      ['/api/v1/eerstestad/areas/BU00010101/statistics?year=twintig', 'year'],
      ['/api/v1/eerstestad/areas/BU00010101/similar?year=1850', 'year'],
      ['/api/v1/eerstestad/areas/BUURT/statistics', 'code'],
      ['/api/v1/eerstestad/areas/NL00/statistics.csv', 'code'],
    ] as const) {
      const response = await visitor.get(url);
      expect(response.statusCode, url).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    for (const url of ['/api/v1/eerstestad/areas/BU00020101/statistics', '/api/v1/tweedestad/areas/BU00010101/similar', '/api/v1/eerstestad/areas/BU00010101/statistics?year=2019', '/api/v1/bestaat-niet/areas/BU00010101/statistics']) {
      const response = await visitor.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await visitor.get('/api/v1/openapi.json')).json();
    for (const path of ['/api/v1/{municipality}/areas/{code}/statistics', '/api/v1/{municipality}/areas/{code}/statistics.csv', '/api/v1/{municipality}/areas/{code}/similar']) {
      expect(doc.paths[path]?.get?.parameters.map((p: { name: string }) => p.name), path).toEqual(['municipality', 'code', 'year']);
    }
  });
});

describe('statisticsCsv', () => {
  it('guards the texts a municipality names against formulas and leaves the figures numbers, negative ones too', () => {
    const text = statisticsCsv([{
      indicator: { id: 'l_saldo', labelNl: '=HYPERLINK("http://example.com";"Klik")', labelEn: 'x', definitionNl: '', definitionEn: '', unit: 'count', theme: 'population', polarity: 'neutral', source: '-eigen telling', municipalityId: 'm' },
      scope: 'local', value: known(-3.5), municipality: known(-12), netherlands: null, national: null, municipal: { rank: 1, count: 3, percentile: 0.5 },
      trend: [], similar: { median: -0.25, known: 4, advantage: null }, strength: false,
    }], 2023);
    expect(text).toBe('\uFEFFindicator;label;theme;unit;year;value;unknown_reason;municipality;netherlands;national_rank;national_count;national_percentile;'
      + 'municipal_rank;municipal_count;municipal_percentile;similar_median;strength;source\r\n'
      + 'l_saldo;"\'=HYPERLINK(""http://example.com"";""Klik"")";population;count;2023;-3,5;;-12;;;;;1;3;0,5;-0,25;nee;gemeente: -eigen telling\r\n');
  });
});
