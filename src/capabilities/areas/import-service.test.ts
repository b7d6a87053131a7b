import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import type { Context } from '../../platform/context.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { anonymous, system, type Actor } from '../../platform/policy.js';
import { cbsFeature, featureCollection, smallMunicipality, statcodeTopology } from './fixtures.js';
import { AreaImportError, importAreas } from './import-service.js';
import {
  ancestorsOf, areasOfMunicipality, childrenOf, countAreas, divisionYears, findArea, findImport, latestYear, listImports,
  municipalitiesOf, yearsOfCode, yearsOfMunicipality,
} from './store.js';

function contextOf(t: TestPlatform, actor: Actor = system): Context {
  return { platform: t.platform, actor, tenant: null, locale: 'en' };
}

async function auditCount(t: TestPlatform): Promise<number> {
  const row = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_type', '=', 'area_import').executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachEngine('area import service', (engine) => {
  let t: TestPlatform;
  beforeEach(async () => { t = await openTestPlatform(engine); });
  afterEach(async () => { await t.close(); });

  it('imports a CBS-style GeoJSON file (buurtcode, wijkcode, gemeentecode) as a tree per year', async () => {
    const report = await importAreas(contextOf(t), [{ name: 'gebieden_2024.geojson', text: smallMunicipality('GM0001', { municipality: 'Eerstestad' }) }]);
    expect(report.divisionYear).toBe(2024);
    expect(report.counts).toMatchObject({ municipality: 1, district: 2, neighbourhood: 4, placeholders: 0, written: 7 });
    expect(report.files[0]).toMatchObject({ name: 'gebieden_2024.geojson', features: 7, crs: 'EPSG:4326' });
    expect(report.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { db } = t.platform;

    const bu = await findArea(db, 'BU00010102', 2024);
    expect(bu).toMatchObject({ kind: 'neighbourhood', name: 'Buurt Een-B', parentCode: 'WK000101', municipalityCode: 'GM0001', placeholder: false, zeroArea: false });
    expect(bu!.geometry?.type).toBe('Polygon');
    expect(bu!.bbox![0]).toBeCloseTo(5.01, 6);
    expect(bu!.areaM2! / 1e6).toBeGreaterThan(0.7); // 0.01° × 0.01° at 52° N ≈ 0.76 km²
    expect((await ancestorsOf(db, bu!)).map((a) => a.code)).toEqual(['GM0001', 'WK000101']);
    expect((await childrenOf(db, 'GM0001', 2024)).map((a) => a.code)).toEqual(['WK000101', 'WK000102']);
    expect((await childrenOf(db, 'WK000102', 2024, { geometry: true })).map((a) => [a.code, a.geometry?.type])).toEqual([['BU00010201', 'Polygon'], ['BU00010202', 'Polygon']]);
    expect((await areasOfMunicipality(db, 'GM0001', 2024)).map((a) => a.code)).toEqual(['GM0001', 'WK000101', 'WK000102', 'BU00010101', 'BU00010102', 'BU00010201', 'BU00010202']);
    expect(await yearsOfCode(db, 'WK000101')).toEqual([2024]);
    expect(await latestYear(db)).toBe(2024);
    expect((await municipalitiesOf(db, 2024)).map((m) => m.name)).toEqual(['Eerstestad']);

    // The import report and one audit entry.
    const stored = await findImport(db, report.id);
    expect(stored).toMatchObject({ divisionYear: 2024, findings: [] });
    expect(await auditCount(t)).toBe(1);
    const audit = await db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'area_import').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_id: report.id, municipality_id: null, action: 'areas.import', actor: 'system' });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ division_year: 2024, counts: { neighbourhood: 4 }, findings: { 'zero-area': 0 } });
  });

  it('imports statcode-style TopoJSON and keeps divisions of different years apart', async () => {
    await importAreas(contextOf(t), [{ name: 'buurt_2014.topojson', text: statcodeTopology(['BU00140101', 'BU00140102'], ['Oude Buurt', 'Nieuwe Buurt']) }]);
    const report = await importAreas(contextOf(t), [{ name: 'buurten.topojson', text: statcodeTopology(['BU00140101', 'BU00140103'], ['Oude Buurt', 'Andere Buurt']) }], { divisionYear: 2015 });
    expect(report.divisionYear).toBe(2015);
    const { db } = t.platform;
    expect((await findArea(db, 'BU00140102', 2014))?.name).toBe('Nieuwe Buurt');
    expect(await findArea(db, 'BU00140102', 2015)).toBeNull();
    expect(await yearsOfCode(db, 'BU00140101')).toEqual([2014, 2015]);
    expect(await yearsOfMunicipality(db, 'GM0014')).toEqual([2014, 2015]);
    expect(await divisionYears(db)).toEqual([2014, 2015]);
    // The file has no district or municipality: both become placeholders, reported as missing parents.
    expect(report.counts).toMatchObject({ neighbourhood: 2, placeholders: 2 });
    expect(report.findingSummary['missing-parent']).toBe(4);
    expect(await findArea(db, 'WK001401', 2015)).toMatchObject({ placeholder: true, name: null, geometry: null, bbox: null, parentCode: 'GM0014' });
  });

  it('converts RD New (EPSG:28992) to WGS84', async () => {
    // Around the Onze Lieve Vrouwetoren in Amersfoort, the origin of RD (155000, 463000).
    const text = featureCollection([cbsFeature({ code: 'BU03070101', name: 'Binnenstad', at: [155000, 463000], size: 500 })], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } });
    const report = await importAreas(contextOf(t), [{ name: 'buurt_2023.geojson', text }]);
    expect(report.files[0]!.crs).toBe('EPSG:28992');
    const area = await findArea(t.platform.db, 'BU03070101', 2023);
    expect(area!.bbox![0]).toBeCloseTo(5.3872, 3);
    expect(area!.bbox![1]).toBeCloseTo(52.1552, 3);
    expect(Math.abs(area!.areaM2! / 250_000 - 1)).toBeLessThan(0.01); // 500 m × 500 m, within the 1 % of the approximation
  });

  it('refuses a batch with a malformed file and writes nothing, naming file, feature and field', async () => {
    const good = { name: 'gemeente_2024.geojson', text: smallMunicipality('GM0001') };
    const bad = {
      name: 'buurt_2024.geojson',
      text: featureCollection([
        cbsFeature({ code: 'BU00010103', name: 'Goed', at: [5, 52], size: 0.01 }),
        { type: 'Feature', properties: { buurtcode: 'XX123', buurtnaam: 'Fout' }, geometry: { type: 'Polygon', coordinates: [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]]] } },
        { type: 'Feature', properties: { buurtcode: 'BU00010104' }, geometry: { type: 'Point', coordinates: [5, 52] } },
      ]),
    };
    const broken = { name: 'wijk_2024.geojson', text: '{\n  "type": "FeatureCollection",\n  "features": [ oops ]\n}' };
    const error = await importAreas(contextOf(t), [good, bad, broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AreaImportError);
    expect(error).toBeInstanceOf(ValidationError);
    const lines = (error as AreaImportError).lines();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^buurt_2024\.geojson: feature 2, field buurtcode: buurtcode "XX123" is not a valid CBS area code/);
    expect(lines[1]).toMatch(/^buurt_2024\.geojson: feature 3, field geometry\.type: geometry type "Point" is not supported/);
    expect(lines[2]).toMatch(/^wijk_2024\.geojson: line 3, column 17: invalid JSON/);
    expect((error as AreaImportError).issues.map((i) => i.field)).toEqual(['buurt_2024.geojson', 'buurt_2024.geojson', 'wijk_2024.geojson']);
    expect(await countAreas(t.platform.db)).toBe(0);
    expect(await listImports(t.platform.db)).toEqual([]);
    expect(await auditCount(t)).toBe(0);
  });

  it('asks for the year when no file name has one, and checks a given year', async () => {
    const text = smallMunicipality('GM0001');
    await expect(importAreas(contextOf(t), [{ name: 'gebieden.geojson', text }])).rejects.toMatchObject({ issues: [{ field: 'divisionYear', key: 'areas.import.yearRequired' }] });
    await expect(importAreas(contextOf(t), [{ name: 'gebieden.geojson', text }], { divisionYear: 1200 })).rejects.toMatchObject({ issues: [{ field: 'divisionYear', key: 'areas.import.invalidYear' }] });
    await expect(importAreas(contextOf(t), [])).rejects.toMatchObject({ issues: [{ field: 'files' }] });
    expect(await countAreas(t.platform.db)).toBe(0);
  });

  it('is idempotent: importing the same files again changes nothing but adds a report', async () => {
    const files = [{ name: 'gebieden_2024.geojson', text: smallMunicipality('GM0001') }];
    const first = await importAreas(contextOf(t), files);
    const before = await t.platform.db.selectFrom('areas').selectAll().orderBy('code').execute();
    const second = await importAreas(contextOf(t), files);
    const after = await t.platform.db.selectFrom('areas').selectAll().orderBy('code').execute();
    expect(after).toEqual(before);
    expect(second.counts).toEqual(first.counts);
    expect(second.files[0]!.sha256).toBe(first.files[0]!.sha256);
    expect((await listImports(t.platform.db)).map((i) => i.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('never lets a placeholder overwrite a real area, and lets a real area replace a placeholder', async () => {
    const { db } = t.platform;
    const district = { name: 'wijk_2024.geojson', text: featureCollection([cbsFeature({ code: 'WK000101', name: 'Echte Wijk', at: [5, 52], size: 0.02 })]) };
    const neighbourhood = { name: 'buurt_2024.geojson', text: featureCollection([cbsFeature({ code: 'BU00010101', name: 'Buurt', at: [5, 52], size: 0.01 })]) };

    // Real district first; the neighbourhood file alone would make it a placeholder.
    await importAreas(contextOf(t), [district]);
    const report = await importAreas(contextOf(t), [neighbourhood]);
    expect(report.counts).toMatchObject({ placeholders: 2, placeholdersKeptReal: 1, written: 2 });
    expect(await findArea(db, 'WK000101', 2024)).toMatchObject({ name: 'Echte Wijk', placeholder: false });
    expect((await findArea(db, 'WK000101', 2024))!.geometry).not.toBeNull();
    expect(await findArea(db, 'GM0001', 2024)).toMatchObject({ placeholder: true, name: null });

    // Placeholder first in another year; the real district replaces it.
    await importAreas(contextOf(t), [neighbourhood], { divisionYear: 2025 });
    expect(await findArea(db, 'WK000101', 2025)).toMatchObject({ placeholder: true, name: null });
    await importAreas(contextOf(t), [district], { divisionYear: 2025 });
    expect(await findArea(db, 'WK000101', 2025)).toMatchObject({ placeholder: false, name: 'Echte Wijk' });
  });

  it('marks zero-area shapes and reports them', async () => {
    const flat = { type: 'Feature', properties: { buurtcode: 'BU00010101', buurtnaam: 'Plat' }, geometry: { type: 'Polygon', coordinates: [[[5, 52], [5.01, 52], [5, 52], [5, 52]]] } };
    const report = await importAreas(contextOf(t), [{ name: 'buurt_2024.geojson', text: featureCollection([flat]) }]);
    expect(report.findingSummary['zero-area']).toBe(1);
    expect(await findArea(t.platform.db, 'BU00010101', 2024)).toMatchObject({ zeroArea: true, placeholder: false });
  });

  it('lets only installation administrators import', async () => {
    const files = [{ name: 'gebieden_2024.geojson', text: smallMunicipality('GM0001') }];
    const municipalAdmin: Actor = {
      kind: 'person', personId: 'p1', displayName: 'Beheerder', emailVerified: true, strongAuth: true, memberships: [],
      grants: [{ role: 'administrator', scopeType: 'municipality', scopeId: 'm1', municipalityId: 'm1' }],
    };
    const installationAdmin: Actor = { ...municipalAdmin, personId: 'p2', grants: [{ role: 'administrator', scopeType: 'installation', scopeId: '', municipalityId: null }] };
    await expect(importAreas(contextOf(t, anonymous), files)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importAreas(contextOf(t, municipalAdmin), files)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await countAreas(t.platform.db)).toBe(0);
    await importAreas(contextOf(t, installationAdmin), files);
    expect(await countAreas(t.platform.db)).toBe(7);
  });
});
