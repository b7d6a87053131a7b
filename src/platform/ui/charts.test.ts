import { beforeAll, describe, expect, it } from 'vitest';
import { registerMessages, translator, type Locale } from '../i18n/index.js';
import { platformMessages } from '../i18n/platform-messages.js';
import { chartMessages } from './chart-messages.js';
import { HIGHLIGHT_COLOUR, palette, REFERENCE_COLOUR, SERIES_COLOURS, formatTick } from './chart-parts.js';
import { barChart, formatQuantity, lineChart, niceScale, percentileRank, percentileStrip, type ChartContext } from './charts.js';
import { contrastRatio, relativeLuminance } from './theme.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

beforeAll(() => registerMessages(platformMessages));
const ctx = (locale: Locale): ChartContext => ({ t: translator(locale), locale });
const nl = () => ctx('nl');
const en = () => ctx('en');

/** The text of the first element matching `tag` with attribute id="…". */
function byId(markup: string, id: string): string {
  const match = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(markup);
  if (!match) throw new Error(`no element #${id}`);
  return match[2]!;
}
const ids = (markup: string) => [...markup.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
const cells = (markup: string) => [...markup.matchAll(/<td class="utrecht-table__cell[^"]*">([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
const count = (markup: string, pattern: RegExp) => markup.match(pattern)?.length ?? 0;

describe('numbers in the reader\'s language', () => {
  it('writes figures the Dutch way in Dutch and the English way in English', () => {
    expect(formatQuantity(nl(), 1234.5, { decimals: 1 })).toBe('1.234,5');
    expect(formatQuantity(en(), 1234.5, { decimals: 1 })).toBe('1,234.5');
    expect(formatQuantity(nl(), 2.25)).toBe('2,25');
    expect(formatQuantity(nl(), 2.25, { unit: 'count' })).toBe('2');
    expect(formatQuantity(nl(), 12.25, { unit: 'percent' })).toBe('12,3%');
    expect(formatQuantity(en(), 12, { unit: 'percent' })).toBe('12.0%');
    expect(formatQuantity(nl(), 4.2, { unit: 'per-1000' })).toBe('4,2 per 1.000 inwoners');
    expect(formatQuantity(en(), 4.2, { unit: 'per-1000' })).toBe('4.2 per 1,000 residents');
    expect(formatQuantity(nl(), 1234.6, { unit: 'euro' })).toBe('€ 1.235');
    expect(formatQuantity(en(), 1234.6, { unit: 'euro' })).toBe('€1,235');
  });

  it('shows amounts in thousands of euros as the amount itself', () => {
    expect(formatQuantity(nl(), 28.3, { unit: 'x1000-euro' })).toBe('€ 28.300');
    expect(formatTick(nl(), 25, 5, { unit: 'x1000-euro' })).toBe('€ 25.000');
  });

  it('says unknown, never zero, and gives zero no sign', () => {
    expect(formatQuantity(nl(), null, { unit: 'percent' })).toBe('onbekend');
    expect(formatQuantity(en(), null)).toBe('unknown');
    expect(formatQuantity(nl(), -0.04, { decimals: 1 })).toBe('0,0');
    expect(formatQuantity(nl(), -1.5, { decimals: 1 })).toBe('-1,5');
  });

  it('has every chart text in both languages with the same placeholders', () => {
    expectSameKeysAndPlaceholders(chartMessages);
  });
});

describe('niceScale', () => {
  it('ticks at 1, 2, 2.5 or 5 times a power of ten, covering the data', () => {
    expect(niceScale(0, 87).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceScale(0, 0.37).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceScale(0, 12.3).ticks).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
    const s = niceScale(-3.2, 7.9);
    expect(s.ticks).toContain(0);
    expect(s.min).toBeLessThanOrEqual(-3.2);
    expect(s.max).toBeGreaterThanOrEqual(7.9);
  });

  it('gives an empty range some room', () => {
    expect(niceScale(0, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const s = niceScale(5, 5);
    expect(s.min).toBeLessThan(5);
    expect(s.max).toBeGreaterThan(5);
  });
});

describe('colours', () => {
  it('have at least 3:1 contrast against white for every series and bar (WCAG 1.4.11)', () => {
    for (const colour of [...SERIES_COLOURS, HIGHLIGHT_COLOUR, REFERENCE_COLOUR]) expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
  });

  it('grow darker class by class in the sequential palette, so the order survives black-and-white printing', () => {
    for (let n = 1; n <= 7; n++) {
      const lum = palette('sequential', n).map(relativeLuminance);
      expect(lum).toHaveLength(n);
      for (let i = 1; i < n; i++) expect(lum[i]!).toBeLessThan(lum[i - 1]!);
    }
    expect(palette('diverging', 5)).toHaveLength(5);
    expect(palette('sequential', 12)).toHaveLength(7);
  });
});

describe('barChart', () => {
  const bars = [
    { label: 'Centrum', value: 12.34, highlight: true },
    { label: 'Voorbeeldstad', value: 18.2 },
    { label: 'Nederland', value: null },
  ];
  const chart = (locale: Locale = 'nl') => barChart(ctx(locale), { id: 'ouderen', title: 'Aandeel 65-plussers', caption: 'Bron: CBS, 2024', style: { unit: 'percent' }, bars }).value;

  it('is a figure with a caption and an image named by its title and described by its numbers', () => {
    const out = chart();
    expect(out).toMatch(/^<figure class="ba-chart ba-chart--bar" id="ouderen">/);
    expect(out).toContain('<figcaption class="ba-chart__caption"><span class="ba-chart__title">Aandeel 65-plussers</span> <span class="ba-chart__note">Bron: CBS, 2024</span></figcaption>');
    expect(out).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="ouderen-title" aria-describedby="ouderen-desc"/);
    expect(byId(out, 'ouderen-title')).toBe('Aandeel 65-plussers');
    expect(byId(out, 'ouderen-desc')).toBe('Centrum: 12,3%; Voorbeeldstad: 18,2%; Nederland: onbekend.');
  });

  it('draws no bar for an unknown value and says so in the chart and in the table', () => {
    const out = chart();
    expect(count(out, /<rect /g)).toBe(2);
    expect(out).toContain('font-style="italic">onbekend</text>');
    expect(cells(out)).toEqual(['Centrum', '12,3%', 'Voorbeeldstad', '18,2%', 'Nederland', 'onbekend']);
    expect(out).toMatch(/<details class="ba-chart__data ba-details"><summary>Toon de cijfers als tabel<\/summary>/);
  });

  it('marks the highlighted area by more than colour: dark bar, bold label and value', () => {
    const out = chart();
    expect(out).toContain(`fill="${HIGHLIGHT_COLOUR}"`);
    expect(out).toContain(`fill="${REFERENCE_COLOUR}"`);
    expect(count(out, /font-weight="700">(Centrum|12,3%)</g)).toBe(2);
    expect(out).toContain('<td class="utrecht-table__cell"><strong>Centrum</strong></td>');
  });

  it('writes numbers and texts in English for English readers', () => {
    const out = chart('en');
    expect(byId(out, 'ouderen-desc')).toBe('Centrum: 12.3%; Voorbeeldstad: 18.2%; Nederland: unknown.');
    expect(out).toContain('<summary>Show the figures as a table</summary>');
  });

  it('summarises a long ranked list by its extremes, the highlighted area and the unknowns', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `Buurt ${i + 1}`, value: i === 4 ? null : 1000 + i * 250, highlight: i === 7 }));
    const out = barChart(nl(), { id: 'rang', title: 'Inwoners', bars: many }).value;
    expect(byId(out, 'rang-desc')).toBe('12 gebieden, van 1.000 (Buurt 1) tot 3.750 (Buurt 12). Buurt 8: 2.750. Onbekend bij 1 gebied.');
    expect(cells(out)).toHaveLength(24);
    expect(cells(out)).toContain('onbekend');
  });

  it('draws negative values left of a zero line and shows the axis unit when ticks leave it out', () => {
    const out = barChart(nl(), { id: 'groei', title: 'Groei', style: { unit: 'per-1000' }, bars: [{ label: 'A', value: -3.5 }, { label: 'B', value: 6 }] }).value;
    expect(out).toContain('>per 1.000 inwoners</text>');
    expect(out).toMatch(/stroke="#1a1a1a" stroke-width="1"\/>\n<text [^>]*>0</);
  });

  it('escapes labels, keeps ids unique and prefixed, and gives the same output for the same input', () => {
    const out = barChart(nl(), { id: 'x1', title: 'A <b>', bars: [{ label: '<script>', value: 1 }] }).value;
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
    const all = [...ids(chart()), ...ids(out)];
    expect(new Set(all).size).toBe(all.length);
    expect(chart()).toBe(chart());
    expect(() => barChart(nl(), { id: 'a b"', title: 't', bars: [] })).toThrow(/Chart id/);
  });

  it('uses no inline style and no script (strict Content-Security-Policy)', () => {
    expect(chart()).not.toMatch(/\sstyle=|<script|<style/);
  });
});

