import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { NavItem } from '../../platform/ui/layout.js';
import { parseInput } from '../../platform/validation.js';
import { parseAreaCode } from './codes.js';
import { followButton } from '../../platform/notifications/index.js';
import { renderComments } from '../../platform/comments/index.js';
import { renderAreaSections } from './sections.js';
import type { Area, AreaSummary } from './model.js';
import { areaPage, areaTitle, municipalityAreasPage, nationalIndexPage, type AreaHref } from './pages/areas.js';
import { budgetAreaLabels, budgetAreasPage } from './pages/budget-areas.js';
import { areaActions, installationResource } from './policy.js';
import { budgetAreasOf, defineBudgetArea, deleteBudgetArea } from './service.js';
import {
  ancestorsOf, areasOfMunicipality, childrenOf, divisionYears, findArea, latestYear, municipalitiesOf, yearsOfCode, yearsOfMunicipality,
} from './store.js';

const tr = (ctx: Context) => translator(ctx.locale);
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A division year in a query string: a whole year 1990..2100; absent or empty means "the default". */
export const yearSchema = z.preprocess(emptyToUndefined, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(1990).max(2100).optional());
const pageQuery = z.object({ jaar: yearSchema }).loose();

function requestedYear(request: FastifyRequest): number | undefined {
  return parseInput(pageQuery, request.query ?? {}).jaar;
}

/** Everything an area page shows: what lies above and beneath, and its neighbours for context. */
export async function loadAreaPage(db: Db, area: Area) {
  const year = area.divisionYear;
  const [ancestors, years, children] = await Promise.all([
    ancestorsOf(db, area),
    yearsOfCode(db, area.code),
    area.kind === 'neighbourhood' ? Promise.resolve([] as Area[]) : childrenOf(db, area.code, year, { geometry: true }),
  ]);
  let parent: Area | null = null;
  let siblings: Area[] = [];
  if (children.length === 0 && area.parentCode !== null) {
    [parent, siblings] = await Promise.all([findArea(db, area.parentCode, year), childrenOf(db, area.parentCode, year, { geometry: true })]);
  }
  return { ancestors, years, children, parent, siblings };
}

/** A code in a tenant's URL, normalised, with the year to show: null unless it is an area of this municipality in some year. */
export async function tenantAreaYear(db: Db, tenant: Tenant, rawCode: string, year?: number): Promise<{ code: string; year: number } | null> {
  const parsed = parseAreaCode(rawCode);
  if (!parsed || parsed.municipalityCode !== tenant.cbsCode) return null;
  const years = await yearsOfCode(db, parsed.code);
  if (years.length === 0) return null;
  return { code: parsed.code, year: year ?? (years.includes(tenant.divisionYear) ? tenant.divisionYear : years[years.length - 1]!) };
}

/** 404 unless the code is an area of this municipality in some year. */
async function tenantArea(db: Db, tenant: Tenant, rawCode: string, year: number | undefined): Promise<Area> {
  const chosen = await tenantAreaYear(db, tenant, rawCode, year);
  if (!chosen) throw new NotFoundError();
  const area = await findArea(db, chosen.code, chosen.year);
  if (!area || area.municipalityCode !== tenant.cbsCode) throw new NotFoundError();
  return area;
}

async function nationalArea(db: Db, rawCode: string, year: number | undefined): Promise<Area> {
  const parsed = parseAreaCode(rawCode);
  if (!parsed) throw new NotFoundError();
  const years = await yearsOfCode(db, parsed.code);
  if (years.length === 0) throw new NotFoundError();
  const area = await findArea(db, parsed.code, year ?? years[years.length - 1]!);
  if (!area) throw new NotFoundError();
  return area;
}

function tenantLinks(tenant: Tenant) {
  const suffix = (year: number) => (year === tenant.divisionYear ? '' : `?jaar=${year}`);
  return {
    href: ((code, year) => `/${tenant.slug}/gebieden/${code}${suffix(year)}`) as AreaHref,
    listHref: (year: number) => `/${tenant.slug}/gebieden${suffix(year)}`,
  };
}

const nationalLinks = {
  href: ((code, year) => `/gebieden/${code}?jaar=${year}`) as AreaHref,
  listHref: (year: number) => `/gebieden?jaar=${year}`,
};

function crumbs(t: Translate, first: NavItem, area: AreaSummary, ancestors: AreaSummary[], href: AreaHref, skipMunicipality: boolean): NavItem[] {
  const above = ancestors.filter((a) => !(skipMunicipality && a.kind === 'municipality'));
  const items: NavItem[] = [first, ...above.map((a) => ({ href: href(a.code, a.divisionYear), label: areaTitle(t, a) }))];
  if (!(skipMunicipality && area.kind === 'municipality')) items.push({ href: href(area.code, area.divisionYear), label: areaTitle(t, area) });
  return items;
}

/** The form's errors: every problem with the chosen neighbourhoods, not only the first. */
function budgetFormErrors(t: Translate, issues: FieldIssue[]): Record<string, string> {
  const labels = budgetAreaLabels(t);
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.field.startsWith('codes') ? 'codes' : issue.field || '_form';
    const message = t(issue.key, { ...issue.params, field: labels[field] ?? field });
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}

