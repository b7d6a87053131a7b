import { html, joinHtml, type SafeHtml } from '../html.js';
import { formatNumber } from '../i18n/index.js';
import {
  areaCount, axisUnit, chartFigure, checkId, coord, fitText, formatQuantity, formatTick, GRID_COLOUR, HIGHLIGHT_COLOUR, marker,
  MUTED_COLOUR, niceScale, REFERENCE_COLOUR, SERIES_COLOURS, SERIES_DASHES, SERIES_MARKERS, svgImage, TEXT_COLOUR, textWidth,
  valueCell, type ChartContext, type ChartValue, type NumberStyle, type TablePlacement,
} from './chart-parts.js';

/**
 * Charts as accessible, printable SVG rendered on the server: a horizontal bar chart (an area
 * against reference values, or a ranked list with one area highlighted), a line chart over years
 * and a percentile strip. Each is a <figure>: a caption, an <svg role="img"> with a <title> and a
 * <desc> that says the main numbers, and the same figures as a table (behind a disclosure unless
 * asked otherwise). Unknown values are never drawn as zero: a bar is missing, a line has a gap,
 * the table says "onbekend". Output depends only on the input (ids come from the caller's `id`).
 */
export {
  formatQuantity, niceScale, QUANTITY_UNITS, type ChartContext, type ChartValue, type NumberStyle, type QuantityUnit, type TablePlacement,
} from './chart-parts.js';

interface ChartBase {
  /** Unique on the page; prefixes every id in the chart. Letters, digits, - and _. */
  id: string;
  title: string;
  /** Shown under the title, e.g. "Bron: CBS, 2024". */
  caption?: string;
  /** Replaces the generated description (the generated one states the main numbers). */
  description?: string;
  style?: NumberStyle;
  /** The data table behind a disclosure (default) or visible. */
  table?: TablePlacement;
  /** Width in SVG units (the chart scales down with the page). Default 640. */
  width?: number;
}

// ---- bar chart ---------------------------------------------------------------------------------

export interface Bar {
  label: string;
  value: ChartValue;
  /** The area the chart is about: dark, with its label and value in bold. */
  highlight?: boolean;
}

export interface BarChartInput extends ChartBase {
  bars: Bar[];
  /** Header of the label column in the table. Default "Gebied". */
  labelHeader?: string;
  /** Header of the value column in the table. Default "Waarde". */
  valueHeader?: string;
}

const ROW = 28;
const BAR = 18;
/** Up to this many bars the description names every one; beyond, the range and the highlighted ones. */
const LIST_ALL = 8;