describe('lineChart', () => {
  const input = {
    id: 'inkomen', title: 'Gemiddeld inkomen per inwoner', style: { unit: 'x1000-euro' as const },
    years: [2019, 2020, 2021, 2022],
    series: [{ label: 'Centrum', values: [28.1, null, 29.3, 30.4], highlight: true }, { label: 'Voorbeeldstad', values: [30, 31, 31.5, 32] }],
  };

  it('leaves a gap where a year is unknown, and still marks the points around it', () => {
    const out = lineChart(nl(), input).value;
    const paths = [...out.matchAll(/<path d="([^"]+)" fill="none"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    // Centrum: 2019 stands alone (a marker, no line), then a line from 2021 to 2022.
    expect(count(paths[0]!, /M/g)).toBe(1);
    expect(count(paths[0]!, /L/g)).toBe(1);
    expect(count(paths[1]!, /L/g)).toBe(3);
    expect(count(out, /<circle /g)).toBe(3 + 1); // Centrum's three known years, and its legend sample
  });

  it('tells the series apart by colour, dash and marker, with a legend that names them', () => {
    const out = lineChart(nl(), input).value;
    expect(out).toContain('stroke-dasharray="7 4"');
    expect(out).toMatch(/<ul class="ba-chart__legend"><li><svg [^>]*aria-hidden="true"[\s\S]*?<\/svg>Centrum<\/li><li>[\s\S]*?<\/svg>Voorbeeldstad<\/li><\/ul>/);
    expect(lineChart(nl(), { ...input, series: [input.series[1]!] }).value).not.toContain('ba-chart__legend');
  });

  it('describes first and last known values and the unknown years', () => {
    const out = lineChart(nl(), input).value;
    expect(byId(out, 'inkomen-desc')).toBe('Centrum: € 28.100 in 2019, € 30.400 in 2022 (onbekend in 2020); Voorbeeldstad: € 30.000 in 2019, € 32.000 in 2022.');
    const english = lineChart(en(), input).value;
    expect(byId(english, 'inkomen-desc')).toBe('Centrum: €28,100 in 2019, €30,400 in 2022 (unknown in 2020); Voorbeeldstad: €30,000 in 2019, €32,000 in 2022.');
  });

  it('has a table with a row per year and every value', () => {
    const out = lineChart(nl(), input).value;
    expect(cells(out)).toEqual(['2019', '€ 28.100', '€ 30.000', '2020', 'onbekend', '€ 31.000', '2021', '€ 29.300', '€ 31.500', '2022', '€ 30.400', '€ 32.000']);
    expect(out).toContain('<th scope="col" class="utrecht-table__header-cell">Jaar</th>');
  });

  it('copes with a series that is unknown throughout, or known once', () => {
    const out = lineChart(nl(), { id: 'leeg', title: 'T', years: [2020, 2021], series: [{ label: 'A', values: [null, null] }, { label: 'B', values: [null, 3] }] }).value;
    expect(byId(out, 'leeg-desc')).toBe('A: onbekend in alle jaren; B: 3 in 2021 (onbekend in 2020).');
    expect(out).not.toMatch(/<path d="[^"]+" fill="none"/);
  });

  it('refuses series that do not match the years', () => {
    expect(() => lineChart(nl(), { ...input, series: [{ label: 'A', values: [1] }] })).toThrow(/1 values for 4 years/);
  });

  it('shows the table instead of hiding it when asked', () => {
    const out = lineChart(nl(), { ...input, table: 'visible' }).value;
    expect(out).not.toContain('<details');
    expect(out).toContain('<div class="ba-chart__data">');
  });
});

