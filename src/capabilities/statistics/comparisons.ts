import type { Db } from '../../platform/db/connect.js';
import { nowIso } from '../../platform/db/helpers.js';
import { NATIONAL_INDICATORS } from './catalogue.js';
import { computeComparisonSet, municipalityOfCode, type AreaComparison, type ComparisonSet } from './compare.js';
import { registerPostImportStep, type PostImportStep } from './import-service.js';
import { evaluateIndicator, inputsOf, known, unknownValue, type Indicator, type RegionKind, type StatValue, type UnknownReason } from './model.js';
import {
  datasetsOfScope, deleteComparisonSet, ownIndicators, packedValues, replaceComparisonSet, type DatasetRow, type ValueRow,
} from './store.js';

/**
 * Comparisons are computed at import, in the import's transaction (a post-import step), never per
 * request: per year one national set (every area's values, derived indicators included, ranks and
 * percentiles per kind nationally and within its municipality, similar areas and their medians)
 * and, for a municipality with data of its own that year, a local set over its areas (its own
 * figures laid over the national ones, ranked within the municipality only). A national import
 * replaces the national set of its years and recomputes the local sets of those years; a local
 * import its own. Change indicators of a later year look back to an earlier one, so the sets of
 * the later years that look back to an imported year are recomputed as well (`compareChangedYears`).
 * The rows are packed per area (one JSON text each) — see `encodeArea`.
 */

// ---- packing ------------------------------------------------------------------------------

/** Six decimals: exact for every figure CBS publishes (at most three); derived shares lose only noise. */
const sixDecimals = (v: number) => (Number.isInteger(v) || Number.isNaN(v) ? v : Math.round(v * 1e6) / 1e6);
const tidy = (v: number) => (Number.isNaN(v) ? null : sixDecimals(v));
/** Figures as they are kept: to six decimals, NaN where unknown. */
function tidied(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = sixDecimals(values[i]!);
  return out;
}
const fromTenths = (list: ArrayLike<number | null>) => Array.from(list, (v) => (v === null || v < 0 ? null : v / 10));

/** What one area's row holds, unpacked. Arrays follow the set's indicator order. */
export interface PackedArea {
  kind: RegionKind;
  values: Array<number | null>;
  unknown: Record<number, UnknownReason>;
  national: { rank: number[]; percentile: Array<number | null> } | null;
  municipal: { rank: number[]; percentile: Array<number | null>; count: number[] } | null;
  neighbourMedian: Array<number | null> | null;
  neighbourKnown: number[] | null;
  neighbours: Array<{ code: string; distance: number; closest: Array<{ id: string; value: number }> }>;
  /** Local sets: the indicators whose value differs from the national figures (the municipality's own). */
  overrides: number[] | null;
}

/** How many similar areas know each figure: nearly always all of them, so only the others are written ({ column: count }). */
function exceptions(known: Uint8Array, all: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (let c = 0; c < known.length; c++) if (known[c] !== all) out[c] = known[c]!;
  return out;
}

// The arrays of a row (an entry per indicator) are written as the bytes of typed arrays, base64
// in the JSON text: writing a million numbers as decimal text was the dearest part of an import.
// Bytes are little-endian on every machine (swapped where the machine is not).
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
type Typed = Float64Array | Int32Array | Int16Array;

function toBase64(array: Typed): string {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  if (LITTLE_ENDIAN) return bytes.toString('base64');
  const copy = Buffer.from(bytes);
  if (array.BYTES_PER_ELEMENT === 8) copy.swap64(); else if (array.BYTES_PER_ELEMENT === 4) copy.swap32(); else copy.swap16();
  return copy.toString('base64');
}

function fromBase64<T extends Typed>(text: string, Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, 'base64');
  if (!LITTLE_ENDIAN) { if (Type.BYTES_PER_ELEMENT === 8) bytes.swap64(); else if (Type.BYTES_PER_ELEMENT === 4) bytes.swap32(); else bytes.swap16(); }
  // A copy of its own: the decoded bytes may sit at any offset of a shared pool, typed arrays need alignment.
  return new Type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** Percentiles in whole tenths (0–1000), −1 where unknown. */
function tenths(percentile: Float64Array): Int16Array {
  const out = new Int16Array(percentile.length);
  for (let i = 0; i < percentile.length; i++) out[i] = Number.isNaN(percentile[i]!) ? -1 : Math.round(percentile[i]! * 10);
  return out;
}

const nullForNaN = (list: ArrayLike<number>) => Array.from(list, (v) => (Number.isNaN(v) ? null : v));

