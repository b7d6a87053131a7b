import type { Context } from '../../../platform/context.js';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { formatQuantity, lineChart, type ChartContext } from '../../../platform/ui/charts.js';
import { dataList, heading1, link, paragraph, table } from '../../../platform/ui/components.js';
import { newInterpretationPath, renderInterpretations, type ConversationRound, type InterpretationView } from '../../interpretations/index.js';
import { BOUNDARY_ATTRIBUTION, CBS_ATTRIBUTION } from '../api.js';
import type { AreaIndexScores } from '../indices-service.js';
import type { AreaStatistics, IndicatorStatistics, SimilarAreas } from '../area-statistics.js';
import type { Indicator, RegionKind, StatValue } from '../model.js';

/**
 * An area's statistics page: strengths first, then per theme a compact table (the area, the
 * municipality, the Netherlands, the place among all areas of its kind, the readings) with the
 * people's readings of each figure beside it and the charts behind one disclosure per theme, then
 * the similar areas ("buurten zoals deze", for a district "wijken zoals deze") and the open data. Everything is server-rendered; nothing needs a script.
 */

export interface NamedArea {
  title: string;
  /** Its statistics page (this municipality) or national area page; null when it is not known. */
  href: string | null;
}

export interface AreaStatisticsPageInput {
  area: { code: string; title: string };
  stats: AreaStatistics;
  similar: SimilarAreas | null;
  /** The similar areas by code. */
  neighbours: ReadonlyMap<string, NamedArea>;
  readings: ReadonlyMap<string | null, InterpretationView[]>;
  rounds: ConversationRound[];
  csrf: string;
  back: string;
  /** The municipality's composite indices for this neighbourhood (vitality, vulnerability, own ones); empty for districts. */
  indices: AreaIndexScores[];
  paths: { indices: string; page: (year: number) => string; map: string; duiding: string; csv: string; json: string; similarJson: string; readingsCsv: string };
}

export const figureAnchor = (id: string) => `cijfer-${id}`;
export const indicatorName = (ctx: { locale: string }, i: Pick<Indicator, 'labelNl' | 'labelEn'>) => (ctx.locale === 'en' ? i.labelEn : i.labelNl);
export const kindsName = (t: Translate, kind: RegionKind) => t(`statistics.kind.${kind}`);
/** "buurten zoals deze", "wijken zoals deze": the similar areas, named after the area's own kind. */
export const likeThis = (t: Translate, kind: RegionKind) => t(`statistics.kind.like.${kind}`);

/** "12,5%" — or "onbekend: afgeschermd …" for an unknown value: never a zero. */
export function valueText(c: ChartContext, value: StatValue | null, indicator: Pick<Indicator, 'unit'>): string {
  if (value === null) return c.t('chart.unknown');
  if (value.unknown !== null) return c.t(`statistics.reason.${value.unknown}`);
  return formatQuantity(c, value.value, { unit: indicator.unit });
}

function valueCell(c: ChartContext, value: StatValue | null, indicator: Pick<Indicator, 'unit'>): HtmlValue {
  const text = valueText(c, value, indicator);
  return value === null || value.unknown !== null ? html`<span class="ba-chart__unknown">${text}</span>` : text;
}

function positionText(c: ChartContext, f: IndicatorStatistics, kind: RegionKind): string {
  const parts: string[] = [];
  if (f.national) parts.push(c.t('statistics.page.higherThan', { percentile: formatNumber(c.locale, Math.round(f.national.percentile)), count: formatNumber(c.locale, f.national.count), kinds: kindsName(c.t, kind) }));
  if (f.municipal) parts.push(c.t('statistics.page.municipalRank', { rank: f.municipal.rank, count: f.municipal.count }));
  return parts.join('; ');
}

function yearChooser(t: Translate, years: number[], current: number, href: (year: number) => string): SafeHtml {
  return html`<nav aria-labelledby="jaar-kiezen"><p class="utrecht-paragraph" id="jaar-kiezen">${t('statistics.page.years')}</p>
    <ul class="utrecht-unordered-list ba-year-list">${[...years].reverse().map((y) => (y === current
    ? html`<li><a class="utrecht-link" href="${href(y)}" aria-current="page">${t('statistics.page.yearCurrent', { year: y })}</a></li>`
    : html`<li>${link(href(y), String(y))}</li>`))}</ul></nav>`;
}

function readingsCount(t: Translate, count: number): string {
  return count === 1 ? t('statistics.page.readingsOne') : t('statistics.page.readingsMany', { count });
}

