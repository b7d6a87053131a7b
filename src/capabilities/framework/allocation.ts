/**
 * Population-based allocation (populatiebekostiging), issue 7: the pure core. No I/O, no tables:
 * the framework's store and pages are built around this module later.
 *
 * ## Units and exactness
 * Money is integer cents. Amounts per resident and per counted indicator unit may be fractional
 * cents, so they are given in MICROCENTS (millionths of a cent, integers). All arithmetic runs in
 * BigInt on exact rationals; no float ever decides an amount, so every run on every machine (and
 * later on SQLite or PostgreSQL, which only store the inputs) gives the same cents.
 *
 * ## The formula
 * score(area) = base × 1,000,000 + residents × perResident + Σ count(indicator) × weight(indicator)
 * (in microcents). The formula share is pot × score / Σ scores: the pot divided in proportion.
 *
 * ## Constraints and their precedence
 * The pot is exact, then floors, then caps, then the change limit. Every area gets integer bounds
 *   low  = max(floor, ⌈previous × (10000 − maxChangeBp) / 10000⌉)   (change limit only with a previous amount)
 *   high = min(cap,   ⌊previous × (10000 + maxChangeBp) / 10000⌋)
 * and the amounts are x(area) = clamp(t × score, low, high) for the one common factor t at which
 * they sum to the pot (the smallest such t): "water-filling". Areas below their bound are raised to
 * it and the others scaled down by the same factor; areas above their cap are cut and the excess
 * shared out by scaling the others up, and so on — all at once, so no order of passes can undo a
 * constraint and it terminates by construction (one sort of the 2n breakpoints t = low/score and
 * t = high/score and one sweep: O(n log n)).
 *
 * Parameters that cannot all hold are REFUSED (a returned `AllocationRefusal`, never a throw),
 * naming the first constraint in precedence order that cannot hold, and the area where one is to
 * blame: `input` (malformed numbers), `indicator` (an unknown count with no fallback), `floors`
 * (Σ floors > pot), `caps` (a cap below the area's floor, or Σ caps < pot), `changeLimit` (the
 * change band lies outside [floor, cap] for an area, or the bands cannot reach the pot), `formula`
 * (every area with room to take more scores zero, so nothing can absorb the rest of the pot).
 * `allocateTerm` adds `term` (term or phase-in length) and, for a refusal in one year, that `year`.
 *
 * ## Rounding
 * Largest remainder: every area gets ⌊x⌋; the cents still missing go one each to the largest
 * fractional parts, ties by area id (plain string order). Bounds are integers, so rounding never
 * breaks a floor, cap or change limit, and the sum is the pot to the cent.
 *
 * ## Unknown indicator counts (CBS suppresses small numbers)
 * A `null` count is taken from the area's last known year (`history`), else estimated as the
 * district's count × area residents / district residents, rounded to the nearest whole count
 * (halves up); the explanation line records the source. Without either: refused (`indicator`).
 *
 * ## Why this amount
 * `explanation` is a list of structured lines (a `kind` plus numbers, no text), in order: base,
 * residents, one per indicator (with its source), formulaShare, then floor / cap / changeLimit when
 * that bound decided the amount (or `scaled` when the others' bounds moved it), rounding, total.
 * In a phase-in year of a term the amounts' lines are phaseInTarget (the score in place of the
 * formula share), then the deciding bound or `scaled`, rounding, total. Pages render them in Dutch
 * and English.
 *
 * ## Multi-year (`allocateTerm`)
 * A term of 4 to 9 years. Year k's pot is the previous year's pot × (10000 + indexationBp) / 10000,
 * rounded half up to the cent. Each year is one `allocate` with the previous year's amounts as
 * `previous` (year 1: the input's `previous`, if any). Phase-in over `phaseInYears` (p) years from
 * current spending: in year k < p the target is, exactly,
 *   (1 − w) × current(area) × pot_k / Σ current + w × formula_k(area),   w = k / p
 * (formula_k: that year's bounded formula allocation, in cents), and from year p on the amounts
 * are the formula allocation itself. The target sums to the pot, but a blend need not respect the
 * bounds (current spending can lie below a floor, or far from last year's amount), so every
 * phase-in year runs the target back through the same bounded water-filling as the formula: the
 * target is the score, with that year's floors and caps and the change limit against the previous
 * year's amounts (year 1: the input's `previous`). So the pot is exact and floors, caps and the
 * change limit hold in EVERY year, in the same precedence; when they cannot, the term is refused
 * with the constraint named and `year` set (the checks are those of that year's formula
 * allocation, which runs first; `formula` here means every area with room for more has a target of
 * zero). Where no bound binds, the amount is the target, rounded by largest remainder.
 *
 * ## Scenarios (`compareScenarios`)
 * Per area both amounts, the difference in cents and in basis points of the first (rounded half
 * away from zero; null when the first is 0).
 */