export function encodeArea(area: AreaComparison, overrides: number[] | null = null): string {
  const unknown: Record<number, UnknownReason> = {};
  area.unknown.forEach((u, i) => { if (u !== null) unknown[i] = u; });
  // Written piece by piece: base64 needs no escaping, and JSON.stringify would scan 5 KB of it per row.
  let text = `{"k":${JSON.stringify(area.kind)},"v":"${toBase64(tidied(area.values))}","u":${JSON.stringify(unknown)}`;
  if (area.national) text += `,"r":"${toBase64(area.national.rank)}","pt":"${toBase64(tenths(area.national.percentile))}"`;
  if (area.municipal) text += `,"mr":"${toBase64(area.municipal.rank)}","mpt":"${toBase64(tenths(area.municipal.percentile))}","mc":"${toBase64(area.municipal.count)}"`;
  if (area.neighbourMedian) text += `,"nm":"${toBase64(tidied(area.neighbourMedian))}","nkx":${JSON.stringify(exceptions(area.neighbourKnown!, area.neighbours.length))}`;
  if (area.neighbours.length) text += `,"nb":${JSON.stringify(area.neighbours.map((n) => [n.code, Math.round(n.distance * 1000) / 1000, n.closest.map((c) => [c.id, tidy(c.value)])]))}`;
  if (overrides) text += `,"o":${JSON.stringify(overrides)}`;
  return `${text}}`;
}

type Written<T> = T | string;

/**
 * One row unpacked. Rows written before the arrays were kept as bytes have them as JSON arrays
 * (values and medians with null for unknown; percentiles as tenths `pt`, or earlier as decimals `p`;
 * the similar areas' counts as exceptions `nkx`, or earlier every count `nk`): all are read.
 */
export function decodeArea(data: string): PackedArea {
  const d = JSON.parse(data) as {
    k: RegionKind; v: Written<Array<number | null>>; u: Record<string, UnknownReason>; r?: Written<number[]>; pt?: Written<Array<number | null>>; p?: Array<number | null>;
    mr?: Written<number[]>; mpt?: Written<Array<number | null>>; mp?: Array<number | null>; mc?: Written<number[]>; nm?: Written<Array<number | null>>; nk?: number[];
    nkx?: Record<string, number>; nb?: Array<[string, number, Array<[string, number]>]>; o?: number[];
  };
  const floats = (x: Written<Array<number | null>>) => (typeof x === 'string' ? nullForNaN(fromBase64(x, Float64Array)) : x);
  const ints = (x: Written<number[]>) => (typeof x === 'string' ? Array.from(fromBase64(x, Int32Array)) : x);
  const percentiles = (t: Written<Array<number | null>> | undefined, decimals: Array<number | null> | undefined) =>
    (t === undefined ? decimals! : fromTenths(typeof t === 'string' ? fromBase64(t, Int16Array) : t));
  const medians = d.nm === undefined ? null : floats(d.nm);
  return {
    kind: d.k, values: floats(d.v), unknown: d.u as Record<number, UnknownReason>,
    national: d.r ? { rank: ints(d.r), percentile: percentiles(d.pt, d.p) } : null,
    municipal: d.mr ? { rank: ints(d.mr), percentile: percentiles(d.mpt, d.mp), count: ints(d.mc!) } : null,
    neighbourMedian: medians,
    neighbourKnown: d.nk ?? (medians && d.nkx ? medians.map((_, c) => d.nkx![c] ?? (d.nb ?? []).length) : null),
    neighbours: (d.nb ?? []).map(([code, distance, closest]) => ({ code, distance, closest: closest.map(([id, value]) => ({ id, value })) })),
    overrides: d.o ?? null,
  };
}

// ---- values in memory ---------------------------------------------------------------------

const REASONS: readonly UnknownReason[] = ['missing', 'secret', 'not-applicable'];

/** Values per year and area in typed arrays (a national year is 1.1 million values): the lookup evaluateIndicator needs. */
class ValueIndex {
  private readonly variables = new Map<string, number>();
  private readonly years = new Map<number, Map<string, { values: Float64Array; reasons: Uint8Array }>>();

  constructor(variableIds: Iterable<string>) {
    for (const id of variableIds) if (!this.variables.has(id)) this.variables.set(id, this.variables.size);
  }