async function themeSection(ctx: Context, c: ChartContext, input: AreaStatisticsPageInput, theme: AreaStatistics['themes'][number]): Promise<SafeHtml> {
  const { t } = c;
  const { stats, area } = input;
  const slug = ctx.tenant!.slug;
  const themeName = t(`statistics.theme.${theme.theme}`);
  const headingId = `thema-${theme.theme}`;
  const rows = theme.indicators;
  const overview = table({
    caption: themeName, captionHidden: true, empty: t('statistics.page.noFigures'), rows,
    columns: [
      { header: t('statistics.page.figure'), cell: (f: IndicatorStatistics) => html`${indicatorName(ctx, f.indicator)}${f.strength ? html` <span class="ba-tag">${t('statistics.page.strengthTag')}</span>` : ''}` },
      { header: t('statistics.page.here'), numeric: true, cell: (f) => html`<strong>${valueCell(c, f.value, f.indicator)}</strong>` },
      { header: t('statistics.page.municipality'), numeric: true, cell: (f) => (f.municipality === null ? '' : valueCell(c, f.municipality, f.indicator)) },
      { header: t('statistics.page.netherlands'), numeric: true, cell: (f) => valueCell(c, f.netherlands, f.indicator) },
      { header: t('statistics.page.position'), cell: (f) => positionText(c, f, stats.kind) },
      { header: t('statistics.page.readings'), cell: (f) => {
        const name = indicatorName(ctx, f.indicator);
        const count = input.readings.get(f.indicator.id)?.length ?? 0;
        return count
          ? html`<a class="utrecht-link" href="#${figureAnchor(f.indicator.id)}">${readingsCount(t, count)}<span class="ba-visually-hidden"> ${t('statistics.page.addReadingFor', { figure: name })}</span></a>`
          : html`<a class="utrecht-link" href="${newInterpretationPath(slug, area.code, stats.year, f.indicator.id, { terug: input.back })}">${t('statistics.page.addReading')}<span class="ba-visually-hidden"> ${t('statistics.page.addReadingFor', { figure: name })}</span></a>`;
      } },
    ],
  });

  // The readings beside the figures they concern: every figure of the theme that has them, strengths first.
  const withReadings = rows.filter((f) => (input.readings.get(f.indicator.id)?.length ?? 0) > 0);
  const readings: SafeHtml[] = [];
  for (const f of withReadings) {
    const name = indicatorName(ctx, f.indicator);
    readings.push(html`<section class="ba-card ba-figure-readings" aria-labelledby="${figureAnchor(f.indicator.id)}">
      <h4 class="utrecht-heading-4" id="${figureAnchor(f.indicator.id)}">${name}: ${valueText(c, f.value, f.indicator)}</h4>
      ${await renderInterpretations(ctx, { areaCode: area.code, year: stats.year, indicator: f.indicator.id, csrf: input.csrf, back: input.back, label: name, items: input.readings.get(f.indicator.id) ?? [], rounds: input.rounds })}
    </section>`);
  }

  // The trend: figures of one unit together, at most five lines a chart (so a theme has a few charts, not one per figure).
  const years = stats.years;
  const trending = rows.filter((f) => f.trend.filter((p) => p.value.unknown === null).length >= 2);
  const byUnit = new Map<string, IndicatorStatistics[]>();
  for (const f of trending) byUnit.set(f.indicator.unit, [...(byUnit.get(f.indicator.unit) ?? []), f]);
  const charts: SafeHtml[] = [];
  if (years.length >= 2) {
    for (const [unit, list] of byUnit) {
      for (let i = 0; i < list.length; i += 5) {
        const chunk = list.slice(i, i + 5);
        charts.push(lineChart(c, {
          id: `t-${theme.theme}-${unit}-${i / 5}`, caption: t('statistics.page.chartCaption', { year: stats.year }),
          title: t('statistics.page.trend', { label: chunk.map((f) => indicatorName(ctx, f.indicator)).join(', '), first: years[0]!, last: years[years.length - 1]! }),
          years, series: chunk.map((f) => ({ label: indicatorName(ctx, f.indicator), values: f.trend.map((p) => p.value.value) })),
          style: { unit: chunk[0]!.indicator.unit }, includeZero: unit === 'count',
        }));
      }
    }
  }
  const definitions = dataList(rows.map((f) => [indicatorName(ctx, f.indicator), ctx.locale === 'en' ? f.indicator.definitionEn : f.indicator.definitionNl]));

  return html`<section aria-labelledby="${headingId}">
    <h2 class="utrecht-heading-2" id="${headingId}">${themeName}</h2>
    ${overview}
    ${readings.length ? html`<h3 class="utrecht-heading-3">${t('statistics.page.saying', { theme: themeName })}</h3>${readings}` : ''}
    <details class="ba-details ba-figure-charts"><summary>${t(charts.length ? 'statistics.page.charts' : 'statistics.page.definitions', { theme: themeName })}</summary>
      ${charts}
      <h3 class="utrecht-heading-3">${t('statistics.page.definitions', { theme: themeName })}</h3>
      ${definitions}
    </details>
  </section>`;
}

