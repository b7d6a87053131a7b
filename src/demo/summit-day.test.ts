import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { ambitionsOf, consentState, detailsOf, dotVotingOf, listSummits, roundsOf, tablesOf } from '../capabilities/summit/index.js';
import type { Tenant } from '../platform/tenancy.js';
import { seedPlaces } from './places.js';
import { seedSummit } from './summit.js';
import { seedSummitDay } from './summit-day.js';

/** The day of the demo's held BuurtTop (the Bloemenbuurt's): rounds, tables, ambitions and the plenary's outcome. */
describeEachEngine('demo summit day', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedPlaces, seedSummit, seedSummitDay]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('gives the Bloemenbuurt\'s day rounds, tables, ambitions per theme with values, facts and steps, and a plenary outcome with dots beside consent', async () => {
    const db = tp.platform.db;
    const [held] = await listSummits(db, tenant.id, { areaCodes: ['BU99990202'] });
    expect((await roundsOf(db, held!.id)).map((r) => r.name)).toEqual(['Ronde 1 (13:30)', 'Ronde 2 (15:00)']);
    expect((await tablesOf(db, held!.id)).map((t) => t.facilitator)).toEqual(['Yusuf Demir', 'Sanne Koster', 'Els van Dijk', 'Sanne Koster', 'Yusuf Demir']);
    const ambitions = await ambitionsOf(db, held!.id);
    expect(new Set(ambitions.map((a) => a.themeName)).size).toBe(5);
    const details = await detailsOf(db, ambitions.map((a) => a.id));
    for (const a of ambitions) {
      expect(details.values.some((v) => v.ambitionId === a.id)).toBe(true);
      expect(details.facts.some((f) => f.ambitionId === a.id)).toBe(true);
      expect(details.steps.some((s) => s.ambitionId === a.id)).toBe(true);
    }
    const states = ambitions.map((a) => [a.title, consentState(a.consentAt !== null, details.objections.filter((o) => o.ambitionId === a.id))]);
    expect(states.filter(([, s]) => s === 'agreed')).toHaveLength(5);
    expect(states.filter(([, s]) => s === 'objected').map(([t]) => t)).toEqual(['Een buurtfeest dat van iedereen is']);
    expect(details.objections.map((o) => o.resolution).sort()).toEqual(['amended', 'stands']);
    expect(ambitions.find((a) => a.title.startsWith('Het Tulpplein'))!.body).toContain('een vaste speelplek');
    expect(await dotVotingOf(db, held!.id)).toBe(true);
    expect(ambitions.every((a) => a.dots !== null)).toBe(true);
  });
});