export function barChart(ctx: ChartContext, input: BarChartInput): SafeHtml {
  const id = checkId(input.id);
  const width = input.width ?? 640;
  const known = input.bars.filter((b): b is Bar & { value: number } => b.value !== null && Number.isFinite(b.value));
  const values = known.map((b) => b.value);
  const scale = niceScale(Math.min(0, ...values), Math.max(0, ...values));
  const texts = input.bars.map((b) => formatQuantity(ctx, b.value, input.style));

  const labelWidth = Math.min(width * 0.38, Math.max(80, ...input.bars.map((b) => textWidth(b.label) + 12)));
  const valueWidth = Math.min(width * 0.25, Math.max(56, ...texts.map((text) => textWidth(text) + 12)));
  const left = labelWidth;
  const right = width - valueWidth;
  const x = (v: number) => left + ((v - scale.min) / (scale.max - scale.min)) * (right - left - 8);
  const unit = axisUnit(ctx, input.style);
  const axisTop = unit ? 46 : 30;
  const height = axisTop + input.bars.length * ROW + 6;
  const bottom = height - 4;

  const grid = scale.ticks.map((tick) => html`<line x1="${coord(x(tick))}" y1="${axisTop - 6}" x2="${coord(x(tick))}" y2="${bottom}" stroke="${tick === 0 ? TEXT_COLOUR : GRID_COLOUR}" stroke-width="1"/>
<text x="${coord(x(tick))}" y="${axisTop - 11}" text-anchor="middle" fill="${MUTED_COLOUR}" font-size="11">${formatTick(ctx, tick, scale.step, input.style)}</text>`);
  const rows = input.bars.map((bar, i) => {
    const mid = axisTop + i * ROW + ROW / 2;
    const weight = bar.highlight ? html` font-weight="700"` : '';
    const label = html`<text x="${coord(left - 8)}" y="${coord(mid + 4.5)}" text-anchor="end" fill="${TEXT_COLOUR}"${weight}>${fitText(bar.label, left - 12)}</text>`;
    const value = bar.value === null || !Number.isFinite(bar.value)
      ? html`<text x="${coord(width - 4)}" y="${coord(mid + 4.5)}" text-anchor="end" fill="${MUTED_COLOUR}" font-style="italic">${texts[i]}</text>`
      : html`<text x="${coord(width - 4)}" y="${coord(mid + 4.5)}" text-anchor="end" fill="${TEXT_COLOUR}"${weight}>${texts[i]}</text>`;
    if (bar.value === null || !Number.isFinite(bar.value)) return joinHtml([label, value]);
    const [from, to] = [x(Math.min(0, bar.value)), x(Math.max(0, bar.value))];
    const rect = html`<rect x="${coord(from)}" y="${coord(mid - BAR / 2)}" width="${coord(Math.max(to - from, bar.value === 0 ? 0 : 1))}" height="${BAR}" fill="${bar.highlight ? HIGHLIGHT_COLOUR : REFERENCE_COLOUR}"/>`;
    return joinHtml([label, rect, value]);
  });

  const svg = svgImage({
    id, kind: 'bar', width, height, title: input.title, description: input.description ?? barDescription(ctx, input, known),
    body: html`${unit ? html`<text x="${coord(right - 8)}" y="12" text-anchor="end" fill="${MUTED_COLOUR}" font-size="11">${unit}</text>` : ''}
<g aria-hidden="true">${grid}</g>
${rows}`,
  });
  return chartFigure(ctx, {
    id, kind: 'bar', title: input.title, caption: input.caption, svg, placement: input.table,
    table: {
      columns: [
        { header: input.labelHeader ?? ctx.t('chart.area'), cell: (b: Bar) => (b.highlight ? html`<strong>${b.label}</strong>` : b.label) },
        { header: input.valueHeader ?? ctx.t('chart.value'), numeric: true, cell: (b: Bar) => valueCell(ctx, b.value, input.style) },
      ],
      rows: input.bars,
    },
  });
}

function barDescription(ctx: ChartContext, input: BarChartInput, known: Array<Bar & { value: number }>): string {
  const item = (b: Bar) => ctx.t('chart.item', { label: b.label, value: formatQuantity(ctx, b.value, input.style) });
  if (input.bars.length <= LIST_ALL) return ctx.t('chart.list', { items: input.bars.map(item).join('; ') });
  const sentences: string[] = [];
  if (known.length > 0) {
    const sorted = [...known].sort((a, b) => a.value - b.value);
    const [low, high] = [sorted[0]!, sorted[sorted.length - 1]!];
    sentences.push(ctx.t('chart.bar.descMany', {
      count: formatNumber(ctx.locale, input.bars.length),
      min: formatQuantity(ctx, low.value, input.style), minLabel: low.label,
      max: formatQuantity(ctx, high.value, input.style), maxLabel: high.label,
    }));
  }
  const highlighted = input.bars.filter((b) => b.highlight);
  if (highlighted.length > 0) sentences.push(ctx.t('chart.list', { items: highlighted.map(item).join('; ') }));
  const unknown = input.bars.length - known.length;
  if (unknown > 0) sentences.push(ctx.t('chart.unknownCount', { count: areaCount(ctx, unknown) }));
  return sentences.join(' ');
}

// ---- line chart --------------------------------------------------------------------------------