export const MICROCENTS_PER_CENT = 1_000_000n;

export interface IndicatorHistoryEntry {
  year: number;
  count: number | null;
}

export interface AllocationArea {
  id: string;
  districtId?: string;
  residents: number;
  /** Count per indicator key; null when unknown (suppressed). Missing keys count as unknown. */
  indicators: Record<string, number | null>;
  /** Earlier years' counts per indicator key, for unknown values. */
  history?: Record<string, IndicatorHistoryEntry[]>;
  /** Per-area floor and cap in cents (override the general ones). */
  floor?: number;
  cap?: number;
}

export interface AllocationDistrict {
  id: string;
  residents: number;
  indicators: Record<string, number | null>;
}

export interface AllocationFormula {
  /** Cents per area. */
  baseCents: number;
  /** Microcents (1e-6 cent) per resident. */
  perResidentMicrocents: number;
  /** Microcents per counted unit, per indicator key. */
  weightsMicrocents: Record<string, number>;
  /** General floor and cap in cents (an area's own floor/cap overrides). */
  floorCents?: number;
  capCents?: number;
  /** Maximum change from the previous year, in basis points, up or down. */
  maxChangeBp?: number;
}

export interface AllocationInput {
  potCents: number;
  areas: AllocationArea[];
  districts?: AllocationDistrict[];
  formula: AllocationFormula;
  /** Last year's amount per area id (cents); areas without one have no change limit. */
  previous?: Record<string, number>;
}

export type IndicatorSource =
  | { source: 'reported' }
  | { source: 'lastKnownYear'; year: number }
  | { source: 'districtShare'; districtId: string; districtCount: number; districtResidents: number };

export type ExplanationLine =
  | { kind: 'base'; cents: number }
  | { kind: 'residents'; residents: number; perResidentMicrocents: number; microcents: string }
  | ({ kind: 'indicator'; indicator: string; count: number; weightMicrocents: number; microcents: string } & IndicatorSource)
  /** The pot divided in proportion to the scores, before any bound (exact, to 1/10,000 cent). */
  | { kind: 'formulaShare'; scoreMicrocents: string; totalScoreMicrocents: string; potCents: number; exactCents: string }
  /**
   * A phase-in year (allocateTerm): the target that took the place of the formula share as the
   * score, (p − step)/p × current spending scaled to the pot + step/p × the formula amount, exact.
   */
  | { kind: 'phaseInTarget'; phaseInStep: number; phaseInYears: number; currentCents: number; currentScaledExactCents: string; formulaCents: number; potCents: number; exactCents: string }
  | { kind: 'floor'; floorCents: number; fromExactCents: string }
  | { kind: 'cap'; capCents: number; fromExactCents: string }
  | { kind: 'changeLimit'; direction: 'down' | 'up'; previousCents: number; maxChangeBp: number; boundCents: number; fromExactCents: string }
  | { kind: 'scaled'; fromExactCents: string; toExactCents: string }
  | { kind: 'rounding'; exactCents: string; roundedCents: number; direction: 'up' | 'down' | 'none' }
  | { kind: 'total'; cents: number };

