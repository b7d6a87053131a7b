import { html, type SafeHtml } from '../html.js';
import {
  areaCount, chartFigure, checkId, clean, formatQuantity, MAX_CLASSES, MUTED_COLOUR, palette, svgImage, unknownPattern, valueCell,
  type ChartContext, type ChartValue, type NumberStyle, type PaletteKind, type TablePlacement,
} from './chart-parts.js';
import { frameOf, geometryToSvgPath, mapViewport, type AreaGeometry, type BBox } from './geometry.js';

/**
 * Choropleth maps: an indicator over districts or neighbourhoods, drawn from their boundaries as
 * inline SVG (no tiles, works offline, prints), with a legend and the same figures as a table.
 *
 * Classing: values are put in classes by `classBreaks`, which returns ascending limits
 * [min, upper₁, …, max]; a value belongs to the first class whose upper limit it does not exceed
 * (class i holds breaks[i] < v ≤ breaks[i+1], the first class also its lower limit). Equal values
 * always share a class, so there are never more classes than distinct values. Unknown values are
 * left out of the classing and drawn hatched grey, never in a colour of the scale.
 */
export type ClassingMethod = 'quantiles' | 'natural-breaks' | 'equal-intervals';

function knownSorted(values: readonly ChartValue[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
}

/** [min, …upper limits] with the upper limits deduplicated; the lower limit stays even if it equals the first upper. */
function limits(sorted: number[], uppers: number[]): number[] {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const out = [min];
  for (const u of [...uppers, max]) {
    const last = out.length > 1 ? out[out.length - 1]! : -Infinity;
    if (u > last && u <= max) out.push(u);
  }
  return out;
}

function distinctCount(sorted: number[]): number {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/**
 * Class limits at the quantiles: each class about as many values. Equal values stay in one class,
 * so a limit goes to the nearest place between two different values (the next free one when the
 * nearest is taken); heavy ties can leave fewer classes than asked.
 */
export function quantileBreaks(values: readonly ChartValue[], classes: number): number[] {
  const sorted = knownSorted(values);
  const n = sorted.length;
  if (n === 0) return [];
  // Where a class may end: after position c - 1, when the next value differs.
  const cuts: number[] = [];
  for (let c = 1; c < n; c++) if (sorted[c - 1] !== sorted[c]) cuts.push(c);
  const uppers: number[] = [];
  let previous = 0;
  for (let i = 1; i < classes; i++) {
    const target = (i * n) / classes;
    const nearest = cuts.reduce((best, c) => (Math.abs(c - target) < Math.abs(best - target) ? c : best), cuts[0] ?? n);
    const cut = nearest > previous ? nearest : cuts.find((c) => c > previous);
    if (cut === undefined) break;
    uppers.push(sorted[cut - 1]!);
    previous = cut;
  }
  return limits(sorted, uppers);
}

/** Class limits at equal distances between the lowest and the highest value. */
export function equalIntervalBreaks(values: readonly ChartValue[], classes: number): number[] {
  const sorted = knownSorted(values);
  if (sorted.length === 0) return [];
  const [min, max] = [sorted[0]!, sorted[sorted.length - 1]!];
  const uppers: number[] = [];
  for (let i = 1; i < classes; i++) uppers.push(clean(min + ((max - min) * i) / classes));
  return limits(sorted, uppers);
}

/**
 * Natural breaks: the optimal classing of Jenks and Fisher, which minimises the sum of squared
 * deviations from the class means (dynamic programming over the distinct values, weighted by how
 * often each occurs; O(classes × distinct²), fine for the few hundred neighbourhoods of a
 * municipality).
 */
export function naturalBreaks(values: readonly ChartValue[], classes: number): number[] {
  const sorted = knownSorted(values);
  if (sorted.length === 0) return [];
  const xs: number[] = [];
  const ws: number[] = [];
  for (const v of sorted) {
    if (xs.length && xs[xs.length - 1] === v) ws[ws.length - 1]!++;
    else { xs.push(v); ws.push(1); }
  }
  const n = xs.length;
  const k = Math.max(1, Math.min(classes, n));
  // Prefix sums give any run's sum of squared deviations in O(1); values are shifted by the
  // median first to keep the subtraction well-conditioned.
  const shift = xs[Math.floor(n / 2)]!;
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  const w = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const x = xs[i]! - shift;
    s1[i + 1] = s1[i]! + ws[i]! * x;
    s2[i + 1] = s2[i]! + ws[i]! * x * x;
    w[i + 1] = w[i]! + ws[i]!;
  }
  const ssd = (from: number, to: number) => {
    const sum = s1[to + 1]! - s1[from]!;
    return Math.max(0, s2[to + 1]! - s2[from]! - (sum * sum) / (w[to + 1]! - w[from]!));
  };
  // cost[j][i]: the least total deviation of xs[0..i] in j+1 classes; start[j][i]: where its last class starts.
  const cost = Array.from({ length: k }, () => new Float64Array(n).fill(Infinity));
  const start = Array.from({ length: k }, () => new Int32Array(n));
  for (let i = 0; i < n; i++) cost[0]![i] = ssd(0, i);
  for (let j = 1; j < k; j++) {
    for (let i = j; i < n; i++) {
      let best = Infinity;
      let at = j;
      for (let m = j; m <= i; m++) {
        const c = cost[j - 1]![m - 1]! + ssd(m, i);
        if (c < best) { best = c; at = m; }
      }
      cost[j]![i] = best;
      start[j]![i] = at;
    }
  }
  const uppers: number[] = [];
  let end = n - 1;
  for (let j = k - 1; j >= 1; j--) {
    const s = start[j]![end]!;
    uppers.unshift(xs[s - 1]!);
    end = s - 1;
  }
  return limits(sorted, uppers);
}

/** The class limits for a method; unknowns are left out, and classes never outnumber distinct values. */
export function classBreaks(values: readonly ChartValue[], method: ClassingMethod, classes: number): number[] {
  const sorted = knownSorted(values);
  const k = Math.max(1, Math.min(Math.round(classes), distinctCount(sorted)));
  switch (method) {
    case 'quantiles': return quantileBreaks(sorted, k);
    case 'natural-breaks': return naturalBreaks(sorted, k);
    case 'equal-intervals': return equalIntervalBreaks(sorted, k);
  }
}

/** The class (0-based) of a value, or null when it is unknown or outside the limits. */
export function classOf(breaks: readonly number[], value: ChartValue): number | null {
  if (value === null || !Number.isFinite(value) || breaks.length < 2) return null;
  if (value < breaks[0]! || value > breaks[breaks.length - 1]!) return null;
  for (let i = 1; i < breaks.length; i++) if (value <= breaks[i]!) return i - 1;
  return null;
}

// ---- the map -----------------------------------------------------------------------------------

export interface ChoroplethShape {
  /** Stable within the map (a CBS code); keeps the output deterministic. */
  id: string;
  label: string;
  geometry: AreaGeometry;
  value: ChartValue;
  /** Why the value is unknown, in words ("onbekend: afgeschermd …"), for its name, table row and legend; default "onbekend". */
  unknownText?: string;
  /** The area's page: the shape becomes a link named "label: value". */
  href?: string;
  /** Outlined thick (the area the page is about). */
  selected?: boolean;
}

export interface ChoroplethInput {
  /** Unique on the page; prefixes every id in the map. */
  id: string;
  title: string;
  caption?: string;
  description?: string;
  shapes: ChoroplethShape[];
  style?: NumberStyle;
  /** How to class (default quantiles in 5), or fixed limits [min, upper₁, …, max]. */
  classing?: { method: ClassingMethod; classes?: number } | { breaks: number[] };
  /** Light to dark (default), or two hues around a light middle. */
  palette?: PaletteKind;
  /** What to fit into the view (defaults to all shapes). */
  frame?: BBox;
  width?: number;
  table?: TablePlacement;
  /** Header of the value column in the table. Default "Waarde". */
  valueHeader?: string;
}

export function choroplethMap(ctx: ChartContext, input: ChoroplethInput): SafeHtml {
  const id = checkId(input.id);
  const values = input.shapes.map((s) => s.value);
  const classing = input.classing ?? { method: 'quantiles' as const };
  const breaks = 'breaks' in classing ? checkBreaks(classing.breaks) : classBreaks(values, classing.method, Math.min(MAX_CLASSES, classing.classes ?? 5));
  const method = 'breaks' in classing ? 'manual' : classing.method;
  const classCount = Math.max(0, breaks.length - 1);
  const colours = palette(input.palette ?? 'sequential', Math.max(1, classCount));
  const classes = input.shapes.map((s) => classOf(breaks, s.value));
  const hatchId = `${id}-unknown`;
  const fillOf = (c: number | null) => (c === null ? `url(#${hatchId})` : colours[c]!);
  const known = (s: ChoroplethShape) => s.value !== null && Number.isFinite(s.value);
  const valueText = (s: ChoroplethShape) => (known(s) ? formatQuantity(ctx, s.value, input.style) : s.unknownText ?? ctx.t('chart.unknown'));
  const text = (s: ChoroplethShape) => ctx.t('chart.item', { label: s.label, value: valueText(s) });
  const rangeOf = (c: number) => {
    const [from, to] = [formatQuantity(ctx, breaks[c]!, input.style), formatQuantity(ctx, breaks[c + 1]!, input.style)];
    if (from === to) return from;
    // Class i holds breaks[i] < v ≤ breaks[i+1]; only the first also holds its lower limit.
    return ctx.t(c === 0 ? 'chart.rangeFirst' : 'chart.range', { from, to });
  };

  const frame = input.frame ?? frameOf(input.shapes.map((s) => s.geometry));
  let svg: SafeHtml | null = null;
  if (frame && frame.every(Number.isFinite)) {
    const { width, height, projection } = mapViewport(frame, input.width ?? 640);
    const drawn = input.shapes.map((shape, i) => ({ shape, c: classes[i]!, d: geometryToSvgPath(shape.geometry, projection, 1) })).filter((s) => s.d !== '');
    if (drawn.length > 0) {
      const paths = drawn.map(({ shape, c, d }) => {
        const path = html`<path class="ba-choropleth__shape" fill-rule="evenodd" fill="${fillOf(c)}" stroke="${MUTED_COLOUR}" stroke-width="0.75" d="${d}"><title>${text(shape)}</title></path>`;
        return shape.href ? html`<a href="${shape.href}" aria-label="${text(shape)}">${path}</a>` : path;
      });
      // The selected area's outline on top of its neighbours': white under black, visible on any class colour.
      const outlines = drawn.filter((s) => s.shape.selected).map(({ d }) => html`<path fill="none" stroke="#fff" stroke-width="5" d="${d}"/><path fill="none" stroke="#000" stroke-width="2.5" d="${d}"/>`);
      svg = svgImage({
        id, kind: 'map', width, height, title: input.title, interactive: drawn.some((s) => s.shape.href),
        description: input.description ?? mapDescription(ctx, input, breaks, method),
        body: html`<defs>${unknownPattern(hatchId)}</defs>
${paths}
${outlines.length ? html`<g class="ba-choropleth__selected" aria-hidden="true" pointer-events="none">${outlines}</g>` : ''}`,
      });
    }
  }

  const counts = Array.from({ length: classCount }, (_, c) => classes.filter((x) => x === c).length);
  // Unknown areas per reason given (or one "onbekend"), in the order they first appear.
  const unknowns = new Map<string, number>();
  input.shapes.forEach((s, i) => {
    if (classes[i] !== null) return;
    const label = known(s) ? ctx.t('chart.unknown') : valueText(s);
    unknowns.set(label, (unknowns.get(label) ?? 0) + 1);
  });
  const swatch = (fill: string, pattern = '') => html`<svg class="ba-chart__swatch" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">${pattern ? html`<defs>${unknownPattern(pattern)}</defs>` : ''}<rect x="0.5" y="0.5" width="23" height="15" fill="${fill}" stroke="${MUTED_COLOUR}" stroke-width="1"/></svg>`;
  const legend = html`<div class="ba-choropleth__legend">
<p class="ba-chart__legend-title">${ctx.t('chart.legend', { method: ctx.t(`chart.method.${method}`) })}</p>
<ul class="ba-chart__legend ba-chart__legend--classes">${counts.map((count, c) => html`<li>${swatch(colours[c]!)}${rangeOf(c)} <span class="ba-chart__count">(${areaCount(ctx, count)})</span></li>`)}${[...unknowns].map(([label, count], n) => {
    const pattern = n === 0 ? `${id}-unknown-legend` : `${id}-unknown-legend-${n + 1}`;
    return html`<li>${swatch(`url(#${pattern})`, pattern)}${label} <span class="ba-chart__count">(${areaCount(ctx, count)})</span></li>`;
  })}</ul>
</div>`;

  const rows = input.shapes.map((shape, i) => ({ shape, c: classes[i]! }));
  type Row = (typeof rows)[number];
  return chartFigure(ctx, {
    id, kind: 'map', title: input.title, caption: input.caption, svg, legend, placement: input.table,
    table: {
      columns: [
        { header: ctx.t('chart.area'), cell: (r: Row) => {
          const name = r.shape.href ? html`<a class="utrecht-link" href="${r.shape.href}">${r.shape.label}</a>` : r.shape.label;
          return r.shape.selected ? html`<strong>${name}</strong>` : name;
        } },
        { header: input.valueHeader ?? ctx.t('chart.value'), numeric: true, cell: (r: Row) => (known(r.shape) || r.shape.unknownText === undefined
          ? valueCell(ctx, r.shape.value, input.style) : html`<span class="ba-chart__unknown">${r.shape.unknownText}</span>`) },
        { header: ctx.t('chart.class'), cell: (r: Row) => (r.c === null ? valueCell(ctx, null) : rangeOf(r.c)) },
      ],
      rows,
    },
  });
}

function checkBreaks(breaks: number[]): number[] {
  const ok = breaks.length >= 2 && breaks.length <= MAX_CLASSES + 1 && breaks.every((b, i) => Number.isFinite(b) && (i === 0 || b > breaks[i - 1]! || (i === 1 && b === breaks[0])));
  if (!ok) throw new Error(`Class limits must be 2 to ${MAX_CLASSES + 1} ascending numbers`);
  return breaks;
}

function mapDescription(ctx: ChartContext, input: ChoroplethInput, breaks: number[], method: string): string {
  const known = input.shapes.filter((s): s is ChoroplethShape & { value: number } => s.value !== null && Number.isFinite(s.value));
  const count = areaCount(ctx, input.shapes.length);
  if (known.length === 0) return ctx.t('chart.map.descEmpty', { count });
  const sorted = [...known].sort((a, b) => a.value - b.value);
  const [low, high] = [sorted[0]!, sorted[sorted.length - 1]!];
  const sentences = [ctx.t('chart.map.desc', {
    count, classes: breaks.length - 1, method: ctx.t(`chart.method.${method}`),
    min: formatQuantity(ctx, low.value, input.style), minLabel: low.label, max: formatQuantity(ctx, high.value, input.style), maxLabel: high.label,
  })];
  const selected = input.shapes.filter((s) => s.selected);
  if (selected.length) sentences.push(ctx.t('chart.list', { items: selected.map((s) => ctx.t('chart.item', { label: s.label, value: formatQuantity(ctx, s.value, input.style) })).join('; ') }));
  const unknown = input.shapes.length - known.length;
  if (unknown > 0) sentences.push(ctx.t('chart.unknownCount', { count: areaCount(ctx, unknown) }));
  return sentences.join(' ');
}