export interface Series {
  label: string;
  /** One per year of the chart, in the same order; null where unknown (the line has a gap there). */
  values: ChartValue[];
  /** Drawn thicker (the area the page is about). */
  highlight?: boolean;
}

export interface LineChartInput extends ChartBase {
  /** Ascending years (the horizontal axis); a missing year keeps its distance. */
  years: number[];
  /** One to five series; each gets its own colour, dash and marker. */
  series: Series[];
  /** Let the vertical axis start at zero (default) or fit the data. */
  includeZero?: boolean;
  height?: number;
}

export function lineChart(ctx: ChartContext, input: LineChartInput): SafeHtml {
  const id = checkId(input.id);
  if (input.series.length > SERIES_COLOURS.length) throw new Error(`A line chart shows at most ${SERIES_COLOURS.length} series`);
  for (const s of input.series) {
    if (s.values.length !== input.years.length) throw new Error(`Series "${s.label}" has ${s.values.length} values for ${input.years.length} years`);
  }
  const width = input.width ?? 640;
  const height = input.height ?? 300;
  const values = input.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const zero = input.includeZero ?? true;
  const scale = values.length === 0 ? niceScale(0, 1) : niceScale(zero ? Math.min(0, ...values) : Math.min(...values), zero ? Math.max(0, ...values) : Math.max(...values));
  const tickTexts = scale.ticks.map((tick) => formatTick(ctx, tick, scale.step, input.style));
  const unit = axisUnit(ctx, input.style);
  const left = Math.max(40, ...tickTexts.map((text) => textWidth(text, 11) + 14));
  const [top, right, bottom] = [unit ? 28 : 14, width - 16, height - 30];
  const [first, last] = [input.years[0] ?? 0, input.years[input.years.length - 1] ?? 0];
  const x = (year: number) => (last === first ? (left + right) / 2 : left + 8 + ((year - first) / (last - first)) * (right - left - 16));
  const y = (v: number) => bottom - ((v - scale.min) / (scale.max - scale.min)) * (bottom - top);

  const every = Math.ceil(input.years.length / 10);
  const yearTicks = input.years.filter((_, i) => i % every === 0 || i === input.years.length - 1);
  const axes = html`<g aria-hidden="true">
${scale.ticks.map((tick, i) => html`<line x1="${coord(left)}" y1="${coord(y(tick))}" x2="${coord(right)}" y2="${coord(y(tick))}" stroke="${tick === 0 ? TEXT_COLOUR : GRID_COLOUR}" stroke-width="1"/>
<text x="${coord(left - 6)}" y="${coord(y(tick) + 4)}" text-anchor="end" fill="${MUTED_COLOUR}" font-size="11">${tickTexts[i]}</text>`)}
<line x1="${coord(left)}" y1="${coord(bottom)}" x2="${coord(right)}" y2="${coord(bottom)}" stroke="${TEXT_COLOUR}" stroke-width="1"/>
${yearTicks.map((year) => html`<line x1="${coord(x(year))}" y1="${coord(bottom)}" x2="${coord(x(year))}" y2="${coord(bottom + 5)}" stroke="${TEXT_COLOUR}" stroke-width="1"/>
<text x="${coord(x(year))}" y="${coord(bottom + 19)}" text-anchor="middle" fill="${MUTED_COLOUR}" font-size="11">${String(year)}</text>`)}
${unit ? html`<text x="${coord(left)}" y="14" fill="${MUTED_COLOUR}" font-size="11">${unit}</text>` : ''}
</g>`;

  const lines = input.series.map((s, i) => {
    const colour = SERIES_COLOURS[i]!;
    const dash = SERIES_DASHES[i]!;
    const segments: string[] = [];
    let current: string[] = [];
    s.values.forEach((v, j) => {
      if (v === null || !Number.isFinite(v)) {
        if (current.length > 1) segments.push(`M${current.join('L')}`);
        current = [];
        return;
      }
      current.push(`${coord(x(input.years[j]!))},${coord(y(v))}`);
    });
    if (current.length > 1) segments.push(`M${current.join('L')}`);
    const points = s.values.flatMap((v, j) => (v === null || !Number.isFinite(v) ? [] : [marker(SERIES_MARKERS[i]!, x(input.years[j]!), y(v), colour)]));
    return html`<g class="ba-chart__series">${segments.length ? html`<path d="${segments.join('')}" fill="none" stroke="${colour}" stroke-width="${s.highlight ? 3.5 : 2.5}" stroke-linejoin="round"${dash ? html` stroke-dasharray="${dash}"` : ''}/>` : ''}${points}</g>`;
  });

  const svg = svgImage({
    id, kind: 'line', width, height, title: input.title, description: input.description ?? lineDescription(ctx, input),
    body: html`${axes}
${lines}`,
  });
  return chartFigure(ctx, {
    id, kind: 'line', title: input.title, caption: input.caption, svg, placement: input.table,
    legend: input.series.length > 1 ? seriesLegend(input.series) : '',
    table: {
      columns: [
        { header: ctx.t('chart.year'), cell: (row: { year: number; index: number }) => String(row.year) },
        ...input.series.map((s) => ({ header: s.label, numeric: true, cell: (row: { year: number; index: number }) => valueCell(ctx, s.values[row.index] ?? null, input.style) })),
      ],
      rows: input.years.map((year, index) => ({ year, index })),
    },
  });
}