export interface AreaAllocation {
  areaId: string;
  cents: number;
  explanation: ExplanationLine[];
}

export interface AllocationResult {
  ok: true;
  potCents: number;
  /** In the order of the area ids (plain string order), whatever the input order. */
  areas: AreaAllocation[];
}

export type RefusedConstraint = 'input' | 'indicator' | 'floors' | 'caps' | 'changeLimit' | 'formula' | 'term';

export interface AllocationRefusal {
  ok: false;
  constraint: RefusedConstraint;
  areaId?: string;
  indicator?: string;
  /** allocateTerm: the year that cannot hold. */
  year?: number;
  /** A short English reason for logs and developers; pages use constraint/areaId. */
  detail: string;
}

// ---- helpers ------------------------------------------------------------------------------

const refuse = (constraint: RefusedConstraint, detail: string, extra: { areaId?: string; indicator?: string } = {}): AllocationRefusal => ({ ok: false, constraint, detail, ...extra });

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** ⌈a / b⌉ and ⌊a / b⌋ for a ≥ 0, b > 0. */
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** An exact non-negative rational n/d as a decimal string with four places (truncated). */
export function decimal(n: bigint, d: bigint): string {
  const scaled = (n * 10_000n) / d;
  const whole = scaled / 10_000n;
  const frac = (scaled % 10_000n).toString().padStart(4, '0');
  return `${whole}.${frac}`;
}

function resolveCount(area: AllocationArea, key: string, districts: Map<string, AllocationDistrict>): ({ count: number } & IndicatorSource) | null {
  const reported = area.indicators[key];
  if (isCount(reported)) return { count: reported, source: 'reported' };
  const history = (area.history?.[key] ?? []).filter((h) => isCount(h.count)).sort((a, b) => b.year - a.year);
  if (history[0]) return { count: history[0].count!, source: 'lastKnownYear', year: history[0].year };
  const district = area.districtId === undefined ? undefined : districts.get(area.districtId);
  const districtCount = district?.indicators[key];
  if (district && isCount(districtCount) && district.residents > 0) {
    // Nearest whole count, halves up: ⌊(2·dc·r + dr) / (2·dr)⌋.
    const dr = BigInt(district.residents);
    const estimate = (2n * BigInt(districtCount) * BigInt(area.residents) + dr) / (2n * dr);
    return { count: Number(estimate), source: 'districtShare', districtId: district.id, districtCount, districtResidents: district.residents };
  }
  return null;
}

interface Prepared {
  area: AllocationArea;
  score: bigint;
  low: bigint;
  high: bigint;
  lowFrom: 'floor' | 'changeLimit';
  highFrom: 'cap' | 'changeLimit';
  floor: bigint;
  cap: bigint | null;
  lines: ExplanationLine[];
}

// ---- allocate -----------------------------------------------------------------------------

/**
 * Divide the pot over the areas by the formula, within floors, caps and the change limit. Returns
 * the amounts with their explanations, or a refusal naming the constraint. Pure and deterministic:
 * the order of `areas` does not matter.
 */
export function allocate(input: AllocationInput): AllocationResult | AllocationRefusal {
  const ready = prepare(input);
  if (!ready.ok) return ready;
  const { prepared, pot } = ready;
  const totalScore = prepared.reduce((s, p) => s + p.score, 0n);
  const settled = settle(prepared, pot, input.previous, input.formula.maxChangeBp, (p) => {
    const exactCents = totalScore === 0n ? '0.0000' : decimal(pot * p.score, totalScore);
    return { line: { kind: 'formulaShare', scoreMicrocents: p.score.toString(), totalScoreMicrocents: totalScore.toString(), potCents: input.potCents, exactCents }, fromExactCents: exactCents };
  });
  if (!settled.ok) return settled;
  return { ok: true, potCents: input.potCents, areas: settled.areas };
}

