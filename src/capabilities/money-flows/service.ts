import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import { registerPersonalData } from '../../platform/privacy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import { choice, longText, optionalText, text } from '../../platform/validation.js';
import { areasOfMunicipality, yearsOfMunicipality } from '../areas/index.js';
import { tenantArea, type TenantArea } from '../interpretations/index.js';
import { CERTAINTIES, FUNDING_SOURCES, MAX_CENTS, MAX_FIGURE_SOURCE, MAX_METHOD, MAX_PURPOSE, MAX_YEAR, MIN_YEAR, parseEuros } from './model.js';
import { parseMoneyFlows, type ImportProblem } from './csv.js';
import { moneyFlowActions, moneyFlowResource } from './policy.js';
import { findFlow, type MoneyFlowTable } from './store.js';

/** Use cases of money flows (policy → validation → one transaction → audit). */
export const MONEY_FLOW_ENTITY = 'moneyFlow';

export const moneyFlowsPath = (slug: string, areaCode: string, year?: number) => `/${slug}/gebieden/${areaCode}/geldstromen${year === undefined ? '' : `?jaar=${year}`}`;
export const importPath = (slug: string) => `/${slug}/beheer/geldstromen`;

async function requireArea(db: Db, ctx: Context, rawCode: string): Promise<TenantArea> {
  const area = ctx.tenant ? await tenantArea(db, ctx.tenant, rawCode, translator(ctx.locale)) : null;
  if (!area) throw new NotFoundError();
  return area;
}

const year = z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(MIN_YEAR, { message: 'validation.tooSmall' }).max(MAX_YEAR, { message: 'validation.tooBig' });
const flowFields = {
  year,
  source: choice(FUNDING_SOURCES),
  purpose: text(MAX_PURPOSE),
  /** Whole cents (the API), or euros as a person writes them (the form): one of the two. */
  amountCents: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(1, { message: 'validation.tooSmall' }).max(MAX_CENTS, { message: 'validation.tooBig' }).optional()),
  amountEuros: z.string({ error: 'validation.type' }).max(40, { message: 'validation.tooLong' }).optional(),
  method: longText(MAX_METHOD),
  certainty: choice(CERTAINTIES),
  figureSource: optionalText(MAX_FIGURE_SOURCE),
};

function centsOf(input: { amountCents?: number; amountEuros?: string }): number {
  if (input.amountCents !== undefined) return input.amountCents;
  if (input.amountEuros === undefined || input.amountEuros.trim() === '') throw ValidationError.field('amount', 'validation.required');
  const parsed = parseEuros(input.amountEuros);
  if (!parsed.ok) throw ValidationError.field('amount', `moneyFlows.amount.${parsed.problem}`);
  return parsed.cents;
}

const snapshot = (row: Pick<MoneyFlowTable, 'area_code' | 'year' | 'source' | 'purpose' | 'amount_cents' | 'method' | 'certainty' | 'figure_source'>) => ({
  area_code: row.area_code, year: Number(row.year), source: row.source, purpose: row.purpose, amount_cents: Number(row.amount_cents), method: row.method, certainty: row.certainty, figure_source: row.figure_source,
});

export const recordMoneyFlow = defineUseCase({
  action: moneyFlowActions.edit,
  input: z.object({ areaCode: z.string({ error: 'validation.required' }).trim().max(12, { message: 'validation.tooLong' }), ...flowFields }),
  async resource(tx, input, ctx) {
    return moneyFlowResource(ctx.tenant!.id, (await requireArea(tx, ctx, input.areaCode)).path);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const now = nowIso();
    const row: MoneyFlowTable = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, year: input.year, source: input.source, purpose: input.purpose, amount_cents: centsOf(input),
      method: input.method, certainty: input.certainty, figure_source: input.figureSource ?? null, created_by: ctx.actor.kind === 'person' ? ctx.actor.personId : null, created_at: now, updated_at: now,
    };
    await tx.insertInto('money_flows').values(row).execute();
    return {
      result: { id: row.id, path: moneyFlowsPath(tenant.slug, area.code, row.year) },
      audit: [{ action: 'moneyFlow.record', entityType: MONEY_FLOW_ENTITY, entityId: row.id, municipalityId: tenant.id, after: snapshot(row) }],
    };
  },
});

async function existing(tx: Tx, ctx: Context, id: string): Promise<MoneyFlowTable> {
  const row = ctx.tenant ? await findFlow(tx, ctx.tenant.id, id) : undefined;
  if (!row) throw new NotFoundError();
  return row;
}

export const changeMoneyFlow = defineUseCase({
  action: moneyFlowActions.edit,
  input: z.object({ id: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, { message: 'validation.tooLong' }), ...flowFields }),
  async resource(tx, input, ctx) {
    const row = await existing(tx, ctx, input.id);
    return moneyFlowResource(row.municipality_id, (await requireArea(tx, ctx, row.area_code)).path);
  },
  async run(tx, input, ctx) {
    const row = await existing(tx, ctx, input.id);
    const change = {
      year: input.year, source: input.source, purpose: input.purpose, amount_cents: centsOf(input), method: input.method, certainty: input.certainty,
      figure_source: input.figureSource ?? null, updated_at: nowIso(),
    };
    await tx.updateTable('money_flows').set(change).where('id', '=', row.id).execute();
    return {
      result: { id: row.id, path: moneyFlowsPath(ctx.tenant!.slug, row.area_code, change.year) },
      audit: [{ action: 'moneyFlow.change', entityType: MONEY_FLOW_ENTITY, entityId: row.id, municipalityId: row.municipality_id, before: snapshot(row), after: snapshot({ ...row, ...change }) }],
    };
  },
});

