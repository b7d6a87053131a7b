import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { csvFile } from '../../platform/csv.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { authorize } from '../../platform/service.js';
import { areaView, similarNeighbourhoods, type AreaView, type IndicatorStatistics, type SimilarAreas, type StatisticsSource } from './area-statistics.js';
import { memoPerDatabase } from '../../platform/lru.js';
import { betterThanShare, kindOfCode, municipalityOfCode } from './compare.js';
import { THEMES, UNKNOWN_REASONS, type Indicator, type StatValue } from './model.js';
import { statisticsActions, statisticsResource } from './policy.js';

/**
 * Open data: an area's statistics (JSON and CSV) and its similar areas. Every answer names its
 * sources and carries the attribution CBS asks for; area codes of another municipality are "not
 * found", as on the pages.
 */
export const CBS_ATTRIBUTION = 'Bron: CBS, Kerncijfers wijken en buurten';
export const BOUNDARY_ATTRIBUTION = 'Gebiedsgrenzen: Kadaster / Centraal Bureau voor de Statistiek';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const params = z.object({
  municipality: z.string().max(60),
  code: z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' })
    .refine((v) => ['municipality', 'district', 'neighbourhood'].includes(kindOfCode(v) ?? ''), { message: 'validation.invalid' })
    .describe('CBS code of an area of this municipality: GMxxxx, WKxxxxxx or BUxxxxxxxx.'),
});
const query = z.object({
  year: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' })
    .min(1990, { message: 'validation.type' }).max(2100, { message: 'validation.type' }).optional())
    .describe('Statistics year (default: the latest with figures for the area).'),
});

const value = z.number().nullable();
const unknown = z.enum(UNKNOWN_REASONS as ['missing', 'secret', 'not-applicable']).nullable().describe('Why the value is unknown: missing, secret (suppressed for privacy) or not-applicable; null when known.');
const ranking = z.object({ rank: z.number().int(), count: z.number().int(), percentile: z.number() }).nullable();
const indicatorOut = z.object({
  id: z.string(), label: z.string(), unit: z.string(), polarity: z.enum(['strength', 'vulnerability', 'neutral']), source: z.string(),
  scope: z.enum(['national', 'local']),
  value, unknown,
  municipality: value.describe("The municipality's value (null for the municipality itself or when unknown)."),
  netherlands: value,
  national: ranking.describe('Rank (1 = highest value) and percentile among all areas of the same kind in the national data.'),
  municipal: ranking.describe('Rank and percentile among the areas of the same kind in the municipality.'),
  betterThan: z.number().nullable().describe('The share of areas of the same kind nationally this area does better than, polarity-aware (null for neutral indicators).'),
  trend: z.array(z.object({ year: z.number().int(), value, unknown })),
  similar: z.object({ median: z.number(), known: z.number().int(), advantage: z.number().nullable() }).nullable()
    .describe('The median of the similar areas, and the advantage over it in standard deviations (positive is better).'),
  strength: z.boolean(),
});
const sourcesOut = z.array(z.object({ source: z.string(), year: z.number().int(), importId: z.string(), scope: z.enum(['national', 'local']) }));
const areaOut = z.object({ code: z.string(), kind: z.string(), municipalityCode: z.string().nullable() });
const statisticsOut = z.object({
  area: areaOut, year: z.number().int(), years: z.array(z.number().int()),
  comparedOn: z.array(z.string()).describe('The structure figures similar areas are found on.'),
  strengths: z.array(z.string()).describe('Indicators on which the area does better than similar areas, largest advantage first.'),
  themes: z.array(z.object({ theme: z.enum(THEMES), indicators: z.array(indicatorOut) })),
  sources: sourcesOut, attribution: z.array(z.string()),
});
const indicatorRef = z.object({ id: z.string(), label: z.string(), unit: z.string() });
const similarOut = z.object({
  area: areaOut, year: z.number().int(), comparedOn: z.array(indicatorRef),
  neighbours: z.array(z.object({
    code: z.string(), position: z.number().int(), distance: z.number(),
    closest: z.array(z.object({ indicator: indicatorRef, value, unknown, neighbourValue: z.number() })),
  })),
  differences: z.array(z.object({ indicator: indicatorRef, value: z.number(), median: z.number(), known: z.number().int(), difference: z.number(), better: z.boolean().nullable() })),
  sources: sourcesOut, attribution: z.array(z.string()),
});

