import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { figuresOf } from '../capabilities/statistics/index.js';
import { surveyOverview } from '../capabilities/survey/index.js';
import { findTenantBySlug, type Tenant } from '../platform/tenancy.js';
import { seedDemo } from './index.js';

describeEachEngine('demo survey', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    tp = await openTestPlatform(engine);
    await seedDemo(tp.platform);
    tenant = (await findTenantBySlug(tp.platform.db, 'voorbeeldstad'))!;
  }, 180_000);
  afterAll(async () => tp.close());

  it('has a published 2025 round with three neighbourhoods above the minimum and Beekdal below it, and an open 2026 round', async () => {
    const periods = await tp.platform.db.selectFrom('survey_periods').select(['name', 'status', 'published_at']).where('municipality_id', '=', tenant.id).orderBy('name').execute();
    expect(periods.map((p) => [p.name, p.status, p.published_at !== null])).toEqual([['2025', 'closed', true], ['2026', 'open', false]]);
    const id2025 = (await tp.platform.db.selectFrom('survey_periods').select('id').where('name', '=', '2025').where('municipality_id', '=', tenant.id).executeTakeFirstOrThrow()).id;
    const overview = (await surveyOverview(tp.platform.db, tenant, id2025))!;
    const shown = overview.neighbourhoods.filter((n) => n.visibility.shown).map((n) => [n.name, n.responses]);
    expect(shown).toEqual([['Binnenstad', 23], ['Lindenhof', 46], ['Bloemenbuurt', 14]]);
    expect(overview.neighbourhoods.find((n) => n.name === 'Beekdal')!.visibility).toEqual({ shown: false, needed: 4 });
    const quality = (await figuresOf(tp.platform.db, tenant.id, 'BU99990102', 2025)).find((f) => f.indicator.id === 'bm_leefbaarheid')!;
    expect(quality.scope).toBe('local');
    expect(quality.value.value).toBeGreaterThan(50);
  });
});
