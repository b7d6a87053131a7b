import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { readAudit } from '../../platform/audit.js';
import type { Context } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous, system, type Actor } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { fileOf, person } from './fixtures.js';
import { importStatistics } from './import-service.js';
import { twoThemes } from './indices-fixtures.js';
import { VITALITY_INDEX } from './indices.js';
import { computeIndex, indexDefinitionOf, indexDefinitionsOf, indexScoresOf, indexYears, previewIndex, saveIndex } from './indices-service.js';

/**
 * Composite indices on both engines: four neighbourhoods of Eerstestad (GM0001) and two of
 * Tweedestad (GM0002), labour participation (a strength) and households at the social minimum (a
 * vulnerability) in 2024 and 2025, one value of 2025 kept secret.
 *
 *   2024  p_arb_pp 60 60 80 80 (mean 70, sd 10)   p_hh_osm 5 15 5 15 (mean 10, sd 5)
 *   2025  p_arb_pp 70 90 70 70                     p_hh_osm 10 10 x 20
 */
const A = ['BU00010101', 'BU00010102', 'BU00010201', 'BU00010202'];
const FIGURES = `year;area_code;variable;value
2024;${A[0]};p_arb_pp;60
2024;${A[1]};p_arb_pp;60
2024;${A[2]};p_arb_pp;80
2024;${A[3]};p_arb_pp;80
2024;${A[0]};p_hh_osm;5
2024;${A[1]};p_hh_osm;15
2024;${A[2]};p_hh_osm;5
2024;${A[3]};p_hh_osm;15
2025;${A[0]};p_arb_pp;70
2025;${A[1]};p_arb_pp;90
2025;${A[2]};p_arb_pp;70
2025;${A[3]};p_arb_pp;70
2025;${A[0]};p_hh_osm;10
2025;${A[1]};p_hh_osm;10
2025;${A[2]};p_hh_osm;x
2025;${A[3]};p_hh_osm;20
2024;BU00020101;p_arb_pp;50
2024;BU00020102;p_arb_pp;40
2024;BU00020101;p_hh_osm;20
2024;BU00020102;p_hh_osm;30
`;

