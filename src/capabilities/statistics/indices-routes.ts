import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { formErrors } from '../../platform/ui/components.js';
import { areaLabel, areasOfMunicipality, yearsOfMunicipality } from '../areas/index.js';
import { BAND_COUNT } from './indices.js';
import { indexBasis } from './index-scores-cache.js';
import { computeIndex, indexComputationOf, indexDefinitionOf, indexDefinitionsOf, indexYearsOf, previewIndex, saveIndex } from './indices-service.js';
import { catalogueFor } from './service.js';
import {
  EMPTY_INDICATOR_ROWS, formStateOf, indexEditPage, indexExplainedPage, indexFormLabels, indicesOverviewPage, type IndexFormState, type IndexPaths, type Neighbourhood,
  type PreviewRow,
} from './pages/indices.js';
import { statisticsActions, statisticsResource } from './policy.js';

/**
 * Pages of the composite indices: /{slug}/indices (every index: map and table of the
 * neighbourhoods), /{slug}/indices/{id} (one index explained), and for officials and
 * administrators /{slug}/beheer/indices/{id} (edit, with a preview that saves nothing).
 */
const tr = (ctx: Context) => translator(ctx.locale);
const yearQuery = z.object({ jaar: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1990).max(2100).optional()).catch(-1) }).loose();

function tenantOf(ctx: Context): Tenant {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return ctx.tenant;
}

export const indicesPath = (slug: string) => `/${slug}/indices`;

function pathsOf(slug: string): IndexPaths {
  return {
    base: indicesPath(slug),
    index: (id) => `${indicesPath(slug)}/${encodeURIComponent(id)}`,
    edit: (id) => `/${slug}/beheer/indices/${encodeURIComponent(id)}`,
    area: (code) => `/${slug}/gebieden/${code}`,
  };
}

/** The neighbourhoods with names and boundaries: of the year shown when that division was imported, else of the municipality's division year. */
async function neighbourhoodsFor(platform: Platform, tenant: Tenant, year: number | null): Promise<Neighbourhood[]> {
  const divisions = await yearsOfMunicipality(platform.db, tenant.cbsCode);
  const division = year !== null && divisions.includes(year) ? year : divisions.includes(tenant.divisionYear) ? tenant.divisionYear : divisions[divisions.length - 1];
  if (division === undefined) return [];
  return (await areasOfMunicipality(platform.db, tenant.cbsCode, division, { geometry: true }))
    .filter((a) => a.kind === 'neighbourhood').map((a) => ({ code: a.code, name: areaLabel(a), geometry: a.geometry }));
}

/**
 * The submitted form as the use case's input, and the way back from the input's field names to
 * the form's: indicator rows left empty and empty themes are left out, so the n-th indicator of
 * the input need not be the n-th row of the form.
 */
