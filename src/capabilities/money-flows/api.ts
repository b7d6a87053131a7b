import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize, execute } from '../../platform/service.js';
import { tenantArea } from '../areas/index.js';
import { CERTAINTIES, FUNDING_SOURCES, MAX_YEAR, MIN_YEAR, parseShare, redirect } from './model.js';
import { moneyFlowActions, moneyFlowResource } from './policy.js';
import { areaMoney } from './read.js';
import { sendFlowsCsv } from './download.js';
import { changeMoneyFlow, deleteMoneyFlow, exportName, importMoneyFlows, recordMoneyFlow } from './service.js';
import { findFlow, flowsToExport } from './store.js';

/** Open data: an area's money flows per year with totals and per resident, the "what if" share, and entry and import through the same use cases as the pages. */
const municipality = z.object({ municipality: z.string().max(60) });
const params = municipality.extend({ code: z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' }) });
const flowParams = params.extend({ id: z.string().max(64, { message: 'validation.tooLong' }) });
const yearQuery = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(MIN_YEAR).max(MAX_YEAR).optional())
  .describe('The year (default: the latest year with flows).');

const flowOut = z.object({
  id: z.string(), year: z.number().int(), source: z.enum(FUNDING_SOURCES), purpose: z.string(), amountCents: z.number().int(), method: z.string(),
  certainty: z.enum(CERTAINTIES).describe('measured, estimated or rough (a rough guess).'), figureSource: z.string().nullable(),
});
const flowBody = z.object({
  year: z.number().int(), source: z.enum(FUNDING_SOURCES), purpose: z.string(),
  amountCents: z.number().int().optional().describe('The amount in whole cents (or amountEuros as text, e.g. "1.234,56").'), amountEuros: z.string().optional(),
  method: z.string().describe('How the figure was made.'), certainty: z.enum(CERTAINTIES), figureSource: z.string().optional().describe('Where the figure comes from.'),
}).loose();

export function registerMoneyFlowsApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  async function areaFor(ctx: Context, code: string) {
    const area = await tenantArea(db, ctx.tenant!, code, translator(ctx.locale));
    if (!area) throw new NotFoundError();
    authorize(ctx, moneyFlowActions.view, moneyFlowResource(ctx.tenant!.id, area.path));
    return area;
  }

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/money-flows', tag: 'Money flows',
    summary: 'The public money that passes through an area in a year: each flow from a funding source to a purpose or organisation (integer cents), how it was estimated and how sure it is; totals per source and per resident (residents: CBS a_inw of that year or the latest before it; null when unknown).',
    params, query: z.object({ year: yearQuery }),
    response: z.object({
      areaCode: z.string(), year: z.number().int(), years: z.array(z.number().int()), totalCents: z.number().int(),
      residents: z.object({ count: z.number(), year: z.number().int(), own: z.boolean() }).nullable(), perResidentCents: z.number().int().nullable(),
      bySource: z.array(z.object({ source: z.enum(FUNDING_SOURCES), cents: z.number().int() })), flows: z.array(flowOut),
    }),
    async handler({ params: p, query }, ctx) {
      const area = await areaFor(ctx, p.code);
      const money = await areaMoney(db, ctx.tenant!.id, area.code, query.year, ctx.tenant!.divisionYear);
      return { areaCode: area.code, year: money.year, years: money.years, totalCents: money.totalCents, residents: money.residents, perResidentCents: money.perResidentCents, bySource: money.bySource,
        flows: money.flows.map(({ areaCode: _code, ...f }) => f) };
    },
  });

  const csvSummary = 'UTF-8 with BOM, ";" between fields, CRLF, a header row year;area_code;source;purpose;amount_eur;method;certainty;figure_source, one line per flow; amounts in euros with a decimal comma and two decimals (1234567,89); sources and certainties by their code; a text that starts with =, +, -, @, a tab or a CR has an apostrophe before it (the import takes it off). The file the import reads: importing it again changes nothing.';

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/money-flows.csv', tag: 'Money flows',
    summary: `An area's money flows as CSV, every year (or one): ${csvSummary}`,
    params, query: z.object({ year: yearQuery.describe('Only this year (default: every year).') }), binary: ['text/csv'],
    async handler({ params: p, query }, ctx, _request, reply) {
      const area = await areaFor(ctx, p.code);
      return sendFlowsCsv(reply, exportName(ctx.tenant!.slug, area.code, query.year), await flowsToExport(db, ctx.tenant!.id, { areaCode: area.code, year: query.year }));
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/money-flows.csv', tag: 'Money flows',
    summary: `Every money flow of the municipality as CSV, every year (or one): ${csvSummary}`,
    params: municipality, query: z.object({ year: yearQuery.describe('Only this year (default: every year).') }), binary: ['text/csv'],
    async handler({ query }, ctx, _request, reply) {
      if (!ctx.tenant) throw new NotFoundError();
      authorize(ctx, moneyFlowActions.view, moneyFlowResource(ctx.tenant.id));
      return sendFlowsCsv(reply, exportName(ctx.tenant.slug, undefined, query.year), await flowsToExport(db, ctx.tenant.id, { year: query.year }));
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/money-flows/what-if', tag: 'Money flows',
    summary: 'What redirecting a share of every source to the neighbourhood budget would make available: the total rounded down to a whole cent, per source rounded down with the leftover cents to the largest remainders, so the parts add up exactly.',
    params, query: z.object({ year: yearQuery, share: z.string().max(20).describe('A percentage, e.g. 5 or 5,5 (up to two decimals, more than 0 and at most 100).') }),
    response: z.object({
      areaCode: z.string(), year: z.number().int(), basisPoints: z.number().int(), totalCents: z.number().int(), availableCents: z.number().int(),
      perSource: z.array(z.object({ source: z.enum(FUNDING_SOURCES), fromCents: z.number().int(), cents: z.number().int() })),
    }),
    async handler({ params: p, query }, ctx) {
      const basisPoints = parseShare(query.share);
      if (basisPoints === null) throw ValidationError.field('share', 'moneyFlows.whatIf.invalid');
      const area = await areaFor(ctx, p.code);
      const money = await areaMoney(db, ctx.tenant!.id, area.code, query.year, ctx.tenant!.divisionYear);
      const r = redirect(money.bySource, basisPoints);
      return { areaCode: area.code, year: money.year, basisPoints, totalCents: money.totalCents, availableCents: r.totalCents, perSource: r.perSource };
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/areas/:code/money-flows', tag: 'Money flows', summary: 'Record a money flow (officials and administrators).',
    params, body: flowBody, response: z.object({ id: z.string() }),
    async handler({ params: p, body }, ctx) {
      const { id } = await execute(ctx, recordMoneyFlow, { ...body, areaCode: p.code });
      return { id };
    },
  });

  const ofArea = async (ctx: Context, code: string, id: string) => {
    const area = await areaFor(ctx, code);
    const row = await findFlow(db, ctx.tenant!.id, id);
    if (!row || row.area_code !== area.code) throw new NotFoundError();
    return row;
  };

  api.route({
    method: 'PUT', path: '/:municipality/areas/:code/money-flows/:id', tag: 'Money flows', summary: 'Change a money flow (officials and administrators).',
    params: flowParams, body: flowBody, response: z.object({ id: z.string() }), status: 200,
    async handler({ params: p, body }, ctx) {
      const row = await ofArea(ctx, p.code, p.id);
      const { id } = await execute(ctx, changeMoneyFlow, { ...body, id: row.id });
      return { id };
    },
  });

  api.route({
    method: 'DELETE', path: '/:municipality/areas/:code/money-flows/:id', tag: 'Money flows', summary: 'Delete a money flow (officials and administrators).',
    params: flowParams,
    async handler({ params: p }, ctx) {
      const row = await ofArea(ctx, p.code, p.id);
      await execute(ctx, deleteMoneyFlow, { id: row.id });
      return undefined;
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/money-flows/import', tag: 'Money flows',
    summary: 'Import money flows from CSV text (year;area_code;source;purpose;amount_eur;method;certainty[;figure_source]), all or nothing: every area and year in the file is replaced by what it says; errors name the line and column.',
    params: municipality, body: z.object({ csv: z.string() }), response: z.object({ flows: z.number().int(), areasAndYears: z.number().int(), replaced: z.number().int(), totalCents: z.number().int() }), status: 200,
    async handler({ body }, ctx) {
      if (!ctx.tenant) throw new NotFoundError();
      return execute(ctx, importMoneyFlows, body);
    },
  });
}
