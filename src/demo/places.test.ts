import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { assessmentsOf, findMeetingPlaces, listPlaces, statusHistory } from '../capabilities/places/index.js';
import type { Tenant } from '../platform/tenancy.js';
import { seedPlaces } from './places.js';

/** The demo's places, seeded on what they need (the municipality, its areas and its people). */
describeEachEngine('demo places', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedPlaces]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('spreads places over the neighbourhoods, some under threat, one vacant candidate, one closed with its history, with assessments', async () => {
    const places = await listPlaces(tp.platform.db, tenant.id);
    expect(places).toHaveLength(14);
    expect(new Set(places.map((p) => p.areaCode)).size).toBe(14);
    expect(places.every((p) => p.areaCode?.startsWith('BU9999'))).toBe(true);
    expect(places.filter((p) => p.status === 'threatened').map((p) => p.threatKind).sort()).toEqual(['closure', 'rent_rise', 'sale']);
    expect(places.filter((p) => p.status === 'vacant').map((p) => p.name)).toEqual(['Voormalige bibliotheek Rietland']);
    const zand = places.find((p) => p.status === 'closed')!;
    expect((await statusHistory(tp.platform.db, zand.id)).map((c) => c.status)).toEqual(['active', 'threatened', 'closed']);
    const vaart = places.find((p) => p.name === 'Buurthuis De Vaart')!;
    expect(vaart.areaCode).toBe('BU99990102');
    expect(await assessmentsOf(tp.platform.db, [vaart.id])).toHaveLength(5);
    // The question of the search: 30 people on a Tuesday evening, free or almost, step-free.
    const found = findMeetingPlaces(places, { weekday: 'tue', from: 19 * 60 + 30, to: 21 * 60 + 30, groupSize: 30, maxCostCents: 500, needs: ['stepFree'] });
    expect(found.filter((m) => m.certain).map((m) => m.place.name)).toEqual(['Gemeenschappelijke ruimte Flat Esdoorn', 'Buurthuis De Vaart', 'Muziektent Noorderpark']);
  });
});
