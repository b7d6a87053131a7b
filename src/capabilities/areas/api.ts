import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { authorize, execute } from '../../platform/service.js';
import { AREA_KINDS, parseAreaCode } from './codes.js';
import { IMPORT_FINDING_KINDS } from './import-plan.js';
import { squareKilometres, type Area, type AreaSummary } from './model.js';
import { areaActions, installationResource } from './policy.js';
import { yearSchema } from './routes.js';
import { budgetAreasOf, defineBudgetArea, deleteBudgetArea } from './service.js';
import {
  ancestorsOf, areasOfMunicipality, childrenOf, findArea, findImport, listImports, yearsOfCode, yearsOfMunicipality,
} from './store.js';

// ---- schemas ----------------------------------------------------------------------------------

/** A CBS code in a path: malformed is 422 naming `code`; well-formed but unknown is 404. */
const codeSchema = z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' })
  .refine((v) => parseAreaCode(v) !== null, { message: 'validation.invalid' });
const municipalityParam = z.object({ municipality: z.string().max(60) });
const codeParams = z.object({ code: codeSchema });
const tenantCodeParams = municipalityParam.extend({ code: codeSchema });
const yearQuery = z.object({ year: yearSchema });
const areaQuery = z.object({
  year: yearSchema,
  geometry: z.enum(['true', 'false'], { error: 'validation.choice' }).optional().describe('Include the boundary as GeoJSON geometry (default true).'),
});

const areaRef = z.object({ code: z.string(), kind: z.enum(AREA_KINDS as ['municipality', 'district', 'neighbourhood']), name: z.string().nullable() });
const areaOut = areaRef.extend({
  divisionYear: z.number().int(),
  parentCode: z.string().nullable(),
  municipalityCode: z.string(),
  placeholder: z.boolean().describe('Known only by its code: no name or boundary in the imported files.'),
  zeroArea: z.boolean().describe('The boundary has (almost) no area.'),
  areaM2: z.number().nullable(),
  areaKm2: z.number().nullable(),
  bbox: z.array(z.number()).length(4).nullable().describe('[minLon, minLat, maxLon, maxLat] in WGS84'),
});
const areaDetailOut = areaOut.extend({
  years: z.array(z.number().int()).describe('Every division year in which this code exists.'),
  ancestors: z.array(areaRef),
  children: z.array(areaRef),
  geometry: z.unknown().optional().describe('GeoJSON Polygon or MultiPolygon in WGS84 (null for placeholders).'),
});
const budgetAreaOut = z.object({
  id: z.string().nullable().describe('Null for a neighbourhood that is its own budget area (not stored).'),
  name: z.string(),
  source: z.enum(['group', 'neighbourhood']),
  neighbourhoods: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
});

function areaJson(a: AreaSummary) {
  return {
    code: a.code, kind: a.kind, name: a.name, divisionYear: a.divisionYear, parentCode: a.parentCode, municipalityCode: a.municipalityCode,
    placeholder: a.placeholder, zeroArea: a.zeroArea, areaM2: a.areaM2 === null ? null : Math.round(a.areaM2), areaKm2: squareKilometres(a.areaM2), bbox: a.bbox,
  };
}

const ref = (a: AreaSummary) => ({ code: a.code, kind: a.kind, name: a.name });

async function areaDetail(db: Db, area: Area, withGeometry: boolean) {
  const [ancestors, children, years] = await Promise.all([ancestorsOf(db, area), childrenOf(db, area.code, area.divisionYear), yearsOfCode(db, area.code)]);
  return { ...areaJson(area), years, ancestors: ancestors.map(ref), children: children.map(ref), ...(withGeometry ? { geometry: area.geometry } : {}) };
}

/** The area for a code and an optional year (default: the latest year the code exists in); 404 when unknown. */
async function resolveArea(db: Db, code: string, year: number | undefined, preferredYear?: number): Promise<Area> {
  const years = await yearsOfCode(db, code);
  if (years.length === 0) throw new NotFoundError();
  const chosen = year ?? (preferredYear !== undefined && years.includes(preferredYear) ? preferredYear : years[years.length - 1]!);
  const area = await findArea(db, code, chosen);
  if (!area) throw new NotFoundError();
  return area;
}

function tenantOf(ctx: Context) {
  return ctx.tenant!;
}

