import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { registerMessages, translator, type Locale } from '../i18n/index.js';
import { platformMessages } from '../i18n/platform-messages.js';
import { palette } from './chart-parts.js';
import {
  choroplethMap, classBreaks, classOf, equalIntervalBreaks, naturalBreaks, quantileBreaks, type ChoroplethShape, type ClassingMethod,
} from './choropleth.js';
import type { AreaGeometry } from './geometry.js';

beforeAll(() => registerMessages(platformMessages));
const ctx = (locale: Locale) => ({ t: translator(locale), locale });

const METHODS: ClassingMethod[] = ['quantiles', 'natural-breaks', 'equal-intervals'];

/** Sum of squared deviations from the class means, for values classed by `breaks`. */
function deviation(values: number[], breaks: number[]): number {
  const groups = new Map<number, number[]>();
  for (const v of values) {
    const c = classOf(breaks, v)!;
    groups.set(c, [...(groups.get(c) ?? []), v]);
  }
  let total = 0;
  for (const g of groups.values()) {
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    total += g.reduce((a, v) => a + (v - mean) ** 2, 0);
  }
  return total;
}

/** The least deviation over every split of the sorted values into k runs (ties may be split here). */
function bruteForceDeviation(values: number[], k: number): number {
  const xs = [...values].sort((a, b) => a - b);
  let best = Infinity;
  const walk = (from: number, left: number, acc: number) => {
    if (left === 1) {
      const run = xs.slice(from);
      const mean = run.reduce((a, b) => a + b, 0) / run.length;
      best = Math.min(best, acc + run.reduce((a, v) => a + (v - mean) ** 2, 0));
      return;
    }
    for (let end = from + 1; end <= xs.length - left + 1; end++) {
      const run = xs.slice(from, end);
      const mean = run.reduce((a, b) => a + b, 0) / run.length;
      walk(end, left - 1, acc + run.reduce((a, v) => a + (v - mean) ** 2, 0));
    }
  };
  walk(0, k, 0);
  return best;
}

