import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, type Agent } from '../../../test/support/http.js';
import { system } from '../../platform/policy.js';
import { cbsFeature, featureCollection, smallMunicipality } from '../areas/fixtures.js';
import { importAreas } from '../areas/index.js';
import { comparisonKwb, fileOf } from './fixtures.js';
import { importStatistics } from './import-service.js';

/** The text of a table row (tags dropped, whitespace folded) whose first cell starts with `label`. */
function rowOf(body: string, label: string): string {
  const rows = body.split('<tr ').map((r) => `<tr ${r.split('</tr>')[0]}`.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
  const row = rows.find((r) => r.startsWith(label));
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describeEachEngine('statistics pages', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let visitor: Agent;

  beforeAll(async () => {
    t = await openTestPlatform(engine);
    await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001', divisionYear: 2023 });
    await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002', divisionYear: 2023 });
    const ctx = { platform: t.platform, actor: system, tenant: null, locale: 'nl' as const };
    // Boundaries of 2023: the two districts with two neighbourhoods each, and a fifth neighbourhood.
    await importAreas(ctx, [{ name: 'gm0001_2023.geojson', text: smallMunicipality('GM0001', { municipality: 'Eerstestad' }) }]);
    await importAreas(ctx, [{ name: 'extra_2023.geojson', text: featureCollection([cbsFeature({ code: 'BU00010103', name: 'Buurt Een-C', at: [5.005, 52.01], size: 0.005 })]) }]);
    await importAreas(ctx, [{ name: 'gm0002_2023.geojson', text: smallMunicipality('GM0002', { municipality: 'Tweedestad', prefix: 'T-' }, [6, 52]) }]);
    await importStatistics(ctx, fileOf('kwb-2022.csv', comparisonKwb(66)));
    await importStatistics(ctx, fileOf('kwb-2023.csv', comparisonKwb()));
    app = await buildTestApp(t.platform);
    visitor = agent(app);
  }, 60_000);
  afterAll(async () => { await app?.close(); await t?.close(); });

  it('shows the imported numbers with the municipality, the Netherlands and the place among all neighbourhoods', async () => {
    const response = await visitor.get('/eerstestad/gebieden/BU00010101/cijfers', { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<h1 class="utrecht-heading-1">Cijfers van Buurt Buurt Een-A</h1>');
    expect(body).not.toMatch(/style="|<script>/);
    expect(rowOf(body, 'Nettoarbeidsparticipatie')).toBe('Nettoarbeidsparticipatie sterk 70,0% 66,0% 68,0% hoger dan 79% van de 7 buurten in Nederland; plaats 2 van 5 in de gemeente Duiding toevoegen bij Nettoarbeidsparticipatie');
    expect(rowOf(body, 'Aantal inwoners')).toMatch(/^Aantal inwoners 1\.000 5\.000 17\.800\.000 /);
    expect(rowOf(body, 'Gemiddelde huishoudensgrootte')).toMatch(/^Gemiddelde huishoudensgrootte 2,6 2,2 2,1 /);
    // The trend over both years, as a chart with its table.
    expect(body).toContain('Nettoarbeidsparticipatie van 2022 tot en met 2023');
    expect(text(body)).toContain('Nettoarbeidsparticipatie: 66,0% in 2022, 70,0% in 2023.');
    // Sources and attribution, and the open data.
    expect(body).toContain('Bron: CBS, Kerncijfers wijken en buurten');
    expect(body).toContain('Gebiedsgrenzen: Kadaster / Centraal Bureau voor de Statistiek');
    expect(body).toContain('href="/api/v1/eerstestad/areas/BU00010101/statistics.csv?year=2023"');
    expect(body).toContain('href="/api/v1/eerstestad/areas/BU00010101/statistics?year=2023"');
    expect(body).toContain('href="/eerstestad/gebieden/BU00010101/duiding?jaar=2023"');
    expect(body).toContain('href="/eerstestad/kaart?niveau=buurt&amp;jaar=2023"');
    // And back: the readings page links to the figures.
    expect((await visitor.get('/eerstestad/gebieden/BU00010101/duiding')).body).toContain('href="/eerstestad/gebieden/BU00010101/cijfers"');
  });

  it('shows an unknown figure as unknown with its reason, never as zero', async () => {
    const body = (await visitor.get('/eerstestad/gebieden/BU00010103/cijfers?jaar=2023')).body;
    expect(rowOf(body, 'Huishoudens onder of rond het sociaal minimum')).toMatch(/^Huishoudens onder of rond het sociaal minimum onbekend: afgeschermd omdat het om te weinig mensen gaat 7,0% 6,0% /);
    // A figure of the catalogue that no imported file holds is left out and counted, not shown as a number.
    expect(() => rowOf(body, 'Wmo-cliënten per 1 000 inwoners')).toThrow();
    expect(text(body)).toMatch(/\d+ cijfers van de catalogus staan niet in de ingelezen gegevens/);
  });

  it('puts the strengths first, and the similar neighbourhoods explained with where the area differs', async () => {
    const body = (await visitor.get('/eerstestad/gebieden/BU00010101/cijfers')).body;
    const strengths = body.indexOf('id="sterk"');
    expect(strengths).toBeGreaterThan(0);
    expect(strengths).toBeLessThan(body.indexOf('id="thema-population"'));
    // The composite indices of a neighbourhood, after the strengths (too few figures here: unknown, not a number).
    expect(body.indexOf('id="indexen"')).toBeGreaterThan(strengths);
    expect(text(body)).toMatch(/Vitaliteitsindex: (onbekend|[\d,]+, [a-z ]+ \(\d+ van de \d+ cijfers bekend\))/);
    expect(body).toContain('href="/eerstestad/indices"');
    const similar = body.slice(body.indexOf('id="zoals-deze"'));
    expect(similar).toContain('href="/eerstestad/gebieden/BU00010102/cijfers?jaar=2023"');
    // Similar neighbourhoods of another municipality carry its name.
    expect(text(similar)).toMatch(/T-Buurt Een-[AB] \(Tweedestad\)/);
    expect(text(similar)).toMatch(/: [\d.,%]+ hier, [\d.,%]+ daar/);
    expect(similar).toContain('in buurten zoals deze');
  });

  it("names the similar areas and strengths after the area's own kind: wijken for a district, buurten for a neighbourhood", async () => {
    for (const [locale, district, neighbourhood] of [
      ['nl', ['Wijken zoals deze', 'Sterk in deze wijk', 'wijken zoals deze als JSON', 'met wijken zoals deze'], ['Buurten zoals deze', 'Sterk in deze buurt', 'buurten zoals deze als JSON', 'in buurten zoals deze', 'met buurten zoals deze']],
      ['en', ['Districts like this one', 'Strong in this district', 'similar districts as JSON', 'with similar districts'], ['Neighbourhoods like this one', 'Strong in this neighbourhood', 'similar neighbourhoods as JSON', 'in similar neighbourhoods', 'with similar neighbourhoods']],
    ] as const) {
      const headers = { cookie: `ba_lang=${locale}` };
      const wijk = text((await visitor.get('/eerstestad/gebieden/WK000101/cijfers', headers)).body) + text((await visitor.get('/eerstestad/gebieden/WK000101', headers)).body);
      for (const phrase of district) expect(wijk, locale).toContain(phrase);
      expect(wijk, locale).not.toMatch(/buurten zoals deze|in deze buurt|similar neighbourhoods|this neighbourhood|neighbourhoods like this/i);
      const buurt = text((await visitor.get('/eerstestad/gebieden/BU00010101/cijfers', headers)).body) + text((await visitor.get('/eerstestad/gebieden/BU00010101', headers)).body);
      for (const phrase of neighbourhood) expect(buurt, locale).toContain(phrase);
      expect(buurt, locale).not.toMatch(/wijken zoals deze|in deze wijk|similar districts|this district|districts like this/i);
    }
  });

  it('offers the years as links and answers a year without figures and an area of another municipality with 404', async () => {
    const body = (await visitor.get('/eerstestad/gebieden/BU00010101/cijfers')).body;
    expect(body).toContain('<a class="utrecht-link" href="/eerstestad/gebieden/BU00010101/cijfers?jaar=2023" aria-current="page">2023 (getoond)</a>');
    expect(body).toContain('href="/eerstestad/gebieden/BU00010101/cijfers?jaar=2022"');
    const earlier = await visitor.get('/eerstestad/gebieden/BU00010101/cijfers?jaar=2022');
    expect(earlier.statusCode).toBe(200);
    expect(rowOf(earlier.body, 'Nettoarbeidsparticipatie')).toMatch(/^Nettoarbeidsparticipatie sterk 66,0% 66,0% 68,0% hoger dan 64% /);
    for (const url of ['/eerstestad/gebieden/BU00020101/cijfers', '/tweedestad/gebieden/BU00010101/cijfers', '/eerstestad/gebieden/BU00010101/cijfers?jaar=2019', '/eerstestad/gebieden/BU00010101/cijfers?jaar=twintig', '/eerstestad/gebieden/BU00019999/cijfers']) {
      expect((await visitor.get(url)).statusCode, url).toBe(404);
    }
  });

  it("adds a short figures section to the area's page", async () => {
    const body = (await visitor.get('/eerstestad/gebieden/BU00010101')).body;
    expect(body).toContain('id="cijfers"');
    expect(text(body)).toContain('2023: 1.000 inwoners, 400 huishoudens.');
    expect(body).toContain('href="/eerstestad/gebieden/BU00010101/cijfers"');
  });

  it('draws the indicator map with its legend and a table of every area, each linking to its figures', async () => {
    const response = await visitor.get('/eerstestad/kaart?indicator=p_arb_pp&jaar=2023&niveau=buurt&indeling=natuurlijk');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<title>Kaart: Nettoarbeidsparticipatie in 2023');
    expect(body).toContain('<h1 class="utrecht-heading-1">Kaart: Nettoarbeidsparticipatie in 2023</h1>');
    expect(body).toContain('class="ba-choropleth__legend"');
    expect(body).toContain('indeling in natuurlijke klassen (Jenks)');
    for (const [code, value] of <Array<[string, string]>>[['BU00010101', '70,0%'], ['BU00010102', '69,0%'], ['BU00010103', '72,0%'], ['BU00010201', '55,0%'], ['BU00010202', '62,0%']]) {
      expect(body).toContain(`<a class="utrecht-link" href="/eerstestad/gebieden/${code}/cijfers?jaar=2023">`);
      expect(body, code).toMatch(new RegExp(`cijfers\\?jaar=2023">Buurt [^<]+</a></td><td class="utrecht-table__cell utrecht-table__cell--numeric">${value.replace('.', '\\.')}</td>`));
    }
    expect(body).toContain('<option value="p_arb_pp" selected>');
    expect(body).toContain('href="/api/v1/eerstestad/map.geojson?indicator=p_arb_pp&amp;level=neighbourhood&amp;year=2023"');
    // Districts: one without figures is unknown, not zero.
    const districts = (await visitor.get('/eerstestad/kaart?indicator=p_arb_pp&niveau=wijk')).body;
    expect(districts).toMatch(/Wijk Een<\/a><\/td><td class="utrecht-table__cell utrecht-table__cell--numeric">71,0%/);
    expect(districts).toMatch(/Wijk Twee<\/a><\/td><td class="utrecht-table__cell utrecht-table__cell--numeric"><span class="ba-chart__unknown">onbekend: er is geen cijfer<\/span>/);
    expect((await visitor.get('/eerstestad/kaart?jaar=2019')).statusCode).toBe(404);
    expect((await visitor.get('/eerstestad/kaart?indicator=bestaat_niet')).statusCode).toBe(404);
  });

  it('says on the map why a value is unknown, as the statistics page does: in the table, the legend and the shape', async () => {
    const secret = 'onbekend: afgeschermd omdat het om te weinig mensen gaat';
    const body = (await visitor.get('/eerstestad/kaart?indicator=p_hh_osm&jaar=2023')).body;
    expect(body).toContain(`Buurt Een-C</a></td><td class="utrecht-table__cell utrecht-table__cell--numeric"><span class="ba-chart__unknown">${secret}</span>`);
    expect(body).toContain(`<title>Buurt Buurt Een-C: ${secret}</title>`);
    expect(body).toContain(`aria-label="Buurt Buurt Een-C: ${secret}"`);
    expect(text(body)).toContain(`${secret} (1 gebied)`);
    expect(text(body)).not.toMatch(/onbekend \(/);
    const english = (await visitor.get('/eerstestad/kaart?indicator=p_hh_osm&jaar=2023', { cookie: 'ba_lang=en' })).body;
    expect(english).toContain('<span class="ba-chart__unknown">unknown: withheld because it concerns too few people</span>');
  });

  it('serves the map as GeoJSON with values, unknown reasons, classes and the attribution', async () => {
    const response = await visitor.get('/api/v1/eerstestad/map.geojson?indicator=p_hh_osm&year=2023');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    const body = response.json();
    expect(body).toMatchObject({ type: 'FeatureCollection', year: 2023, boundaryYear: 2023, level: 'neighbourhood', attribution: ['Bron: CBS, Kerncijfers wijken en buurten', 'Gebiedsgrenzen: Kadaster / Centraal Bureau voor de Statistiek'] });
    expect(body.features).toHaveLength(5);
    const byCode = new Map(body.features.map((f: { id: string }) => [f.id, f]));
    expect(byCode.get('BU00010101')).toMatchObject({ type: 'Feature', properties: { code: 'BU00010101', name: 'Buurt Een-A', value: 5, unknown: null, class: expect.any(Number) }, geometry: { type: expect.stringMatching(/Polygon/) } });
    expect(byCode.get('BU00010103')).toMatchObject({ properties: { value: null, unknown: 'secret', class: null } });
    for (const f of body.features) {
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
      if (f.properties.value !== null) expect(f.properties.class).toBeGreaterThanOrEqual(0);
    }
    expect(body.classing.breaks[0]).toBe(4);
    expect(body.classing.breaks.at(-1)).toBe(12);
    const districts = (await visitor.get('/api/v1/eerstestad/map.geojson?indicator=p_arb_pp&level=district')).json();
    expect(districts.features.map((f: { properties: { code: string; value: number | null } }) => [f.properties.code, f.properties.value])).toEqual([['WK000101', 71], ['WK000102', null]]);
    expect((await visitor.get('/api/v1/eerstestad/map.geojson?level=street')).statusCode).toBe(422);
    expect((await visitor.get('/api/v1/eerstestad/map.geojson?indicator=bestaat_niet')).statusCode).toBe(404);
    const doc = (await visitor.get('/api/v1/openapi.json')).json();
    expect(doc.paths['/api/v1/{municipality}/map.geojson']?.get?.parameters.map((p: { name: string }) => p.name)).toEqual(['municipality', 'indicator', 'year', 'level']);
  });

  it('speaks English', async () => {
    const body = (await visitor.get('/eerstestad/gebieden/BU00010101/cijfers', { cookie: 'ba_lang=en' })).body;
    expect(body).toContain('Figures of');
    expect(rowOf(body, 'Net labour participation')).toMatch(/^Net labour participation strong 70\.0% 66\.0% 68\.0% higher than 79% of the 7 neighbourhoods/);
  });
});
