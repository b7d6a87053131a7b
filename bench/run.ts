/**
 * `npm run bench`: load key pages and API routes of the real server, on a national-size data set,
 * beside a plain Fastify route measured the same way in the same run; then the daily digest for
 * 50,000 followers (bench/digest.ts), the PDF of a 30-page document (bench/pdf.ts), the network
 * metrics of a city-wide ecosystem (bench/ecosystem.ts), the evening-meeting search over 20,000
 * places (bench/places.ts) and the PDF of a full neighbourhood picture (bench/picture-pdf.ts). See
 * bench/README.md.
 *
 * Arguments: the parts to run, `routes`, `digest`, `pdf`, `ecosystem`, `places`, `picture`, `allocation` (none: all), e.g.
 *   node dist/bench/run.js digest pdf        (after npm run build; or npm run bench -- digest pdf)
 * and, opt-in, `--national`: ten years of national statistics (every area, 100 variables) imported
 * year by year, then the area statistics page and "buurten zoals deze" measured (bench/national.ts):
 *   npm run bench -- --national
 *
 * Environment (all optional):
 *   BENCH_SECONDS       seconds per route measurement (default 3; the routes take about 70 × this)
 *   BENCH_REPEATS       measurements per route, the median is reported (default 3)
 *   BENCH_CONNECTIONS   connections for the throughput measurement (default 50)
 *   BENCH_RATE          requests per second for the latency measurement (default 100)
 *   BENCH_SCALE         fraction of the full data set, for quick trials (default 1)
 *   BENCH_ROUTES        only routes whose name or path contains one of these comma-separated words
 *   BENCH_DATABASE_URL  postgres://… to generate into and serve from PostgreSQL instead of SQLite
 *   BENCH_FOLLOWERS     followers of the neighbourhood in the digest part (default: half the accounts, 50,000)
 *   BENCH_EVENTS        events published about it (default 3)
 *   BENCH_OUTBOX_MINUTES stop sending the digests after this long (default: send all; the counts are then not verified)
 *   BENCH_PDF_RUNS      warm PDF renders after the cold one (default 7)
 *   BENCH_NATIONAL_YEARS years of national statistics to generate and import (default 10)
 *   BENCH_NATIONAL_RATE  requests per second for the latency measurement of the national part (default 200)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect } from '../src/platform/db/connect.js';
import { benchAllocation } from './allocation.js';
import { benchDigest } from './digest.js';
import { benchAccount, cacheDir, cbsCodeOf, DIVISION_YEAR, ensureDataset, formatBytes, projectRoot, redact, scaleFromEnv, slugOf, workingCopy, type DatasetInfo, type Scale } from './generate.js';
import { benchNational } from './national.js';
import { benchPdf } from './pdf.js';
import { benchPlaces } from './places.js';
import { benchEcosystem } from './ecosystem.js';
import { benchPicturePdf } from './picture-pdf.js';
import { fmt } from './report.js';
import { killChildrenNow, measureRoutes, type Route } from './routes.js';

// ---- settings ------------------------------------------------------------------------------

function numberFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}, got "${raw}"`);
  return value;
}

const settings = {
  seconds: numberFromEnv('BENCH_SECONDS', 3, 1),
  repeats: Math.round(numberFromEnv('BENCH_REPEATS', 3, 1)),
  connections: Math.round(numberFromEnv('BENCH_CONNECTIONS', 50, 1)),
  rate: numberFromEnv('BENCH_RATE', 100, 1),
  warmupSeconds: 1,
  only: (process.env.BENCH_ROUTES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
};

/**
 * The parts to run, from the arguments (`node dist/bench/run.js digest pdf`); all of routes, digest
 * and pdf when none is given. `--national` (the national statistics part, bench/national.ts) is
 * opt-in: alone it runs only that part.
 */
const PARTS = ['routes', 'digest', 'pdf', 'ecosystem', 'places', 'picture', 'allocation'] as const;
type Part = (typeof PARTS)[number] | 'national';
function partsFromArgs(args: string[]): Set<Part> {
  const national = args.includes('--national');
  const rest = args.filter((a) => a !== '--national');
  const unknown = rest.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown part ${unknown.map((u) => `"${u}"`).join(', ')}: choose from ${PARTS.join(', ')} (none: all) and --national`);
  const chosen = new Set<Part>(rest.length ? PARTS.filter((p) => rest.includes(p)) : national ? [] : PARTS);
  if (national) chosen.add('national');
  return chosen;
}
const parts = partsFromArgs(process.argv.slice(2));
const out = (line = '') => process.stdout.write(`${line}\n`);

// ---- main --------------------------------------------------------------------------------

function gitDescription(): string {
  try {
    const root = projectRoot();
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return `${commit}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}