describe('classing', () => {
  it('finds the known natural breaks of a textbook example', () => {
    // The example of the jenkspy documentation: [1.2, 2.3, 5.0, 7.8].
    const values = [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3];
    expect(naturalBreaks(values, 3)).toEqual([1.2, 2.3, 5, 7.8]);
    expect(naturalBreaks([4, 5, 9, 10], 2)).toEqual([4, 5, 10]);
  });

  it('natural breaks are optimal: no split of the sorted values deviates less', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 5 }), (values, k) => {
        const breaks = classBreaks(values, 'natural-breaks', k);
        const classes = breaks.length - 1;
        expect(deviation(values, breaks)).toBeCloseTo(bruteForceDeviation(values, classes), 9);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('puts about as many values in each quantile class and keeps ties together', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([1, 2, 4, 6, 8, 10]);
    expect(quantileBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 2)).toEqual([1, 5, 10]);
    // Four equal values fill the first class alone (the limit goes to the nearest change of value).
    expect(quantileBreaks([1, 1, 1, 1, 2, 3], 3)).toEqual([1, 1, 2, 3]);
    expect(quantileBreaks([1, 1, 2, 2, 2], 2)).toEqual([1, 1, 2]);
    expect(classOf([1, 1, 2, 3], 1)).toBe(0);
    expect(classOf([1, 1, 2, 3], 2)).toBe(1);
    // Heavy ties can leave fewer classes than asked, never split equal values.
    expect(quantileBreaks([1, 2, 3, 3, 3, 3, 3, 3, 3, 3], 3)).toEqual([1, 2, 3]);
  });

  it('cuts equal intervals between the lowest and highest value, without floating-point noise', () => {
    expect(equalIntervalBreaks([0, 10, 3], 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(equalIntervalBreaks([0, 0.3], 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('makes one class of values that are all equal', () => {
    for (const method of METHODS) {
      expect(classBreaks([4, 4, 4], method, 5)).toEqual([4, 4]);
      expect(classOf([4, 4], 4)).toBe(0);
    }
  });

  it('never makes more classes than there are distinct values', () => {
    for (const method of METHODS) {
      const breaks = classBreaks([1, 2, 2, 1, 2], method, 5);
      expect(breaks, method).toHaveLength(3);
      expect(classOf(breaks, 1)).toBe(0);
      expect(classOf(breaks, 2)).toBe(1);
    }
  });

  it('leaves unknown values out of the classing', () => {
    for (const method of METHODS) {
      expect(classBreaks([null, 1, 5, null, 9, 20], method, 3)).toEqual(classBreaks([1, 5, 9, 20], method, 3));
    }
    expect(classBreaks([null, null], 'quantiles', 3)).toEqual([]);
    expect(classOf([1, 5, 9], null)).toBeNull();
  });

  it('classes by upper limit: a value on a limit belongs to the class below it', () => {
    const breaks = [0, 10, 20, 30];
    expect([0, 5, 10, 10.01, 20, 30].map((v) => classOf(breaks, v))).toEqual([0, 0, 0, 1, 1, 2]);
    expect(classOf(breaks, -1)).toBeNull();
    expect(classOf(breaks, 31)).toBeNull();
  });

  it('every value falls in exactly one class, for every method', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (values, k) => {
        for (const method of METHODS) {
          const breaks = classBreaks(values, method, k);
          for (let i = 2; i < breaks.length; i++) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!);
          for (const v of values) expect(classOf(breaks, v)).not.toBeNull();
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

/** A 0.01° square with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]],
});

const shapes: ChoroplethShape[] = [
  { id: 'BU1', label: 'Noord', geometry: square(5, 52.01), value: 3.5, href: '/voorbeeldstad/gebieden/BU1' },
  { id: 'BU2', label: 'Oost', geometry: square(5.01, 52.01), value: 12.25, href: '/voorbeeldstad/gebieden/BU2', selected: true },
  { id: 'BU3', label: 'Zuid', geometry: square(5.01, 52), value: null, href: '/voorbeeldstad/gebieden/BU3' },
  { id: 'BU4', label: 'West', geometry: square(5, 52), value: 1234.5, href: '/voorbeeldstad/gebieden/BU4' },
  { id: 'BU5', label: 'Haven', geometry: square(5.02, 52), value: 0 },
];
const map = (locale: Locale = 'nl', extra: Partial<Parameters<typeof choroplethMap>[1]> = {}) =>
  choroplethMap(ctx(locale), { id: 'kaart', title: 'Inwoners per buurt', caption: 'Bron: CBS', shapes, style: { decimals: 1 }, classing: { method: 'quantiles', classes: 2 }, ...extra }).value;
const cells = (markup: string) => [...markup.matchAll(/<td class="utrecht-table__cell[^"]*">([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

describe('choroplethMap', () => {
  it('draws every shape as a link named by its label and value, coloured by its class', () => {
    const out = map();
    const [light, dark] = palette('sequential', 2);
    expect(out).toContain(`<a href="/voorbeeldstad/gebieden/BU1" aria-label="Noord: 3,5"><path class="ba-choropleth__shape" fill-rule="evenodd" fill="${light}"`);
    expect(out).toContain(`<a href="/voorbeeldstad/gebieden/BU4" aria-label="West: 1.234,5"><path class="ba-choropleth__shape" fill-rule="evenodd" fill="${dark}"`);
    // A shape without a page is drawn, not linked; zero is a value like any other.
    expect(out).toMatch(/<path class="ba-choropleth__shape" fill-rule="evenodd" fill="#[0-9a-f]{6}"[^>]*><title>Haven: 0,0<\/title><\/path>/);
    expect(out).toMatch(/<svg [^>]*role="group" aria-labelledby="kaart-title" aria-describedby="kaart-desc"/);
  });

  it('hatches an unknown value, never colouring it as low, and says unknown in the legend and the table', () => {
    const out = map();
    expect(out).toContain('<pattern id="kaart-unknown"');
    expect(out).toContain('aria-label="Zuid: onbekend"><path class="ba-choropleth__shape" fill-rule="evenodd" fill="url(#kaart-unknown)"');
    expect(out).toMatch(/onbekend <span class="ba-chart__count">\(1 gebied\)<\/span><\/li>/);
    expect(cells(out).slice(6, 9)).toEqual(['Zuid', 'onbekend', 'onbekend']);
  });

  it('has a legend with each class range and how many areas it holds', () => {
    const out = map();
    // Quantiles in 2 over 0, 3.5, 12.25, 1234.5: limits 0, 3.5, 1234.5.
    expect(out).toContain('Legenda, indeling in kwantielen: ongeveer evenveel gebieden per klasse');
    expect(out).toContain('0,0 tot en met 3,5 <span class="ba-chart__count">(2 gebieden)</span>');
    expect(out).toContain('meer dan 3,5 tot en met 1.234,5 <span class="ba-chart__count">(2 gebieden)</span>');
  });

  it('has a table with every area, its value and its class', () => {
    expect(cells(map())).toEqual([
      'Noord', '3,5', '0,0 tot en met 3,5',
      'Oost', '12,3', 'meer dan 3,5 tot en met 1.234,5',
      'Zuid', 'onbekend', 'onbekend',
      'West', '1.234,5', 'meer dan 3,5 tot en met 1.234,5',
      'Haven', '0,0', '0,0 tot en met 3,5',
    ]);
    expect(map()).toContain('<td class="utrecht-table__cell"><a class="utrecht-link" href="/voorbeeldstad/gebieden/BU1">Noord</a></td>');
  });

  it('outlines the selected area and says its value in the description', () => {
    const out = map();
    expect(out).toMatch(/<g class="ba-choropleth__selected" aria-hidden="true" pointer-events="none"><path fill="none" stroke="#fff" stroke-width="5" d="M[^"]+"\/><path fill="none" stroke="#000"/);
    expect(out).toContain('<td class="utrecht-table__cell"><strong><a class="utrecht-link" href="/voorbeeldstad/gebieden/BU2">Oost</a></strong></td>');
    expect(out).toMatch(/<desc id="kaart-desc">Kaart van 5 gebieden in 2 klassen, indeling in kwantielen: ongeveer evenveel gebieden per klasse\. Van 0,0 \(Haven\) tot 1\.234,5 \(West\)\. Oost: 12,3\. Onbekend bij 1 gebied\.<\/desc>/);
  });

  it('speaks English to English readers', () => {
    const out = map('en');
    expect(out).toContain('aria-label="West: 1,234.5"');
    expect(out).toContain('over 3.5 to 1,234.5 <span class="ba-chart__count">(2 areas)</span>');
    expect(out).toContain('unknown <span class="ba-chart__count">(1 area)</span>');
  });

  it('takes fixed class limits and a diverging palette', () => {
    const out = map('nl', { classing: { breaks: [0, 10, 2000] }, palette: 'diverging' });
    const [low, high] = palette('diverging', 2);
    expect(out).toContain('Legenda, vaste klassegrenzen');
    expect(out).toContain(`aria-label="Oost: 12,3"><path class="ba-choropleth__shape" fill-rule="evenodd" fill="${high}"`);
    expect(out).toContain(`aria-label="Noord: 3,5"><path class="ba-choropleth__shape" fill-rule="evenodd" fill="${low}"`);
    expect(() => map('nl', { classing: { breaks: [5, 1] } })).toThrow(/ascending/);
  });

  it('keeps ids unique and prefixed, uses no inline style or script, and is deterministic', () => {
    const out = map();
    const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toEqual(['kaart', 'kaart-title', 'kaart-desc', 'kaart-unknown', 'kaart-unknown-legend']);
    expect(out).not.toMatch(/\sstyle=|<script|<style/);
    expect(map()).toBe(out);
  });

  it('is an image without links when no shape has a page, and only a table when nothing can be drawn', () => {
    const plain = choroplethMap(ctx('nl'), { id: 'p', title: 'T', shapes: shapes.map(({ href: _href, ...s }) => s) }).value;
    expect(plain).toMatch(/<svg [^>]*role="img" focusable="false"/);
    expect(plain).not.toContain('<a ');
    const empty: AreaGeometry = { type: 'MultiPolygon', coordinates: [] };
    const none = choroplethMap(ctx('nl'), { id: 'n', title: 'T', shapes: [{ id: 'x', label: 'X', geometry: empty, value: 1 }] }).value;
    expect(none).not.toContain('<svg class="ba-chart__svg');
    expect(cells(none)).toEqual(['X', '1', '1']);
  });

  it('describes a map where every value is unknown', () => {
    const out = choroplethMap(ctx('nl'), { id: 'u', title: 'T', shapes: shapes.map((s) => ({ ...s, value: null })) }).value;
    expect(out).toContain('<desc id="u-desc">Kaart van 5 gebieden; bij geen enkel gebied is de waarde bekend.</desc>');
    expect(out).toContain('onbekend <span class="ba-chart__count">(5 gebieden)</span>');
  });
});
