import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import type { Context } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous, system, type Actor, type Role } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { smallMunicipality } from './fixtures.js';
import { importAreas } from './import-service.js';
import { budgetAreasOf, defineBudgetArea, deleteBudgetArea } from './service.js';

function person(role: Role, municipalityId: string): Actor {
  return {
    kind: 'person', personId: `person-${role}-${municipalityId}`, displayName: role, emailVerified: true, strongAuth: true, memberships: [],
    grants: [{ role, scopeType: 'municipality', scopeId: municipalityId, municipalityId }],
  };
}

describeEachEngine('budget areas', (engine) => {
  let t: TestPlatform;
  let home: Tenant;
  let other: Tenant;
  const ctx = (tenant: Tenant, actor: Actor): Context => ({ platform: t.platform, actor, tenant, locale: 'nl' });

  beforeEach(async () => {
    t = await openTestPlatform(engine);
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001', divisionYear: 2024 });
    other = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002', divisionYear: 2024 });
    const sys: Context = { platform: t.platform, actor: system, tenant: null, locale: 'en' };
    await importAreas(sys, [
      { name: 'een_2024.geojson', text: smallMunicipality('GM0001') },
      { name: 'twee_2024.geojson', text: smallMunicipality('GM0002', {}, [5.1, 52]) },
    ]);
  });
  afterEach(async () => { await t.close(); });

  it('makes every neighbourhood its own budget area while there are no groups', async () => {
    const view = await budgetAreasOf(t.platform.db, home);
    expect(view.divisionYear).toBe(2024);
    expect(view.areas.map((a) => [a.id, a.source, a.neighbourhoods.map((n) => n.code)])).toEqual([
      [null, 'neighbourhood', ['BU00010101']], [null, 'neighbourhood', ['BU00010102']],
      [null, 'neighbourhood', ['BU00010201']], [null, 'neighbourhood', ['BU00010202']],
    ]);
    expect(view.areas[0]!.name).toBe('Buurt Een-A');
  });

  it('lets an official group neighbourhoods; the rest stay on their own', async () => {
    const { id } = await execute(ctx(home, person('official', home.id)), defineBudgetArea, { name: 'Oostkant', codes: ['bu00010201', 'BU00010202', 'BU00010202'] });
    const view = await budgetAreasOf(t.platform.db, home);
    expect(view.areas.map((a) => [a.id, a.name, a.neighbourhoods.map((n) => n.code)])).toEqual([
      [id, 'Oostkant', ['BU00010201', 'BU00010202']],
      [null, 'Buurt Een-A', ['BU00010101']], [null, 'Buurt Een-B', ['BU00010102']],
    ]);
    expect(view.ungrouped.map((n) => n.code)).toEqual(['BU00010101', 'BU00010102']);
    // The other municipality is untouched.
    expect((await budgetAreasOf(t.platform.db, other)).areas.every((a) => a.source === 'neighbourhood')).toBe(true);
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'budgetArea.define', municipality_id: home.id });
  });

  it("refuses another municipality's neighbourhood, a district and an unknown code, naming each", async () => {
    const error = await execute(ctx(home, person('official', home.id)), defineBudgetArea, { name: 'Fout', codes: ['BU00020101', 'WK000101', 'BU00019999', 'BU00010101'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'codes', key: 'areas.budget.notNeighbourhood', params: { code: 'BU00020101', year: 2024 } },
      { field: 'codes', key: 'areas.budget.notNeighbourhood', params: { code: 'WK000101', year: 2024 } },
      { field: 'codes', key: 'areas.budget.notNeighbourhood', params: { code: 'BU00019999', year: 2024 } },
    ]);
    expect((await budgetAreasOf(t.platform.db, home)).areas.every((a) => a.source === 'neighbourhood')).toBe(true);
  });

  it('refuses a neighbourhood that is already in a group, a name used twice, and no neighbourhoods at all', async () => {
    const official = ctx(home, person('administrator', home.id));
    await execute(official, defineBudgetArea, { name: 'Groep 1', codes: ['BU00010101', 'BU00010102'] });
    await expect(execute(official, defineBudgetArea, { name: 'Groep 2', codes: ['BU00010102', 'BU00010201'] })).rejects.toMatchObject({
      issues: [{ field: 'codes', key: 'areas.budget.alreadyGrouped', params: { code: 'BU00010102', group: 'Groep 1' } }],
    });
    await expect(execute(official, defineBudgetArea, { name: 'Groep 1', codes: ['BU00010201'] })).rejects.toMatchObject({ issues: [{ field: 'name', key: 'areas.budget.nameTaken' }] });
    await expect(execute(official, defineBudgetArea, { name: 'Leeg', codes: [] })).rejects.toMatchObject({ issues: [{ field: 'codes', key: 'areas.budget.chooseNeighbourhoods' }] });
    await expect(execute(official, defineBudgetArea, { name: '', codes: 'BU00010201' })).rejects.toMatchObject({ issues: [{ field: 'name', key: 'validation.required' }] });
    expect((await budgetAreasOf(t.platform.db, home)).areas.filter((a) => a.source === 'group')).toHaveLength(1);
  });

  it('refuses residents, anonymous visitors and officials of another municipality', async () => {
    const input = { name: 'Groep', codes: ['BU00010101'] };
    await expect(execute(ctx(home, person('resident', home.id)), defineBudgetArea, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(home, person('professional', home.id)), defineBudgetArea, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(home, anonymous), defineBudgetArea, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(home, person('official', other.id)), defineBudgetArea, input)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await budgetAreasOf(t.platform.db, home)).areas.every((a) => a.source === 'neighbourhood')).toBe(true);
  });

  it('deletes a group (only in its own municipality); its neighbourhoods are on their own again', async () => {
    const { id } = await execute(ctx(home, person('official', home.id)), defineBudgetArea, { name: 'Groep', codes: ['BU00010101', 'BU00010102'] });
    await expect(execute(ctx(other, person('official', other.id)), deleteBudgetArea, { id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(execute(ctx(home, person('resident', home.id)), deleteBudgetArea, { id })).rejects.toBeInstanceOf(ForbiddenError);
    await execute(ctx(home, person('official', home.id)), deleteBudgetArea, { id });
    expect((await budgetAreasOf(t.platform.db, home)).areas).toHaveLength(4);
    const members = await t.platform.db.selectFrom('budget_area_members').selectAll().execute();
    expect(members).toEqual([]);
    // The neighbourhoods can be grouped again.
    await execute(ctx(home, person('official', home.id)), defineBudgetArea, { name: 'Opnieuw', codes: ['BU00010101'] });
  });

  it('follows the division year of the municipality', async () => {
    await execute(ctx(home, person('official', home.id)), defineBudgetArea, { name: 'Groep', codes: ['BU00010101', 'BU00010102'] });
    const later = { ...home, divisionYear: 2025 };
    // No neighbourhoods in 2025: no budget areas, and a 2024 code cannot be grouped for 2025.
    expect((await budgetAreasOf(t.platform.db, later)).areas).toEqual([]);
    await expect(execute(ctx(later, person('official', home.id)), defineBudgetArea, { name: 'Nieuw', codes: ['BU00010201'] })).rejects.toMatchObject({
      issues: [{ field: 'codes', key: 'areas.budget.notNeighbourhood', params: { code: 'BU00010201', year: 2025 } }],
    });
  });
});
