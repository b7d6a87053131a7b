import { html, type HtmlValue, type SafeHtml } from '../html.js';
import { formatNumber, type Locale, type Translate } from '../i18n/index.js';
import { table, type Column } from './components.js';

/**
 * What the charts (charts.ts) and maps (choropleth.ts) share: numbers with their unit in the
 * reader's language, "nice" axis ticks, the colour palettes and the <figure> around every chart
 * with its data table. Colours are SVG presentation attributes, not inline styles: the strict
 * Content-Security-Policy allows them, and a chart looks the same on a page, on paper and in a
 * PDF whatever stylesheet is around it (public/app.css only adds layout, focus and print rules).
 */

/** What the charts need of the request: its messages and its language. */
export interface ChartContext {
  t: Translate;
  locale: Locale;
}

/** A value; null is unknown (CBS suppresses small numbers) and is never drawn or counted as zero. */
export type ChartValue = number | null;

/** The units of the statistics catalogue (the same names, so an indicator's unit passes straight in). */
export const QUANTITY_UNITS = [
  'count', 'percent', 'per-1000', 'euro', 'x1000-euro', 'km', 'ha', 'per-km2', 'persons', 'per-household', 'kwh', 'm3', 'class', 'change',
] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export interface NumberStyle {
  unit?: QuantityUnit;
  /** Digits after the decimal separator; defaults per unit (percent 1, euro 0, …). */
  decimals?: number;
}

const DEFAULT_DECIMALS: Record<QuantityUnit, number | undefined> = {
  count: 0, percent: 1, 'per-1000': 1, euro: 0, 'x1000-euro': 0, km: 1, ha: 0, 'per-km2': 0, persons: 1,
  'per-household': 1, kwh: 0, m3: 0, class: 0, change: 1,
};

/** Units whose number is written with a unit text (the others are plain numbers). */
const UNIT_TEXTS = new Set<QuantityUnit>(['percent', 'euro', 'per-1000', 'km', 'ha', 'per-km2', 'per-household', 'kwh', 'm3']);
const AXIS_TEXTS = new Set<QuantityUnit>(['per-1000', 'km', 'ha', 'per-km2', 'per-household', 'kwh', 'm3']);

/** CBS gives some amounts in thousands of euros; readers get the amount itself. */
function scaled(value: number, unit: QuantityUnit): { value: number; unit: QuantityUnit } {
  return unit === 'x1000-euro' ? { value: value * 1000, unit: 'euro' } : { value, unit };
}

/** Without a unit or decimals, as many digits as the number has (up to three): nothing is rounded away unasked. */
export function decimalsOf(style: NumberStyle | undefined): number | undefined {
  return style?.decimals ?? (style?.unit ? DEFAULT_DECIMALS[style.unit] : undefined);
}

/** "12,5%", "€ 28.300", "4,2 per 1.000 inwoners", or "onbekend" for an unknown value. */
export function formatQuantity(ctx: ChartContext, value: ChartValue, style?: NumberStyle): string {
  if (value === null || !Number.isFinite(value)) return ctx.t('chart.unknown');
  const s = scaled(value, style?.unit ?? 'count');
  const number = formatNumber(ctx.locale, s.value, decimalsOf(style));
  return UNIT_TEXTS.has(s.unit) ? ctx.t(`chart.unit.${s.unit}`, { value: number }) : number;
}

/** A tick label: the unit only where it is short ("25%", "€ 1.000"); longer units go in the axis title. */
export function formatTick(ctx: ChartContext, value: number, step: number, style?: NumberStyle): string {
  const s = scaled(value, style?.unit ?? 'count');
  const number = formatNumber(ctx.locale, s.value, stepDecimals(s.unit === 'euro' && style?.unit === 'x1000-euro' ? step * 1000 : step));
  return s.unit === 'percent' || s.unit === 'euro' ? ctx.t(`chart.unit.${s.unit}`, { value: number }) : number;
}

/** The axis title for units that tick labels leave out ("per 1.000 inwoners"), or null. */
export function axisUnit(ctx: ChartContext, style?: NumberStyle): string | null {
  const unit = style?.unit ?? 'count';
  return AXIS_TEXTS.has(unit) ? ctx.t(`chart.axis.${unit}`) : null;
}