/** Each series' line sample and marker next to its name (the drawing is decoration; the name is text). */
function seriesLegend(series: Series[]): SafeHtml {
  return html`<ul class="ba-chart__legend">${series.map((s, i) => html`<li><svg class="ba-chart__swatch" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 14" width="36" height="14" aria-hidden="true" focusable="false"><line x1="1" y1="7" x2="35" y2="7" stroke="${SERIES_COLOURS[i]!}" stroke-width="${s.highlight ? 3.5 : 2.5}"${SERIES_DASHES[i] ? html` stroke-dasharray="${SERIES_DASHES[i]!}"` : ''}/>${marker(SERIES_MARKERS[i]!, 18, 7, SERIES_COLOURS[i]!)}</svg>${s.label}</li>`)}</ul>`;
}

function lineDescription(ctx: ChartContext, input: LineChartInput): string {
  const parts = input.series.map((s) => {
    const known = s.values.flatMap((v, j) => (v === null || !Number.isFinite(v) ? [] : [{ year: input.years[j]!, value: v }]));
    const gaps = s.values.flatMap((v, j) => (v === null || !Number.isFinite(v) ? [String(input.years[j])] : []));
    if (known.length === 0) return ctx.t('chart.line.descNone', { series: s.label });
    const [a, b] = [known[0]!, known[known.length - 1]!];
    const text = known.length === 1
      ? ctx.t('chart.line.descSingle', { series: s.label, value: formatQuantity(ctx, a.value, input.style), year: String(a.year) })
      : ctx.t('chart.line.descSeries', {
        series: s.label, first: formatQuantity(ctx, a.value, input.style), firstYear: String(a.year),
        last: formatQuantity(ctx, b.value, input.style), lastYear: String(b.year),
      });
    return gaps.length ? `${text} (${ctx.t('chart.line.descGaps', { years: gaps.join(', ') })})` : text;
  });
  return ctx.t('chart.list', { items: parts.join('; ') });
}

// ---- percentile strip --------------------------------------------------------------------------

/**
 * Where `value` falls among `population` (the values of every area compared, this one included;
 * unknowns are left out), from 0 (the lowest) to 100 (the highest): the share of the other areas
 * with a lower value, ties counting half. Null when there is no other area to compare with.
 */