function codesOf(request: FastifyRequest): string[] {
  const raw = (request.body as Record<string, unknown> | undefined)?.codes;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 2000);
}

export function registerAreasPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  // ---- the municipality's districts and neighbourhoods -------------------------------------
  app.get('/:municipality/gebieden', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    authorize(ctx, areaActions.view, { type: 'area', municipalityId: tenant.id });
    const asked = requestedYear(request);
    const years = await yearsOfMunicipality(db, tenant.cbsCode);
    if (asked !== undefined && !years.includes(asked)) throw new NotFoundError();
    const year = asked ?? tenant.divisionYear;
    const [municipality, districts, all] = await Promise.all([
      findArea(db, tenant.cbsCode, year),
      childrenOf(db, tenant.cbsCode, year, { geometry: true }),
      areasOfMunicipality(db, tenant.cbsCode, year),
    ]);
    const links = tenantLinks(tenant);
    return reply.page({
      title: t('areas.list.title'),
      body: municipalityAreasPage(t, ctx.locale, {
        municipalityName: tenant.name, year, years, municipality, districts: districts.filter((d) => d.kind === 'district'),
        neighbourhoods: all.filter((a) => a.kind === 'neighbourhood'), href: links.href, listHref: links.listHref,
        budgetAreasHref: `/${tenant.slug}/budgetgebieden`,
      }),
    });
  });

  app.get('/:municipality/gebieden/:code', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    authorize(ctx, areaActions.view, { type: 'area', municipalityId: tenant.id });
    const area = await tenantArea(db, tenant, (request.params as { code: string }).code, requestedYear(request));
    const data = await loadAreaPage(db, area);
    const links = tenantLinks(tenant);
    return reply.page({
      title: areaTitle(t, area),
      breadcrumbs: crumbs(t, { href: links.listHref(area.divisionYear), label: t('areas.list.title') }, area, data.ancestors, links.href, true),
      body: areaPage(t, ctx.locale, {
        area, ...data, href: links.href, linkable: (code) => parseAreaCode(code)?.municipalityCode === tenant.cbsCode,
        actions: await followButton(ctx, request.csrf, { type: 'area', id: area.code, name: areaTitle(t, area) }, request.url),
        sections: await renderAreaSections(ctx, area, { csrf: request.csrf, back: request.url }),
        comments: await renderComments(ctx, { type: 'area', id: area.code }, { csrf: request.csrf, back: request.url }),
      }),
    });
  });

  // ---- the national register (no municipality) ---------------------------------------------
  app.get('/gebieden', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, areaActions.view, installationResource);
    const asked = requestedYear(request);
    const years = await divisionYears(db);
    if (asked !== undefined && !years.includes(asked)) throw new NotFoundError();
    const year = asked ?? (await latestYear(db));
    const municipalities = year === null ? [] : await municipalitiesOf(db, year);
    return reply.page({ title: t('areas.national.title'), body: nationalIndexPage(t, { year, years, municipalities, ...nationalLinks }) });
  });

  app.get('/gebieden/:code', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, areaActions.view, installationResource);
    const area = await nationalArea(db, (request.params as { code: string }).code, requestedYear(request));
    const data = await loadAreaPage(db, area);
    return reply.page({
      title: areaTitle(t, area),
      breadcrumbs: crumbs(t, { href: nationalLinks.listHref(area.divisionYear), label: t('areas.national.title') }, area, data.ancestors, nationalLinks.href, false),
      body: areaPage(t, ctx.locale, { area, ...data, href: nationalLinks.href, linkable: () => true }),
    });
  });

  // ---- budget areas ------------------------------------------------------------------------------
  const budgetView = async (request: FastifyRequest, reply: FastifyReply, values: { name?: string; codes?: string[] }, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    const resource = { type: 'budgetArea', municipalityId: tenant.id };
    authorize(ctx, areaActions.viewBudgetAreas, resource);
    const view = await budgetAreasOf(db, tenant);
    const links = tenantLinks(tenant);
    return reply.page({
      title: t('areas.budget.title'),
      body: budgetAreasPage(t, {
        municipalityName: tenant.name, view, base: `/${tenant.slug}`, csrf: request.csrf, canDefine: allowed(ctx, areaActions.defineBudgetAreas, resource),
        values, errors: budgetFormErrors(t, issues), areaHref: (code) => links.href(code, view.divisionYear),
      }),
    });
  };

  app.get('/:municipality/budgetgebieden', (request, reply) => budgetView(request, reply, {}, []));

  app.post('/:municipality/budgetgebieden', async (request, reply) => {
    const { ctx } = request;
    const values = { name: formBody(request).name ?? '', codes: codesOf(request) };
    return handleForm(reply, {
      run: () => execute(ctx, defineBudgetArea, values),
      success: () => reply.flashRedirect(`/${ctx.tenant!.slug}/budgetgebieden`, 'areas.budget.flash.defined'),
      invalid: (issues) => budgetView(request, reply, values, issues),
    });
  });

  app.post('/:municipality/budgetgebieden/:id/verwijderen', async (request, reply) => {
    const { ctx } = request;
    await execute(ctx, deleteBudgetArea, { id: (request.params as { id: string }).id });
    return reply.flashRedirect(`/${ctx.tenant!.slug}/budgetgebieden`, 'areas.budget.flash.deleted');
  });
}
