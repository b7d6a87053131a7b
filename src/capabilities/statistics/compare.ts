/**
 * Comparisons between areas (pure, no I/O): computed once per import, read by the area pages.
 *
 * - Percentile ranks per indicator among the areas of the same kind (neighbourhoods among
 *   neighbourhoods, districts among districts, municipalities among municipalities), nationally and
 *   within the municipality. Unknown values take no part (and are counted); ties share their rank.
 * - "Buurten zoals deze": the nearest areas of the same kind on standardised structure figures
 *   (age, households, housing, income, density), with per neighbour the figures that are closest.
 * - Per indicator the median of those similar areas, so a page can say where an area does better
 *   than comparable areas ("strengths first"), polarity-aware: a strength is a high vitality
 *   indicator or a low vulnerability indicator; a neutral indicator is never a strength.
 */
import { evaluateIndicator, type Indicator, type Polarity, type RegionKind, type StatValue, type UnknownReason } from './model.js';

// ---- areas from their codes ---------------------------------------------------------------

/** The kind of area a CBS code names (NL00, GMxxxx, WKxxxxxx, BUxxxxxxxx); null otherwise. */
export function kindOfCode(code: string): RegionKind | null {
  if (code === 'NL00') return 'country';
  if (/^GM\d{4}$/.test(code)) return 'municipality';
  if (/^WK\d{4}[0-9A-Z]{2}$/.test(code)) return 'district';
  if (/^BU\d{4}[0-9A-Z]{4}$/.test(code)) return 'neighbourhood';
  return null;
}

/** The municipality an area lies in, from its code (GM for GM, WK and BU codes); null for the country. */
export function municipalityOfCode(code: string): string | null {
  return code.startsWith('GM') || code.startsWith('WK') || code.startsWith('BU') ? `GM${code.slice(2, 6)}` : null;
}

// ---- percentile ranks ---------------------------------------------------------------------

export interface Rank {
  /** 1 is the highest value; ties share the best rank (1, 2, 2, 4). */
  rank: number;
  /** Areas with a known value. */
  count: number;
  /** 0–100: the share of areas with a lower value plus half of those with the same value. High is a high value, whatever the polarity. */
  percentile: number;
}

export interface RankResult {
  /** Per area: 0 when its value is unknown. */
  rank: Int32Array;
  percentile: Float64Array;
  count: number;
  unknown: number;
  /** The same within each group (e.g. municipality), when groups are given. */
  groupRank: Int32Array;
  groupPercentile: Float64Array;
  /** Known values per group. */
  groupCount: Int32Array;
}

/**
 * Ranks and percentiles of values (NaN is unknown) from one sort of the known values; equal values
 * share their rank. With groups (an index per value, 0 … groupTotal − 1) also the ranks within each
 * group, from one more sort of the values grouped.
 */
export function percentileRanks(values: Float64Array, groups?: Int32Array, groupTotal = 0): RankResult {
  // Native numeric sorts of the known values (a comparator sort is many times slower), then a
  // binary search per value: below it lie the lower values, up to the end of its run the equal ones.
  const n = values.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) count++;
  const sorted = new Float64Array(count);
  for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(values[i]!)) sorted[k++] = values[i]!;
  sorted.sort();
  const rank = new Int32Array(n);
  const percentile = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const lower = lowerBound(sorted, 0, count, v);
    const upTo = upperBound(sorted, lower, count, v);
    rank[i] = count - upTo + 1;
    percentile[i] = (100 * (lower + (upTo - lower) / 2)) / count;
  }
  const groupRank = new Int32Array(groups ? n : 0);
  const groupPercentile = new Float64Array(groups ? n : 0).fill(Number.NaN);
  const groupCount = new Int32Array(groupTotal);
  if (groups) {
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) groupCount[groups[i]!]!++;
    const offset = new Int32Array(groupTotal + 1);
    for (let g = 0; g < groupTotal; g++) offset[g + 1] = offset[g]! + groupCount[g]!;
    const fill = offset.slice(0, groupTotal);
    const grouped = new Float64Array(count);
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) grouped[fill[groups[i]!]!++] = values[i]!;
    for (let g = 0; g < groupTotal; g++) grouped.subarray(offset[g]!, offset[g + 1]!).sort();
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      const g = groups[i]!;
      const from = offset[g]!;
      const to = offset[g + 1]!;
      const lower = lowerBound(grouped, from, to, v) - from;
      const upTo = upperBound(grouped, from + lower, to, v) - from;
      groupRank[i] = groupCount[g]! - upTo + 1;
      groupPercentile[i] = (100 * (lower + (upTo - lower) / 2)) / groupCount[g]!;
    }
  }
  return { rank, percentile, count, unknown: n - count, groupRank, groupPercentile, groupCount };
}

