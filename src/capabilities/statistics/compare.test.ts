import { describe, expect, it } from 'vitest';
import { NATIONAL_INDICATORS } from './catalogue.js';
import {
  advantage, betterThanShare, closestDimensions, computeComparisonSet, isStrength, kindOfCode, median, municipalityOfCode,
  nearestNeighbours, overlapDistance, percentileRanks, standardise, STRUCTURE_VARIABLES, type Standardised,
} from './compare.js';
import { known, unknownValue, type StatValue } from './model.js';
import { seededRandom } from '../../demo/random.js';

const N = Number.NaN;

describe('percentile ranks', () => {
  it('ranks high to low, ties share the best rank and the middle percentile, unknown takes no part', () => {
    const r = percentileRanks(new Float64Array([10, 20, 20, N, 5]), new Int32Array([0, 0, 1, 0, 1]), 2);
    expect([r.count, r.unknown]).toEqual([4, 1]);
    expect([...r.rank]).toEqual([3, 1, 1, 0, 4]);
    expect([...r.percentile]).toEqual([37.5, 75, 75, N, 12.5]);
    // Within the groups: {10, 20} and {20, 5}.
    expect([...r.groupCount]).toEqual([2, 2]);
    expect([...r.groupRank]).toEqual([2, 1, 1, 0, 2]);
    expect([...r.groupPercentile]).toEqual([25, 75, 75, N, 25]);
  });

  it('gives one value the middle, and all-equal values one rank', () => {
    expect([...percentileRanks(new Float64Array([7])).percentile]).toEqual([50]);
    const same = percentileRanks(new Float64Array([3, 3, 3]));
    expect([...same.rank]).toEqual([1, 1, 1]);
    expect([...same.percentile]).toEqual([50, 50, 50]);
  });
});

describe('better and worse', () => {
  it('is polarity-aware and never calls a neutral indicator a strength', () => {
    expect(advantage('strength', 60, 50, 10)).toBe(1);
    expect(advantage('vulnerability', 40, 50, 10)).toBe(1);
    expect(advantage('vulnerability', 60, 50, 10)).toBe(-1);
    expect(advantage('neutral', 60, 50, 10)).toBeNull();
    expect(advantage('strength', 60, 50, 0)).toBeNull();
    expect(isStrength('strength', 55, 50, 10)).toBe(true);
    expect(isStrength('strength', 54, 50, 10)).toBe(false);
    expect(isStrength('neutral', 90, 50, 10)).toBe(false);
    expect(betterThanShare('vulnerability', 20)).toBe(80);
    expect(betterThanShare('neutral', 20)).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('knows kinds and municipalities from codes', () => {
    expect(['NL00', 'GM0001', 'WK000101', 'BU0001010A', 'XX'].map(kindOfCode)).toEqual(['country', 'municipality', 'district', 'neighbourhood', null]);
    expect(['NL00', 'GM0001', 'WK000101', 'BU00010101'].map(municipalityOfCode)).toEqual([null, 'GM0001', 'GM0001', 'GM0001']);
  });
});

describe('standardised structure and distance', () => {
  it('z-scores each column over its known values, on a log scale where asked, and leaves out a column known too rarely', () => {
    const s = standardise([new Float64Array([1, 2, 3, N]), new Float64Array([N, N, N, 4]), new Float64Array([0, Math.E - 1, Math.E ** 2 - 1, 0])], ['linear', 'linear', 'log'], 4);
    expect(s.used).toEqual([0, 2]);
    expect(s.d).toBe(2);
    const sd = Math.sqrt(2 / 3);
    expect(s.z[0]).toBeCloseTo(-1 / sd, 12);
    expect(s.z[2]).toBeCloseTo(0, 12);
    expect(s.z[6]).toBeNaN();
    // log1p: 0, 1, 2, 0 → mean 0.75
    expect(s.z[1]! * Math.sqrt((0.75 ** 2 * 2 + 0.25 ** 2 + 1.25 ** 2) / 4)).toBeCloseTo(-0.75, 12);
  });

  it('measures distance over the figures both know, scaled to all of them, and names the closest figures', () => {
    const z = new Float64Array([0, 0, 0, 0, /* */ 1, 2, N, 0, /* */ N, N, N, 1]);
    expect(overlapDistance(z, 4, 0, 1, 3)).toBeCloseTo(Math.sqrt((1 + 4 + 0) * 4 / 3), 12);
    expect(overlapDistance(z, 4, 0, 2, 3)).toBeNaN();
    expect(closestDimensions(z, 4, 0, 1, 2)).toEqual([3, 0]);
  });

  it('names the closest figures as a full sort would, ties to the earlier figure (seeded random cases)', () => {
    const random = seededRandom(11);
    const reference = (z: Float64Array, d: number, i: number, j: number, count: number) => Array.from({ length: d }, (_, k) => [k, Math.abs(z[i * d + k]! - z[j * d + k]!)] as const)
      .filter(([, gap]) => !Number.isNaN(gap)).sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, count).map(([k]) => k);
    for (let round = 0; round < 500; round++) {
      const d = 1 + Math.floor(random.between(0, 14));
      // Few distinct values, so ties are common; some unknown.
      const z = Float64Array.from({ length: 2 * d }, () => (random.between(0, 1) < 0.15 ? N : Math.round(random.between(-3, 3))));
      const count = Math.floor(random.between(0, 5));
      expect(closestDimensions(z, d, 0, 1, count)).toEqual(reference(z, d, 0, 1, count));
    }
  });
});

/** Areas with structure: a few hidden factors and noise, as real neighbourhoods have. */
function structured(n: number, d: number, missing: number, seed = 7): Standardised {
  const random = seededRandom(seed);
  const z = new Float64Array(n * d);
  const loadings = Array.from({ length: d }, () => [random.between(-1, 1), random.between(-1, 1), random.between(-1, 1)]);
  for (let i = 0; i < n; i++) {
    const f = [random.between(-2, 2), random.between(-2, 2), random.between(-1, 1)];
    for (let k = 0; k < d; k++) z[i * d + k] = random.next() < missing ? N : loadings[k]!.reduce((s, l, m) => s + l * f[m]!, 0) + random.between(-0.3, 0.3);
  }
  return { z, n, d, used: Array.from({ length: d }, (_, k) => k) };
}

function bruteForce(s: Standardised, k: number, minOverlap: number, areas = s.n): number[][] {
  return Array.from({ length: areas }, (_, i) => {
    const all: Array<[number, number]> = [];
    for (let j = 0; j < s.n; j++) if (j !== i) { const d = overlapDistance(s.z, s.d, i, j, minOverlap); if (!Number.isNaN(d)) all.push([j, d]); }
    return all.sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, k).map(([j]) => j);
  });
}

