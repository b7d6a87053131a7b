import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { computeIndex, indexDefinitionsOf } from '../capabilities/statistics/index.js';
import { findTenantBySlug } from '../platform/tenancy.js';
import { DEMO_SLUG, seedDemo } from './index.js';

describeEachEngine('the demo indices', (engine) => {
  let tp: TestPlatform;
  beforeAll(async () => { tp = await openTestPlatform(engine); await seedDemo(tp.platform); }, 120_000);
  afterAll(async () => { await tp.close(); });

  it('show both indices of Voorbeeldstad, vitality with base year 2025 and the survey\'s subjective part', async () => {
    const tenant = (await findTenantBySlug(tp.platform.db, DEMO_SLUG))!;
    const views = await indexDefinitionsOf(tp.platform.db, tenant.id);
    expect(views.map((v) => [v.definition.id, v.version, v.definition.baseYear])).toEqual([['vitaliteit', 1, 2025], ['kwetsbaarheid', 0, null]]);
    const [vitality, vulnerability] = await Promise.all(views.map((v) => computeIndex(tp.platform.db, tenant, v.definition)));
    expect(vitality!.year).toBe(2025);
    expect(vitality!.scores.areas.length).toBeGreaterThan(15);
    expect(vitality!.scores.areas.filter((a) => a.score !== null).length).toBeGreaterThan(15);
    expect(vitality!.scores.areas.some((a) => a.subjective.score !== null)).toBe(true);
    // The vulnerability index's base year is the year shown: its neighbourhoods average about 100 (clamping and unknowns aside).
    const scores = vulnerability!.scores.areas.map((a) => a.score).filter((s): s is number => s !== null);
    expect(Math.abs(scores.reduce((s, v) => s + v, 0) / scores.length - 100)).toBeLessThan(3);
  });
});
