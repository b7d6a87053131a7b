import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/service.js';
import { heading1, link, paragraph } from '../../platform/ui/components.js';
import { html } from '../../platform/html.js';
import { Lru } from '../../platform/lru.js';
import { areaCrumbs, areaTitle, latestSummaries, parseAreaCode, summariesOf, tenantAreaFrom } from '../areas/index.js';
import { interpretationsPath, readingsFromRows, roundOf } from '../interpretations/index.js';
import { areaView } from './area-statistics.js';
import { municipalityOfCode } from './compare.js';
import { indexScoresOf } from './indices-service.js';
import { indicesPath } from './indices-routes.js';
import { MAP_CLASSINGS, MAP_LEVELS, mapData } from './map-data.js';
import { areaStatisticsPage, type NamedArea } from './pages/area-statistics.js';
import { areaPageState } from './state.js';
import { mapPage, mapTitle } from './pages/map.js';
import { statisticsActions, statisticsResource } from './policy.js';

const tr = (ctx: Context) => translator(ctx.locale);
const year = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1990).max(2100).optional());
/** A page's query: a year that is no year is a page that does not exist; unknown choices fall back to the default. */
const pageQuery = z.object({ jaar: year.catch(-1) }).loose();
const mapQuery = z.object({
  jaar: year.catch(-1),
  indicator: z.string().trim().max(40).optional().catch(undefined),
  niveau: z.enum(MAP_LEVELS).optional().catch(undefined),
  indeling: z.enum(MAP_CLASSINGS).optional().catch(undefined),
}).loose();

export const statisticsPath = (slug: string, code: string, y?: number) => `/${slug}/gebieden/${code}/cijfers${y === undefined ? '' : `?jaar=${y}`}`;
export const mapPath = (slug: string, query: Record<string, string> = {}) => {
  const q = new URLSearchParams(query).toString();
  return `/${slug}/kaart${q ? `?${q}` : ''}`;
};

/** Per page of an area (municipality, area, year asked): the areas it named last time, read along with its state (a hint only: a wrong one costs a second query). */
const namedLastTime = new Lru<string[]>(4096);