/** Validation, scores with their explanation lines, floors and caps (no change limit yet). */
function prepare(input: AllocationInput): { ok: true; prepared: Prepared[]; pot: bigint } | AllocationRefusal {
  const { formula } = input;
  if (!isCount(input.potCents)) return refuse('input', 'the pot must be a whole, non-negative number of cents');
  if (input.areas.length === 0) return refuse('input', 'no areas');
  if (!isCount(formula.baseCents) || !isCount(formula.perResidentMicrocents)) return refuse('input', 'base and amount per resident must be whole, non-negative numbers');
  if (formula.maxChangeBp !== undefined && !isCount(formula.maxChangeBp)) return refuse('input', 'the change limit must be whole, non-negative basis points');
  if (formula.floorCents !== undefined && !isCount(formula.floorCents)) return refuse('input', 'the floor must be whole, non-negative cents');
  if (formula.capCents !== undefined && !isCount(formula.capCents)) return refuse('input', 'the cap must be whole, non-negative cents');
  const keys = Object.keys(formula.weightsMicrocents).sort(byId);
  for (const key of keys) if (!isCount(formula.weightsMicrocents[key])) return refuse('input', `weight of ${key} must be whole, non-negative microcents`, { indicator: key });

  const areas = input.areas.slice().sort((a, b) => byId(a.id, b.id));
  const seen = new Set<string>();
  for (const area of areas) {
    if (seen.has(area.id)) return refuse('input', `area ${area.id} appears twice`, { areaId: area.id });
    seen.add(area.id);
    if (!isCount(area.residents)) return refuse('input', `residents of ${area.id} must be a whole, non-negative number`, { areaId: area.id });
    if (area.floor !== undefined && !isCount(area.floor)) return refuse('input', `floor of ${area.id}`, { areaId: area.id });
    if (area.cap !== undefined && !isCount(area.cap)) return refuse('input', `cap of ${area.id}`, { areaId: area.id });
    const previous = input.previous?.[area.id];
    if (previous !== undefined && !isCount(previous)) return refuse('input', `previous amount of ${area.id}`, { areaId: area.id });
  }
  const districts = new Map((input.districts ?? []).map((d) => [d.id, d]));
  const pot = BigInt(input.potCents);

  // Scores and the formula's explanation lines.
  const prepared: Prepared[] = [];
  for (const area of areas) {
    const base = BigInt(formula.baseCents) * MICROCENTS_PER_CENT;
    const perResident = BigInt(area.residents) * BigInt(formula.perResidentMicrocents);
    const lines: ExplanationLine[] = [
      { kind: 'base', cents: formula.baseCents },
      { kind: 'residents', residents: area.residents, perResidentMicrocents: formula.perResidentMicrocents, microcents: perResident.toString() },
    ];
    let score = base + perResident;
    for (const key of keys) {
      const weight = formula.weightsMicrocents[key]!;
      const resolved = resolveCount(area, key, districts);
      if (!resolved) return refuse('indicator', `${key} of ${area.id} is unknown, with no earlier year and no district count`, { areaId: area.id, indicator: key });
      const amount = BigInt(resolved.count) * BigInt(weight);
      score += amount;
      lines.push({ kind: 'indicator', indicator: key, weightMicrocents: weight, microcents: amount.toString(), ...resolved });
    }
    const floor = BigInt(area.floor ?? formula.floorCents ?? 0);
    const capRaw = area.cap ?? formula.capCents;
    const cap = capRaw === undefined ? null : BigInt(capRaw);
    prepared.push({ area, score, floor, cap, low: floor, high: cap ?? pot, lowFrom: 'floor', highFrom: 'cap', lines });
  }
  return { ok: true, prepared, pot };
}