export const deleteMoneyFlow = defineUseCase({
  action: moneyFlowActions.edit,
  input: z.object({ id: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, { message: 'validation.tooLong' }) }),
  async resource(tx, input, ctx) {
    const row = await existing(tx, ctx, input.id);
    return moneyFlowResource(row.municipality_id, (await requireArea(tx, ctx, row.area_code)).path);
  },
  async run(tx, input, ctx) {
    const row = await existing(tx, ctx, input.id);
    await tx.deleteFrom('money_flows').where('id', '=', row.id).execute();
    return {
      result: { path: moneyFlowsPath(ctx.tenant!.slug, row.area_code, Number(row.year)) },
      audit: [{ action: 'moneyFlow.delete', entityType: MONEY_FLOW_ENTITY, entityId: row.id, municipalityId: row.municipality_id, before: snapshot(row) }],
    };
  },
});

/** An import's problems as field issues: all under "csv", each naming its line and column. */
function issuesOf(t: Translate, problems: readonly ImportProblem[], total: number): FieldIssue[] {
  const issues: FieldIssue[] = problems.map((p) => ({ field: 'csv', key: p.column ? 'moneyFlows.import.at' : 'moneyFlows.import.atLine', params: { line: p.line, column: p.column ?? '', problem: t(p.key, p.params) } }));
  if (total > problems.length) issues.push({ field: 'csv', key: 'moneyFlows.import.more', params: { count: total - problems.length } });
  return issues;
}

export const MAX_IMPORT_CHARACTERS = 2_000_000;

/**
 * A file of flows for the municipality's districts and neighbourhoods, all or nothing. Every area
 * and year the file names is replaced by what the file says for it (so importing the same file
 * twice changes nothing); areas and years it does not name stay as they are.
 */
export const importMoneyFlows = defineUseCase({
  action: moneyFlowActions.import,
  input: z.object({ csv: z.string({ error: 'validation.required' }).max(MAX_IMPORT_CHARACTERS, { message: 'validation.tooLong' }) }),
  async resource(_tx, _input, ctx) {
    return moneyFlowResource(ctx.tenant!.id);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    if (input.csv.trim() === '') throw ValidationError.field('csv', 'moneyFlows.import.error.nothing');
    // Districts and neighbourhoods of any division year: a file may name an area that has since been redivided.
    const codes = new Set<string>();
    for (const y of await yearsOfMunicipality(tx, tenant.cbsCode)) for (const a of await areasOfMunicipality(tx, tenant.cbsCode, y)) codes.add(a.code);
    const { flows, problems, total } = parseMoneyFlows(input.csv, (code) => (codes.has(code) && code !== tenant.cbsCode ? code : null));
    if (total > 0) throw new ValidationError(issuesOf(translator(ctx.locale), problems, total));
    const pairs = [...new Set(flows.map((f) => `${f.areaCode}|${f.year}`))].map((p) => p.split('|') as [string, string]);
    let replaced = 0;
    for (const [areaCode, y] of pairs) {
      const result = await tx.deleteFrom('money_flows').where('municipality_id', '=', tenant.id).where('area_code', '=', areaCode).where('year', '=', Number(y)).executeTakeFirst();
      replaced += Number(result.numDeletedRows);
    }
    const now = nowIso();
    const createdBy = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
    for (let i = 0; i < flows.length; i += 500) {
      await tx.insertInto('money_flows').values(flows.slice(i, i + 500).map((f) => ({
        id: newId(), municipality_id: tenant.id, area_code: f.areaCode, year: f.year, source: f.source, purpose: f.purpose, amount_cents: f.amountCents,
        method: f.method, certainty: f.certainty, figure_source: f.figureSource, created_by: createdBy, created_at: now, updated_at: now,
      }))).execute();
    }
    const summary = { flows: flows.length, areasAndYears: pairs.length, replaced, totalCents: flows.reduce((s, f) => s + f.amountCents, 0) };
    return {
      result: summary,
      audit: [{ action: 'moneyFlow.import', entityType: MONEY_FLOW_ENTITY, entityId: tenant.id, municipalityId: tenant.id, after: { ...summary, areas: pairs.map(([a, y]) => `${a} ${y}`) } }],
    };
  },
});

/** Flows are the municipality's figures: erasing the person who entered them keeps them, without who that was. */
registerPersonalData({
  name: 'money-flows',
  labelKey: 'moneyFlows.privacy.data',
  async export(db, subject) {
    return { moneyFlowsYouEntered: await db.selectFrom('money_flows').select(['area_code', 'year', 'source', 'purpose', 'amount_cents', 'created_at']).where('created_by', '=', subject.personId).orderBy('created_at').execute() };
  },
  async erase(tx, subject) {
    await tx.updateTable('money_flows').set({ created_by: null }).where('created_by', '=', subject.personId).execute();
  },
});