function strengthsSection(ctx: Context, c: ChartContext, input: AreaStatisticsPageInput): SafeHtml {
  const { t } = c;
  const { stats, area } = input;
  const byId = new Map(stats.themes.flatMap((th) => th.indicators).map((f) => [f.indicator.id, f]));
  const kinds = kindsName(t, stats.kind);
  const like = likeThis(t, stats.kind);
  const items = stats.strengths.map((id) => byId.get(id)).filter((f): f is IndicatorStatistics => f !== undefined && f.similar !== null);
  const compared = stats.themes.some((th) => th.indicators.some((f) => f.similar !== null));
  return html`<section aria-labelledby="sterk">
    <h2 class="utrecht-heading-2" id="sterk">${t(`statistics.kind.strengths.${stats.kind}`)}</h2>
    ${!compared
    ? paragraph(t('statistics.page.noComparison'))
    : items.length
      ? html`${paragraph(t('statistics.page.strengthsIntro', { area: area.title, kinds, like }))}
        <ul class="utrecht-unordered-list ba-strengths">${items.map((f) => html`<li>${t('statistics.page.strengthItem', {
    label: indicatorName(ctx, f.indicator), value: valueText(c, f.value, f.indicator), median: formatQuantity(c, f.similar!.median, { unit: f.indicator.unit }), kinds,
  })}${(input.readings.get(f.indicator.id)?.length ?? 0) ? html` (${link(`#${figureAnchor(f.indicator.id)}`, readingsCount(t, input.readings.get(f.indicator.id)!.length))})` : ''}</li>`)}</ul>`
      : paragraph(t('statistics.page.noStrengths', { area: area.title, kinds }))}
  </section>`;
}

/** The composite indices: score (100 is the neighbourhoods' average in the base year) and band, with how many figures were known. */
function indicesSection(ctx: Context, c: ChartContext, input: AreaStatisticsPageInput): SafeHtml {
  const { t } = c;
  if (input.indices.length === 0) return html``;
  const name = (i: AreaIndexScores) => (ctx.locale === 'en' ? i.nameEn : i.nameNl);
  return html`<section aria-labelledby="indexen">
    <h2 class="utrecht-heading-2" id="indexen">${t('statistics.page.indices')}</h2>
    <ul class="utrecht-unordered-list">${input.indices.map((i) => html`<li>${i.score?.score == null
    ? t('statistics.page.indexUnknown', { name: name(i) })
    : t('statistics.page.indexScore', {
      name: name(i), score: formatNumber(c.locale, i.score.score, 1), band: i.score.band === null ? t('chart.unknown') : t(`indices.band.${i.score.band}`),
      known: i.score.known, of: i.score.of,
    })}</li>`)}</ul>
    ${paragraph(html`${t('statistics.page.indicesIntro', { baseYear: input.indices[0]!.baseYear ?? input.stats.year })} ${link(input.paths.indices, t('statistics.page.indicesLink'))}`)}
  </section>`;
}