/** The first position in sorted[from..to) whose value is not below v. */
function lowerBound(sorted: Float64Array, from: number, to: number, v: number): number {
  while (from < to) { const mid = (from + to) >>> 1; if (sorted[mid]! < v) from = mid + 1; else to = mid; }
  return from;
}

/** The first position in sorted[from..to) whose value is above v. */
function upperBound(sorted: Float64Array, from: number, to: number, v: number): number {
  while (from < to) { const mid = (from + to) >>> 1; if (sorted[mid]! <= v) from = mid + 1; else to = mid; }
  return from;
}

// ---- better or worse ----------------------------------------------------------------------

/**
 * How much better than the reference (e.g. the median of similar areas) a value is, in standard
 * deviations of the indicator among areas of its kind: positive is better (higher for a strength
 * indicator, lower for a vulnerability indicator). Null for neutral indicators and without spread.
 */
export function advantage(polarity: Polarity, value: number, reference: number, spread: number): number | null {
  if (polarity === 'neutral' || !(spread > 0)) return null;
  const difference = (value - reference) / spread;
  return polarity === 'strength' ? difference : -difference;
}

/** Half a standard deviation: the "meaningful margin" by which an area must beat similar areas to call it a strength. */
export const STRENGTH_MARGIN = 0.5;

export function isStrength(polarity: Polarity, value: number, reference: number, spread: number, margin = STRENGTH_MARGIN): boolean {
  const better = advantage(polarity, value, reference, spread);
  return better !== null && better >= margin;
}

/** The share of compared areas (0–100) this area does better than, polarity-aware; null for neutral indicators. */
export function betterThanShare(polarity: Polarity, percentile: number): number | null {
  if (polarity === 'neutral') return null;
  return polarity === 'strength' ? percentile : 100 - percentile;
}

/** The median of the first `count` numbers of a small buffer, sorted in place (insertion sort: at most ten numbers). */
function medianOf(buffer: Float64Array, count: number): number {
  for (let i = 1; i < count; i++) {
    const v = buffer[i]!;
    let j = i - 1;
    while (j >= 0 && buffer[j]! > v) { buffer[j + 1] = buffer[j]!; j--; }
    buffer[j + 1] = v;
  }
  const middle = count >> 1;
  return count % 2 ? buffer[middle]! : (buffer[middle - 1]! + buffer[middle]!) / 2;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// ---- similarity ---------------------------------------------------------------------------

/**
 * The structure of an area (who lives there and how): what "buurten zoals deze" are similar on.
 * Rented is the rest of owner-occupied, so tenure counts as owner-occupied and housing association;
 * density, WOZ value and income are compared on a log scale (a few areas are many times denser or
 * richer than most).
 */
export const STRUCTURE_VARIABLES: ReadonlyArray<{ id: string; scale: 'linear' | 'log' }> = [
  { id: 's_00_14', scale: 'linear' }, { id: 's_15_24', scale: 'linear' }, { id: 's_25_44', scale: 'linear' },
  { id: 's_45_64', scale: 'linear' }, { id: 's_65_oo', scale: 'linear' },
  { id: 's_1p_hh', scale: 'linear' }, { id: 's_hh_m_k', scale: 'linear' }, { id: 'g_hhgro', scale: 'linear' },
  { id: 'g_wozbag', scale: 'log' }, { id: 'g_hh_sti', scale: 'log' },
  { id: 'p_koopw', scale: 'linear' }, { id: 'p_wcorpw', scale: 'linear' },
  { id: 'bev_dich', scale: 'log' },
];
export const STRUCTURE_IDS: ReadonlySet<string> = new Set(STRUCTURE_VARIABLES.map((v) => v.id));

export interface Standardised {
  /** Row-major n × d z-scores; NaN where unknown. */
  z: Float64Array;
  n: number;
  d: number;
  /** The columns used (a column known for too few areas, or without spread, is left out). */
  used: number[];
}

/**
 * z-scores of columns (NaN is unknown): each transformed by its scale, minus its mean, divided by its
 * standard deviation. A column known for fewer than half of the areas (or fewer than three) is left out.
 */
export function standardise(columns: readonly Float64Array[], scales: ReadonlyArray<'linear' | 'log'>, n: number): Standardised {
  const prepared: Float64Array[] = [];
  const used: number[] = [];
  columns.forEach((column, c) => {
    const x = new Float64Array(n);
    let known = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const raw = column[i]!;
      const v = scales[c] === 'log' ? (raw >= 0 ? Math.log1p(raw) : Number.NaN) : raw;
      x[i] = v;
      if (!Number.isNaN(v)) { known++; sum += v; }
    }
    if (known < 3 || known < n / 2) return;
    const mean = sum / known;
    let squares = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(x[i]!)) squares += (x[i]! - mean) ** 2;
    const sd = Math.sqrt(squares / known);
    if (!(sd > 0)) return;
    for (let i = 0; i < n; i++) x[i] = (x[i]! - mean) / sd;
    prepared.push(x);
    used.push(c);
  });
  const d = prepared.length;
  const z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) z[i * d + k] = prepared[k]![i]!;
  return { z, n, d, used };
}