/**
 * The bounded part, shared by `allocate` (score = the formula) and the phase-in years of
 * `allocateTerm` (score = the year's phase-in target): refusals in precedence order (floors, caps,
 * change limit against `previous`), water-filling, largest remainder and the explanation lines from
 * the share line on (`share` gives each area's unbounded share line and its exact amount). Works on
 * fresh copies of the bounds, so `prepared` may be settled more than once.
 */
function settle(
  preparedIn: readonly Prepared[],
  pot: bigint,
  previousAmounts: Record<string, number> | undefined,
  maxChangeBp: number | undefined,
  share: (p: Prepared) => { line: ExplanationLine; fromExactCents: string },
): { ok: true; areas: AreaAllocation[] } | AllocationRefusal {
  const prepared = preparedIn.map((p) => ({ ...p }));
  // Refusals, in precedence order: floors, caps, change limit.
  const sumFloors = prepared.reduce((s, p) => s + p.floor, 0n);
  if (sumFloors > pot) return refuse('floors', `the floors add up to ${sumFloors} cents, more than the pot of ${pot}`);
  for (const p of prepared) if (p.cap !== null && p.cap < p.floor) return refuse('caps', `the cap of ${p.area.id} is below its floor`, { areaId: p.area.id });
  const sumCaps = prepared.reduce((s, p) => s + (p.cap ?? pot), 0n);
  if (sumCaps < pot) return refuse('caps', `the caps add up to ${sumCaps} cents, less than the pot of ${pot}`);
  if (maxChangeBp !== undefined) {
    const bp = BigInt(maxChangeBp);
    for (const p of prepared) {
      const previous = previousAmounts?.[p.area.id];
      if (previous === undefined) continue;
      const prev = BigInt(previous);
      const down = bp >= 10_000n ? 0n : ceilDiv(prev * (10_000n - bp), 10_000n);
      const up = (prev * (10_000n + bp)) / 10_000n;
      if (down > p.low) { p.low = down; p.lowFrom = 'changeLimit'; }
      if (up < p.high) { p.high = up; p.highFrom = 'changeLimit'; }
      if (p.low > p.high) return refuse('changeLimit', `the change limit of ${p.area.id} cannot hold within its floor and cap`, { areaId: p.area.id });
    }
    const sumLow = prepared.reduce((s, p) => s + p.low, 0n);
    const sumHigh = prepared.reduce((s, p) => s + p.high, 0n);
    if (sumLow > pot) return refuse('changeLimit', `the change limit needs at least ${sumLow} cents, more than the pot of ${pot}`);
    if (sumHigh < pot) return refuse('changeLimit', `the change limit allows at most ${sumHigh} cents, less than the pot of ${pot}`);
  }

  // Water-filling: find the smallest t = num/den with Σ clamp(t·score, low, high) = pot.
  const solved = waterFill(prepared, pot);
  if (!solved) return refuse('formula', 'the areas with room for more all score zero, so the pot cannot be reached');
  const { num, den } = solved;

  // Exact amounts as numerators over the common denominator den (den > 0).
  const exact = prepared.map((p) => {
    const free = p.score * num; // t·score over den
    if (free < p.low * den) return { n: p.low * den, bound: 'low' as const };
    if (free > p.high * den) return { n: p.high * den, bound: 'high' as const };
    // Exactly at a bound that is set (not the pot itself, not a zero floor): that bound decided it.
    if (free === p.high * den && (p.cap !== null || p.highFrom === 'changeLimit')) return { n: free, bound: 'high' as const };
    if (free === p.low * den && p.low > 0n) return { n: free, bound: 'low' as const };
    return { n: free, bound: null };
  });

  // Largest remainder.
  const cents = largestRemainder(exact.map((e) => e.n), den, prepared.map((p) => p.area.id), pot);
  const floors = exact.map((e) => e.n / den);

  const result: AreaAllocation[] = prepared.map((p, i) => {
    const e = exact[i]!;
    const lines = p.lines.slice();
    const { line, fromExactCents: fromExact } = share(p);
    lines.push(line);
    if (e.bound === 'low') {
      if (p.lowFrom === 'floor') lines.push({ kind: 'floor', floorCents: Number(p.low), fromExactCents: fromExact });
      else lines.push({ kind: 'changeLimit', direction: 'down', previousCents: previousAmounts![p.area.id]!, maxChangeBp: maxChangeBp!, boundCents: Number(p.low), fromExactCents: fromExact });
    } else if (e.bound === 'high') {
      if (p.highFrom === 'cap') lines.push({ kind: 'cap', capCents: Number(p.high), fromExactCents: fromExact });
      else lines.push({ kind: 'changeLimit', direction: 'up', previousCents: previousAmounts![p.area.id]!, maxChangeBp: maxChangeBp!, boundCents: Number(p.high), fromExactCents: fromExact });
    } else {
      const to = decimal(e.n, den);
      if (to !== fromExact) lines.push({ kind: 'scaled', fromExactCents: fromExact, toExactCents: to });
    }
    const exactCents = decimal(e.n, den);
    const rounded = cents[i]!;
    const direction = e.n % den === 0n ? 'none' : rounded > floors[i]! ? 'up' : 'down';
    lines.push({ kind: 'rounding', exactCents, roundedCents: Number(rounded), direction });
    lines.push({ kind: 'total', cents: Number(rounded) });
    return { areaId: p.area.id, cents: Number(rounded), explanation: lines };
  });
  return { ok: true, areas: result };
}

