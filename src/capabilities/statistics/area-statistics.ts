import type { Db } from '../../platform/db/connect.js';
import { memoPerDatabase } from '../../platform/lru.js';
import { NATIONAL_INDICATORS } from './catalogue.js';
import { advantage, isStrength, municipalityOfCode, STRUCTURE_IDS, type IndicatorSpread } from './compare.js';
import { decodeArea, type PackedArea } from './comparisons.js';
import { known, NETHERLANDS_CODE, THEMES, unknownValue, type Indicator, type RegionKind, type StatValue, type Theme } from './model.js';
import { statisticsState, type StatisticsState } from './state.js';
import { comparisonRows, comparisonSetsVisibleTo, ownIndicators, type ComparisonSetRow } from './store.js';

/**
 * What an area's statistics page and the open-data API read: everything was computed at import
 * (comparisons.ts), so a page is two indexed queries — the comparison sets visible to the
 * municipality, and the packed rows of the area, its municipality and the Netherlands in all years —
 * and no ranking per request. Reading and computing are apart: `loadAreaFigures` reads once, and
 * `statisticsOf` and `similarOf` compute from what it read, so a page that shows both reads once;
 * `areaStatistics` and `similarNeighbourhoods` do both for a single answer.
 */

export interface Ranking {
  /** 1 is the highest value; ties share a rank. */
  rank: number;
  /** Areas of the same kind with a known value. */
  count: number;
  /** 0–100, high is a high value whatever the polarity (see `betterThanShare` for "better than"). */
  percentile: number;
}

export interface IndicatorStatistics {
  indicator: Indicator;
  /** Whose figure: the national statistics, or the municipality's own data. */
  scope: 'national' | 'local';
  value: StatValue;
  municipality: StatValue | null;
  netherlands: StatValue | null;
  /** Among all areas of the same kind in the national data (null for the municipality's own figures and unknown values). */
  national: Ranking | null;
  /** Among the areas of the same kind in the municipality. */
  municipal: Ranking | null;
  /** The value in every year with figures, oldest first. */
  trend: Array<{ year: number; value: StatValue }>;
  /** Compared with the similar areas ("buurten zoals deze"): their median, how many of them know it, and the advantage in standard deviations (positive is better; null for neutral indicators). */
  similar: { median: number; known: number; advantage: number | null } | null;
  /** Better than the similar areas by at least half a standard deviation (polarity-aware; never for neutral or size-dependent counts). */
  strength: boolean;
}

export interface StatisticsSource {
  source: string;
  year: number;
  importId: string;
  scope: 'national' | 'local';
}

export interface AreaStatistics {
  areaCode: string;
  kind: RegionKind;
  municipalityCode: string | null;
  year: number;
  /** Years with figures for this area, oldest first. */
  years: number[];
  /** Themes in catalogue order, each with its indicators in catalogue order. */
  themes: Array<{ theme: Theme; indicators: IndicatorStatistics[] }>;
  /** The strengths, largest advantage first. */
  strengths: string[];
  /** The structure figures similar areas were found on. */
  comparedOn: string[];
  sources: StatisticsSource[];
}

interface YearSets {
  national: ComparisonSetRow | null;
  local: ComparisonSetRow | null;
}

interface Entry {
  scope: 'national' | 'local';
  value: StatValue;
  municipal: Ranking | null;
  median: number | null;
  medianKnown: number;
}

/** The sets and packed rows of some areas in every year, and how to read one figure from them. */
export class Loaded {
  private readonly rows = new Map<string, PackedArea>();
  private readonly columns = new Map<number, Map<string, number>>();
  readonly byYear = new Map<number, YearSets>();