/**
 * Euclidean distance over the dimensions known for both, scaled up to all d dimensions (so that
 * fewer known figures do not make areas look closer); NaN when they share fewer than minOverlap.
 */
export function overlapDistance(z: Float64Array, d: number, i: number, j: number, minOverlap: number): number {
  let sum = 0;
  let common = 0;
  for (let k = 0; k < d; k++) {
    const a = z[i * d + k]!;
    const b = z[j * d + k]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sum += (a - b) ** 2;
    common++;
  }
  return common < minOverlap || common === 0 ? Number.NaN : Math.sqrt((sum * d) / common);
}

/** The `count` dimensions on which two areas are closest (both known), closest first. */
export function closestDimensions(z: Float64Array, d: number, i: number, j: number, count: number): number[] {
  // The `count` smallest gaps by insertion (ties: the earlier figure first), without sorting all of them.
  const keys: number[] = [];
  const gaps: number[] = [];
  if (count <= 0) return keys;
  for (let k = 0; k < d; k++) {
    const gap = Math.abs(z[i * d + k]! - z[j * d + k]!);
    if (Number.isNaN(gap) || (keys.length === count && gap >= gaps[count - 1]!)) continue;
    let r = keys.length;
    if (r < count) { keys.push(k); gaps.push(gap); } else r = count - 1;
    while (r > 0 && gaps[r - 1]! > gap) { keys[r] = keys[r - 1]!; gaps[r] = gaps[r - 1]!; r--; }
    keys[r] = k;
    gaps[r] = gap;
  }
  return keys;
}

export interface NeighbourOptions {
  k: number;
  /** Candidates taken from the tree before the exact re-ranking on known figures. */
  candidates: number;
  /** At most this many distances per area are computed in the tree (best-bin-first); Infinity for an exact search. */
  maxChecks: number;
  /** Dimensions both areas must know. */
  minOverlap: number;
  leafSize: number;
}

/**
 * Measured on 14,000 synthetic areas × 13 figures with three hidden factors and noise: 97.8% of the
 * exact ten neighbours at 256 checks (99.6% at 512, at twice the cost), about 80% when 2% of the
 * figures are unknown. Figures without any structure (random) always run to the cap: the worst case.
 */
export const DEFAULT_NEIGHBOURS: NeighbourOptions = { k: 10, candidates: 20, maxChecks: 256, minOverlap: 0, leafSize: 12 };

export interface Neighbours {
  /** Row-major n × k area indices, nearest first; -1 where there are fewer. */
  index: Int32Array;
  distance: Float64Array;
  k: number;
}

/** The minimum number of known dimensions, out of d, for a distance: 60% and at least 3. */
export function minimumOverlap(d: number): number {
  return Math.min(d, Math.max(3, Math.ceil(0.6 * d)));
}

/**
 * The k nearest areas of every area, without the quadratic all-pairs scan (14,000² pairs × 13
 * dimensions is seconds in JavaScript): a k-d tree over the z-scores with unknown figures put at the
 * mean (0), searched best-bin-first (nearest boxes first, at most maxChecks distances per area,
 * exact when the data has structure and always when maxChecks ≥ n), gives `candidates` areas; those
 * are ranked again by the distance over the figures both really know (overlapDistance).
 */