interface PartResult {
  markdown: string;
  /** Bugs or wrong counts: the run exits with 1. */
  broken: number;
}

/** The routes: server and baseline in child processes, throughput and fixed-rate latency per route. */
async function benchRoutes(dataset: DatasetInfo, scale: Scale): Promise<PartResult> {
  // A working copy, so that a run (sessions, login attempts) never changes the cached data set.
  const work = workingCopy(dataset, 'routes');
  const { databaseUrl } = work;

  try {
    // The neighbourhood whose page is loaded: the first one of the large city.
    let neighbourhood: string | null = null;
    {
      const connection = connect(databaseUrl);
      try {
        const row = await sql<{ code: string }>`select code from areas where municipality_code = ${cbsCodeOf(1)} and division_year = ${DIVISION_YEAR} and kind = 'neighbourhood' order by code limit 1`.execute(connection.db);
        neighbourhood = row.rows[0]?.code ?? null;
      } catch {
        neighbourhood = null; // no areas table yet
      } finally {
        await connection.close();
      }
    }
    const slug = slugOf(1);
    const routes: Route[] = [
      { name: 'Installation home', path: '/', kind: 'page' },
      { name: 'Municipality home', path: `/${slug}`, kind: 'page' },
      { name: 'Areas page', path: `/${slug}/gebieden`, kind: 'page' },
      { name: 'Neighbourhood page', path: `/${slug}/gebieden/${neighbourhood ?? 'BU8001AA01'}`, kind: 'page' },
      { name: 'Organisations page', path: `/${slug}/organisaties`, kind: 'page' },
      { name: 'My account (signed in)', path: `/${slug}/mijn-account`, kind: 'page', signedIn: true },
      { name: 'API municipalities', path: '/api/v1/municipalities', kind: 'api' },
      { name: 'API areas of municipality', path: `/api/v1/${slug}/areas`, kind: 'api' },
      { name: 'API neighbourhood + geometry', path: `/api/v1/areas/${neighbourhood ?? 'BU8001AA01'}?geometry=true`, kind: 'api' },
      { name: 'API organisations', path: `/api/v1/${slug}/organisations`, kind: 'api' },
      // Search over the 100,000 public items (the large city holds about 3,300 of them): a common
      // word that is also a prefix of many, two words, a Dutch plural, one kind only, and the page.
      { name: 'API search: common word', path: `/api/v1/${slug}/search?q=buurt`, kind: 'api' },
      { name: 'API search: two words', path: `/api/v1/${slug}/search?q=repair%20caf%C3%A9`, kind: 'api' },
      { name: 'API search: plural (stemming)', path: `/api/v1/${slug}/search?q=moestuinen`, kind: 'api' },
      { name: 'API search: one kind, page 2', path: `/api/v1/${slug}/search?q=werkgroep&type=organisation&offset=20`, kind: 'api' },
      { name: 'API search: no match', path: `/api/v1/${slug}/search?q=olifantenpaadje`, kind: 'api' },
      { name: 'Search page', path: `/${slug}/zoeken?q=buurt`, kind: 'page' },
    ].filter((r) => settings.only.length === 0 || settings.only.some((w) => r.name.toLowerCase().includes(w.toLowerCase()) || r.path.includes(w))) as Route[];

    return await measureRoutes({
      heading: 'Routes', databaseUrl, routes, account: benchAccount(scale), log: out,
      seconds: settings.seconds, repeats: settings.repeats, connections: settings.connections, rate: settings.rate, warmupSeconds: settings.warmupSeconds,
    });
  } finally {
    work.dispose();
  }
}

