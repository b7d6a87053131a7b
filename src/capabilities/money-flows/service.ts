import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import { registerPersonalData } from '../../platform/privacy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import { choice, longText, optionalText, text } from '../../platform/validation.js';
import { areasOfMunicipality, tenantArea, yearsOfMunicipality, type TenantArea } from '../areas/index.js';
import { CERTAINTIES, FUNDING_SOURCES, MAX_CENTS, MAX_FIGURE_SOURCE, MAX_METHOD, MAX_PURPOSE, MAX_YEAR, MIN_YEAR, parseEuros } from './model.js';
import { parseMoneyFlows, type ImportedFlow, type ImportProblem } from './csv.js';
import { moneyFlowActions, moneyFlowResource } from './policy.js';
import { findFlow, type MoneyFlowTable } from './store.js';

/** Use cases of money flows (policy → validation → one transaction → audit). */
export const MONEY_FLOW_ENTITY = 'moneyFlow';

export const moneyFlowsPath = (slug: string, areaCode: string, year?: number) => `/${slug}/gebieden/${areaCode}/geldstromen${year === undefined ? '' : `?jaar=${year}`}`;
export const importPath = (slug: string) => `/${slug}/beheer/geldstromen`;
/** The export file (open data, and the file to import again): of an area (and year), or of the whole municipality. */
export const exportPath = (slug: string, areaCode?: string, year?: number) =>
  `/${slug}${areaCode === undefined ? '' : `/gebieden/${areaCode}`}/geldstromen.csv${year === undefined ? '' : `?jaar=${year}`}`;
/** Its file name: "geldstromen-voorbeeldstad-BU99990102-2024.csv". */
export const exportName = (slug: string, areaCode?: string, year?: number) => `${['geldstromen', slug, areaCode, year].filter((p) => p !== undefined).join('-')}.csv`;

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

/** Source and purpose (in any case) identify a flow within an area and year, as in the import file. */
const flowKey = (source: string, purpose: string) => `${source}|${purpose.toLowerCase()}`;

/**
 * A flow is refused when its area and year already have one from the same source to the same
 * purpose (in any case): the import file could not hold both, so the export would not import again.
 */
async function refuseTwin(tx: Tx, flow: { municipalityId: string; areaCode: string; year: number; source: string; purpose: string; id?: string }): Promise<void> {
  const rows = await tx.selectFrom('money_flows').select(['id', 'purpose']).where('municipality_id', '=', flow.municipalityId).where('area_code', '=', flow.areaCode)
    .where('year', '=', flow.year).where('source', '=', flow.source as MoneyFlowTable['source']).execute();
  if (rows.some((r) => r.id !== flow.id && flowKey(flow.source, r.purpose) === flowKey(flow.source, flow.purpose))) {
    throw ValidationError.field('purpose', 'moneyFlows.duplicate', { year: flow.year });
  }
}