export function nearestNeighbours(standardised: Standardised, options: Partial<NeighbourOptions> = {}): Neighbours {
  const { n, d, z } = standardised;
  const o = { ...DEFAULT_NEIGHBOURS, ...options };
  const minOverlap = o.minOverlap || minimumOverlap(d);
  const index = new Int32Array(n * o.k).fill(-1);
  const distance = new Float64Array(n * o.k).fill(Number.NaN);
  if (d === 0 || n < 2) return { index, distance, k: o.k };

  const x = new Float64Array(n * d);
  const eligible: number[] = [];
  for (let i = 0; i < n; i++) {
    let known = 0;
    for (let k = 0; k < d; k++) {
      const v = z[i * d + k]!;
      if (!Number.isNaN(v)) known++;
      x[i * d + k] = Number.isNaN(v) ? 0 : v;
    }
    if (known >= minOverlap) eligible.push(i);
  }
  const tree = buildTree(x, d, Int32Array.from(eligible), o.leafSize);
  const search = treeSearch(tree, x, z, d, o.candidates);
  const found: Array<[number, number]> = [];
  for (const i of eligible) {
    const candidates = search(i, o.maxChecks);
    found.length = 0;
    for (const j of candidates) {
      const dist = overlapDistance(z, d, i, j, minOverlap);
      if (!Number.isNaN(dist)) found.push([j, dist]);
    }
    found.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    for (let r = 0; r < Math.min(o.k, found.length); r++) {
      index[i * o.k + r] = found[r]![0];
      distance[i * o.k + r] = found[r]![1];
    }
  }
  return { index, distance, k: o.k };
}

interface Tree {
  points: Int32Array;
  start: Int32Array;
  end: Int32Array;
  dim: Int32Array;
  split: Float64Array;
  left: Int32Array;
  right: Int32Array;
}

function buildTree(x: Float64Array, d: number, points: Int32Array, leafSize: number): Tree {
  const capacity = Math.max(1, Math.ceil((2 * points.length) / Math.max(1, leafSize)) + 2);
  const tree: Tree = {
    points, start: new Int32Array(capacity), end: new Int32Array(capacity), dim: new Int32Array(capacity),
    split: new Float64Array(capacity), left: new Int32Array(capacity).fill(-1), right: new Int32Array(capacity).fill(-1),
  };
  let nodes = 0;
  const grow = () => {
    if (nodes < tree.start.length) return;
    for (const key of ['start', 'end', 'dim', 'left', 'right'] as const) {
      const bigger = new Int32Array(tree[key].length * 2).fill(key === 'left' || key === 'right' ? -1 : 0);
      bigger.set(tree[key]);
      tree[key] = bigger;
    }
    const split = new Float64Array(tree.split.length * 2);
    split.set(tree.split);
    tree.split = split;
  };
  const build = (from: number, to: number): number => {
    grow();
    const node = nodes++;
    tree.start[node] = from;
    tree.end[node] = to;
    if (to - from <= leafSize) return node;
    // Split on the dimension with the widest spread, at the median.
    let best = 0;
    let widest = -1;
    for (let k = 0; k < d; k++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let p = from; p < to; p++) { const v = x[points[p]! * d + k]!; if (v < lo) lo = v; if (v > hi) hi = v; }
      if (hi - lo > widest) { widest = hi - lo; best = k; }
    }
    if (widest <= 0) return node;
    const middle = (from + to) >> 1;
    select(points, from, to - 1, middle, (p) => x[p * d + best]!);
    tree.dim[node] = best;
    tree.split[node] = x[points[middle]! * d + best]!;
    const left = build(from, middle);
    const right = build(middle, to);
    tree.left[node] = left;
    tree.right[node] = right;
    return node;
  };
  build(0, points.length);
  return tree;
}

/** Reorders points[from..to] so that the one at `nth` is where sorting by key would put it, smaller keys before it, larger after (Hoare's quickselect). */
function select(points: Int32Array, from: number, to: number, nth: number, key: (point: number) => number): void {
  while (to > from) {
    const pivot = key(points[(from + to) >> 1]!);
    let i = from;
    let j = to;
    while (i <= j) {
      while (key(points[i]!) < pivot) i++;
      while (key(points[j]!) > pivot) j--;
      if (i <= j) { const t = points[i]!; points[i] = points[j]!; points[j] = t; i++; j--; }
    }
    if (nth <= j) to = j;
    else if (nth >= i) from = i;
    else return;
  }
}