async function main(): Promise<number> {
  const runStarted = performance.now();
  const scale = scaleFromEnv();
  const startLoad = os.loadavg();
  out(`Buurtarena benchmark — ${[...parts].join(', ')}${parts.has('routes') ? `; routes: ${settings.repeats} × (${settings.seconds} s at ${settings.connections} connections + ${settings.seconds} s at ${settings.rate} req/s) each` : ''}`);
  out(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${startLoad.map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}`);

  const dataset: DatasetInfo = await ensureDataset({ scale, databaseUrl: process.env.BENCH_DATABASE_URL, log: out });
  out(`Data set ${dataset.key}: ${dataset.generatedNow ? 'generated now' : `cached (generated ${dataset.createdAt || 'earlier'})`} in ${fmt(dataset.seconds)} s${dataset.bytes ? `, ${formatBytes(dataset.bytes)}` : ''}`);
  out(`  ${Object.entries(dataset.counts).map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`).join(', ')}`);
  for (const note of dataset.notes) out(`  note: ${note}`);

  const sections: string[] = [];
  let broken = 0;
  if (parts.has('routes')) {
    out('Routes …');
    const result = await benchRoutes(dataset, scale);
    sections.push(result.markdown);
    broken += result.broken;
  }
  if (parts.has('digest')) {
    out(`Daily digest (${dataset.file ? 'SQLite' : 'PostgreSQL'}) …`);
    const result = await benchDigest({ dataset, followers: process.env.BENCH_FOLLOWERS ? numberFromEnv('BENCH_FOLLOWERS', 0, 1) : undefined, events: numberFromEnv('BENCH_EVENTS', 3, 1), outboxMinutes: process.env.BENCH_OUTBOX_MINUTES ? numberFromEnv('BENCH_OUTBOX_MINUTES', 0, 0.1) : undefined, log: out });
    sections.push(result.markdown);
    broken += result.failures.length;
  }
  if (parts.has('national')) {
    out(`National statistics (${dataset.file ? 'SQLite' : 'PostgreSQL'}) …`);
    const result = await benchNational({
      dataset, log: out,
      seconds: settings.seconds, repeats: settings.repeats, connections: settings.connections, rate: numberFromEnv('BENCH_NATIONAL_RATE', 200, 1), warmupSeconds: settings.warmupSeconds,
      years: Math.round(numberFromEnv('BENCH_NATIONAL_YEARS', 10, 1)),
    });
    sections.push(result.markdown);
    broken += result.broken;
  }
  if (parts.has('pdf')) {
    out('PDF of the 30-section document …');
    const result = await benchPdf({ warm: numberFromEnv('BENCH_PDF_RUNS', 7, 1), log: out });
    sections.push(result.markdown);
    broken += result.failures.length;
  }

  if (parts.has('ecosystem')) {
    out('Ecosystem network metrics (5,000 actors, 25,000 relations) …');
    const result = await benchEcosystem({ log: out });
    sections.push(result.markdown);
    broken += result.failures.length;
  }

  if (parts.has('picture')) {
    out('PDF of a full neighbourhood picture (the demo) …');
    const result = await benchPicturePdf({ warm: numberFromEnv('BENCH_PDF_RUNS', 7, 1), log: out });
    sections.push(result.markdown);
    broken += result.failures.length;
  }

  if (parts.has('places')) {
    out('Evening-meeting search over 20,000 places …');
    const result = await benchPlaces({ log: out });
    sections.push(result.markdown);
    broken += result.failures.length;
  }

  if (parts.has('allocation')) {
    out('Allocation over 14,500 neighbourhoods with ten indicators, and the scenario comparison …');
    const result = await benchAllocation({ log: out });
    sections.push(result.markdown);
    broken += result.failures.length;
  }

  const minutes = (performance.now() - runStarted) / 60_000;
  const endLoad = os.loadavg();
  const header = [
    `## Benchmark ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `\`node dist/bench/run.js ${[...parts].join(' ')}\`; commit ${gitDescription()}; Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} (shared); load average ${startLoad[0]!.toFixed(2)} at the start, ${endLoad[0]!.toFixed(2)} at the end. Run took ${minutes.toFixed(1)} min.`,
    `Database: ${dataset.file ? 'SQLite (working copies of the cached data set)' : `PostgreSQL ${redact(dataset.databaseUrl)}`}; data set \`${dataset.key}\` — ${Object.entries(dataset.counts).map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`).join(', ')}; generated in ${fmt(dataset.seconds)} s${dataset.bytes ? `, ${formatBytes(dataset.bytes)}` : ''}${dataset.generatedNow ? '' : ' (taken from the cache this run)'}.`,
    '',
  ];
  const markdown = [...header, ...sections].join('\n');
  out('');
  out(markdown);
  fs.mkdirSync(cacheDir(), { recursive: true });
  const resultFile = path.join(cacheDir(), 'last-result.md');
  fs.writeFileSync(resultFile, markdown);
  out(`Written to ${path.relative(process.cwd(), resultFile)}`);
  return broken ? 1 : 0;
}

process.once('SIGINT', () => { killChildrenNow(); process.exit(130); });
process.once('SIGTERM', () => { killChildrenNow(); process.exit(143); });

try {
  process.exitCode = await main();
} catch (error) {
  killChildrenNow();
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
}
