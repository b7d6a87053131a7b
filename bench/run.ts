/**
 * `npm run bench`: load key pages and API routes of the real server, on a national-size data set,
 * beside a plain Fastify route measured the same way in the same run; then the daily digest for
 * 50,000 followers (bench/digest.ts) and the PDF of a 30-page document (bench/pdf.ts). See
 * bench/README.md.
 *
 * Arguments: the parts to run, `routes`, `digest`, `pdf` (none: all), e.g.
 *   node dist/bench/run.js digest pdf        (after npm run build; or npm run bench -- digest pdf)
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
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp, openPlatform } from '../src/app.js';
import { connect } from '../src/platform/db/connect.js';
import { loadConfig } from '../src/platform/config.js';
import { benchDigest } from './digest.js';
import { benchAccount, cacheDir, cbsCodeOf, DIVISION_YEAR, ensureDataset, formatBytes, projectRoot, redact, scaleFromEnv, slugOf, workingCopy, type DatasetInfo, type Scale } from './generate.js';
import { fixedRate, throughput, type LatencyResult, type Target, type ThroughputResult } from './load.js';
import { benchPdf } from './pdf.js';
import { fmt, fmtRatio, fmtRps, median } from './report.js';

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

/** The parts to run, from the arguments (`node dist/bench/run.js digest pdf`); all when none is given. */
const PARTS = ['routes', 'digest', 'pdf'] as const;
type Part = (typeof PARTS)[number];
function partsFromArgs(args: string[]): Set<Part> {
  const unknown = args.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown part ${unknown.map((u) => `"${u}"`).join(', ')}: choose from ${PARTS.join(', ')} (none: all)`);
  return new Set(args.length ? PARTS.filter((p) => args.includes(p)) : PARTS);
}
const parts = partsFromArgs(process.argv.slice(2));

const SLOW_P50_MS = 50;
const out = (line = '') => process.stdout.write(`${line}\n`);

// ---- child processes -----------------------------------------------------------------------

interface Child {
  name: string;
  process: ChildProcess;
  url: string;
  /** The last lines it wrote (for error reports). */
  tail: string[];
  /** Log lines at level warn or above. */
  warnings: string[];
}

const children: Child[] = [];

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd: projectRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const record: Child = { name, process: child, url: '', tail: [], warnings: [] };
  children.push(record);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s:\n${record.tail.join('\n')}`)), 120_000);
    let buffered = '';
    // Read everything it writes, always: a full pipe would block the server mid-measurement.
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        record.tail.push(line);
        if (record.tail.length > 40) record.tail.shift();
        if (/"level":\s*(40|50|60)/.test(line) || /^(Error|TypeError|RangeError)\b/.test(line)) {
          if (record.warnings.length < 200) record.warnings.push(line);
        }
        const match = /running at (https?:\/\/\S+?)\/?\s*$/.exec(line);
        if (match && !record.url) {
          record.url = match[1]!.replace('localhost', '127.0.0.1');
          clearTimeout(timer);
          resolve(record);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!record.url) reject(new Error(`${name} exited (${signal ?? code}) before it was running:\n${record.tail.join('\n')}`));
    });
  });
}

async function stopChild(child: Child): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function killChildrenNow() {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  }
}

/** Resident memory of a process in bytes (Linux), or null. */
function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

// ---- routes ------------------------------------------------------------------------------

interface Route {
  name: string;
  path: string;
  kind: 'page' | 'api';
  signedIn?: boolean;
}

interface Check {
  status: number;
  bytes: number;
  contentType: string;
  ms: number;
  body: string;
}

/** Which of the paths the application has a route for (built in-process on an empty in-memory database). */
async function existingRoutes(paths: string[]): Promise<Set<string>> {
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: 'sqlite::memory:', SEED_DEMO: '0', LOG_LEVEL: 'error' }) };
  const opened = await openPlatform(config);
  try {
    const app = await buildApp(opened.platform);
    await app.ready();
    const found = new Set(paths.filter((p) => app.findRoute({ method: 'GET', url: p.split('?')[0]! }) !== null));
    await app.close();
    return found;
  } finally {
    await opened.close();
  }
}

function cookieFrom(setCookies: string[], name: string): string | null {
  for (const header of setCookies) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(header);
    if (match) return match[1]!;
  }
  return null;
}

/** Sign in once through the API as a browser would: CSRF token from GET /api/v1/session, then POST. */
async function signIn(base: string, email: string, password: string): Promise<{ session: string | null; anonymousCookie: string | null; problem: string | null }> {
  const first = await fetch(`${base}/api/v1/session`);
  const anonymousCookie = cookieFrom(first.headers.getSetCookie(), 'ba_csrf');
  if (first.status !== 200) return { session: null, anonymousCookie, problem: `GET /api/v1/session answered ${first.status}: ${(await first.text()).slice(0, 300)}` };
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const second = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: `ba_csrf=${anonymousCookie}` },
    body: JSON.stringify({ email, password }),
  });
  const session = cookieFrom(second.headers.getSetCookie(), 'ba_session');
  if (second.status !== 200 || !session) return { session: null, anonymousCookie, problem: `POST /api/v1/session answered ${second.status}: ${(await second.text()).slice(0, 300)}` };
  return { session, anonymousCookie, problem: null };
}