/** A best-bin-first search over the tree: the `size` nearest points (by imputed distance) of a point, itself excluded. */
function treeSearch(tree: Tree, x: Float64Array, z: Float64Array, d: number, size: number) {
  let heapBound = new Float64Array(256);
  let heapNode = new Int32Array(256);
  const bestDist = new Float64Array(size);
  const bestIndex = new Int32Array(size);
  const queryKnown = new Uint8Array(d);
  return (query: number, maxChecks: number): Int32Array => {
    let heapSize = 0;
    let found = 0;
    let checks = 0;
    const push = (bound: number, node: number) => {
      if (heapSize === heapBound.length) {
        const b = new Float64Array(heapSize * 2); b.set(heapBound); heapBound = b;
        const nn = new Int32Array(heapSize * 2); nn.set(heapNode); heapNode = nn;
      }
      let i = heapSize++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapBound[parent]! <= bound) break;
        heapBound[i] = heapBound[parent]!; heapNode[i] = heapNode[parent]!;
        i = parent;
      }
      heapBound[i] = bound; heapNode[i] = node;
    };
    const pop = (): number => {
      const top = heapNode[0]!;
      const lastBound = heapBound[--heapSize]!;
      const lastNode = heapNode[heapSize]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heapSize) break;
        if (child + 1 < heapSize && heapBound[child + 1]! < heapBound[child]!) child++;
        if (heapBound[child]! >= lastBound) break;
        heapBound[i] = heapBound[child]!; heapNode[i] = heapNode[child]!;
        i = child;
      }
      heapBound[i] = lastBound; heapNode[i] = lastNode;
      return top;
    };
    const q = query * d;
    // The query's own unknown figures count for nothing (not as the mean): no distance, no bound.
    for (let k = 0; k < d; k++) queryKnown[k] = Number.isNaN(z[q + k]!) ? 0 : 1;
    push(0, 0);
    while (heapSize > 0) {
      const bound = heapBound[0]!;
      if (found === size && bound >= bestDist[size - 1]!) break;
      if (checks >= maxChecks) break;
      let node = pop();
      while (tree.left[node] !== -1) {
        const diff = queryKnown[tree.dim[node]!] ? x[q + tree.dim[node]!]! - tree.split[node]! : 0;
        const near = diff < 0 ? tree.left[node]! : tree.right[node]!;
        const far = diff < 0 ? tree.right[node]! : tree.left[node]!;
        push(Math.max(bound, diff * diff), far);
        node = near;
      }
      for (let p = tree.start[node]!; p < tree.end[node]!; p++) {
        const j = tree.points[p]!;
        if (j === query) continue;
        checks++;
        let dist = 0;
        const o = j * d;
        for (let k = 0; k < d; k++) { const diff = x[q + k]! - x[o + k]!; dist += queryKnown[k]! * diff * diff; }
        if (found < size || dist < bestDist[found - 1]!) {
          let r = found < size ? found++ : size - 1;
          while (r > 0 && bestDist[r - 1]! > dist) { bestDist[r] = bestDist[r - 1]!; bestIndex[r] = bestIndex[r - 1]!; r--; }
          bestDist[r] = dist; bestIndex[r] = j;
        }
      }
    }
    return bestIndex.slice(0, found);
  };
}

// ---- a comparison set ---------------------------------------------------------------------

export interface ComparedIndicator extends Pick<Indicator, 'id' | 'polarity' | 'unit'> {}

export interface ComparisonSetInput {
  year: number;
  areas: readonly string[];
  /** The indicators to compare, in catalogue order. */
  indicators: readonly ComparedIndicator[];
  /** Every indicator by id, for derived ones (evaluateIndicator). */
  catalogue: ReadonlyMap<string, Pick<Indicator, 'derivation'>>;
  lookup(area: string, variable: string, year: number): StatValue;
  /** Optional fast path for a measured variable of the year: its values for these areas (NaN unknown, with reasons); null to use lookup. */
  column?(variable: string, areas: readonly string[]): { values: Float64Array; unknown: Array<UnknownReason | null> } | null;
  /** National data: ranks among all areas of a kind and similar areas; otherwise within the municipality only. */
  national: boolean;
  neighbours?: Partial<NeighbourOptions>;
}

