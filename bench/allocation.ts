/**
 * Population-based allocation (issue 7): the pot of a country-size municipality divided over about
 * 14,500 neighbourhoods in 3,300 districts with ten indicators, generated deterministically (about
 * 4% of the counts suppressed: half of those known from an earlier year, the rest estimated from
 * the district). Measured: `allocate` of scenario A (base, residents, ten weights, a floor and a
 * cap); `allocate` of scenario B (other weights, and a 5% change limit against A's amounts); and
 * `compareScenarios(A, B)`. Baseline in the same run: one plain pass over the same inputs summing
 * base + residents × amount + Σ count × weight in floats (no bounds, no rounding, no explanation),
 * the least any allocation costs. The measurements are interleaved round by round; p50 and p95 of each and their ratio. The results are checked
 * (every area allocated, each sums to the pot, nothing refused); a wrong result is a failure, never a time.
 */
import { allocate, compareScenarios, type AllocationArea, type AllocationDistrict, type AllocationFormula, type AllocationInput, type AllocationResult } from '../src/capabilities/framework/allocation.js';
import { seededRandom } from '../src/demo/random.js';
import { percentile } from './load.js';
import { fmtCount, fmtDuration, fmtRatio } from './report.js';

export interface AllocationBenchOptions {
  neighbourhoods?: number;
  /** Rounds: each times every measurement once and the baseline three times (default 15). */
  runs?: number;
  log?: (line: string) => void;
}

export interface AllocationBenchResult {
  markdown: string;
  failures: string[];
}

export const INDICATORS = ['residents75plus', 'lowIncomeHouseholds', 'singleParentHouseholds', 'benefits', 'youthCare', 'wmoSupport', 'debtAssistance', 'nonWesternMigration', 'livingAlone', 'longTermUnemployed'] as const;
const PER_DISTRICT = 4.4; // 14,500 neighbourhoods over about 3,300 districts
const POT_CENTS = 250_000_000_000; // € 2.5 billion

/** A deterministic country: neighbourhoods with residents and ten counts, districts with their totals. */
export function nationalAllocationInput(neighbourhoods = 14_500, seed = 7): { areas: AllocationArea[]; districts: AllocationDistrict[] } {
  const random = seededRandom(seed);
  const districtCount = Math.max(1, Math.round(neighbourhoods / PER_DISTRICT));
  const areas: AllocationArea[] = [];
  const totals = Array.from({ length: districtCount }, () => ({ residents: 0, counts: INDICATORS.map(() => 0) }));
  for (let i = 0; i < neighbourhoods; i++) {
    const district = i % districtCount;
    const residents = random.int(20, 12_000);
    const indicators: Record<string, number | null> = {};
    const history: Record<string, Array<{ year: number; count: number | null }>> = {};
    INDICATORS.forEach((key, k) => {
      const count = Math.floor(residents * random.between(0.01, 0.25));
      totals[district]!.counts[k]! += count;
      const suppressed = random.next() < 0.04;
      indicators[key] = suppressed ? null : count;
      if (suppressed && random.next() < 0.5) history[key] = [{ year: 2022, count: Math.max(0, count + random.int(-5, 5)) }];
    });
    totals[district]!.residents += residents;
    areas.push({ id: `BU${String(i).padStart(8, '0')}`, districtId: `WK${String(district).padStart(6, '0')}`, residents, indicators, history });
  }
  const districts = totals.map((t, d) => ({ id: `WK${String(d).padStart(6, '0')}`, residents: t.residents, indicators: Object.fromEntries(INDICATORS.map((key, k) => [key, t.counts[k]!])) }));
  return { areas, districts };
}

function formulaOf(seed: number, extra: Partial<AllocationFormula>): AllocationFormula {
  const random = seededRandom(seed);
  return {
    baseCents: 2_500_000,
    perResidentMicrocents: 900_000_000, // € 9 per resident
    weightsMicrocents: Object.fromEntries(INDICATORS.map((key) => [key, random.int(500_000_000, 5_000_000_000)])),
    floorCents: 3_000_000,
    capCents: 40_000_000, // € 400,000: the largest neighbourhoods reach it
    ...extra,
  };
}

/** The baseline: one plain pass summing the formula's terms per area, in floats. */
export function plainSum(input: AllocationInput): number {
  const { formula } = input;
  let total = 0;
  for (const area of input.areas) {
    let score = formula.baseCents * 1e6 + area.residents * formula.perResidentMicrocents;
    for (const key in formula.weightsMicrocents) score += (area.indicators[key] ?? 0) * formula.weightsMicrocents[key]!;
    total += score;
  }
  return total;
}

/**
 * The measurements interleaved: each round times every measurement once (the baseline `baselineEvery`
 * times), so drift in the machine's load touches all of them alike. p50 and p95 per name.
 */