  constructor(sets: readonly ComparisonSetRow[], rows: ReadonlyArray<{ setId: number; areaCode: string; data: string }>) {
    for (const set of sets) {
      const slot = this.byYear.get(set.year) ?? { national: null, local: null };
      if (set.municipalityId === null) slot.national = set; else slot.local = set;
      this.byYear.set(set.year, slot);
      this.columns.set(set.id, new Map(set.indicators.map((id, c) => [id, c])));
    }
    for (const r of rows) this.rows.set(`${r.setId}|${r.areaCode}`, decodeArea(r.data));
  }

  row(set: ComparisonSetRow | null, area: string): PackedArea | null {
    return set ? this.rows.get(`${set.id}|${area}`) ?? null : null;
  }

  has(year: number, area: string): boolean {
    const sets = this.byYear.get(year);
    return Boolean(sets && (this.row(sets.national, area) || this.row(sets.local, area)));
  }

  yearsOf(area: string): number[] {
    return [...this.byYear.keys()].filter((y) => this.has(y, area)).sort((a, b) => a - b);
  }

  entry(year: number, area: string, id: string): Entry | null {
    const sets = this.byYear.get(year);
    if (!sets) return null;
    const local = this.row(sets.local, area);
    const localColumn = sets.local ? this.columns.get(sets.local.id)!.get(id) : undefined;
    if (local && localColumn !== undefined && local.overrides?.includes(localColumn)) return read(local, localColumn, 'local');
    const national = this.row(sets.national, area);
    const column = sets.national ? this.columns.get(sets.national.id)!.get(id) : undefined;
    if (national && column !== undefined) return read(national, column, 'national');
    return null;
  }
}

function read(row: PackedArea, c: number, scope: 'national' | 'local'): Entry {
  const v = row.values[c];
  const value = v === null || v === undefined ? unknownValue(row.unknown[c] ?? 'missing') : known(v);
  const ranking = (rank: number | undefined, percentile: number | null | undefined, count: number | undefined): Ranking | null =>
    rank && percentile !== null && percentile !== undefined && count ? { rank, count, percentile } : null;
  return {
    scope, value,
    municipal: row.municipal ? ranking(row.municipal.rank[c], row.municipal.percentile[c], row.municipal.count[c]) : null,
    median: row.neighbourMedian?.[c] ?? null,
    medianKnown: row.neighbourKnown?.[c] ?? 0,
  };
}

/**
 * What was read for some areas once, to compute from: the comparison sets visible to the
 * municipality (also the fingerprint of its statistics, see index-scores-cache.ts), the areas'
 * packed rows in every year, the municipality's own indicators, and the catalogue the figures are
 * shown in (the municipality's own indicators only when it has a set of its own).
 */
export interface AreaFigures {
  readonly municipalityId: string | null;
  readonly areaCodes: readonly string[];
  readonly sets: readonly ComparisonSetRow[];
  readonly own: readonly Indicator[];
  readonly catalogue: readonly Indicator[];
  readonly loaded: Loaded;
}

/** The codes `statisticsOf` needs for an area: the area, its municipality and the Netherlands. */
export const figureCodesOf = (areaCode: string): string[] => [...new Set([areaCode, municipalityOfCode(areaCode) ?? areaCode, NETHERLANDS_CODE])];

/** Reads the figures of some areas in every year: one query for the visible sets, then the rows and the own indicators together. */
export async function loadAreaFigures(db: Db, municipalityId: string | null, areaCodes: readonly string[], read?: { sets: readonly ComparisonSetRow[]; own: readonly Indicator[] }): Promise<AreaFigures> {
  const sets = read?.sets ?? await comparisonSetsVisibleTo(db, municipalityId);
  const [rows, own] = await Promise.all([
    comparisonRows(db, sets.map((s) => s.id), areaCodes),
    read?.own ?? (municipalityId !== null ? ownIndicators(db, municipalityId) : Promise.resolve([])),
  ]);
  const catalogue = sets.some((s) => s.municipalityId !== null) ? [...NATIONAL_INDICATORS, ...own] : NATIONAL_INDICATORS;
  return { municipalityId, areaCodes: [...areaCodes], sets, own, catalogue, loaded: new Loaded(sets, rows) };
}

