import { insertTestTenant, openTestPlatform, type TestPlatform } from './engines.js';
import type { Context } from '../../src/platform/context.js';
import type { Engine } from '../../src/platform/db/connect.js';
import { newId, nowIso } from '../../src/platform/db/helpers.js';
import { system, type Actor, type Role } from '../../src/platform/policy.js';
import type { Tenant } from '../../src/platform/tenancy.js';
import { importAreas } from '../../src/capabilities/areas/index.js';
import { smallMunicipality } from '../../src/capabilities/areas/fixtures.js';

/**
 * The world of the places tests: Pleindorp (two districts of two square neighbourhoods, 0.01°
 * each, from 5°E 52°N eastwards) and Anderdorp next to it, and people: Anna and Bert (verified
 * residents), Carl (address not verified), Olga (official of Pleindorp), Mo (moderator of Anderdorp).
 */
export interface PlacesWorld {
  tp: TestPlatform;
  a: Tenant;
  b: Tenant;
  /** Neighbourhood codes of Pleindorp: first district's two, then the second's. */
  n: [string, string, string, string];
  ctx: Record<'anna' | 'bert' | 'carl' | 'olga' | 'moB' | 'anonymous', Context>;
  ids: Record<'anna' | 'bert' | 'carl' | 'olga' | 'moB', string>;
  close(): Promise<void>;
}

/** A point inside Pleindorp's neighbourhood i (0–3), as form text. */
export const inside = (i: number) => ({ lat: '52,005', lon: String(5.005 + 0.01 * i) });

export async function openPlacesWorld(engine: Engine): Promise<PlacesWorld> {
  const tp = await openTestPlatform(engine);
  const a = await insertTestTenant(tp.platform, { slug: 'pleindorp', name: 'Gemeente Pleindorp', divisionYear: 2025 });
  const b = await insertTestTenant(tp.platform, { slug: 'anderdorp', name: 'Gemeente Anderdorp', divisionYear: 2025 });
  const sys = { platform: tp.platform, actor: system, tenant: null, locale: 'nl' as const };
  await importAreas(sys, [{ name: 'a_2025.geojson', text: smallMunicipality(a.cbsCode, { municipality: 'Pleindorp' }) }], { divisionYear: 2025 });
  await importAreas(sys, [{ name: 'b_2025.geojson', text: smallMunicipality(b.cbsCode, { municipality: 'Anderdorp' }, [5.04, 52]) }], { divisionYear: 2025 });
  const digits = a.cbsCode.slice(2);
  const people: Array<['anna' | 'bert' | 'carl' | 'olga' | 'moB', string, boolean, Role | null, Tenant | null]> = [
    ['anna', 'Anna Aalders', true, 'resident', a], ['bert', 'Bert Bos', true, 'resident', a], ['carl', 'Carl Cohen', false, null, null],
    ['olga', 'Olga Oost', true, 'official', a], ['moB', 'Mia Moderator', true, 'moderator', b],
  ];
  const ids = {} as PlacesWorld['ids'];
  const ctx = { anonymous: { platform: tp.platform, actor: { kind: 'anonymous' }, tenant: a, locale: 'nl' } } as PlacesWorld['ctx'];
  for (const [who, name, verified, role, tenant] of people) {
    const id = newId();
    await tp.platform.db.insertInto('people').values({ id, email: `${who.toLowerCase()}@test.example`, display_name: name, password_hash: 'x', email_verified_at: verified ? nowIso() : null, locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
    if (role && tenant) await tp.platform.db.insertInto('role_grants').values({ id: newId(), person_id: id, role, scope_type: 'municipality', scope_id: tenant.id, municipality_id: tenant.id, granted_at: nowIso() }).execute();
    ids[who] = id;
    const actor: Actor = {
      kind: 'person', personId: id, displayName: name, emailVerified: verified, strongAuth: true, memberships: [],
      grants: role && tenant ? [{ role, scopeType: 'municipality', scopeId: tenant.id, municipalityId: tenant.id }] : [],
    };
    ctx[who] = { platform: tp.platform, actor, tenant: a, locale: 'nl' };
  }
  return { tp, a, b, n: [`BU${digits}0101`, `BU${digits}0102`, `BU${digits}0201`, `BU${digits}0202`], ctx, ids, close: () => tp.close() };
}

/** A complete, valid place form. */
export function placeForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Buurthuis De Schakel', type: 'community_centre', ownerType: 'municipality', runBy: 'Stichting De Schakel', ...inside(1),
    hours_mon: '09:00-17:00', hours_tue: '09:00-12:00, 19:00-22:30', hours_wed: '', hours_thu: '', hours_fri: '', hours_sat: '10:00-14:00', hours_sun: '',
    cost: '0', capacity: '40', stepFree: 'yes', accessibleToilet: 'yes', hearingLoop: 'unknown', status: 'active', ...over,
  };
}
