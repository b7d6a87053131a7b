import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { findYearlyDay, groupsOf, linksOf, listSummits, membersOf, milestoneStates, milestonesOf, statusChangesOf } from '../capabilities/summit/index.js';
import type { Tenant } from '../platform/tenancy.js';
import { seedPlaces } from './places.js';
import { seedSummit } from './summit.js';

/** The demo's BuurtTops, seeded on what they need (areas, people and organisations, places). */
describeEachEngine('demo summits', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedPlaces, seedSummit]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('prepares the Lindenhof summit at Buurthuis De Vaart: steps partly done, one overdue, groups under way, one briefing', async () => {
    const db = tp.platform.db;
    const [lindenhof] = await listSummits(db, tenant.id, { areaCodes: ['BU99990102'] });
    expect(lindenhof).toMatchObject({ title: 'BuurtTop Lindenhof', status: 'preparation', placeName: 'Buurthuis De Vaart', capacity: 80, organiserName: 'Bewonersvereniging De Lindenhof' });
    expect(lindenhof!.startsAt > new Date().toISOString()).toBe(true);
    const states = milestoneStates(await milestonesOf(db, lindenhof!.id), new Date().toISOString().slice(0, 10)).map((m) => m.state);
    expect(states.filter((s) => s === 'done')).toHaveLength(2);
    expect(states.filter((s) => s === 'overdue')).toHaveLength(1);
    expect(states.filter((s) => s === 'next')).toHaveLength(1);
    const groups = await groupsOf(db, lindenhof!.id);
    expect(groups.map((g) => g.name)).toEqual(['Wonen', 'Leefbaarheid en openbare ruimte', 'Duurzaamheid en energie', 'Zorg en zorgzaamheid', 'Cultuur en samenleven']);
    expect(groups.filter((g) => g.briefing).map((g) => g.name)).toEqual(['Zorg en zorgzaamheid']);
    expect((await membersOf(db, groups.map((g) => g.id))).length).toBe(8);
    expect((await linksOf(db, groups.map((g) => g.id))).map((l) => l.kind).sort()).toEqual(['figure', 'picture', 'place']);
  });

  it('holds the Bloemenbuurt summit a year ago, organised by a task group', async () => {
    const db = tp.platform.db;
    const [held] = await listSummits(db, tenant.id, { areaCodes: ['BU99990202'] });
    expect(held).toMatchObject({ status: 'held', organiserName: 'Taakgroep BuurtTop Bloemenbuurt', placeName: 'Kerkzaal De Morgenster', capacity: 90 });
    expect(held!.startsAt < new Date(Date.now() - 300 * 86_400_000).toISOString()).toBe(true);
    expect((await statusChangesOf(db, held!.id)).map((c) => c.status)).toEqual(['preparation', 'registration', 'held']);
  });

  it('sets the BuurtTop day of this year, and of the years of both summits on their dates', async () => {
    const db = tp.platform.db;
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    expect(await findYearlyDay(db, tenant.id, thisYear)).not.toBeNull();
    for (const code of ['BU99990102', 'BU99990202']) {
      const [summit] = await listSummits(db, tenant.id, { areaCodes: [code] });
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(summit!.startsAt));
      expect((await findYearlyDay(db, tenant.id, Number(date.slice(0, 4))))!.date).toBe(date);
    }
  });
});