async function check(target: Target): Promise<Check> {
  const started = performance.now();
  try {
    const response = await fetch(target.url, { headers: target.headers, redirect: 'manual' });
    const body = await response.text();
    return { status: response.status, bytes: Buffer.byteLength(body), contentType: response.headers.get('content-type') ?? '', ms: performance.now() - started, body };
  } catch (error) {
    return { status: 0, bytes: 0, contentType: '', ms: performance.now() - started, body: String(error) };
  }
}

// ---- statistics and formatting ---------------------------------------------------------------

interface Measured {
  route: Route;
  target: Target;
  check: Check;
  throughput: ThroughputResult[];
  latency: LatencyResult[];
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
}

function tally(m: Measured, r: ThroughputResult | LatencyResult) {
  for (const [code, n] of Object.entries(r.statuses)) m.statuses[code] = (m.statuses[code] ?? 0) + n;
  m.non2xx += r.non2xx;
  m.errors += r.errors;
}

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

// ---- main --------------------------------------------------------------------------------

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

    const present = await existingRoutes(routes.map((r) => r.path));
    const skipped: Array<{ route: Route; reason: string }> = [];
    let candidates = routes.filter((r) => {
      if (present.has(r.path)) return true;
      skipped.push({ route: r, reason: 'no such route yet' });
      out(`  skipped: ${r.name} (GET ${r.path}) — the application has no such route yet`);
      return false;
    });

    out('Starting the server and the baseline …');
    const serverEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'warn' };
    delete serverEnv.PUBLIC_URL;
    const [server, baseline] = await Promise.all([
      startChild('server', [path.join(projectRoot(), 'dist/src/cli/main.js'), 'serve'], serverEnv),
      startChild('baseline', [path.join(projectRoot(), 'dist/bench/baseline-server.js')], { ...process.env, PORT: '0', HOST: '127.0.0.1' }),
    ]);
    out(`  server at ${server.url}/ (pid ${server.process.pid}), baseline at ${baseline.url}/ (pid ${baseline.process.pid})`);

    const account = benchAccount(scale);
    const login = await signIn(server.url, account.email, account.password);
    if (login.problem) out(`  PROBLEM: signing in as ${account.email} failed — ${login.problem}`);
    const pageHeaders = login.anonymousCookie ? { cookie: `ba_csrf=${login.anonymousCookie}` } : undefined;
    candidates = candidates.filter((r) => {
      if (!r.signedIn || login.session) return true;
      skipped.push({ route: r, reason: 'could not sign in' });
      return false;
    });

    // One request each first: a route that answers anything but 200 is a bug, reported and not measured.
    const measured: Measured[] = [];
    const failed: Array<{ route: Route; check: Check }> = [];
    for (const route of candidates) {
      // Pages are loaded as by a browser that has been here before (it sends its CSRF cookie back);
      // API routes as by a client without cookies; the signed-in page with the session cookie.
      const headers: Record<string, string> = route.signedIn ? { cookie: `ba_session=${login.session}` } : route.kind === 'page' ? { ...pageHeaders } : {};
      if (route.kind === 'page') headers.accept = 'text/html';
      const target: Target = { url: `${server.url}${route.path}`, headers };
      const result = await check(target);
      if (result.status !== 200) {
        failed.push({ route, check: result });
        out(`  BUG: ${route.name} (GET ${route.path}) answered ${result.status}: ${result.body.replace(/\s+/g, ' ').slice(0, 300)}`);
        continue;
      }
      measured.push({ route, target, check: result, throughput: [], latency: [], statuses: {}, non2xx: 0, errors: 0 });
    }
    const base: Measured = { route: { name: 'Baseline: plain Fastify, fixed string', path: '/', kind: 'api' }, target: { url: `${baseline.url}/` }, check: await check({ url: `${baseline.url}/` }), throughput: [], latency: [], statuses: {}, non2xx: 0, errors: 0 };
    const all = [base, ...measured];

    out(`Warming up (${settings.warmupSeconds} s each) …`);
    for (const m of all) tally(m, await throughput(m.target, { connections: 10, seconds: settings.warmupSeconds }));

    const ensureRunning = () => {
      for (const child of [server, baseline]) {
        const { exitCode, signalCode } = child.process;
        if (exitCode !== null || signalCode !== null) throw new Error(`the ${child.name} stopped during the run (${signalCode ?? exitCode}):\n${child.tail.join('\n')}`);
      }
    };
    for (let round = 1; round <= settings.repeats; round++) {
      out(`Round ${round} of ${settings.repeats}`);
      for (const m of all) {
        ensureRunning();
        const t = await throughput(m.target, { connections: settings.connections, seconds: settings.seconds });
        tally(m, t);
        m.throughput.push(t);
        await new Promise((r) => setTimeout(r, 250)); // let the server settle (GC) before the latency run
        const l = await fixedRate(m.target, { rate: settings.rate, seconds: settings.seconds, maxInFlight: settings.connections });
        tally(m, l);
        m.latency.push(l);
        const flags = `${l.dropped ? ` (${l.dropped} not sent: server behind)` : ''}${t.non2xx + l.non2xx ? ` non-2xx ${t.non2xx + l.non2xx}` : ''}${t.errors + l.errors ? ` errors/timeouts ${t.errors + l.errors}` : ''}`;
        out(`  ${m.route.name.padEnd(38)} ${fmtRps(t.requestsPerSecond).padStart(7)} req/s   p50 ${fmt(l.p50).padStart(6)}  p95 ${fmt(l.p95).padStart(6)}  p99 ${fmt(l.p99).padStart(6)} ms at ${fmt(l.achievedRate, 0)} req/s${flags}`);
      }
    }

    ensureRunning();
    const serverRss = rssOf(server.process.pid);
    await Promise.all([stopChild(server), stopChild(baseline)]);

    // ---- report ----
    const baseRps = median(base.throughput.map((t) => t.requestsPerSecond));
    const baseP99 = median(base.latency.map((l) => l.p99));
    const rows: string[] = [];
    const findings: string[] = [];
    const lines = (m: Measured) => {
      const rps = median(m.throughput.map((t) => t.requestsPerSecond));
      const p50 = median(m.latency.map((l) => l.p50));
      const p95 = median(m.latency.map((l) => l.p95));
      const p99 = median(m.latency.map((l) => l.p99));
      const achieved = median(m.latency.map((l) => l.achievedRate));
      const held = achieved >= settings.rate * 0.95;
      if (m !== base && !held) findings.push(`${m.route.name}: could not hold ${settings.rate} req/s (completed ${fmt(achieved, 0)}/s; ${fmtRps(rps)} req/s at ${settings.connections} connections), so its latency figures are queueing.`);
      else if (m !== base && p50 > SLOW_P50_MS) findings.push(`${m.route.name}: p50 ${fmt(p50)} ms at ${settings.rate} req/s (over ${SLOW_P50_MS} ms).`);
      if (m.non2xx) findings.push(`${m.route.name}: ${m.non2xx} non-2xx responses (${Object.entries(m.statuses).filter(([c]) => !c.startsWith('2')).map(([c, n]) => `${c} × ${n}`).join(', ')}) — a bug.`);
      if (m.errors) findings.push(`${m.route.name}: ${m.errors} connection errors or timeouts (after 10 s).`);
      rows.push(`| ${m.route.name} | \`${m.route.path}\` | ${fmtRps(rps)} | ${m === base ? '1' : fmtRatio(rps / baseRps)} | ${fmt(p50)} | ${fmt(p95)} | ${fmt(p99)}${held ? '' : ' ⚠'} | ${m === base ? '1' : fmtRatio(p99 / baseP99)} | ${formatBytes(m.check.bytes)} | ${m.non2xx}${m.errors ? ` (+${m.errors} errors)` : ''} |`);
    };
    for (const m of all) lines(m);
    for (const { route, check: c } of failed) {
      rows.push(`| ${route.name} | \`${route.path}\` | BUG: answered ${c.status} | | | | | | | |`);
      findings.push(`${route.name} (GET ${route.path}) answered ${c.status} — a bug: ${c.body.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    for (const { route, reason } of skipped) rows.push(`| ${route.name} | \`${route.path}\` | skipped: ${reason} | | | | | | | |`);
    if (server.warnings.length) findings.push(`The server logged ${server.warnings.length} warnings or errors during the run; first: ${server.warnings[0]!.slice(0, 300)}`);

    const header = [
      '### Routes',
      '',
      `Each figure is the median of ${settings.repeats} measurement${settings.repeats === 1 ? '' : 's'}: req/s with ${settings.connections} connections for ${settings.seconds} s (autocannon); latency at an even ${settings.rate} req/s for ${settings.seconds} s (open loop, from the moment each request was due to its last byte). Ratios are to the baseline measured in the same run. Server memory (RSS) at the end: ${serverRss ? formatBytes(serverRss) : 'unknown'}.`,
      '',
      '| Route | Path | req/s | req/s vs baseline | p50 ms | p95 ms | p99 ms | p99 vs baseline | Response | non-2xx |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    const footer = findings.length ? ['', '**Findings**', '', ...findings.map((f) => `- ${f}`)] : [];
    if (rows.some((r) => r.includes(' ⚠ '))) footer.push('', `⚠ the server did not keep up with ${settings.rate} req/s on this route: its latency is that of a queue of up to ${settings.connections} requests, and requests due beyond that were not sent.`);
    const markdown = [...header, ...rows, ...footer, ''].join('\n');
    if (server.warnings.length) {
      out(`Server warnings/errors (${server.warnings.length}; first 5):`);
      for (const w of server.warnings.slice(0, 5)) out(`  ${w.slice(0, 500)}`);
    }
    return { markdown, broken: failed.length + measured.filter((m) => m.non2xx).length };
  } finally {
    killChildrenNow();
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
  if (parts.has('pdf')) {
    out('PDF of the 30-section document …');
    const result = await benchPdf({ warm: numberFromEnv('BENCH_PDF_RUNS', 7, 1), log: out });
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