export interface AreaComparison {
  area: string;
  kind: RegionKind;
  /** Per indicator (in the set's order): the value, NaN when unknown, with the reason. */
  values: Float64Array;
  unknown: Array<UnknownReason | null>;
  /** Among all areas of the kind (national sets only); rank 0 when unknown. */
  national: { rank: Int32Array; percentile: Float64Array } | null;
  /** Among the areas of the kind in the same municipality. */
  municipal: { rank: Int32Array; percentile: Float64Array; count: Int32Array } | null;
  /** Per indicator the median of the similar areas' known values (NaN with fewer than three) and how many knew it. */
  neighbourMedian: Float64Array | null;
  neighbourKnown: Uint8Array | null;
  /** Nearest first, each with the three structure figures on which it is closest (and its value of them). */
  neighbours: Array<{ code: string; distance: number; closest: Array<{ id: string; value: number }> }>;
}

/** Per kind and indicator, over the areas of that kind: known and unknown values, mean and standard deviation. */
export interface IndicatorSpread {
  known: number;
  unknown: number;
  mean: number | null;
  sd: number | null;
}

export interface ComparisonSet {
  year: number;
  indicators: string[];
  /** The structure variables similarity used, per kind. */
  structure: Partial<Record<RegionKind, string[]>>;
  spread: Partial<Record<RegionKind, IndicatorSpread[]>>;
  areas: AreaComparison[];
}

/** Neighbours' medians need at least this many of them to know a figure. */
export const MIN_NEIGHBOURS_FOR_MEDIAN = 3;

/** Similarity needs at least this many structure figures known for most areas of a kind. */
export const MIN_STRUCTURE_FIGURES = 3;

const RANKED_KINDS: readonly RegionKind[] = ['municipality', 'district', 'neighbourhood'];

/**
 * Everything compared for one year: per area the value of every indicator (derived ones through
 * evaluateIndicator), ranks and percentiles per kind nationally and within the municipality,
 * similar areas and their medians. One pass per indicator, one sort per indicator and kind.
 */