function stepDecimals(step: number): number {
  if (step >= 1 || step <= 0) return 0;
  const text = String(Number(step.toPrecision(12)));
  return text.includes('e-') ? Number(text.split('e-')[1]) : (text.split('.')[1] ?? '').length;
}

export interface Scale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** Strips floating-point noise (0.1 + 0.2 → 0.3). */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Axis ticks at "nice" numbers (1, 2, 2.5 or 5 times a power of ten) covering [min, max], about
 * `intervals` of them. An empty range grows to a unit around its value.
 */
export function niceScale(min: number, max: number, intervals = 5): Scale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceScale(0, 1, intervals);
  if (min > max) [min, max] = [max, min];
  if (min === max) return min === 0 ? niceScale(0, 1, intervals) : niceScale(min - Math.abs(min) / 10, max + Math.abs(max) / 10, intervals);
  const rough = (max - min) / Math.max(1, intervals);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = clean(([1, 2, 2.5, 5, 10].find((m) => m * power >= rough * (1 - 1e-9)) ?? 10) * power);
  const lo = clean(Math.floor(clean(min / step)) * step);
  const hi = clean(Math.ceil(clean(max / step)) * step);
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 1e6; i++) ticks.push(clean(lo + i * step));
  return { min: lo, max: hi, step, ticks };
}

/** SVG coordinates to a tenth of a unit: short markup, identical output for identical input. */
export function coord(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}

/**
 * Series colours (Okabe–Ito, safe for the common colour-vision deficiencies), only those with at
 * least 3:1 contrast against white (WCAG 1.4.11). Each series also has its own dash and marker,
 * so the chart still reads in black and white.
 */
export const SERIES_COLOURS = ['#0072b2', '#d55e00', '#007a5a', '#aa3377', '#1a1a1a'] as const;
export const SERIES_DASHES = ['', '7 4', '2 3', '9 3 2 3', '4 2'] as const;
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';
export const SERIES_MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross'];

/** The area a chart is about, against grey references: dark blue versus mid grey (both ≥ 3:1 on white). */
export const HIGHLIGHT_COLOUR = '#08519c';
export const REFERENCE_COLOUR = '#767676';
export const TEXT_COLOUR = '#1a1a1a';
export const MUTED_COLOUR = '#4d4d4d';
export const GRID_COLOUR = '#d9d9d9';

/** ColorBrewer Blues: light to dark, and lightness alone keeps the order (prints in grey). */
const SEQUENTIAL: Record<number, string[]> = {
  1: ['#6baed6'],
  2: ['#bdd7e7', '#3182bd'],
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
};

/** ColorBrewer PuOr: two hues around a light middle, safe for colour-blind readers. */
const DIVERGING: Record<number, string[]> = {
  1: ['#f7f7f7'],
  2: ['#f1a340', '#998ec3'],
  3: ['#f1a340', '#f7f7f7', '#998ec3'],
  4: ['#e66101', '#fdb863', '#b2abd2', '#5e3c99'],
  5: ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'],
  6: ['#b35806', '#f1a340', '#fee0b6', '#d8daeb', '#998ec3', '#542788'],
  7: ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'],
};

export const MAX_CLASSES = 7;
export type PaletteKind = 'sequential' | 'diverging';

export function palette(kind: PaletteKind, classes: number): string[] {
  const n = Math.min(MAX_CLASSES, Math.max(1, Math.round(classes)));
  return (kind === 'diverging' ? DIVERGING : SEQUENTIAL)[n]!;
}

/** Grey hatching for unknown values: never a colour of the scale, so unknown never reads as low. */
export function unknownPattern(id: string): SafeHtml {
  return html`<pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="${MUTED_COLOUR}" stroke-width="2"/></pattern>`;
}

