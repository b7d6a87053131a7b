/**
 * Network metrics of a city-wide ecosystem (issue 5): 5,000 actors and 25,000 relations, generated
 * as a city of 100 neighbourhoods of 50 actors (most relations within a neighbourhood, some across,
 * a few actors without any), and every metric of `networkMetrics` computed on it — degree, Brandes
 * betweenness, components, Louvain clusters, articulation points — as one call, the way the
 * ecosystem view computes them. Baseline in the same run: one breadth-first pass over the same
 * graph (`breadthFirstBaseline`: building the adjacency and visiting every actor once), the least
 * any whole-graph answer costs. p50 and p95 of each, and their ratio. The counts are checked
 * (every actor has a value, the ties are the distinct relations); a wrong count is a failure,
 * never a time.
 */
import { breadthFirstBaseline, networkMetrics, type NetworkInput } from '../src/capabilities/ecosystem/network.js';
import { seededRandom } from '../src/demo/random.js';
import { percentile } from './load.js';
import { fmtCount, fmtDuration, fmtRatio } from './report.js';

export interface EcosystemBenchOptions {
  actors?: number;
  relations?: number;
  /** Timed computations of all metrics (default 15). */
  runs?: number;
  /** Timed baseline passes (default 50). */
  baselineRuns?: number;
  log?: (line: string) => void;
}

export interface EcosystemBenchResult {
  markdown: string;
  failures: string[];
}

const PER_NEIGHBOURHOOD = 50;
const ACROSS = 0.15;
const ALONE = 0.02;

/**
 * A deterministic city: actors `a0…` in neighbourhoods of 50; each relation joins two different
 * actors, within one neighbourhood (85%) or across the city (15%); 2% of the actors get none.
 * Exactly `relations` distinct ties (as long as the graph has room for them).
 */
export function cityEcosystem(actors = 5000, relations = 25_000, seed = 5): NetworkInput {
  const random = seededRandom(seed);
  const nodes = Array.from({ length: actors }, (_, i) => `a${i}`);
  const connected = nodes.map((_, i) => i).filter(() => random.next() >= ALONE);
  const isConnected = new Set(connected);
  const seen = new Set<number>();
  const edges: Array<[string, string]> = [];
  for (let attempt = 0; edges.length < relations && connected.length > 1 && attempt < relations * 20; attempt++) {
    const i = random.pick(connected);
    const start = Math.floor(i / PER_NEIGHBOURHOOD) * PER_NEIGHBOURHOOD;
    const j = random.next() < ACROSS ? random.pick(connected) : start + random.int(0, Math.min(PER_NEIGHBOURHOOD, actors - start) - 1);
    if (i === j || !isConnected.has(j)) continue;
    const key = i < j ? i * actors + j : j * actors + i;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([nodes[i]!, nodes[j]!]);
  }
  return { nodes, edges };
}

function timings(run: () => unknown, times: number): { p50: number; p95: number; all: number[] } {
  const all: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    all.push(performance.now() - started);
  }
  const sorted = all.slice().sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), all };
}

export async function benchEcosystem(options: EcosystemBenchOptions = {}): Promise<EcosystemBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const actors = options.actors ?? 5000;
  const relations = options.relations ?? 25_000;
  const graph = cityEcosystem(actors, relations);
  const failures: string[] = [];
  // One untimed run each, so the timed ones measure warm code.
  const metrics = networkMetrics(graph);
  breadthFirstBaseline(graph);
  if (metrics.nodes.length !== actors || metrics.betweenness.length !== actors) failures.push(`metrics for ${metrics.nodes.length} actors, expected ${actors}`);
  if (metrics.ties !== graph.edges.length) failures.push(`${metrics.ties} ties, expected ${graph.edges.length}`);
  const all = timings(() => networkMetrics(graph), Math.max(1, options.runs ?? 15));
  const baseline = timings(() => breadthFirstBaseline(graph), Math.max(1, options.baselineRuns ?? 50));
  log(`  all metrics of ${fmtCount(actors)} actors, ${fmtCount(graph.edges.length)} relations: p50 ${fmtDuration(all.p50)}, p95 ${fmtDuration(all.p95)}; one breadth-first pass (baseline) p50 ${fmtDuration(baseline.p50)}, p95 ${fmtDuration(baseline.p95)}`);
  const markdown = [
    `### Ecosystem network metrics (${fmtCount(actors)} actors, ${fmtCount(graph.edges.length)} relations)`,
    '',
    `A generated city of ${fmtCount(Math.ceil(actors / PER_NEIGHBOURHOOD))} neighbourhoods; the metrics found ${fmtCount(metrics.clusters.length)} clusters, ${fmtCount(metrics.components.length)} components, ${fmtCount(metrics.isolated.length)} isolated actors and ${fmtCount(metrics.brokers.length)} brokers.`,
    '',
    '| What | p50 | p95 | Baseline (same run) | Baseline p50 | Baseline p95 | Ratio p50 | Ratio p95 |',
    '|---|---|---|---|---|---|---|---|',
    `| \`networkMetrics\` (degree, betweenness, components, clusters, brokers) | ${fmtDuration(all.p50)} | ${fmtDuration(all.p95)} | one breadth-first pass | ${fmtDuration(baseline.p50)} | ${fmtDuration(baseline.p95)} | ${fmtRatio(all.p50 / baseline.p50)} | ${fmtRatio(all.p95 / baseline.p95)} |`,
    ...(failures.length ? ['', `**ECOSYSTEM FAILED**: ${failures.join('; ')}.`] : []),
  ];
  return { markdown: markdown.join('\n'), failures };
}