function requireAreas(figures: AreaFigures, codes: readonly string[]): void {
  const missing = codes.filter((c) => !figures.areaCodes.includes(c));
  if (missing.length) throw new Error(`Area figures were not loaded for ${missing.join(', ')}`);
}

function spreadOf(set: ComparisonSetRow | null, kind: RegionKind): Map<string, IndicatorSpread> {
  if (!set) return new Map();
  const spread = (JSON.parse(set.spreadJson) as Partial<Record<RegionKind, IndicatorSpread[]>>)[kind] ?? [];
  return new Map(set.indicators.map((id, c) => [id, spread[c]!]).filter(([, s]) => s !== undefined) as Array<[string, IndicatorSpread]>);
}

/** Size-dependent counts (residents, dwellings, …) are ranked, but not held against similar areas of another size. */
const comparable = (i: Indicator) => i.unit !== 'count' && !STRUCTURE_IDS.has(i.id);

/**
 * The statistics of an area in a year (default: the latest year with figures for it), as a
 * municipality sees them (null: national only): per indicator its value or unknown (with the
 * reason), the municipality's and the Netherlands' values, the rank and percentile nationally and
 * within the municipality, the trend over the years, and how it compares with similar areas.
 * Null when there are no figures for the area in that year.
 */
export async function areaStatistics(db: Db, municipalityId: string | null, areaCode: string, year?: number): Promise<AreaStatistics | null> {
  return statisticsOf(await loadAreaFigures(db, municipalityId, figureCodesOf(areaCode)), areaCode, year);
}

/** `areaStatistics` from figures read already (loaded for at least `figureCodesOf(areaCode)`). */
export function statisticsOf(figures: AreaFigures, areaCode: string, year?: number): AreaStatistics | null {
  requireAreas(figures, figureCodesOf(areaCode));
  const municipalityCode = municipalityOfCode(areaCode);
  const { loaded, catalogue } = figures;
  const years = loaded.yearsOf(areaCode);
  const chosen = year ?? years[years.length - 1];
  if (chosen === undefined || !years.includes(chosen)) return null;
  const sets = loaded.byYear.get(chosen)!;
  const kind = (loaded.row(sets.national, areaCode) ?? loaded.row(sets.local, areaCode))!.kind;
  const spread = spreadOf(sets.national, kind);
  const nationalRow = loaded.row(sets.national, areaCode);
  const nationalColumns = new Map((sets.national?.indicators ?? []).map((id, c) => [id, c]));

  const strengths: Array<[string, number]> = [];
  const shown = catalogue.map((indicator): IndicatorStatistics => {
    const entry = loaded.entry(chosen, areaCode, indicator.id);
    const value = entry?.value ?? unknownValue('missing');
    let national: Ranking | null = null;
    const c = nationalColumns.get(indicator.id);
    if (entry?.scope === 'national' && nationalRow?.national && c !== undefined) {
      const rank = nationalRow.national.rank[c];
      const percentile = nationalRow.national.percentile[c];
      const count = spread.get(indicator.id)?.known;
      if (rank && percentile !== null && percentile !== undefined && count) national = { rank, count, percentile };
    }
    let similar: IndicatorStatistics['similar'] = null;
    let strength = false;
    if (entry?.scope === 'national' && entry.median !== null && value.unknown === null && comparable(indicator)) {
      const sd = spread.get(indicator.id)?.sd ?? 0;
      const better = advantage(indicator.polarity, value.value, entry.median, sd);
      similar = { median: entry.median, known: entry.medianKnown, advantage: better === null ? null : Math.round(better * 100) / 100 };
      strength = isStrength(indicator.polarity, value.value, entry.median, sd);
      if (strength) strengths.push([indicator.id, better!]);
    }
    return {
      indicator, scope: entry?.scope ?? 'national', value,
      municipality: municipalityCode && municipalityCode !== areaCode ? loaded.entry(chosen, municipalityCode, indicator.id)?.value ?? null : null,
      netherlands: loaded.entry(chosen, NETHERLANDS_CODE, indicator.id)?.value ?? null,
      national, municipal: entry?.municipal ?? null,
      trend: years.map((y) => ({ year: y, value: loaded.entry(y, areaCode, indicator.id)?.value ?? unknownValue('missing') })),
      similar, strength,
    };
  });
  const themes = THEMES.map((theme) => ({ theme, indicators: shown.filter((f) => f.indicator.theme === theme) })).filter((t) => t.indicators.length > 0);
  const sources = [
    ...(sets.national?.sources ?? []).map((s) => ({ source: s.source, year: s.year, importId: s.importId, scope: 'national' as const })),
    ...(sets.local?.sources ?? []).filter((s) => s.municipalityId !== null).map((s) => ({ source: s.source, year: s.year, importId: s.importId, scope: 'local' as const })),
  ];
  return {
    areaCode, kind, municipalityCode, year: chosen, years, themes,
    strengths: strengths.sort((a, b) => b[1] - a[1]).map(([id]) => id),
    comparedOn: sets.national?.structure[kind] ?? [], sources,
  };
}