function interleaved(measurements: Record<string, () => unknown>, rounds: number, baselineName: string, baselineEvery: number): Record<string, { p50: number; p95: number }> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(measurements).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(measurements)) {
      for (let repeat = 0; repeat < (name === baselineName ? baselineEvery : 1); repeat++) {
        const started = performance.now();
        run();
        samples[name]!.push(performance.now() - started);
      }
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, all]) => {
    const sorted = all.slice().sort((x, y) => x - y);
    return [name, { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }];
  }));
}

export async function benchAllocation(options: AllocationBenchOptions = {}): Promise<AllocationBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const n = options.neighbourhoods ?? 14_500;
  const runs = Math.max(1, options.runs ?? 15);
  const { areas, districts } = nationalAllocationInput(n);
  const failures: string[] = [];
  const inputA: AllocationInput = { potCents: POT_CENTS, areas, districts, formula: formulaOf(11, {}) };
  // Untimed runs first (warm code, and B needs A's amounts as last year's).
  const a = allocate(inputA);
  if (!a.ok) return { markdown: `### Allocation\n\n**ALLOCATION FAILED**: scenario A refused (${a.constraint}: ${a.detail}).`, failures: [`scenario A refused: ${a.constraint}`] };
  const inputB: AllocationInput = { ...inputA, formula: formulaOf(12, { maxChangeBp: 500 }), previous: Object.fromEntries(a.areas.map((x) => [x.areaId, x.cents])) };
  const b = allocate(inputB);
  if (!b.ok) return { markdown: `### Allocation\n\n**ALLOCATION FAILED**: scenario B refused (${b.constraint}: ${b.detail}).`, failures: [`scenario B refused: ${b.constraint}`] };
  const check = (name: string, r: AllocationResult) => {
    if (r.areas.length !== n) failures.push(`${name}: ${r.areas.length} areas, expected ${n}`);
    const sum = r.areas.reduce((s, x) => s + x.cents, 0);
    if (sum !== POT_CENTS) failures.push(`${name}: sums to ${sum}, expected ${POT_CENTS}`);
  };
  check('A', a);
  check('B', b);
  const rows = compareScenarios(a, b);
  if (rows.length !== n) failures.push(`comparison: ${rows.length} rows, expected ${n}`);
  const estimated = a.areas.reduce((s, x) => s + x.explanation.filter((l) => l.kind === 'indicator' && l.source !== 'reported').length, 0);
  const bound = (r: AllocationResult, kinds: string[]) => r.areas.filter((x) => x.explanation.some((l) => kinds.includes(l.kind))).length;
  plainSum(inputA);

  const times = interleaved({
    a: () => allocate(inputA),
    b: () => allocate(inputB),
    compare: () => compareScenarios(a, b),
    baseline: () => plainSum(inputA),
  }, runs, 'baseline', 3);
  const { a: timeA, b: timeB, compare: timeCompare, baseline } = times as Record<'a' | 'b' | 'compare' | 'baseline', { p50: number; p95: number }>;
  log(`  allocate A p50 ${fmtDuration(timeA.p50)}, p95 ${fmtDuration(timeA.p95)}; allocate B (change limit) p50 ${fmtDuration(timeB.p50)}, p95 ${fmtDuration(timeB.p95)}; compare p50 ${fmtDuration(timeCompare.p50)}, p95 ${fmtDuration(timeCompare.p95)}; plain sum (baseline) p50 ${fmtDuration(baseline.p50)}, p95 ${fmtDuration(baseline.p95)}`);
  const row = (what: string, t: { p50: number; p95: number }) => `| ${what} | ${fmtDuration(t.p50)} | ${fmtDuration(t.p95)} | ${fmtDuration(baseline.p50)} | ${fmtDuration(baseline.p95)} | ${fmtRatio(t.p50 / baseline.p50)} | ${fmtRatio(t.p95 / baseline.p95)} |`;
  const markdown = [
    `### Allocation (${fmtCount(n)} neighbourhoods, ten indicators)`,
    '',
    `${fmtCount(districts.length)} districts; ${fmtCount(estimated)} suppressed counts filled from an earlier year or the district. Scenario A: ${fmtCount(bound(a, ['floor']))} areas at their floor, ${fmtCount(bound(a, ['cap']))} at their cap; scenario B (5% change limit against A): ${fmtCount(bound(b, ['changeLimit']))} areas held by the change limit. ${runs} interleaved rounds (the baseline three times a round): one plain float pass summing the formula's terms over the same inputs.`,
    '',
    '| What | p50 | p95 | Baseline p50 | Baseline p95 | Ratio p50 | Ratio p95 |',
    '|---|---|---|---|---|---|---|',
    row('`allocate`, scenario A (floors, caps)', timeA),
    row('`allocate`, scenario B (and change limit)', timeB),
    row('`compareScenarios(A, B)`', timeCompare),
    ...(failures.length ? ['', `**ALLOCATION FAILED**: ${failures.join('; ')}.`] : []),
  ];
  return { markdown: markdown.join('\n'), failures };
}