export function registerAreasApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  api.route({
    method: 'GET', path: '/areas/:code', tag: 'Areas',
    summary: 'One national area (municipality GMxxxx, district WKxxxxxx or neighbourhood BUxxxxxxxx) in a division year (default: the latest), with its boundary.',
    params: codeParams, query: areaQuery, response: areaDetailOut,
    async handler({ params, query }, ctx) {
      authorize(ctx, areaActions.view, installationResource);
      return areaDetail(db, await resolveArea(db, params.code, query.year), query.geometry !== 'false');
    },
  });

  api.route({
    method: 'GET', path: '/areas/:code/children', tag: 'Areas', summary: 'What lies directly beneath an area in a division year (default: the latest).',
    params: codeParams, query: yearQuery, response: z.object({ code: z.string(), divisionYear: z.number().int(), items: z.array(areaOut) }),
    async handler({ params, query }, ctx) {
      authorize(ctx, areaActions.view, installationResource);
      const area = await resolveArea(db, params.code, query.year);
      return { code: area.code, divisionYear: area.divisionYear, items: (await childrenOf(db, area.code, area.divisionYear)).map(areaJson) };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas', tag: 'Areas',
    summary: "A municipality's districts and their neighbourhoods for a division year (default: the municipality's own), without boundaries.",
    params: municipalityParam, query: yearQuery,
    response: z.object({
      municipality: z.object({ code: z.string(), name: z.string() }), divisionYear: z.number().int(), years: z.array(z.number().int()),
      districts: z.array(areaOut.extend({ neighbourhoods: z.array(areaOut) })),
    }),
    async handler({ query }, ctx) {
      const tenant = tenantOf(ctx);
      authorize(ctx, areaActions.view, { type: 'area', municipalityId: tenant.id });
      const years = await yearsOfMunicipality(db, tenant.cbsCode);
      if (query.year !== undefined && !years.includes(query.year)) throw new NotFoundError();
      const year = query.year ?? tenant.divisionYear;
      const all = await areasOfMunicipality(db, tenant.cbsCode, year);
      const districts = all.filter((a) => a.kind === 'district').map((d) => ({
        ...areaJson(d), neighbourhoods: all.filter((n) => n.kind === 'neighbourhood' && n.parentCode === d.code).map(areaJson),
      }));
      return { municipality: { code: tenant.cbsCode, name: tenant.name }, divisionYear: year, years, districts };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas/:code', tag: 'Areas',
    summary: 'One area of this municipality (404 for an area of another municipality), with its boundary.',
    params: tenantCodeParams, query: areaQuery, response: areaDetailOut,
    async handler({ params, query }, ctx) {
      const tenant = tenantOf(ctx);
      authorize(ctx, areaActions.view, { type: 'area', municipalityId: tenant.id });
      if (parseAreaCode(params.code)?.municipalityCode !== tenant.cbsCode) throw new NotFoundError();
      const area = await resolveArea(db, params.code, query.year, tenant.divisionYear);
      if (area.municipalityCode !== tenant.cbsCode) throw new NotFoundError();
      return areaDetail(db, area, query.geometry !== 'false');
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/budget-areas', tag: 'Budget areas',
    summary: "The municipality's budget areas in its division year: its groups of neighbourhoods, then every ungrouped neighbourhood as a budget area of its own.",
    params: municipalityParam, response: z.object({ divisionYear: z.number().int(), items: z.array(budgetAreaOut) }),
    async handler(_input, ctx) {
      const tenant = tenantOf(ctx);
      authorize(ctx, areaActions.viewBudgetAreas, { type: 'budgetArea', municipalityId: tenant.id });
      const view = await budgetAreasOf(db, tenant);
      return { divisionYear: view.divisionYear, items: view.areas };
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/budget-areas', tag: 'Budget areas',
    summary: 'Group neighbourhoods of the division year into a budget area (officials and administrators). A neighbourhood can be in one group only.',
    params: municipalityParam, body: z.object({ name: z.unknown(), codes: z.unknown() }).describe('{ "name": string, "codes": ["BU…", …] }'),
    response: budgetAreaOut,
    async handler({ body }, ctx) {
      const { id } = await execute(ctx, defineBudgetArea, body);
      const view = await budgetAreasOf(db, tenantOf(ctx));
      return view.areas.find((a) => a.id === id);
    },
  });

  api.route({
    method: 'DELETE', path: '/:municipality/budget-areas/:id', tag: 'Budget areas', summary: 'Delete a budget area; its neighbourhoods become budget areas of their own again.',
    params: municipalityParam.extend({ id: z.string().max(64) }),
    async handler({ params }, ctx) {
      await execute(ctx, deleteBudgetArea, { id: params.id });
      return undefined;
    },
  });

  const importSummary = z.object({ id: z.string(), at: z.string(), divisionYear: z.number().int(), files: z.unknown(), counts: z.unknown() });

  api.route({
    method: 'GET', path: '/area-imports', tag: 'Area imports', summary: 'Boundary imports, newest first (installation administrators).',
    response: z.object({ items: z.array(importSummary) }),
    async handler(_input, ctx) {
      authorize(ctx, areaActions.viewImports, installationResource);
      return { items: await listImports(db) };
    },
  });

  api.route({
    method: 'GET', path: '/area-imports/:id', tag: 'Area imports', summary: 'One boundary import with every finding of its report (installation administrators).',
    params: z.object({ id: z.string().max(64) }),
    response: importSummary.extend({ findingSummary: z.record(z.string(), z.number()), findings: z.array(z.unknown()) }),
    async handler({ params }, ctx) {
      authorize(ctx, areaActions.viewImports, installationResource);
      const row = await findImport(db, params.id);
      if (!row) throw new NotFoundError();
      const summary = Object.fromEntries(IMPORT_FINDING_KINDS.map((k) => [k, row.findings.filter((f) => (f as { kind?: string }).kind === k).length]));
      return { ...row, findingSummary: summary };
    },
  });
}