export interface SimilarArea {
  code: string;
  /** 1 is the most similar. */
  position: number;
  /** Euclidean distance over the standardised structure figures both know. */
  distance: number;
  /** The three structure figures on which the two are closest, side by side. */
  closest: Array<{ indicator: Indicator; value: StatValue; neighbourValue: number }>;
}

export interface SimilarAreas {
  areaCode: string;
  kind: RegionKind;
  year: number;
  comparedOn: Indicator[];
  neighbours: SimilarArea[];
  /** Where the area differs most from its similar areas, beyond the structure they were chosen on: largest difference first, in standard deviations. */
  differences: Array<{ indicator: Indicator; value: number; median: number; known: number; difference: number; better: boolean | null }>;
  sources: StatisticsSource[];
}

/**
 * "Buurten zoals deze": the areas of the same kind most similar to this one on population, age,
 * households, income and housing (computed at import), each explained by the figures on which
 * they are closest, and the indicators on which the area differs most from them.
 */
export async function similarNeighbourhoods(db: Db, municipalityId: string | null, areaCode: string, year?: number, limit = 10): Promise<SimilarAreas | null> {
  return similarOf(await loadAreaFigures(db, municipalityId, [areaCode]), areaCode, year, limit);
}

/** `similarNeighbourhoods` from figures read already (loaded for at least the area). */
export function similarOf(figures: AreaFigures, areaCode: string, year?: number, limit = 10): SimilarAreas | null {
  requireAreas(figures, [areaCode]);
  const { loaded, catalogue } = figures;
  const years = [...loaded.byYear].filter(([, s]) => loaded.row(s.national, areaCode)).map(([y]) => y).sort((a, b) => a - b);
  const chosen = year ?? years[years.length - 1];
  if (chosen === undefined || !years.includes(chosen)) return null;
  const sets = loaded.byYear.get(chosen)!;
  const row = loaded.row(sets.national, areaCode)!;
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const spread = spreadOf(sets.national, row.kind);
  const neighbours = row.neighbours.map((n, i): SimilarArea => ({
    code: n.code, position: i + 1, distance: n.distance,
    closest: n.closest.filter((c) => byId.has(c.id)).map((c) => ({
      indicator: byId.get(c.id)!, value: loaded.entry(chosen, areaCode, c.id)?.value ?? unknownValue('missing'), neighbourValue: c.value,
    })),
  }));
  const differences: SimilarAreas['differences'] = [];
  for (const indicator of catalogue) {
    const entry = loaded.entry(chosen, areaCode, indicator.id);
    const sd = spread.get(indicator.id)?.sd ?? 0;
    if (!entry || entry.scope !== 'national' || entry.median === null || entry.value.unknown !== null || !comparable(indicator) || !(sd > 0)) continue;
    const better = advantage(indicator.polarity, entry.value.value, entry.median, sd);
    differences.push({
      indicator, value: entry.value.value, median: entry.median, known: entry.medianKnown,
      difference: Math.round(((entry.value.value - entry.median) / sd) * 100) / 100, better: better === null ? null : better > 0,
    });
  }
  differences.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.indicator.id.localeCompare(b.indicator.id));
  return {
    areaCode, kind: row.kind, year: chosen,
    comparedOn: (sets.national!.structure[row.kind] ?? []).map((id) => byId.get(id)).filter((i): i is Indicator => i !== undefined),
    neighbours, differences: differences.slice(0, limit),
    sources: sets.national!.sources.map((s) => ({ source: s.source, year: s.year, importId: s.importId, scope: 'national' as const })),
  };
}