function similarSection(ctx: Context, c: ChartContext, input: AreaStatisticsPageInput): SafeHtml {
  const { t } = c;
  const { similar, area, stats } = input;
  const kinds = kindsName(t, stats.kind);
  const like = likeThis(t, stats.kind);
  const heading = html`<h2 class="utrecht-heading-2" id="zoals-deze">${t(`statistics.kind.likeHeading.${stats.kind}`)}</h2>`;
  if (!similar || similar.neighbours.length === 0) return html`<section aria-labelledby="zoals-deze">${heading}${paragraph(t('statistics.similar.none'))}</section>`;
  const name = (code: string) => {
    const known = input.neighbours.get(code);
    if (!known) return code;
    return known.href ? link(known.href, known.title) : known.title;
  };
  const neighbours = table({
    caption: t('statistics.similar.table', { kinds, area: area.title }), rows: similar.neighbours, empty: t('statistics.similar.none'),
    columns: [
      { header: t('statistics.similar.position'), numeric: true, cell: (n) => String(n.position) },
      { header: t('statistics.similar.area'), cell: (n) => name(n.code) },
      { header: t('statistics.similar.closest'), cell: (n) => html`<ul class="utrecht-unordered-list">${n.closest.map((p) => html`<li>${t('statistics.similar.pair', {
        label: indicatorName(ctx, p.indicator), value: valueText(c, p.value, p.indicator), other: formatQuantity(c, p.neighbourValue, { unit: p.indicator.unit }),
      })}</li>`)}</ul>` },
    ],
  });
  const difference = (d: SimilarAreas['differences'][number]) => html`<li>${t('statistics.similar.difference', {
    label: indicatorName(ctx, d.indicator), value: formatQuantity(c, d.value, { unit: d.indicator.unit }), median: formatQuantity(c, d.median, { unit: d.indicator.unit }), like,
  })}</li>`;
  const groups: Array<[string, typeof similar.differences]> = [
    [t('statistics.similar.better', { area: area.title, like }), similar.differences.filter((d) => d.better === true)],
    [t('statistics.similar.other', { area: area.title }), similar.differences.filter((d) => d.better === null)],
    [t('statistics.similar.worse', { like }), similar.differences.filter((d) => d.better === false)],
  ];
  const shown = groups.filter(([, list]) => list.length > 0);
  return html`<section aria-labelledby="zoals-deze">
    ${heading}
    ${paragraph(t('statistics.similar.intro', { kinds, area: area.title, count: similar.comparedOn.length, figures: similar.comparedOn.map((i) => indicatorName(ctx, i).toLowerCase()).join(', ') }))}
    ${neighbours}
    ${shown.length
    ? shown.map(([title, list]) => html`<h3 class="utrecht-heading-3">${title}</h3><ul class="utrecht-unordered-list">${list.map(difference)}</ul>`)
    : paragraph(t('statistics.similar.noDifferences', { area: area.title, like }))}
  </section>`;
}

const missing = (v: StatValue | null) => v === null || v.unknown === 'missing';
/** A figure no imported file holds, for this area, its municipality or the Netherlands in any year: left out of the tables, counted. */
export const notInData = (f: IndicatorStatistics) => missing(f.value) && missing(f.municipality) && missing(f.netherlands) && f.trend.every((p) => missing(p.value));

export async function areaStatisticsPage(ctx: Context, input: AreaStatisticsPageInput): Promise<SafeHtml> {
  const t = translator(ctx.locale);
  const c: ChartContext = { t, locale: ctx.locale };
  const { stats, area, paths } = input;
  const themes: SafeHtml[] = [];
  let absent = 0;
  for (const theme of stats.themes) {
    const indicators = theme.indicators.filter((f) => !notInData(f));
    absent += theme.indicators.length - indicators.length;
    if (indicators.length) themes.push(await themeSection(ctx, c, input, { theme: theme.theme, indicators }));
  }
  if (absent) themes.push(paragraph(t('statistics.page.notInData', { count: absent })));
  const sources = stats.sources.map((s) => (s.scope === 'national'
    ? t('statistics.page.sourceNational', { year: s.year })
    : t('statistics.page.sourceLocal', { source: s.source, year: s.year })));
  return html`${heading1(t('statistics.page.title', { area: area.title }))}
    ${paragraph(t('statistics.page.intro', { area: area.title, year: stats.year, kinds: kindsName(t, stats.kind) }))}
    ${stats.years.length > 1 ? yearChooser(t, stats.years, stats.year, paths.page) : ''}
    <ul class="utrecht-unordered-list">
      <li>${link(paths.map, t('statistics.page.mapLink'))}</li>
      <li>${link(paths.duiding, t('statistics.page.duidingLink'))}</li>
      <li>${link(paths.csv, t('statistics.page.csv'))} · ${link(paths.json, t('statistics.page.json'))}</li>
    </ul>
    ${strengthsSection(ctx, c, input)}
    ${indicesSection(ctx, c, input)}
    <section aria-labelledby="geheel">
      <h2 class="utrecht-heading-2" id="geheel">${t('statistics.page.wholeArea')}</h2>
      ${await renderInterpretations(ctx, { areaCode: area.code, year: stats.year, indicator: null, csrf: input.csrf, back: input.back, items: input.readings.get(null) ?? [], rounds: input.rounds })}
    </section>
    ${themes}
    ${similarSection(ctx, c, input)}
    <section aria-labelledby="open-data">
      <h2 class="utrecht-heading-2" id="open-data">${t('statistics.page.openData')}</h2>
      ${paragraph(html`${link(paths.csv, t('statistics.page.csv'))} · ${link(paths.json, t('statistics.page.json'))} · ${link(paths.similarJson, t('statistics.page.similarJson', { like: likeThis(t, stats.kind) }))} · ${link(paths.readingsCsv, t('statistics.page.interpretationsJson'))}`)}
      ${paragraph(t('statistics.page.sources', { sources: sources.join('; ') }))}
      ${paragraph(html`<span class="ba-small">${CBS_ATTRIBUTION}. ${BOUNDARY_ATTRIBUTION}.</span>`)}
    </section>`;
}