describeEachEngine('composite indices', (engine) => {
  let t: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  const ctx = (tenant: Tenant, actor: Actor = anonymous): Context => ({ platform: t.platform, actor, tenant, locale: 'nl' });
  const definitions = () => t.platform.db.selectFrom('statistic_index_definitions').selectAll().execute();

  beforeAll(async () => {
    t = await openTestPlatform(engine);
    a = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    b = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
    await importStatistics({ platform: t.platform, actor: system, tenant: null, locale: 'nl' }, fileOf('cijfers.csv', FIGURES), { format: 'long', source: 'test-kwb' });
  }, 60_000);
  afterAll(async () => { await t?.close(); });

  it('ships the vitality and vulnerability indices until a municipality saves its own', async () => {
    expect((await indexDefinitionsOf(t.platform.db, a.id)).map((v) => [v.definition.id, v.version])).toEqual([['vitaliteit', 0], ['kwetsbaarheid', 0]]);
    expect(await indexYears(t.platform.db, a)).toEqual([2024, 2025]);
    const shipped = await computeIndex(t.platform.db, a, VITALITY_INDEX);
    // No survey published: its indicators are not in the catalogue and are named, not counted.
    expect(shipped.scores.unavailable).toContain('bm_contact_buren');
    expect(shipped).toMatchObject({ year: 2025, baseYear: 2025 });
    expect(shipped.scores.areas.map((s) => s.areaCode)).toEqual(A);
  });

  it('refuses residents, anonymous visitors and officials of another municipality, and writes nothing', async () => {
    for (const actor of [anonymous, person('resident', a.id), person('official', b.id), person('administrator', b.id)]) {
      await expect(execute(ctx(a, actor), saveIndex, twoThemes())).rejects.toBeInstanceOf(ForbiddenError);
      await expect(previewIndex(ctx(a, actor), twoThemes())).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(execute(ctx(a, person('official', a.id)), saveIndex, twoThemes({ id: 'bestaat-niet' }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await definitions()).toEqual([]);
  });

  it('names the field of a wrong indicator, limit or weight and saves nothing', async () => {
    const wrong = twoThemes({
      bands: ['80', '79', '110', '120'],
      themes: [{ nameNl: 'Werk', nameEn: 'Work', weight: '0', indicators: [{ id: 'bestaat_niet', part: 'objective', direction: 'auto', weight: '1' }] }],
    });
    const error = await execute(ctx(a, person('official', a.id)), saveIndex, wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['themes.0.weight']);
    const catalogueError = await execute(ctx(a, person('official', a.id)), saveIndex, { ...wrong, themes: [{ ...wrong.themes[0], weight: '1' }] }).catch((e: unknown) => e);
    expect((catalogueError as ValidationError).issues.map((i) => [i.field, i.key])).toEqual([['themes.0.indicators.0.id', 'indices.unknownIndicator'], ['bands.1', 'indices.bandOrder']]);
    expect(await definitions()).toEqual([]);
  });

  it('previews without writing anything', async () => {
    const auditBefore = await t.platform.db.selectFrom('audit_log').select('id').execute();
    const preview = await previewIndex(ctx(a, person('official', a.id)), twoThemes());
    expect(preview.baseYear).toBe(2024);
    const scored = await computeIndex(t.platform.db, a, preview, { year: 2024 });
    expect(scored.scores.areas.map((s) => s.score)).toEqual([100, 90, 110, 100]);
    expect(await definitions()).toEqual([]);
    expect(await t.platform.db.selectFrom('audit_log').select('id').execute()).toHaveLength(auditBefore.length);
  });

  it('saves a version through the use case, audited, seen only by that municipality', async () => {
    const saved = await execute(ctx(a, person('official', a.id)), saveIndex, twoThemes());
    expect(saved.version).toBe(1);
    const again = await execute(ctx(a, person('administrator', a.id)), saveIndex, twoThemes({ nameNl: 'Vitaliteit (eigen)' }));
    expect(again.version).toBe(2);
    const audit = await readAudit(t.platform.db, { municipalityId: a.id, action: 'indices.edit' });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ entityType: 'statistic_index', entityId: 'vitaliteit' });
    expect(audit[0]!.after).toMatchObject({ version: 2, nameNl: 'Vitaliteit (eigen)' });
    expect(audit[1]!.before).toMatchObject({ version: 0, nameNl: 'Vitaliteitsindex' });

    expect((await indexDefinitionOf(t.platform.db, a.id, 'vitaliteit'))).toMatchObject({ version: 2, definition: { nameNl: 'Vitaliteit (eigen)', baseYear: 2024 } });
    expect((await indexDefinitionOf(t.platform.db, b.id, 'vitaliteit'))).toMatchObject({ version: 0, definition: { nameNl: 'Vitaliteitsindex', baseYear: null } });
  });

  it('averages 100 in the base year and scores later years against it, leaving an unknown value out', async () => {
    const view = (await indexDefinitionOf(t.platform.db, a.id, 'vitaliteit'))!;
    const base = await computeIndex(t.platform.db, a, view.definition, { year: 2024 });
    const scores = base.scores.areas.map((s) => s.score!);
    expect(scores.reduce((s, v) => s + v, 0) / scores.length).toBe(100);
    const later = await computeIndex(t.platform.db, a, view.definition, { year: 2025 });
    // 70 → 100, 90 → 120; osm 10 → 100, 20 → 80 (a vulnerability lowers vitality); the secret value leaves one theme.
    expect(later.scores.areas.map((s) => [s.areaCode, s.score, s.band, s.known, s.of])).toEqual([
      [A[0], 100, 2, 2, 2], [A[1], 110, 2, 2, 2], [A[2], 100, 2, 1, 2], [A[3], 90, 1, 2, 2],
    ]);
    expect(later.scores.areas[2]!.themes.map((th) => th.score)).toEqual([100, null]);
  });

  it('gives an area page every index of its municipality', async () => {
    const scores = await indexScoresOf(t.platform.db, a.id, A[1]!, 2025);
    expect(scores.map((s) => s.id)).toEqual(['vitaliteit', 'kwetsbaarheid']);
    expect(scores[0]).toMatchObject({ nameNl: 'Vitaliteit (eigen)', baseYear: 2024, year: 2025, score: { score: 110, band: 2, objective: { score: 110 }, subjective: { score: null } } });
    expect(scores[0]!.themes.map((th) => th.nameNl)).toEqual(['Werk', 'Inkomen']);
    expect(scores[0]!.score!.themes.map((th) => th.score)).toEqual([120, 100]);
    // Tweedestad's neighbourhoods are not Eerstestad's, and Tweedestad still has the shipped index.
    expect((await indexScoresOf(t.platform.db, a.id, 'BU00020101', 2024))[0]!.score).toBeNull();
    expect((await indexScoresOf(t.platform.db, b.id, 'BU00020101', 2024))[0]).toMatchObject({ nameNl: 'Vitaliteitsindex', baseYear: 2024 });
    expect(await indexScoresOf(t.platform.db, 'no-such-municipality', A[0]!, 2024)).toEqual([]);
  });
});
