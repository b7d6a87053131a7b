import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { defineUseCase } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { text } from '../../platform/validation.js';
import { composeBudgetAreas, type BudgetAreasView } from './model.js';
import { areaActions } from './policy.js';
import { budgetAreaGroups, findBudgetArea, neighbourhoodsOf } from './store.js';

/**
 * Budget areas: a municipality groups the neighbourhoods of its division year. A neighbourhood
 * is in at most one group; a neighbourhood in no group is a budget area of its own.
 */
function tenantOf(ctx: Context): Tenant {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return ctx.tenant;
}

const codeList = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : typeof v === 'string' ? [v] : v),
  z.array(z.string({ error: 'validation.type' }).trim().toUpperCase().max(20, { message: 'validation.tooLong' }), { error: 'validation.type' })
    .max(1000, { message: 'validation.tooBig' }),
);

export const defineBudgetArea = defineUseCase({
  action: areaActions.defineBudgetAreas,
  input: z.object({ name: text(100), codes: codeList }),
  async resource(_tx, _input, ctx) {
    return { type: 'budgetArea', municipalityId: tenantOf(ctx).id };
  },
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const year = tenant.divisionYear;
    const codes = [...new Set(input.codes)];
    const issues: FieldIssue[] = [];
    // Checked here rather than in the schema: the platform's schema errors carry only its own message keys.
    if (codes.length === 0) issues.push({ field: 'codes', key: 'areas.budget.chooseNeighbourhoods' });
    const sameName = await tx.selectFrom('budget_areas').select('id')
      .where('municipality_id', '=', tenant.id).where('division_year', '=', year).where('name', '=', input.name).executeTakeFirst();
    if (sameName) issues.push({ field: 'name', key: 'areas.budget.nameTaken' });
    const found = codes.length === 0 ? new Set<string>() : new Set((await tx.selectFrom('areas').select('code')
      .where('division_year', '=', year).where('kind', '=', 'neighbourhood').where('municipality_code', '=', tenant.cbsCode)
      .where('code', 'in', codes).execute()).map((r) => r.code));
    for (const code of codes) {
      if (!found.has(code)) issues.push({ field: 'codes', key: 'areas.budget.notNeighbourhood', params: { code, year } });
    }
    const taken = codes.length === 0 ? [] : await tx.selectFrom('budget_area_members').innerJoin('budget_areas', 'budget_areas.id', 'budget_area_members.budget_area_id')
      .select(['budget_area_members.area_code', 'budget_areas.name'])
      .where('budget_area_members.municipality_id', '=', tenant.id).where('budget_area_members.division_year', '=', year)
      .where('budget_area_members.area_code', 'in', codes).orderBy('budget_area_members.area_code').execute();
    for (const t of taken) issues.push({ field: 'codes', key: 'areas.budget.alreadyGrouped', params: { code: t.area_code, group: t.name } });
    if (issues.length > 0) throw new ValidationError(issues);

    const id = newId();
    await tx.insertInto('budget_areas').values({ id, municipality_id: tenant.id, division_year: year, name: input.name, created_at: nowIso() }).execute();
    await tx.insertInto('budget_area_members').values(codes.sort().map((code) => ({ budget_area_id: id, municipality_id: tenant.id, division_year: year, area_code: code }))).execute();
    return {
      result: { id },
      audit: [{ action: 'budgetArea.define', entityType: 'budget_area', entityId: id, municipalityId: tenant.id, after: { name: input.name, division_year: year, codes } }],
    };
  },
});

export const deleteBudgetArea = defineUseCase({
  action: areaActions.defineBudgetAreas,
  input: z.object({ id: z.string({ error: 'validation.required' }).max(64, { message: 'validation.tooLong' }) }),
  async resource(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    // Another municipality's group is as unknown here as one that never existed.
    if (!(await findBudgetArea(tx, tenant.id, input.id))) throw new NotFoundError();
    return { type: 'budgetArea', municipalityId: tenant.id };
  },
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const group = (await findBudgetArea(tx, tenant.id, input.id))!;
    await tx.deleteFrom('budget_areas').where('id', '=', group.id).where('municipality_id', '=', tenant.id).execute();
    return {
      result: { deleted: true },
      audit: [{ action: 'budgetArea.delete', entityType: 'budget_area', entityId: group.id, municipalityId: tenant.id, before: { name: group.name, division_year: group.divisionYear, codes: group.codes } }],
    };
  },
});

/** The budget areas of a municipality in its division year: its groups, then every ungrouped neighbourhood. */
export async function budgetAreasOf(db: Db, tenant: Pick<Tenant, 'id' | 'cbsCode' | 'divisionYear'>): Promise<BudgetAreasView> {
  const [neighbourhoods, groups] = await Promise.all([
    neighbourhoodsOf(db, tenant.cbsCode, tenant.divisionYear),
    budgetAreaGroups(db, tenant.id, tenant.divisionYear),
  ]);
  return composeBudgetAreas(tenant.divisionYear, neighbourhoods.map((n) => ({ code: n.code, name: n.name })), groups);
}