/**
 * The smallest t ≥ 0 (as num/den, den > 0) with Σ clamp(t·score, low, high) = pot, given
 * Σ low ≤ pot ≤ Σ high. g(t) is continuous and non-decreasing, piecewise linear with breakpoints
 * low/score (an area starts to move) and high/score (it stops). One sort, one sweep. Null when g
 * never reaches the pot (the areas that could take more all score zero).
 */
function waterFill(areas: readonly Pick<Prepared, 'score' | 'low' | 'high'>[], pot: bigint): { num: bigint; den: bigint } | null {
  let constant = 0n; // Σ of the bounds of areas not moving at the current t
  for (const a of areas) constant += a.low;
  if (constant === pot) return { num: 0n, den: 1n };
  interface Event { num: bigint; den: bigint; slope: bigint; shift: bigint }
  const events: Event[] = [];
  for (const a of areas) {
    if (a.score === 0n) continue;
    // At t = low/score the area starts moving (slope += score, constant −= low);
    // at t = high/score it stops (slope −= score, constant += high).
    events.push({ num: a.low, den: a.score, slope: a.score, shift: -a.low });
    events.push({ num: a.high, den: a.score, slope: -a.score, shift: a.high });
  }
  events.sort((x, y) => {
    const l = x.num * y.den;
    const r = y.num * x.den;
    return l < r ? -1 : l > r ? 1 : 0;
  });
  let slope = 0n;
  for (let i = 0; i < events.length;) {
    const e = events[i]!;
    // g at this event's t, with the current (previous segment's) slope: constant + slope·t.
    if (slope > 0n && constant * e.den + slope * e.num >= pot * e.den) return { num: pot - constant, den: slope };
    // Apply every event at this same t.
    let j = i;
    while (j < events.length && events[j]!.num * e.den === e.num * events[j]!.den) {
      slope += events[j]!.slope;
      constant += events[j]!.shift;
      j++;
    }
    i = j;
  }
  // Past the last event every scored area sits at its high bound and g still falls short.
  return null;
}

/**
 * Round exact amounts numerators[i] / den (summing to `total` exactly) to whole cents that sum to
 * `total`: ⌊x⌋ each, then one cent each to the largest remainders, ties by id (plain string order).
 */