export function percentileRank(value: number, population: ChartValue[]): number | null {
  const known = population.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!known.includes(value)) known.push(value);
  if (known.length < 2) return null;
  const below = known.filter((v) => v < value).length;
  const equal = known.filter((v) => v === value).length;
  return (100 * (below + (equal - 1) / 2)) / (known.length - 1);
}

export interface PercentileStripInput extends ChartBase {
  /** The area shown ("Buurt Centrum"). */
  label: string;
  value: ChartValue;
  /** The values of every area it is compared with, itself included. */
  population: ChartValue[];
  /**
   * The percentile when the caller has its own (the statistics comparisons rank ties at their
   * middle over all areas); otherwise `percentileRank` of the value in the population.
   */
  percentile?: number | null;
  /** What the areas are, plural, after their number ("buurten in Voorbeeldstad" → "45 buurten in Voorbeeldstad"). */
  comparedWith: string;
}

export function percentileStrip(ctx: ChartContext, input: PercentileStripInput): SafeHtml {
  const id = checkId(input.id);
  const width = input.width ?? 640;
  const height = 76;
  const count = input.population.filter((v) => v !== null && Number.isFinite(v)).length;
  const rank = input.value === null || !Number.isFinite(input.value) ? null : input.percentile !== undefined ? input.percentile : percentileRank(input.value, input.population);
  const valueText = formatQuantity(ctx, input.value, input.style);
  const [left, right, base] = [24, width - 24, 40];
  const x = (p: number) => left + (p / 100) * (right - left);
  const ticks = [0, 25, 50, 75, 100];
  const comparedWith = ctx.t('chart.percentile.group', { count: formatNumber(ctx.locale, count), group: input.comparedWith });
  const description = input.description ?? (rank === null
    ? ctx.t('chart.percentile.descUnknown', { label: input.label, group: comparedWith })
    : ctx.t('chart.percentile.desc', { label: input.label, value: valueText, percentile: Math.round(rank), group: comparedWith }));
  const dot = rank === null ? '' : html`<circle cx="${coord(x(rank))}" cy="${base}" r="8" fill="${HIGHLIGHT_COLOUR}" stroke="#fff" stroke-width="2"/>
<text x="${coord(Math.min(right - textWidth(valueText) / 2, Math.max(left + textWidth(valueText) / 2, x(rank))))}" y="${base - 16}" text-anchor="middle" fill="${TEXT_COLOUR}" font-weight="700">${valueText}</text>`;
  const svg = svgImage({
    id, kind: 'percentile', width, height, title: input.title, description,
    body: html`<g aria-hidden="true">
<rect x="${left}" y="${base - 3}" width="${right - left}" height="6" fill="${GRID_COLOUR}" stroke="${REFERENCE_COLOUR}" stroke-width="1"/>
${ticks.map((p) => html`<line x1="${coord(x(p))}" y1="${base + 4}" x2="${coord(x(p))}" y2="${base + 10}" stroke="${TEXT_COLOUR}" stroke-width="1"/>
<text x="${coord(x(p))}" y="${base + 23}" text-anchor="${p === 0 ? 'start' : p === 100 ? 'end' : 'middle'}" fill="${MUTED_COLOUR}" font-size="11">${p === 0 ? `0 (${ctx.t('chart.percentile.low')})` : p === 100 ? `100 (${ctx.t('chart.percentile.high')})` : String(p)}</text>`)}
</g>
${dot}`,
  });
  return chartFigure(ctx, {
    id, kind: 'percentile', title: input.title, caption: input.caption, svg, placement: input.table,
    table: {
      columns: [
        { header: ctx.t('chart.area'), cell: () => input.label },
        { header: ctx.t('chart.value'), numeric: true, cell: () => valueCell(ctx, input.value, input.style) },
        { header: ctx.t('chart.percentile'), numeric: true, cell: () => (rank === null ? valueCell(ctx, null) : formatNumber(ctx.locale, Math.round(rank))) },
        { header: ctx.t('chart.percentile.comparedWith'), cell: () => comparedWith },
      ],
      rows: [null],
    },
  });
}
