import type { Context } from '../../src/platform/context.js';
import { system } from '../../src/platform/policy.js';
import type { Tenant } from '../../src/platform/tenancy.js';
import { seedAreas } from '../../src/demo/areas.js';
import { seedMunicipality } from '../../src/demo/municipality.js';
import { seedParties } from '../../src/demo/parties.js';
import type { Engine } from '../../src/platform/db/connect.js';
import { openTestPlatform, type TestPlatform } from './engines.js';

/**
 * A demo seeder's test world: the demo municipality with its areas, people and organisations
 * (what every seeder builds on), then the seeders given, in order, as the system.
 */
export interface DemoWorld {
  tp: TestPlatform;
  tenant: Tenant;
  ctx: Context;
}

export async function openDemoWorld(engine: Engine, seeders: ReadonlyArray<(ctx: Context) => Promise<unknown>>): Promise<DemoWorld> {
  const tp = await openTestPlatform(engine);
  try {
    const tenant = await seedMunicipality(tp.platform);
    const ctx: Context = { platform: tp.platform, actor: system, tenant, locale: 'nl' };
    for (const seed of [seedAreas, seedParties, ...seeders]) await seed(ctx);
    return { tp, tenant, ctx };
  } catch (error) {
    await tp.close();
    throw error;
  }
}