const label = (ctx: Context, i: Indicator) => (ctx.locale === 'en' ? i.labelEn : i.labelNl);
const ref = (ctx: Context, i: Indicator) => ({ id: i.id, label: label(ctx, i), unit: i.unit });
const plain = (v: StatValue | null) => v?.value ?? null;

function attribution(sources: readonly StatisticsSource[]): string[] {
  const local = [...new Set(sources.filter((s) => s.scope === 'local').map((s) => s.source))];
  return [CBS_ATTRIBUTION, ...(local.length ? [`Eigen gegevens van de gemeente: ${local.join(', ')}`] : []), BOUNDARY_ATTRIBUTION];
}

/** The area of the request's municipality; another municipality's code is not found. */
function checked(ctx: Context, code: string): string {
  const tenant = ctx.tenant;
  if (!tenant || municipalityOfCode(code) !== tenant.cbsCode) throw new NotFoundError();
  authorize(ctx, statisticsActions.view, statisticsResource(tenant.id));
  return tenant.id;
}

function indicatorJson(ctx: Context, f: IndicatorStatistics) {
  return {
    ...ref(ctx, f.indicator), polarity: f.indicator.polarity, source: f.indicator.source, scope: f.scope,
    value: f.value.value, unknown: f.value.unknown, municipality: plain(f.municipality), netherlands: plain(f.netherlands),
    national: f.national, municipal: f.municipal,
    betterThan: f.national ? betterThanShare(f.indicator.polarity, f.national.percentile) : null,
    trend: f.trend.map((t) => ({ year: t.year, value: t.value.value, unknown: t.value.unknown })),
    similar: f.similar, strength: f.strength,
  };
}

// ---- CSV ------------------------------------------------------------------------------------

/**
 * For Dutch spreadsheets (`csvFile`'s defaults): UTF-8 with a byte-order mark (so Excel reads the
 * accents), ';' between fields and a decimal comma (so Excel reads numbers as numbers), CRLF line
 * ends. The figures are numbers, written unguarded (a value may be negative); the texts (ids,
 * labels, units and sources, which a municipality's own import names) are guarded against formulas.
 */
const CSV_COLUMNS = [
  'indicator', 'label', 'theme', 'unit', 'year', 'value', 'unknown_reason', 'municipality', 'netherlands',
  'national_rank', 'national_count', 'national_percentile', 'municipal_rank', 'municipal_count', 'municipal_percentile',
  'similar_median', 'strength', 'source',
];

export function statisticsCsv(rows: ReadonlyArray<IndicatorStatistics>, year: number): string {
  return csvFile([CSV_COLUMNS, ...rows.map((f) => [
    f.indicator.id, f.indicator.labelNl, f.indicator.theme, f.indicator.unit, year, f.value.value, f.value.unknown,
    plain(f.municipality), plain(f.netherlands),
    f.national?.rank, f.national?.count, f.national?.percentile,
    f.municipal?.rank, f.municipal?.count, f.municipal?.percentile,
    f.similar?.median, f.strength ? 'ja' : 'nee', f.scope === 'national' ? 'CBS, Kerncijfers wijken en buurten' : `gemeente: ${f.indicator.source}`,
  ])]);
}