describe('percentileRank and percentileStrip', () => {
  it('runs from 0 for the lowest to 100 for the highest, ties counting half, unknowns left out', () => {
    const all = [1, 2, 3, 4, 5, null];
    expect(percentileRank(1, all)).toBe(0);
    expect(percentileRank(3, all)).toBe(50);
    expect(percentileRank(5, all)).toBe(100);
    expect(percentileRank(2, [1, 2, 2, 3])).toBe(50);
    expect(percentileRank(7, [7, null])).toBeNull();
    expect(percentileRank(6, [1, 2, 3])).toBe(100); // a value outside the list is compared with all of it
  });

  it('places the area on the strip and says where in words and in a table', () => {
    const out = percentileStrip(nl(), { id: 'p', title: 'Positie', label: 'Centrum', value: 4.2, population: [1, 2, 4.2, 5, 6, null], comparedWith: 'buurten in Voorbeeldstad', style: { unit: 'per-1000' } }).value;
    expect(byId(out, 'p-desc')).toBe('Centrum: 4,2 per 1.000 inwoners. Percentiel 50 onder 5 buurten in Voorbeeldstad; 0 is de laagste waarde, 100 de hoogste.');
    expect(out).toMatch(/<circle cx="320" /);
    expect(cells(out)).toEqual(['Centrum', '4,2 per 1.000 inwoners', '50', '5 buurten in Voorbeeldstad']);
  });

  it('takes the caller\'s own percentile when it has one', () => {
    const out = percentileStrip(nl(), { id: 'r', title: 'Positie', label: 'Centrum', value: 4.2, population: [1, 2, 4.2, 5], percentile: 62.5, comparedWith: 'buurten' }).value;
    expect(out).toMatch(/<circle cx="394" /);
    expect(cells(out)).toEqual(['Centrum', '4,2', '63', '4 buurten']);
  });

  it('draws no dot for an unknown value', () => {
    const out = percentileStrip(en(), { id: 'q', title: 'Position', label: 'Centrum', value: null, population: [1, 2, 3], comparedWith: 'neighbourhoods' }).value;
    expect(out).not.toContain('<circle');
    expect(byId(out, 'q-desc')).toBe('Centrum: unknown, so it cannot be compared with 3 neighbourhoods.');
    expect(cells(out)).toEqual(['Centrum', 'unknown', 'unknown', '3 neighbourhoods']);
  });
});