describe('nearest neighbours', () => {
  it('are exactly the brute-force nearest when the search is not capped', () => {
    const s = structured(400, 8, 0);
    const found = nearestNeighbours(s, { maxChecks: Infinity, candidates: 10 });
    const expected = bruteForce(s, 10, 5);
    for (let i = 0; i < s.n; i++) expect([...found.index.subarray(i * 10, i * 10 + 10)]).toEqual(expected[i]);
    expect(found.distance[0]).toBeCloseTo(overlapDistance(s.z, 8, 0, found.index[0]!, 5), 12);
  });

  it('with the default cap find nearly all of the exact neighbours, and most of them when figures are unknown', () => {
    const recall = (s: Standardised) => {
      const found = nearestNeighbours(s);
      const sample = bruteForce(s, 10, 8, 150);
      let hits = 0;
      sample.forEach((expected, i) => { const got = new Set(found.index.subarray(i * 10, i * 10 + 10)); hits += expected.filter((j) => got.has(j)).length; });
      return hits / (sample.length * 10);
    };
    expect(recall(structured(3000, 13, 0))).toBeGreaterThan(0.97);
    expect(recall(structured(3000, 13, 0.02))).toBeGreaterThan(0.75);
  });

  it('leave out an area that knows too few figures, and never find an area itself', () => {
    const s = structured(50, 5, 0);
    for (let k = 0; k < 3; k++) s.z[k] = N;
    const found = nearestNeighbours(s, { k: 3 });
    expect([...found.index.subarray(0, 3)]).toEqual([-1, -1, -1]);
    for (let i = 1; i < 50; i++) expect([...found.index.subarray(i * 3, i * 3 + 3)]).not.toContain(i);
    for (let i = 1; i < 50; i++) expect([...found.index.subarray(i * 3, i * 3 + 3)]).not.toContain(0);
  });
});