/** The statistics page of an area and the indicator map (HTML; the open data is in api.ts and map-api.ts). */
export function registerStatisticsPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  app.get('/:municipality/gebieden/:code/cijfers', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    authorize(ctx, statisticsActions.view, statisticsResource(tenant.id));
    const asked = pageQuery.parse(request.query ?? {}).jaar;
    if (asked === -1) throw new NotFoundError();
    const raw = (request.params as { code: string }).code;
    const parsed = parseAreaCode(raw);
    if (!parsed || parsed.municipalityCode !== tenant.cbsCode) throw new NotFoundError();
    // Everything the page shows besides the figures, and the state of the figures, in one query
    // (state.ts); the similar areas the page named last time are read along to name them again.
    const namedKey = `${tenant.id}|${parsed.code}|${asked ?? ''}`;
    const named = namedLastTime.get(namedKey) ?? [];
    const state = await areaPageState(db, tenant.id, parsed.code, named);
    const area = tenantAreaFrom(tenant, raw, state.areas, t, asked);
    if (!area) throw new NotFoundError();
    // The figures for the whole page (assembled once per state of the statistics): the statistics, the similar areas and what they were computed from.
    const figures = await areaView(db, tenant.id, area.code, asked, state.statistics);
    const stats = figures.stats;
    const crumbs = areaCrumbs(ctx, area, { href: statisticsPath(tenant.slug, area.code), label: t('statistics.page.crumb') });
    const title = t('statistics.page.title', { area: area.title });
    if (!stats) {
      if (asked !== undefined) throw new NotFoundError();
      return reply.page({ title, breadcrumbs: crumbs, body: html`${heading1(title)}${paragraph(t('statistics.page.noFigures'))}${paragraph(link(mapPath(tenant.slug), t('statistics.page.mapLink')))}` });
    }
    const similar = figures.similar;
    const codes = similar?.neighbours.map((n) => n.code) ?? [];
    const municipalities = [...new Set(codes.map((c) => municipalityOfCode(c)).filter((c): c is string => c !== null && c !== tenant.cbsCode))];
    const wanted = [...codes, ...municipalities];
    const names = wanted.every((c) => named.includes(c))
      ? latestSummaries(state.areas.filter((a) => wanted.includes(a.code)), stats.year)
      : await summariesOf(db, wanted, stats.year);
    namedLastTime.set(namedKey, wanted);
    const readings = readingsFromRows(state.readings, stats.year);
    const rounds = state.rounds.map(roundOf);
    const neighbours = new Map<string, NamedArea>(codes.map((code) => {
      const summary = names.get(code);
      const own = municipalityOfCode(code) === tenant.cbsCode;
      const municipality = names.get(municipalityOfCode(code) ?? '');
      const name = summary ? areaTitle(t, summary) : code;
      return [code, {
        title: own || !municipality ? name : t('statistics.similar.otherMunicipality', { name, municipality: municipality.name ?? municipality.code }),
        href: own ? statisticsPath(tenant.slug, code, stats.year) : summary ? `/gebieden/${code}` : null,
      }];
    }));
    const api = `/api/v1/${tenant.slug}/areas/${area.code}`;
    // Rendering a hundred figures with their charts costs more than reading them: anonymous visitors
    // get the page rendered once per state of everything it shows (platform/http/page-cache.ts). The
    // page state covers the figures, the index definitions (with the figures, all the index scores
    // depend on), the readings and rounds; the area and the names of the similar areas are added.
    const fingerprint = JSON.stringify([state.fingerprint, area, [...names]]);
    return reply.cachedPage({ key: `statistics|${tenant.id}|${ctx.locale}|${request.url}`, fingerprint, title, breadcrumbs: crumbs, render: async (csrf) => areaStatisticsPage(ctx, {
      area, stats, similar, neighbours, readings, rounds, csrf, back: request.url,
      indices: stats.kind === 'neighbourhood' ? await indexScoresOf(db, tenant, area.code, stats.year, { sets: figures.sets, own: figures.own }) : [],
      paths: {
        indices: indicesPath(tenant.slug),
        page: (y) => statisticsPath(tenant.slug, area.code, y),
        map: mapPath(tenant.slug, { niveau: stats.kind === 'district' ? 'wijk' : 'buurt', jaar: String(stats.year) }),
        duiding: interpretationsPath(tenant.slug, area.code, stats.year),
        csv: `${api}/statistics.csv?year=${stats.year}`, json: `${api}/statistics?year=${stats.year}`, similarJson: `${api}/similar?year=${stats.year}`,
        readingsCsv: `${api}/interpretations.csv?year=${stats.year}`,
      },
    }) });
  });

  app.get('/:municipality/kaart', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    authorize(ctx, statisticsActions.view, statisticsResource(tenant.id));
    const q = mapQuery.parse(request.query ?? {});
    if (q.jaar === -1) throw new NotFoundError();
    const data = await mapData(db, tenant, { indicator: q.indicator, year: q.jaar, level: q.niveau, classing: q.indeling });
    if (!data) throw new NotFoundError();
    const classing = q.indeling ?? 'kwantielen';
    const geojson = new URLSearchParams({ indicator: data.indicator.id, level: data.level === 'wijk' ? 'district' : 'neighbourhood', ...(data.year === null ? {} : { year: String(data.year) }) });
    const body = mapPage(ctx, {
      data, classing, action: mapPath(tenant.slug), geojson: `/api/v1/${tenant.slug}/map.geojson?${geojson.toString()}`,
      areaHref: (code, y) => statisticsPath(tenant.slug, code, y),
    });
    return reply.page({ title: mapTitle(ctx, data), breadcrumbs: [{ href: mapPath(tenant.slug), label: t('statistics.map.crumb') }], body });
  });
}