export function largestRemainder(numerators: readonly bigint[], den: bigint, ids: readonly string[], total: bigint): bigint[] {
  const cents = numerators.map((n) => n / den);
  let missing = total - cents.reduce((s, c) => s + c, 0n);
  const order = numerators.map((_, i) => i).sort((i, j) => {
    const ri = numerators[i]! % den;
    const rj = numerators[j]! % den;
    if (ri !== rj) return ri > rj ? -1 : 1;
    return byId(ids[i]!, ids[j]!);
  });
  for (const i of order) {
    if (missing <= 0n) break;
    cents[i] = cents[i]! + 1n;
    missing -= 1n;
  }
  return cents;
}

// ---- multi-year ---------------------------------------------------------------------------

export interface TermInput {
  /** The first year's input; its `previous` (if any) bounds the first year. */
  first: AllocationInput;
  startYear: number;
  /** 4 to 9 years. */
  years: number;
  /** Yearly indexation of the pot, basis points (may be 0). */
  indexationBp: number;
  /** Current spending per area id (cents), the start of the phase-in path; every area needs one. */
  currentSpending?: Record<string, number>;
  /** Years to reach the formula (1 = at once); default 1. */
  phaseInYears?: number;
}

export interface TermYear {
  year: number;
  potCents: number;
  /** The share of the formula in this year's amounts, as phaseInStep / phaseInYears. */
  phaseInStep: number;
  phaseInYears: number;
  /** The pure formula allocation of this year's pot (with its explanations). */
  formula: AllocationResult;
  /**
   * The amounts of this year after phase-in, per area id in id order, within this year's floors,
   * caps and change limit (against the previous year's amounts). In a phase-in year the explanation
   * is the phase-in target (the score) and then the bound that decided, rounding and total; once
   * phased in it is the formula's own.
   */
  amounts: Array<{ areaId: string; cents: number; formulaCents: number; currentScaledExactCents: string | null; explanation: ExplanationLine[] }>;
}

export interface TermResult {
  ok: true;
  years: TermYear[];
}

