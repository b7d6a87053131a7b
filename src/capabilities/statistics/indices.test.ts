import { describe, expect, it } from 'vitest';
import {
  bandOf, checkIndexDefinition, indicatorScore, referenceOf, scoreIndex, signOf, SHIPPED_INDICES, type AreaValues, type IndexDefinition,
} from './indices.js';
import { NATIONAL_INDICATORS } from './catalogue.js';
import type { Polarity } from './model.js';

const values = (entries: Record<string, number | null>): AreaValues => new Map(Object.entries(entries));

/** x a strength and y a vulnerability (objective, theme 1), z a strength (subjective, theme 2). */
const definition: IndexDefinition = {
  id: 'test', nameNl: 'Test', nameEn: 'Test', kind: 'vitality', baseYear: 2024, bands: [80, 90, 110, 120],
  themes: [
    { nameNl: 'Een', nameEn: 'One', weight: 1, indicators: [{ id: 'x', part: 'objective', direction: 'auto', weight: 1 }, { id: 'y', part: 'objective', direction: 'auto', weight: 1 }] },
    { nameNl: 'Twee', nameEn: 'Two', weight: 1, indicators: [{ id: 'z', part: 'subjective', direction: 'auto', weight: 1 }] },
  ],
};
const catalogue = new Map<string, { polarity: Polarity }>([['x', { polarity: 'strength' }], ['y', { polarity: 'vulnerability' }], ['z', { polarity: 'strength' }]]);
// x: mean 20, sd 10; y: mean 10, sd 5; z: mean 50, sd 10 (population standard deviations).
const base = new Map([
  ['BU1', values({ x: 10, y: 5, z: 40 })],
  ['BU2', values({ x: 10, y: 15, z: 60 })],
  ['BU3', values({ x: 30, y: 5, z: 40 })],
  ['BU4', values({ x: 30, y: 15, z: 60 })],
]);