export function parseIndexForm(form: Record<string, string>): { state: IndexFormState; input: IndexFormState; formField: (field: string) => string } {
  const themes: IndexFormState['themes'] = [];
  for (const [name, value] of Object.entries(form)) {
    const theme = /^themes\.(\d{1,2})\.(nameNl|nameEn|weight)$/.exec(name);
    const row = /^themes\.(\d{1,2})\.indicators\.(\d{1,2})\.(id|part|direction|weight)$/.exec(name);
    const ti = Number((theme ?? row)?.[1] ?? -1);
    if (ti < 0 || ti >= 12) continue;
    while (themes.length <= ti) themes.push({ nameNl: '', nameEn: '', weight: '', indicators: [] });
    if (theme) themes[ti]![theme[2] as 'nameNl'] = value;
    if (row) {
      const ii = Number(row[2]);
      if (ii >= 30) continue;
      const rows = themes[ti]!.indicators;
      while (rows.length <= ii) rows.push({ id: '', part: '', direction: '', weight: '' });
      rows[ii]![row[3] as 'id'] = value;
    }
  }
  const state: IndexFormState = {
    nameNl: form.nameNl ?? '', nameEn: form.nameEn ?? '', baseYear: form.baseYear ?? '',
    bands: Array.from({ length: BAND_COUNT - 1 }, (_, b) => form[`bands.${b}`] ?? ''), themes,
  };
  const themeOrigin: number[] = [];
  const rowOrigin: number[][] = [];
  const inputThemes: IndexFormState['themes'] = [];
  themes.forEach((theme, ti) => {
    const rows = theme.indicators.map((r, ii) => ({ r, ii })).filter(({ r }) => r.id.trim() !== '');
    if (rows.length === 0 && theme.nameNl.trim() === '' && theme.nameEn.trim() === '') return;
    themeOrigin.push(ti);
    rowOrigin.push(rows.map(({ ii }) => ii));
    inputThemes.push({
      nameNl: theme.nameNl, nameEn: theme.nameEn, weight: theme.weight,
      indicators: rows.map(({ r }) => ({ id: r.id, part: r.part, direction: r.direction, weight: r.weight })),
    });
  });
  const formField = (field: string) => {
    const m = /^themes\.(\d+)(?:\.indicators\.(\d+))?(.*)$/.exec(field);
    if (!m) return field;
    const ti = Number(m[1]);
    const origin = themeOrigin[ti];
    if (origin === undefined) return 'themes';
    if (m[2] === undefined) return `themes.${origin}${m[3]}`;
    return `themes.${origin}.indicators.${rowOrigin[ti]![Number(m[2])] ?? 0}${m[3]}`;
  };
  return {
    state,
    input: { ...state, themes: inputThemes },
    formField,
  };
}

/** Blank rows to add with: two per theme and one theme more. */
function withBlankRows(state: IndexFormState): IndexFormState {
  const blank = () => ({ id: '', part: '', direction: '', weight: '' });
  const themes = state.themes.map((theme) => {
    const trailing = theme.indicators.length - (theme.indicators.findLastIndex((r) => r.id !== '') + 1);
    return { ...theme, indicators: [...theme.indicators, ...Array.from({ length: Math.max(0, EMPTY_INDICATOR_ROWS - trailing) }, blank)] };
  });
  const last = themes[themes.length - 1];
  if (!last || last.nameNl !== '' || last.nameEn !== '' || last.indicators.some((r) => r.id !== '')) {
    themes.push({ nameNl: '', nameEn: '', weight: '', indicators: Array.from({ length: EMPTY_INDICATOR_ROWS + 1 }, blank) });
  }
  return { ...state, themes };
}

