import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { search } from '../platform/search/index.js';
import { findTenantBySlug } from '../platform/tenancy.js';
import { DEMO_SLUG, resetDemo, seedDemoIfEmpty } from './index.js';

describeEachEngine('the demo municipality', (engine) => {
  let tp: TestPlatform;
  beforeAll(async () => { tp = await openTestPlatform(engine); }, 120_000);
  afterAll(async () => { await tp.close(); });

  async function found(query: string, type?: string) {
    const tenant = (await findTenantBySlug(tp.platform.db, DEMO_SLUG))!;
    return search(tp.platform.db, { id: tenant.id, cbsCode: tenant.cbsCode }, { query, type, limit: 20, offset: 0 });
  }

  it('is seeded on an empty installation only, and its public values are searchable at once', async () => {
    expect(await seedDemoIfEmpty(tp.platform)).toBe(true);
    expect(await seedDemoIfEmpty(tp.platform)).toBe(false);
    const result = await found('duurzaamheid', 'publicValue');
    expect(result.items.map((i) => i.title)).toEqual(['Duurzaamheid']);
  }, 120_000);

  it('is seeded again from scratch by a reset, leaving no stale search entries', async () => {
    await resetDemo(tp.platform);
    const result = await found('duurzaamheid', 'publicValue');
    expect(result.items.map((i) => i.title)).toEqual(['Duurzaamheid']);
    const municipalities = await tp.platform.db.selectFrom('municipalities').select('slug').execute();
    expect(municipalities.map((m) => m.slug)).toEqual([DEMO_SLUG]);
  }, 120_000);
});