export function registerStatisticsApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/statistics', tag: 'Statistics',
    summary: "An area's key figures in a year, by theme: value or unknown (with the reason), the municipality's and the Netherlands' values, rank and percentile nationally and within the municipality, the trend, and how it compares with similar areas (computed at import).",
    params, query, response: statisticsOut,
    async handler({ params: p, query: q }, ctx) {
      const municipalityId = checked(ctx, p.code);
      const view = await areaView(db, municipalityId, p.code, q.year);
      const stats = view.stats;
      if (!stats) throw new NotFoundError();
      return keptAnswer(db, ctx, `statistics|${municipalityId}|${p.code}|${q.year ?? ''}`, view, () => ({
        area: { code: stats.areaCode, kind: stats.kind, municipalityCode: stats.municipalityCode }, year: stats.year, years: stats.years,
        comparedOn: stats.comparedOn, strengths: stats.strengths,
        themes: stats.themes.map((t) => ({ theme: t.theme, indicators: t.indicators.map((f) => indicatorJson(ctx, f)) })),
        sources: stats.sources, attribution: attribution(stats.sources),
      }));
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/statistics.csv', tag: 'Statistics',
    summary: "The same figures as CSV for Dutch spreadsheets: UTF-8 with BOM, ';'-separated, decimal comma, a header row, unknown values empty with the reason in unknown_reason, and the source of every row.",
    params, query, binary: ['text/csv'],
    async handler({ params: p, query: q }, ctx, _request, reply) {
      const municipalityId = checked(ctx, p.code);
      const stats = (await areaView(db, municipalityId, p.code, q.year)).stats;
      if (!stats) throw new NotFoundError();
      const rows = stats.themes.flatMap((t) => t.indicators);
      return reply.type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${stats.areaCode}-${stats.year}.csv"`)
        .header('x-attribution', 'CBS, Kerncijfers wijken en buurten; Kadaster / Centraal Bureau voor de Statistiek')
        .send(statisticsCsv(rows, stats.year));
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/similar', tag: 'Statistics',
    summary: '"Buurten zoals deze": the areas of the same kind most similar on population, age, households, income and housing (nearest on standardised figures, computed at import), each with the figures on which they are closest, and where the area differs most from them.',
    params, query, response: similarOut,
    async handler({ params: p, query: q }, ctx) {
      const municipalityId = checked(ctx, p.code);
      const view = await areaView(db, municipalityId, p.code, q.year);
      // The view's similar areas are those of the year its statistics show; only when that year has no national figures for the area (its own data only) is the latest national year looked up.
      const similar = view.similar ?? (q.year === undefined && view.stats ? await similarNeighbourhoods(db, municipalityId, p.code) : null);
      if (!similar) throw new NotFoundError();
      if (similar !== view.similar) return similarJson(ctx, similar);
      return keptAnswer(db, ctx, `similar|${municipalityId}|${p.code}|${q.year ?? ''}`, view, () => similarJson(ctx, similar));
    },
  });
}

function similarJson(ctx: Context, similar: SimilarAreas) {
  return {
    area: { code: similar.areaCode, kind: similar.kind, municipalityCode: municipalityOfCode(similar.areaCode) }, year: similar.year,
    comparedOn: similar.comparedOn.map((i) => ref(ctx, i)),
    neighbours: similar.neighbours.map((n) => ({
      code: n.code, position: n.position, distance: n.distance,
      closest: n.closest.map((c) => ({ indicator: ref(ctx, c.indicator), value: c.value.value, unknown: c.value.unknown, neighbourValue: c.neighbourValue })),
    })),
    differences: similar.differences.map((d) => ({ ...d, indicator: ref(ctx, d.indicator) })),
    sources: similar.sources, attribution: attribution(similar.sources),
  };
}

/** Serialized answers kept per database under the fingerprint of the figures they show (areaView's). */
const responsesOf = memoPerDatabase<string>(256);

/** An answer written once per state of the figures (a hundred figures over ten years are 100 KB of JSON) and sent as text. */
function keptAnswer(db: Platform['db'], ctx: Context, key: string, view: AreaView, answer: () => unknown): Promise<string> {
  return responsesOf(db).get(`${ctx.locale}|${key}`, view.fingerprint, async () => JSON.stringify(answer()));
}