describe('a comparison set', () => {
  const catalogue = new Map(NATIONAL_INDICATORS.map((i) => [i.id, i]));
  const indicators = ['a_inw', 's_00_14', 'p_arb_pp'].map((id) => catalogue.get(id)!);
  // Four neighbourhoods in two municipalities; BU00020101 keeps its labour participation secret.
  const data: Record<string, Record<string, number | 'x'>> = {
    BU00010101: { a_inw: 1000, a_00_14: 100, p_arb_pp: 70 },
    BU00010102: { a_inw: 2000, a_00_14: 400, p_arb_pp: 60 },
    BU00010201: { a_inw: 1500, a_00_14: 150, p_arb_pp: 60 },
    BU00020101: { a_inw: 500, a_00_14: 150, p_arb_pp: 'x' },
    GM0001: { a_inw: 4500, a_00_14: 650, p_arb_pp: 63 },
  };
  const lookup = (area: string, variable: string): StatValue => {
    const v = data[area]?.[variable];
    return v === undefined ? unknownValue('missing') : v === 'x' ? unknownValue('secret') : known(v);
  };
  const set = computeComparisonSet({ year: 2023, areas: Object.keys(data), indicators, catalogue, lookup, national: true });
  const area = (code: string) => set.areas.find((a) => a.area === code)!;

  it('holds every value, derived ones computed, unknown with its reason', () => {
    expect(set.indicators).toEqual(['a_inw', 's_00_14', 'p_arb_pp']);
    expect([...area('BU00010102').values]).toEqual([2000, 20, 60]);
    expect(area('BU00020101').unknown).toEqual([null, null, 'secret']);
    expect(area('GM0001').kind).toBe('municipality');
  });

  it('ranks nationally and within the municipality, per kind', () => {
    const b = area('BU00010101');
    // s_00_14: 10%, 20%, 10%, 30%: a tie for third place.
    expect([...b.national!.rank]).toEqual([3, 3, 1]);
    expect([...b.national!.percentile]).toEqual([37.5, 25, 100 * 5 / 6]);
    expect([...b.municipal!.rank]).toEqual([3, 2, 1]);
    expect([...b.municipal!.count]).toEqual([3, 3, 3]);
    expect(area('BU00020101').municipal!.rank[2]).toBe(0);
    expect(set.spread.neighbourhood![2]).toMatchObject({ known: 3, unknown: 1 });
    // A municipality has no ranks within itself.
    expect(area('GM0001').municipal).toBeNull();
  });

  it('finds similar areas of the same kind on what they know, with the medians of their figures', () => {
    // Only s_00_14 is a structure figure here: too few to compare on (at least three are needed).
    expect(set.structure.neighbourhood).toEqual(['s_00_14']);
    expect(area('BU00010101').neighbours).toEqual([]);
    expect(STRUCTURE_VARIABLES.length).toBeGreaterThanOrEqual(12);
  });

  it('finds similar areas of the same kind on the structure figures, with the medians of their other figures', () => {
    // Two kinds of neighbourhood: young families who own (1–4) and elderly tenants (5–8).
    const rows: Record<string, Record<string, number>> = {};
    for (let i = 1; i <= 8; i++) {
      const young = i <= 4;
      const wiggle = i % 4;
      rows[`BU000301${String(i).padStart(2, '0')}`] = {
        a_inw: 1000, a_00_14: young ? 250 + wiggle * 5 : 80 + wiggle * 5, a_15_24: 100, a_25_44: young ? 350 : 150, a_45_64: young ? 200 : 250,
        a_65_oo: young ? 100 - wiggle * 5 : 420 - wiggle * 5, a_hh: 400, a_1p_hh: young ? 80 + wiggle : 250 + wiggle, a_hh_m_k: young ? 220 : 40,
        g_hhgro: young ? 2.6 : 1.6, p_koopw: young ? 75 + wiggle : 20 + wiggle, p_wcorpw: young ? 10 : 70, p_arb_pp: young ? 70 + i : 50 + i,
      };
    }
    const look = (area: string, variable: string): StatValue => (rows[area]?.[variable] === undefined ? unknownValue('missing') : known(rows[area]![variable]!));
    const structuredSet = computeComparisonSet({ year: 2023, areas: Object.keys(rows), indicators, catalogue, lookup: look, national: true, neighbours: { k: 3 } });
    expect(structuredSet.structure.neighbourhood).toEqual(['s_00_14', 's_25_44', 's_45_64', 's_65_oo', 's_1p_hh', 's_hh_m_k', 'g_hhgro', 'p_koopw', 'p_wcorpw']);
    const first = structuredSet.areas.find((a) => a.area === 'BU00030101')!;
    expect(first.neighbours.map((n) => n.code).sort()).toEqual(['BU00030102', 'BU00030103', 'BU00030104']);
    expect(first.neighbours[0]!.distance).toBeGreaterThan(0);
    expect(first.neighbours[0]!.closest).toHaveLength(3);
    // p_arb_pp of the neighbours: 72, 73, 74 → median 73.
    expect(first.neighbourMedian![2]).toBe(73);
    expect(first.neighbourKnown![2]).toBe(3);
    const last = structuredSet.areas.find((a) => a.area === 'BU00030108')!;
    expect(last.neighbours.map((n) => n.code).sort()).toEqual(['BU00030105', 'BU00030106', 'BU00030107']);
  });
});