  add(year: number, rows: readonly ValueRow[], overwrite = true): void {
    this.lastRows = null;
    let areas = this.years.get(year);
    if (!areas) this.years.set(year, areas = new Map());
    const size = this.variables.size;
    for (const r of rows) {
      const k = this.variables.get(r.variable);
      if (k === undefined) continue;
      let row = areas.get(r.area);
      if (!row) areas.set(r.area, row = { values: new Float64Array(size).fill(Number.NaN), reasons: new Uint8Array(size) });
      if (!overwrite && (row.reasons[k] !== 0 || !Number.isNaN(row.values[k]!))) continue;
      row.values[k] = r.value ?? Number.NaN;
      row.reasons[k] = r.unknown === null ? 0 : REASONS.indexOf(r.unknown) + 1;
    }
  }

  /**
   * Adds the stored values of some datasets of a year, read packed (see `packValues` in store.ts):
   * one JSON text per area, unpacked straight into the arrays. `only`: just these variables.
   */
  async addStored(tx: Db, year: number, datasets: ReadonlyArray<Pick<DatasetRow, 'id' | 'variables'>>, options: { only?: readonly string[]; municipalityCode?: string; overwrite?: boolean } = {}): Promise<void> {
    if (datasets.length === 0) return;
    this.lastRows = null;
    let areas = this.years.get(year);
    if (!areas) this.years.set(year, areas = new Map());
    const only = options.only ? new Set(options.only) : null;
    const overwrite = options.overwrite ?? true;
    // Per dataset: the index column of each of its variables, or -1 where it is not wanted.
    const columns = new Map(datasets.map((d) => [d.id, d.variables.map((v) => (only && !only.has(v) ? -1 : this.variables.get(v) ?? -1))]));
    const size = this.variables.size;
    for (const stored of await packedValues(tx, datasets.map((d) => d.id), { municipalityCode: options.municipalityCode })) {
      const map = columns.get(stored.datasetId)!;
      const packed = JSON.parse(stored.data) as Array<number | UnknownReason | null>;
      let row = areas.get(stored.area);
      for (let k = 0; k < packed.length; k++) {
        const v = packed[k] ?? null;
        const c = map[k]!;
        if (v === null || c < 0) continue;
        if (!row) areas.set(stored.area, row = { values: new Float64Array(size).fill(Number.NaN), reasons: new Uint8Array(size) });
        if (!overwrite && (row.reasons[c] !== 0 || !Number.isNaN(row.values[c]!))) continue;
        if (typeof v === 'number') { row.values[c] = v; row.reasons[c] = 0; } else { row.values[c] = Number.NaN; row.reasons[c] = REASONS.indexOf(v) + 1; }
      }
    }
  }

  areas(year: number): string[] {
    return [...(this.years.get(year)?.keys() ?? [])].sort();
  }

  /** The rows of the last areas asked for, in their order: asked for once per kind, then per variable (forgotten when values are added). */
  private lastRows: { year: number; areas: readonly string[]; rows: Array<{ values: Float64Array; reasons: Uint8Array } | undefined> } | null = null;

  private rowsOf(year: number, areas: readonly string[]) {
    if (this.lastRows?.year !== year || this.lastRows.areas !== areas) {
      const table = this.years.get(year);
      this.lastRows = { year, areas, rows: areas.map((area) => table?.get(area)) };
    }
    return this.lastRows.rows;
  }

  /** The values of a variable for some areas in a year, NaN where unknown, with the reasons. */
  column = (year: number, variable: string, areas: readonly string[]): { values: Float64Array; unknown: Array<UnknownReason | null> } | null => {
    const k = this.variables.get(variable);
    if (k === undefined || !this.years.has(year)) return null;
    const rows = this.rowsOf(year, areas);
    const values = new Float64Array(areas.length);
    const unknown = new Array<UnknownReason | null>(areas.length);
    for (let a = 0; a < rows.length; a++) {
      const row = rows[a];
      const v = row ? row.values[k]! : Number.NaN;
      values[a] = v;
      unknown[a] = Number.isNaN(v) ? REASONS[(row?.reasons[k] ?? 1) - 1] ?? 'missing' : null;
    }
    return { values, unknown };
  };

  lookup = (area: string, variable: string, year: number): StatValue => {
    const row = this.years.get(year)?.get(area);
    const k = this.variables.get(variable);
    if (!row || k === undefined) return unknownValue('missing');
    const v = row.values[k]!;
    if (!Number.isNaN(v)) return known(v);
    return unknownValue(REASONS[row.reasons[k]! - 1] ?? 'missing');
  };
}