/** What an area's statistics page and open data show of it in a year, with what it was computed from. */
export interface AreaView {
  /** The visible comparison sets and own indicators the view was computed from (read when it was computed: the state of `fingerprint` or later). */
  sets: readonly ComparisonSetRow[];
  own: readonly Indicator[];
  /** The statistics state it is kept under (state.ts): equal fingerprints, equal figures. */
  fingerprint: string;
  stats: AreaStatistics | null;
  similar: SimilarAreas | null;
}

/** Views kept per database: a hundred figures over ten years of a popular area are assembled once per change, not per request. */
const AREA_VIEWS = 512;
const viewsOf = memoPerDatabase<Omit<AreaView, 'fingerprint'>>(AREA_VIEWS);

/**
 * The statistics of an area in a year (default: its latest) and its similar areas, as
 * `statisticsOf` and `similarOf` compute them. Everything shown was computed at import; assembling
 * it for an area (reading and unpacking its rows of every year, the municipality's and the
 * Netherlands') is kept per area and year under the statistics state of the municipality (state.ts:
 * the visible comparison sets, which every import replaces for the years it touches, and the own
 * indicators), read for every request in one query — or passed in, read with the rest of a page's
 * state — so a new import is shown at once. Only a changed state reads the sets and rows themselves.
 */
export async function areaView(db: Db, municipalityId: string | null, areaCode: string, year?: number, state?: StatisticsState): Promise<AreaView> {
  const { fingerprint } = state ?? await statisticsState(db, municipalityId);
  const view = await viewsOf(db).get(`${municipalityId}|${areaCode}|${year ?? ''}`, fingerprint, async () => {
    const figures = await loadAreaFigures(db, municipalityId, figureCodesOf(areaCode));
    const stats = statisticsOf(figures, areaCode, year);
    return { sets: figures.sets, own: figures.own, stats, similar: stats ? similarOf(figures, areaCode, stats.year) : null };
  });
  return { fingerprint, ...view };
}

/**
 * One indicator of many areas in a year, as the municipality sees it (the map): every area's value or
 * unknown with the reason ("missing" where there is no row), from the same two indexed queries.
 * `years` are the years with a comparison set; null when the year has none.
 */
export async function indicatorAcrossAreas(db: Db, municipalityId: string | null, areaCodes: readonly string[], indicatorId: string, year?: number): Promise<{ year: number; years: number[]; values: Map<string, StatValue> } | null> {
  const { loaded } = await loadAreaFigures(db, municipalityId, areaCodes);
  const years = [...loaded.byYear.keys()].sort((a, b) => a - b);
  const chosen = year ?? years[years.length - 1];
  if (chosen === undefined || !years.includes(chosen)) return null;
  return { year: chosen, years, values: new Map(areaCodes.map((code) => [code, loaded.entry(chosen, code, indicatorId)?.value ?? unknownValue('missing')])) };
}