export function registerIndexPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  app.get('/:municipality/indices', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = tenantOf(ctx);
    authorize(ctx, statisticsActions.view, statisticsResource(tenant.id));
    const query = yearQuery.parse(request.query ?? {});
    const [views, basis] = await Promise.all([indexDefinitionsOf(db, tenant.id), indexBasis(db, tenant)]);
    const years = await indexYearsOf(db, basis);
    if (query.jaar !== undefined && !years.includes(query.jaar)) throw new NotFoundError();
    const year = query.jaar ?? years[years.length - 1] ?? null;
    const computations = await Promise.all(views.map(({ definition }) => indexComputationOf(db, basis, definition, year ?? undefined)));
    return reply.page({
      title: t('indices.title'),
      breadcrumbs: [{ href: indicesPath(tenant.slug), label: t('indices.title') }],
      body: indicesOverviewPage(t, {
        locale: ctx.locale, municipality: tenant.name, paths: pathsOf(tenant.slug), year, years, computations,
        neighbourhoods: await neighbourhoodsFor(platform, tenant, year), canEdit: allowed(ctx, statisticsActions.editIndex, statisticsResource(tenant.id)),
      }),
    });
  });

  app.get('/:municipality/indices/:id', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = tenantOf(ctx);
    authorize(ctx, statisticsActions.view, statisticsResource(tenant.id));
    const view = await indexDefinitionOf(db, tenant.id, (request.params as { id: string }).id);
    if (!view) throw new NotFoundError();
    const computation = await indexComputationOf(db, await indexBasis(db, tenant), view.definition);
    const name = ctx.locale === 'en' ? view.definition.nameEn : view.definition.nameNl;
    return reply.page({
      title: name,
      breadcrumbs: [{ href: indicesPath(tenant.slug), label: t('indices.title') }, { href: pathsOf(tenant.slug).index(view.definition.id), label: name }],
      body: indexExplainedPage(t, {
        locale: ctx.locale, municipality: tenant.name, paths: pathsOf(tenant.slug), computation, version: view.version, updatedAt: view.updatedAt,
        canEdit: allowed(ctx, statisticsActions.editIndex, statisticsResource(tenant.id)),
      }),
    });
  });

  const editView = async (request: FastifyRequest, reply: FastifyReply, submitted: { state: IndexFormState; issues: FieldIssue[]; preview?: Parameters<typeof indexEditPage>[1]['preview'] } | null) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = tenantOf(ctx);
    authorize(ctx, statisticsActions.editIndex, statisticsResource(tenant.id));
    const view = await indexDefinitionOf(db, tenant.id, (request.params as { id: string }).id);
    if (!view) throw new NotFoundError();
    let state = submitted?.state;
    if (!state) {
      const years = await indexYearsOf(db, await indexBasis(db, tenant));
      state = formStateOf(view.definition, view.definition.baseYear ?? years[years.length - 1] ?? null);
    }
    const shown = withBlankRows(state);
    const name = ctx.locale === 'en' ? view.definition.nameEn : view.definition.nameNl;
    return reply.page({
      title: t('indices.form.title', { index: name }),
      breadcrumbs: [
        { href: `/${tenant.slug}/beheer`, label: t('nav.admin') }, { href: indicesPath(tenant.slug), label: t('indices.title') },
        { href: pathsOf(tenant.slug).edit(view.definition.id), label: t('indices.form.title', { index: name }) },
      ],
      body: indexEditPage(t, {
        locale: ctx.locale, paths: pathsOf(tenant.slug), csrf: request.csrf, definition: view.definition, state: shown,
        catalogue: await catalogueFor(db, tenant.id), errors: formErrors(t, submitted?.issues ?? [], indexFormLabels(t, shown)), preview: submitted?.preview ?? null,
      }),
    });
  };

  app.get('/:municipality/beheer/indices/:id', (request, reply) => editView(request, reply, null));

  app.post('/:municipality/beheer/indices/:id', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const id = (request.params as { id: string }).id;
    const form = formBody(request);
    const { state, input, formField } = parseIndexForm(form);
    const view = await indexDefinitionOf(db, tenant.id, id);
    if (!view) throw new NotFoundError();
    const full = { ...input, id: view.definition.id, kind: view.definition.kind };
    const mapped = (issues: FieldIssue[]) => issues.map((i) => ({ ...i, field: formField(i.field) }));

    if (form.action === 'preview') {
      let changed;
      try {
        changed = await previewIndex(ctx, full);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        reply.code(422);
        return editView(request, reply, { state, issues: mapped(error.issues) });
      }
      // The saved definition's scores are shared (indexComputationOf); the unsaved one is computed for this preview only.
      const basis = await indexBasis(db, tenant);
      const years = await indexYearsOf(db, basis);
      const year = years[years.length - 1];
      const [before, after] = await Promise.all([
        indexComputationOf(db, basis, view.definition), computeIndex(db, tenant, changed, { years, catalogue: basis.catalogue }),
      ]);
      const codes = [...new Set([...before.scores.areas, ...after.scores.areas].map((a) => a.areaCode))].sort();
      const rows: PreviewRow[] = codes.map((code) => ({
        code, before: before.scores.areas.find((a) => a.areaCode === code) ?? null, after: after.scores.areas.find((a) => a.areaCode === code) ?? null,
      }));
      const names = new Map((await neighbourhoodsFor(platform, tenant, year ?? null)).map((n) => [n.code, n.name]));
      return editView(request, reply, { state, issues: [], preview: year === undefined ? null : { year, rows, names } });
    }

    return handleForm(reply, {
      run: () => execute(ctx, saveIndex, full),
      success: () => reply.flashRedirect(pathsOf(tenant.slug).index(view.definition.id), 'indices.flash.saved'),
      invalid: (issues) => editView(request, reply, { state, issues: mapped(issues) }),
    });
  });
}