/** How many years back change indicators look, and which variables they need there. */
function lookBack(catalogue: readonly Indicator[]): { years: number[]; variables: string[] } {
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const years = new Set<number>();
  const variables = new Set<string>();
  const measuredInputs = (id: string, depth = 0): string[] => {
    const derivation = byId.get(id)?.derivation;
    if (!derivation || depth > 8) return [id];
    return inputsOf(derivation).flatMap((input) => measuredInputs(input, depth + 1));
  };
  for (const i of catalogue) {
    if (i.derivation?.kind !== 'change') continue;
    years.add(i.derivation.years);
    for (const v of measuredInputs(i.derivation.of)) variables.add(v);
  }
  return { years: [...years].sort((a, b) => a - b), variables: [...variables].sort() };
}

function sourcesOf(datasets: readonly DatasetRow[]) {
  return datasets.map((d) => ({ source: d.source, year: d.year, importId: d.importId, municipalityId: d.municipalityId }));
}

function setRows(set: ComparisonSet, overrides?: Map<string, number[]>): Array<{ area: string; data: string }> {
  return set.areas.map((a) => ({ area: a.area, data: encodeArea(a, overrides?.get(a.area) ?? (overrides ? [] : null)) }));
}

// ---- computing ----------------------------------------------------------------------------

/** The national set of a year; `fresh` are values this import has in memory already (not read back). */
export async function compareNationalYear(tx: Db, year: number, fresh: { id: number; rows: readonly ValueRow[] } | null, at = nowIso()): Promise<ComparisonSet | null> {
  const back = lookBack(NATIONAL_INDICATORS);
  const datasets = await datasetsOfScope(tx, null, [year]);
  if (datasets.length === 0) { await deleteComparisonSet(tx, null, year); return null; }
  const index = new ValueIndex(NATIONAL_INDICATORS.map((i) => i.id));
  if (fresh) index.add(year, fresh.rows);
  await index.addStored(tx, year, datasets.filter((d) => d.id !== fresh?.id));
  for (const y of back.years) await index.addStored(tx, year - y, await datasetsOfScope(tx, null, [year - y]), { only: back.variables });
  const catalogue = new Map(NATIONAL_INDICATORS.map((i) => [i.id, i]));
  const set = computeComparisonSet({
    year, areas: index.areas(year), indicators: NATIONAL_INDICATORS, catalogue, lookup: index.lookup, national: true,
    column: (variable, areas) => index.column(year, variable, areas),
  });
  await replaceComparisonSet(tx, { municipalityId: null, year, at, indicators: set.indicators, structure: set.structure, spread: set.spread, sources: sourcesOf(datasets) }, setRows(set));
  return set;
}

/**
 * A municipality's set of a year: its own figures first, then the national ones, over its own
 * areas only, ranked within the municipality. Each row names the indicators whose value differs
 * from the national figures (`overrides`); for the others the national set is the one to read.
 */
export async function compareLocalYear(tx: Db, municipalityId: string, year: number, at = nowIso()): Promise<ComparisonSet | null> {
  const own = await ownIndicators(tx, municipalityId);
  const catalogue = [...NATIONAL_INDICATORS, ...own];
  const back = lookBack(catalogue);
  const years = [year, ...back.years.map((y) => year - y)];
  const local = await datasetsOfScope(tx, municipalityId, years);
  if (!local.some((d) => d.year === year)) { await deleteComparisonSet(tx, municipalityId, year); return null; }
  const municipality = await tx.selectFrom('municipalities').select('cbs_code').where('id', '=', municipalityId).executeTakeFirstOrThrow();
  const national = await datasetsOfScope(tx, null, years);
  const ids = catalogue.map((i) => i.id);
  const both = new ValueIndex(ids);
  const nationalOnly = new ValueIndex(ids);
  const municipalityCode = municipality.cbs_code;
  for (const y of years) {
    const theirs = national.filter((d) => d.year === y);
    await both.addStored(tx, y, local.filter((d) => d.year === y), { municipalityCode });
    await both.addStored(tx, y, theirs, { municipalityCode, overwrite: false });
    await nationalOnly.addStored(tx, y, theirs, { municipalityCode });
  }
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const areas = both.areas(year).filter((a) => municipalityOfCode(a) === municipality.cbs_code);
  const set = computeComparisonSet({ year, areas, indicators: catalogue, catalogue: byId, lookup: both.lookup, national: false, column: (variable, list) => both.column(year, variable, list) });
  const same = (a: StatValue, b: StatValue) => (a.unknown === null ? b.unknown === null && tidy(a.value) === tidy(b.value) : a.unknown === b.unknown);
  const overrides = new Map(set.areas.map((a) => [a.area, ids.flatMap((id, c) => {
    const national = evaluateIndicator(id, year, byId, (v, y) => nationalOnly.lookup(a.area, v, y));
    const mine: StatValue = a.unknown[c] === null ? known(a.values[c]!) : unknownValue(a.unknown[c]!);
    return same(mine, national) ? [] : [c];
  })]));
  await replaceComparisonSet(tx, {
    municipalityId, year, at, indicators: set.indicators, structure: {}, spread: set.spread, sources: sourcesOf([...national, ...local].filter((d) => d.year === year)),
  }, setRows(set, overrides));
  return set;
}