/** A multi-year allocation: see "Multi-year" at the top of this file. */
export function allocateTerm(input: TermInput): TermResult | AllocationRefusal {
  if (!Number.isSafeInteger(input.years) || input.years < 4 || input.years > 9) return refuse('term', 'a term runs 4 to 9 years');
  if (!isCount(input.indexationBp)) return refuse('input', 'indexation must be whole, non-negative basis points');
  const phaseIn = input.phaseInYears ?? 1;
  if (!Number.isSafeInteger(phaseIn) || phaseIn < 1 || phaseIn > input.years) return refuse('term', 'the phase-in runs 1 year up to the whole term');
  const ids = input.first.areas.map((a) => a.id).sort(byId);
  let currentTotal = 0n;
  if (phaseIn > 1) {
    for (const id of ids) {
      const c = input.currentSpending?.[id];
      if (!isCount(c)) return refuse('input', `current spending of ${id} is missing`, { areaId: id });
      currentTotal += BigInt(c);
    }
    if (currentTotal === 0n) return refuse('input', 'current spending adds up to zero, so there is no path to phase in from');
  }
  const years: TermYear[] = [];
  let pot = BigInt(input.first.potCents);
  let previous = input.first.previous;
  for (let k = 1; k <= input.years; k++) {
    if (k > 1) pot = (pot * (10_000n + BigInt(input.indexationBp)) * 2n + 10_000n) / 20_000n; // half up
    if (pot > BigInt(Number.MAX_SAFE_INTEGER)) return refuse('input', 'the indexed pot grows past what can be counted');
    const year = input.startYear + k - 1;
    const yearInput: AllocationInput = { ...input.first, potCents: Number(pot), previous };
    const formula = allocate(yearInput);
    if (!formula.ok) return { ...formula, year, detail: `year ${year}: ${formula.detail}` };
    const step = Math.min(k, phaseIn);
    let amounts: TermYear['amounts'];
    if (step === phaseIn) {
      amounts = formula.areas.map((a) => ({ areaId: a.areaId, cents: a.cents, formulaCents: a.cents, currentScaledExactCents: null, explanation: a.explanation }));
    } else {
      // target = ((p − step) · current · pot / C + step · formula) / p, exactly, over the denominator
      // p·C. It sums to the pot; it becomes the score of the same bounded water-filling as the
      // formula (this year's floors and caps, the change limit against last year's amounts).
      const p = BigInt(phaseIn);
      const s = BigInt(step);
      const den = p * currentTotal;
      const current = (id: string) => BigInt(input.currentSpending![id]!);
      const formulaCents = new Map(formula.areas.map((a) => [a.areaId, a.cents]));
      const ready = prepare(yearInput);
      if (!ready.ok) return { ...ready, year, detail: `year ${year}: ${ready.detail}` };
      const targets = ready.prepared.map((q) => ({ ...q, score: (p - s) * current(q.area.id) * pot + s * BigInt(formulaCents.get(q.area.id)!) * currentTotal, lines: [] }));
      const settled = settle(targets, pot, previous, input.first.formula.maxChangeBp, (q) => {
        const id = q.area.id;
        return {
          line: { kind: 'phaseInTarget', phaseInStep: step, phaseInYears: phaseIn, currentCents: input.currentSpending![id]!, currentScaledExactCents: decimal(current(id) * pot, currentTotal), formulaCents: formulaCents.get(id)!, potCents: Number(pot), exactCents: decimal(q.score, den) },
          fromExactCents: decimal(q.score, den),
        };
      });
      if (!settled.ok) {
        const detail = settled.constraint === 'formula' ? 'the areas with room for more all have a phase-in target of zero, so the pot cannot be reached' : settled.detail;
        return { ...settled, year, detail: `year ${year} (phase-in ${step}/${phaseIn}): ${detail}` };
      }
      amounts = settled.areas.map((a) => ({ areaId: a.areaId, cents: a.cents, formulaCents: formulaCents.get(a.areaId)!, currentScaledExactCents: decimal(current(a.areaId) * pot, currentTotal), explanation: a.explanation }));
    }
    years.push({ year, potCents: Number(pot), phaseInStep: step, phaseInYears: phaseIn, formula, amounts });
    previous = Object.fromEntries(amounts.map((a) => [a.areaId, a.cents]));
  }
  return { ok: true, years };
}

// ---- scenarios ----------------------------------------------------------------------------

export interface ScenarioRow {
  areaId: string;
  /** null when the area is not in that scenario. */
  aCents: number | null;
  bCents: number | null;
  differenceCents: number;
  /** (b − a) / a in basis points, rounded half away from zero; null when a is 0 or absent. */
  differenceBp: number | null;
}

/** Two allocations side by side per area (all areas of either, in id order). */
export function compareScenarios(a: AllocationResult, b: AllocationResult): ScenarioRow[] {
  const left = new Map(a.areas.map((x) => [x.areaId, x.cents]));
  const right = new Map(b.areas.map((x) => [x.areaId, x.cents]));
  const ids = [...new Set([...left.keys(), ...right.keys()])].sort(byId);
  return ids.map((areaId) => {
    const aCents = left.get(areaId) ?? null;
    const bCents = right.get(areaId) ?? null;
    const differenceCents = (bCents ?? 0) - (aCents ?? 0);
    let differenceBp: number | null = null;
    if (aCents !== null && aCents > 0) {
      const n = BigInt(differenceCents) * 10_000n;
      const d = BigInt(aCents);
      const abs = n < 0n ? -n : n;
      const q = (2n * abs + d) / (2n * d);
      differenceBp = Number(n < 0n ? -q : q);
    }
    return { areaId, aCents, bCents, differenceCents, differenceBp };
  });
}
