import type { FastifyRequest } from 'fastify';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { NotFoundError } from '../../platform/errors.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { NavItem } from '../../platform/ui/layout.js';
import { areaPathOf, parseAreaCode } from './codes.js';
import type { AreaSummary } from './model.js';
import { areaTitle } from './pages/areas.js';
import { summaryRowsQuery, toSummary } from './store.js';

/**
 * An area as a page or use case of another capability names it (its readings, places, ecosystem,
 * history, money flows, picture): the municipality's own area, in the division year to show,
 * with its title and the codes above it.
 */
export interface TenantArea {
  code: string;
  /** The division year whose name and boundary are shown. */
  divisionYear: number;
  title: string;
  /** The code and its ancestors (for area-scoped grants). */
  path: string[];
}

/** An area of this municipality (in some division year), or null. The year chooses which name to show. */
export async function tenantArea(db: Db, tenant: Tenant, rawCode: string, t: Translate, year?: number): Promise<TenantArea | null> {
  const parsed = parseAreaCode(rawCode);
  if (!parsed || parsed.municipalityCode !== tenant.cbsCode) return null;
  return tenantAreaFrom(tenant, rawCode, (await summaryRowsQuery(db, [parsed.code]).execute()).map(toSummary), t, year);
}

/** `tenantArea` from the area's summaries in every division year, read already (`summaryRowsQuery`; other codes are ignored). */
export function tenantAreaFrom(tenant: Tenant, rawCode: string, summaries: readonly AreaSummary[], t: Translate, year?: number): TenantArea | null {
  const parsed = parseAreaCode(rawCode);
  if (!parsed || parsed.municipalityCode !== tenant.cbsCode) return null;
  const rows = summaries.filter((s) => s.code === parsed.code);
  const years = rows.map((s) => s.divisionYear);
  if (years.length === 0) return null;
  const divisionYear = year !== undefined && years.includes(year) ? year : years.includes(tenant.divisionYear) ? tenant.divisionYear : Math.max(...years);
  const area = rows.find((s) => s.divisionYear === divisionYear)!;
  return { code: parsed.code, divisionYear, title: areaTitle(t, area), path: areaPathOf(parsed.code) };
}

/** The area named by the address (`:code`) in the request's municipality, or 404. */
export async function areaOfRequest(db: Db, request: FastifyRequest): Promise<TenantArea> {
  const { ctx } = request;
  const code = (request.params as { code?: unknown }).code;
  const area = ctx.tenant && typeof code === 'string' ? await tenantArea(db, ctx.tenant, code, translator(ctx.locale)) : null;
  if (!area) throw new NotFoundError();
  return area;
}

/** The breadcrumbs of a page about an area: the areas, the area's page, then the pages given. */
export function areaCrumbs(ctx: Context, area: Pick<TenantArea, 'code' | 'title'>, ...pages: NavItem[]): NavItem[] {
  const slug = ctx.tenant!.slug;
  return [{ href: `/${slug}/gebieden`, label: translator(ctx.locale)('nav.areas') }, { href: `/${slug}/gebieden/${area.code}`, label: area.title }, ...pages];
}