/**
 * The later years whose change indicators look back to one of the changed years: year + k for k
 * among the look-back years, where that year exists, and not changed itself (it is computed
 * anyway); oldest first.
 */
export function dependentYears(changed: readonly number[], lookBackYears: readonly number[], existing: Iterable<number>): number[] {
  const wanted = new Set(changed.flatMap((y) => lookBackYears.map((k) => y + k)));
  for (const y of changed) wanted.delete(y);
  return [...new Set(existing)].filter((y) => wanted.has(y)).sort((a, b) => a - b);
}

const uniqueSorted = (years: Iterable<number>) => [...new Set(years)].sort((a, b) => a - b);

/**
 * The local sets to compute after the figures of some years changed: per municipality (only
 * `municipalityId` for a local change) the changed years it has data of its own in, then the later
 * years with data of its own whose change indicators — national or its own — look back to a
 * changed year. One query for the scope's years, one for each such municipality's own indicators.
 */
async function localYearsToCompare(tx: Db, municipalityId: string | null, changed: readonly number[]): Promise<Array<{ municipalityId: string; years: number[] }>> {
  const rows = await tx.selectFrom('statistic_datasets').select(['municipality_id', 'year']).distinct()
    .where('superseded_at', 'is', null).where('year', '>=', Math.min(...changed))
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is not', null) : eb('municipality_id', '=', municipalityId))).execute();
  const yearsOf = new Map<string, number[]>();
  for (const r of rows) yearsOf.set(r.municipality_id!, [...(yearsOf.get(r.municipality_id!) ?? []), Number(r.year)]);
  // A local change computes its own changed years even without data left (the set is then removed).
  if (municipalityId !== null && !yearsOf.has(municipalityId)) yearsOf.set(municipalityId, []);
  const out: Array<{ municipalityId: string; years: number[] }> = [];
  for (const [id, own] of [...yearsOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = municipalityId === null ? changed.filter((y) => own.includes(y)) : [...changed];
    const later = own.some((y) => y > Math.min(...changed))
      ? dependentYears(changed, lookBack([...NATIONAL_INDICATORS, ...await ownIndicators(tx, id)]).years, own)
      : [];
    if (first.length || later.length) out.push({ municipalityId: id, years: [...first, ...later] });
  }
  return out;
}

/**
 * Recomputes what depends on the figures of some years of one scope (national: null) after they
 * changed — imported, re-imported or removed: the sets of those years, then those of the later
 * years whose change indicators (growth over one year, over five years) look back to them, each
 * year once. A national change recomputes the national sets and the local sets laid over them; a
 * local change only that municipality's. At national scale a year costs seconds, so only years
 * that really depend on a changed one are computed. `fresh` are values an import has in memory.
 */
export async function compareChangedYears(
  tx: Db, municipalityId: string | null, years: readonly number[], fresh: ReadonlyMap<number, { id: number; rows: readonly ValueRow[] }> = new Map(), at = nowIso(),
): Promise<void> {
  const changed = uniqueSorted(years);
  if (changed.length === 0) return;
  if (municipalityId === null) {
    const back = lookBack(NATIONAL_INDICATORS).years;
    const candidates = dependentYears(changed, back, changed.flatMap((y) => back.map((k) => y + k)));
    const existing = (await datasetsOfScope(tx, null, candidates)).map((d) => d.year);
    for (const year of [...changed, ...dependentYears(changed, back, existing)]) await compareNationalYear(tx, year, fresh.get(year) ?? null, at);
  }
  for (const local of await localYearsToCompare(tx, municipalityId, changed)) {
    for (const year of local.years) await compareLocalYear(tx, local.municipalityId, year, at);
  }
}

export const compareAfterImport: PostImportStep = async (tx, imported) => {
  await compareChangedYears(tx, imported.municipalityId, imported.datasets.map((d) => d.year), new Map(imported.datasets.map((d) => [d.year, d])));
};

registerPostImportStep(compareAfterImport);