export const recordMoneyFlow = defineUseCase({
  action: moneyFlowActions.edit,
  input: z.object({ areaCode: z.string({ error: 'validation.required' }).trim().max(12, { message: 'validation.tooLong' }), ...flowFields }),
  async resource(tx, input, ctx) {
    return moneyFlowResource(ctx.tenant!.id, (await requireArea(tx, ctx, input.areaCode)).path);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    await refuseTwin(tx, { ...input, municipalityId: tenant.id, areaCode: area.code });
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
    await refuseTwin(tx, { ...input, municipalityId: row.municipality_id, areaCode: row.area_code, id: row.id });
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

/** Whether a flow there already says exactly what a line of the file says. */
const sameFlow = (row: MoneyFlowTable, f: ImportedFlow) => row.purpose === f.purpose && Number(row.amount_cents) === f.amountCents && row.method === f.method
  && row.certainty === f.certainty && (row.figure_source ?? null) === f.figureSource;

/** An import's problems as field issues: all under "csv", each naming its line and column. */
function issuesOf(t: Translate, problems: readonly ImportProblem[], total: number): FieldIssue[] {
  const issues: FieldIssue[] = problems.map((p) => ({ field: 'csv', key: p.column ? 'moneyFlows.import.at' : 'moneyFlows.import.atLine', params: { line: p.line, column: p.column ?? '', problem: t(p.key, p.params) } }));
  if (total > problems.length) issues.push({ field: 'csv', key: 'moneyFlows.import.more', params: { count: total - problems.length } });
  return issues;
}

export const MAX_IMPORT_CHARACTERS = 2_000_000;

/**
 * A file of flows for the municipality, its districts and its neighbourhoods, all or nothing. Every
 * area and year the file names is replaced by what the file says for it; areas and years it does
 * not name stay as they are. A flow of the file is matched with the one already there from the same
 * source to the same purpose (in any case): an equal one is left as it is, a different one changed
 * in place (its id stays), one the file no longer has deleted, a new one added. So importing the same
 * file twice, or the export, changes nothing (no ids, no dates, no authors).
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
    // The municipality, its districts and neighbourhoods of any division year (a file may name an area that has since been
    // redivided): every area whose page takes flows, so that every exported flow can be imported again.
    const codes = new Set<string>([tenant.cbsCode]);
    for (const y of await yearsOfMunicipality(tx, tenant.cbsCode)) for (const a of await areasOfMunicipality(tx, tenant.cbsCode, y)) codes.add(a.code);
    const { flows, problems, total } = parseMoneyFlows(input.csv, (code) => (codes.has(code) ? code : null));
    if (total > 0) throw new ValidationError(issuesOf(translator(ctx.locale), problems, total));
    const pairOf = (areaCode: string, y: number) => `${areaCode}|${y}`;
    const pairs = new Set(flows.map((f) => pairOf(f.areaCode, f.year)));
    // What is there now for the areas and years of the file, by pair and key (twins entered before they were refused: a list).
    const there = new Map<string, MoneyFlowTable[]>();
    const areaCodes = [...new Set(flows.map((f) => f.areaCode))];
    for (let i = 0; i < areaCodes.length; i += 500) {
      for (const row of await tx.selectFrom('money_flows').selectAll().where('municipality_id', '=', tenant.id).where('area_code', 'in', areaCodes.slice(i, i + 500)).execute()) {
        const pair = pairOf(row.area_code, Number(row.year));
        if (!pairs.has(pair)) continue;
        const key = `${pair}|${flowKey(row.source, row.purpose)}`;
        const list = there.get(key);
        if (list) list.push(row);
        else there.set(key, [row]);
      }
    }
    const replaced = [...there.values()].reduce((n, rows) => n + rows.length, 0);
    const now = nowIso();
    const createdBy = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
    const added: ImportedFlow[] = [];
    let changed = 0;
    let unchanged = 0;
    for (const f of flows) {
      const key = `${pairOf(f.areaCode, f.year)}|${flowKey(f.source, f.purpose)}`;
      const candidates = there.get(key) ?? [];
      const row = candidates.find((r) => sameFlow(r, f)) ?? candidates[0];
      if (!row) { added.push(f); continue; }
      there.set(key, candidates.filter((r) => r !== row));
      if (sameFlow(row, f)) { unchanged++; continue; }
      changed++;
      await tx.updateTable('money_flows').set({ purpose: f.purpose, amount_cents: f.amountCents, method: f.method, certainty: f.certainty, figure_source: f.figureSource, updated_at: now })
        .where('id', '=', row.id).execute();
    }
    const gone = [...there.values()].flat().map((r) => r.id);
    for (let i = 0; i < gone.length; i += 500) await tx.deleteFrom('money_flows').where('id', 'in', gone.slice(i, i + 500)).execute();
    for (let i = 0; i < added.length; i += 500) {
      await tx.insertInto('money_flows').values(added.slice(i, i + 500).map((f) => ({
        id: newId(), municipality_id: tenant.id, area_code: f.areaCode, year: f.year, source: f.source, purpose: f.purpose, amount_cents: f.amountCents,
        method: f.method, certainty: f.certainty, figure_source: f.figureSource, created_by: createdBy, created_at: now, updated_at: now,
      }))).execute();
    }
    /** `replaced`: the flows there were before for the file's areas and years (now as the file says, most perhaps unchanged). */
    const summary = { flows: flows.length, areasAndYears: pairs.size, replaced, totalCents: flows.reduce((s, f) => s + f.amountCents, 0) };
    return {
      result: summary,
      audit: [{
        action: 'moneyFlow.import', entityType: MONEY_FLOW_ENTITY, entityId: tenant.id, municipalityId: tenant.id,
        after: { ...summary, added: added.length, changed, unchanged, deleted: gone.length, areas: [...pairs].map((p) => p.replace('|', ' ')) },
      }],
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