/** A marker centred on (x, y), about 9 units across. */
export function marker(shape: MarkerShape, x: number, y: number, fill: string): SafeHtml {
  const c = (dx: number, dy: number) => `${coord(x + dx)},${coord(y + dy)}`;
  switch (shape) {
    case 'circle': return html`<circle cx="${coord(x)}" cy="${coord(y)}" r="4.5" fill="${fill}" stroke="#fff" stroke-width="1"/>`;
    case 'square': return html`<rect x="${coord(x - 4)}" y="${coord(y - 4)}" width="8" height="8" fill="${fill}" stroke="#fff" stroke-width="1"/>`;
    case 'triangle': return html`<path d="M${c(0, -5.5)}L${c(5, 4)}L${c(-5, 4)}Z" fill="${fill}" stroke="#fff" stroke-width="1"/>`;
    case 'diamond': return html`<path d="M${c(0, -5.5)}L${c(5.5, 0)}L${c(0, 5.5)}L${c(-5.5, 0)}Z" fill="${fill}" stroke="#fff" stroke-width="1"/>`;
    case 'cross': return html`<path d="M${c(-4.5, -4.5)}L${c(4.5, 4.5)}M${c(4.5, -4.5)}L${c(-4.5, 4.5)}" stroke="${fill}" stroke-width="2.5"/>`;
  }
}

/** Ids become attributes and url(#…) references: letters, digits, - and _ only. */
export function checkId(id: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new Error(`Chart id "${id}" must start with a letter and hold only letters, digits, - and _`);
  return id;
}

/** An approximate text width at the charts' 13px font, enough to lay out labels. */
export function textWidth(text: string, fontSize = 13): number {
  return text.length * fontSize * 0.56;
}

/** Shortened with an ellipsis to fit `width` (the full text is in the table and the description). */
export function fitText(text: string, width: number, fontSize = 13): string {
  const max = Math.max(1, Math.floor(width / (fontSize * 0.56)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

export function unknownCell(ctx: ChartContext): SafeHtml {
  return html`<span class="ba-chart__unknown">${ctx.t('chart.unknown')}</span>`;
}

export function valueCell(ctx: ChartContext, value: ChartValue, style?: NumberStyle): HtmlValue {
  return value === null ? unknownCell(ctx) : formatQuantity(ctx, value, style);
}

/** Where the data table goes: behind a disclosure (default) or shown beside the chart. */
export type TablePlacement = 'details' | 'visible';

export interface FigureParts<Row> {
  id: string;
  kind: string;
  title: string;
  /** Shown under the title: source, year, what counts. */
  caption?: string;
  /** The chart's <svg>, or null when there is nothing to draw (the table still comes). */
  svg: SafeHtml | null;
  legend?: HtmlValue;
  table: { columns: Column<Row>[]; rows: Row[] };
  placement?: TablePlacement;
}

/** <figure> with a visible caption, the drawing, its legend and the same figures as a table. */
export function chartFigure<Row>(ctx: ChartContext, parts: FigureParts<Row>): SafeHtml {
  const data = table({ caption: parts.title, captionHidden: true, columns: parts.table.columns, rows: parts.table.rows, empty: ctx.t('chart.unknown') });
  return html`<figure class="ba-chart ba-chart--${parts.kind}" id="${parts.id}">
<figcaption class="ba-chart__caption"><span class="ba-chart__title">${parts.title}</span>${parts.caption ? html` <span class="ba-chart__note">${parts.caption}</span>` : ''}</figcaption>
${parts.svg ?? ''}
${parts.legend ?? ''}
${parts.placement === 'visible'
    ? html`<div class="ba-chart__data">${data}</div>`
    : html`<details class="ba-chart__data ba-details"><summary>${ctx.t('chart.showData')}</summary>${data}</details>`}
</figure>`;
}

/** The opening of a chart's <svg>: an image named by its <title>, described by its <desc>. */
export function svgImage(input: { id: string; kind: string; width: number; height: number; title: string; description: string; body: HtmlValue; interactive?: boolean }): SafeHtml {
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  // A drawing with links keeps its children reachable: role="img" would hide them from assistive technology.
  return html`<svg class="ba-chart__svg ba-chart__svg--${input.kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${input.width} ${input.height}" width="${input.width}" height="${input.height}"${input.interactive ? html` role="group"` : html` role="img" focusable="false"`} aria-labelledby="${titleId}" aria-describedby="${descId}" font-size="13">
<title id="${titleId}">${input.title}</title>
<desc id="${descId}">${input.description}</desc>
${input.body}
</svg>`;
}

/** "1 gebied", "12 gebieden". */
export function areaCount(ctx: ChartContext, count: number): string {
  return count === 1 ? ctx.t('chart.areaCountOne') : ctx.t('chart.areaCount', { count: formatNumber(ctx.locale, count) });
}