describe('composite index scoring', () => {
  it('scores 100 + 10 z per indicator, the weighted mean per theme and the mean of themes', () => {
    const result = scoreIndex(definition, catalogue, base, base);
    expect(result.references.map((r) => [r.id, r.reference, r.sign])).toEqual([
      ['x', { mean: 20, sd: 10, known: 4 }, 1], ['y', { mean: 10, sd: 5, known: 4 }, -1], ['z', { mean: 50, sd: 10, known: 4 }, 1],
    ]);
    const first = result.areas[0]!;
    // x 10 → 90; y 5 (a vulnerability, lower is better) → 110; theme one 100; z 40 → 90; index (100 + 90) / 2 = 95.
    expect(first.indicators).toEqual([{ id: 'x', value: 10, score: 90 }, { id: 'y', value: 5, score: 110 }, { id: 'z', value: 40, score: 90 }]);
    expect(first.themes.map((t) => t.score)).toEqual([100, 90]);
    expect(first).toMatchObject({ areaCode: 'BU1', score: 95, band: 2, known: 3, of: 3, objective: { score: 100, known: 2, of: 2 }, subjective: { score: 90, known: 1, of: 1 } });
    expect(result.areas.map((a) => a.score)).toEqual([95, 100, 100, 105]);
  });

  it('averages 100 over the neighbourhoods in the base year', () => {
    const result = scoreIndex(definition, catalogue, base, base);
    const mean = result.areas.reduce((s, a) => s + a.score!, 0) / result.areas.length;
    expect(mean).toBeCloseTo(100, 10);
    for (let i = 0; i < 3; i++) expect(result.areas.reduce((s, a) => s + a.indicators[i]!.score!, 0) / 4).toBeCloseTo(100, 10);
  });

  it('weighs themes and indicators', () => {
    const weighted: IndexDefinition = { ...definition, themes: [{ ...definition.themes[0]!, weight: 3, indicators: [{ ...definition.themes[0]!.indicators[0]!, weight: 3 }, definition.themes[0]!.indicators[1]!] }, definition.themes[1]!] };
    const first = scoreIndex(weighted, catalogue, base, base).areas[0]!;
    // theme one (3 × 90 + 110) / 4 = 95; index (3 × 95 + 90) / 4 = 93.75 → 93.8.
    expect(first.themes[0]!.score).toBe(95);
    expect(first.score).toBe(93.8);
  });

  it('leaves unknown values out, makes a theme with too few known indicators unknown, and clamps', () => {
    const later = new Map([
      ['BU1', values({ x: 100, y: null, z: null })], // x → 100 + 80, clamped to 150
      ['BU2', values({ x: null, y: null, z: 50 })],
      ['BU3', values({})],
    ]);
    const [a, b, c] = scoreIndex(definition, catalogue, base, later).areas;
    expect(a!.indicators[0]!.score).toBe(150);
    expect(a!.themes.map((t) => [t.score, t.known, t.of])).toEqual([[150, 1, 2], [null, 0, 1]]);
    expect(a).toMatchObject({ score: 150, band: 4, known: 1, of: 3, subjective: { score: null } });
    // Theme one knows none of its two: unknown, not zero; the index stands on theme two (one of two themes is enough).
    expect(b!.themes[0]!.score).toBeNull();
    expect(b).toMatchObject({ score: 100, known: 1, of: 3, objective: { score: null, known: 0, of: 2 } });
    expect(c).toMatchObject({ score: null, band: null, known: 0, of: 3 });
    const three: IndexDefinition = { ...definition, themes: [{ ...definition.themes[0]!, indicators: [...definition.themes[0]!.indicators, { id: 'z', part: 'objective', direction: 'auto', weight: 1 }] }] };
    const sparse = scoreIndex(three, catalogue, base, new Map([['BU1', values({ x: 10 })]])).areas[0]!;
    expect(sparse.themes[0]).toMatchObject({ score: null, known: 1, of: 3 }); // two of three needed
  });

  it('flips directions for a vulnerability index and follows a chosen direction', () => {
    expect(signOf('auto', 'vulnerability', 'vulnerability')).toBe(1);
    expect(signOf('auto', 'vulnerability', 'strength')).toBe(-1);
    expect(signOf('auto', 'vitality', 'vulnerability')).toBe(-1);
    expect(signOf('auto', 'custom', 'neutral')).toBe(1);
    expect(signOf('negative', 'vitality', 'strength')).toBe(-1);
    const first = scoreIndex({ ...definition, kind: 'vulnerability' }, catalogue, base, base).areas[0]!;
    expect(first.indicators.map((i) => i.score)).toEqual([110, 90, 110]);
    expect(first.score).toBe(105);
  });

  it('leaves out indicators without spread or outside the catalogue, and says so', () => {
    const flat = new Map([['BU1', values({ x: 5, y: 5, z: 40 })], ['BU2', values({ x: 5, y: 15, z: 60 })]]);
    const result = scoreIndex(definition, new Map([...catalogue].filter(([id]) => id !== 'z')), flat, flat);
    expect(result.references.map((r) => [r.id, r.available, r.reference !== null])).toEqual([['x', true, false], ['y', true, true], ['z', false, false]]);
    expect(result.unavailable).toEqual(['z']);
    expect(result.areas[0]).toMatchObject({ score: 110, known: 1, of: 1, themes: [{ score: 110 }, { score: null, of: 0 }] });
    expect(referenceOf([1])).toBeNull();
    expect(referenceOf([1, null, 3])).toEqual({ mean: 2, sd: 1, known: 2 });
    expect(indicatorScore(3, { mean: 2, sd: 1, known: 2 }, -1)).toBe(90);
  });

  it('puts a score on a limit in the lower band', () => {
    const bands = [80, 90, 110, 120];
    expect([50, 80, 80.1, 90, 100, 110, 110.1, 120, 120.1, 150].map((s) => bandOf(s, bands))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(bandOf(null, bands)).toBeNull();
  });

  it('checks indicators against the catalogue, repeats and the band limits', () => {
    const bad: IndexDefinition = {
      ...definition, bands: [80, 79, 110, 150],
      themes: [{ ...definition.themes[0]!, indicators: [{ id: 'x', part: 'objective', direction: 'auto', weight: 1 }, { id: 'x', part: 'objective', direction: 'auto', weight: 1 }] }, { ...definition.themes[1]!, indicators: [{ id: 'q', part: 'subjective', direction: 'auto', weight: 1 }] }, { ...definition.themes[1]!, indicators: [] }],
    };
    expect(checkIndexDefinition(bad, new Set(['x', 'y', 'z'])).map((i) => i.field)).toEqual([
      'themes.0.indicators.1.id', 'themes.1.indicators.0.id', 'themes.2.indicators', 'bands.1', 'bands.3',
    ]);
    expect(checkIndexDefinition(definition, new Set(['x', 'y', 'z']))).toEqual([]);
  });

  it('ships definitions whose objective indicators are all in the national catalogue', () => {
    const national = new Set(NATIONAL_INDICATORS.map((i) => i.id));
    for (const shipped of SHIPPED_INDICES) {
      const objective = shipped.themes.flatMap((t) => t.indicators).filter((i) => i.part === 'objective');
      expect(objective.filter((i) => !national.has(i.id))).toEqual([]);
      const subjective = shipped.themes.flatMap((t) => t.indicators).filter((i) => i.part === 'subjective');
      expect(subjective.every((i) => i.id.startsWith('bm_'))).toBe(true);
      expect(checkIndexDefinition(shipped, new Set([...national, ...subjective.map((i) => i.id)]))).toEqual([]);
    }
  });
});