export function computeComparisonSet(input: ComparisonSetInput): ComparisonSet {
  const ids = input.indicators.map((i) => i.id);
  const structureIds = STRUCTURE_VARIABLES.map((v) => v.id);
  const set: ComparisonSet = { year: input.year, indicators: ids, structure: {}, spread: {}, areas: [] };
  const byKind = new Map<RegionKind, string[]>();
  for (const area of input.areas) {
    const kind = kindOfCode(area);
    if (kind) (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(area);
  }
  const evaluate = (area: string, id: string) => evaluateIndicator(id, input.year, input.catalogue, (v, y) => input.lookup(area, v, y));

  for (const [kind, areas] of byKind) {
    const n = areas.length;
    const columns = ids.map(() => new Float64Array(n));
    const unknown = areas.map(() => new Array<UnknownReason | null>(ids.length).fill(null));
    const done = new Map<string, number>();
    // Measured indicators first, so that derived ones find their inputs of the year in the columns.
    const order = ids.map((id, c) => [id, c] as const).sort(([a], [b]) => Number(Boolean(input.catalogue.get(a)?.derivation)) - Number(Boolean(input.catalogue.get(b)?.derivation)));
    for (const [id, c] of order) {
      const fast = input.catalogue.get(id)?.derivation ? null : input.column?.(id, areas) ?? null;
      if (fast) {
        columns[c]!.set(fast.values);
        for (let a = 0; a < n; a++) unknown[a]![c] = fast.unknown[a]!;
        done.set(id, c);
        continue;
      }
      for (let a = 0; a < n; a++) {
        const v = evaluateIndicator(id, input.year, input.catalogue, (variable, y) => {
          const k = y === input.year ? done.get(variable) : undefined;
          if (k === undefined) return input.lookup(areas[a]!, variable, y);
          const value = columns[k]![a]!;
          return Number.isNaN(value) ? { value: null, unknown: unknown[a]![k] ?? 'missing' } : { value, unknown: null };
        });
        columns[c]![a] = v.unknown === null ? v.value : Number.NaN;
        unknown[a]![c] = v.unknown;
      }
      done.set(id, c);
    }
    const comparisons: AreaComparison[] = areas.map((area, a) => ({
      area, kind, values: new Float64Array(ids.length), unknown: unknown[a]!,
      national: null, municipal: null, neighbourMedian: null, neighbourKnown: null, neighbours: [],
    }));
    for (let a = 0; a < n; a++) for (let c = 0; c < ids.length; c++) comparisons[a]!.values[c] = columns[c]![a]!;
    set.areas.push(...comparisons);
    if (!RANKED_KINDS.includes(kind)) continue;

    // Ranks: one sort per indicator gives national and within-municipality ranks.
    const groupOf = new Map<string, number>();
    const groups = Int32Array.from(areas, (area) => {
      const m = municipalityOfCode(area) ?? '';
      return groupOf.get(m) ?? groupOf.set(m, groupOf.size).get(m)!;
    });
    const withinMunicipality = kind !== 'municipality';
    for (const c of comparisons) {
      if (input.national) c.national = { rank: new Int32Array(ids.length), percentile: new Float64Array(ids.length) };
      if (withinMunicipality) c.municipal = { rank: new Int32Array(ids.length), percentile: new Float64Array(ids.length), count: new Int32Array(ids.length) };
    }
    const spread: IndicatorSpread[] = [];
    columns.forEach((column, c) => {
      const ranks = percentileRanks(column, groups, groupOf.size);
      let sum = 0;
      for (let a = 0; a < n; a++) if (!Number.isNaN(column[a]!)) sum += column[a]!;
      const mean = ranks.count ? sum / ranks.count : null;
      let squares = 0;
      if (mean !== null) for (let a = 0; a < n; a++) if (!Number.isNaN(column[a]!)) squares += (column[a]! - mean) ** 2;
      spread.push({ known: ranks.count, unknown: ranks.unknown, mean, sd: mean === null ? null : Math.sqrt(squares / ranks.count) });
      for (let a = 0; a < n; a++) {
        const compared = comparisons[a]!;
        if (compared.national) { compared.national.rank[c] = ranks.rank[a]!; compared.national.percentile[c] = ranks.percentile[a]!; }
        if (compared.municipal) {
          compared.municipal.rank[c] = ranks.groupRank[a]!;
          compared.municipal.percentile[c] = ranks.groupPercentile[a]!;
          compared.municipal.count[c] = ranks.groupCount[groups[a]!]!;
        }
      }
    });
    set.spread[kind] = spread;
    if (!input.national) continue;

    // Similar areas on the structure figures, and per indicator the median of what they know.
    const structureColumns = STRUCTURE_VARIABLES.map(({ id }) => {
      const c = ids.indexOf(id);
      if (c >= 0) return columns[c]!;
      return Float64Array.from(areas, (area) => { const v = evaluate(area, id); return v.unknown === null ? v.value : Number.NaN; });
    });
    const standardised = standardise(structureColumns, STRUCTURE_VARIABLES.map((v) => v.scale), n);
    set.structure[kind] = standardised.used.map((c) => structureIds[c]!);
    if (standardised.d < MIN_STRUCTURE_FIGURES) continue;
    const found = nearestNeighbours(standardised, input.neighbours);
    const known = new Float64Array(found.k);
    // A neighbour's figures are read as one row (its comparison's values), not one read per
    // indicator scattered over the columns.
    const m = ids.length;
    const gathered = new Float64Array(found.k * m);
    for (let a = 0; a < n; a++) {
      const compared = comparisons[a]!;
      for (let r = 0; r < found.k; r++) {
        const j = found.index[a * found.k + r]!;
        if (j < 0) break;
        compared.neighbours.push({
          code: areas[j]!, distance: found.distance[a * found.k + r]!,
          closest: closestDimensions(standardised.z, standardised.d, a, j, 3).map((k) => ({ id: set.structure[kind]![k]!, value: structureColumns[standardised.used[k]!]![j]! })),
        });
      }
      if (compared.neighbours.length === 0) continue;
      compared.neighbourMedian = new Float64Array(m).fill(Number.NaN);
      compared.neighbourKnown = new Uint8Array(m);
      const neighbours = compared.neighbours.length;
      for (let r = 0; r < neighbours; r++) {
        const j = found.index[a * found.k + r]!;
        gathered.set(comparisons[j]!.values, r * m);
      }
      for (let c = 0; c < m; c++) {
        let count = 0;
        for (let r = 0; r < neighbours; r++) {
          const v = gathered[r * m + c]!;
          if (!Number.isNaN(v)) known[count++] = v;
        }
        compared.neighbourKnown[c] = count;
        if (count >= MIN_NEIGHBOURS_FOR_MEDIAN) compared.neighbourMedian[c] = medianOf(known, count);
      }
    }
  }
  return set;
}
