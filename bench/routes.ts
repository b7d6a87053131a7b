/**
 * Measuring routes of the real server: the server and a plain Fastify baseline in child
 * processes, each route first requested once (anything but 200 is a bug, not measured), then per
 * round its throughput at N connections and its latency at a fixed rate (bench/load.ts), medians
 * over the rounds, ratios to the baseline measured in the same run. Used by the routes part of
 * `npm run bench` and by the national statistics part (bench/national.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildApp, openPlatform } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { formatBytes, projectRoot } from './generate.js';
import { fixedRate, throughput, type LatencyResult, type Target, type ThroughputResult } from './load.js';
import { fmt, fmtRatio, fmtRps, median } from './report.js';

const SLOW_P50_MS = 50;

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

export function killChildrenNow() {
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

export interface Route {
  name: string;
  path: string;
  kind: 'page' | 'api';
  signedIn?: boolean;
  /** Also measure bare Fastify sending this route's own response, byte for byte (compressed as the route sent it). */
  sameBytes?: boolean;
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

/** A response exactly as it came over the wire (not decompressed): status, the headers a client reads, the bytes. */
function rawResponse(target: Target): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(target.url, { headers: target.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'content-encoding', 'vary', 'cache-control']) {
          const value = response.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    }).on('error', reject);
  });
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

export interface RouteMeasurement {
  /** The section heading in the report. */
  heading: string;
  databaseUrl: string;
  routes: Route[];
  seconds: number;
  repeats: number;
  connections: number;
  rate: number;
  warmupSeconds: number;
  /** For routes with `signedIn`. */
  account?: { email: string; password: string };
  log: (line?: string) => void;
}

export interface RouteResult {
  markdown: string;
  /** Routes that answered anything but 2xx. */
  broken: number;
  /**
   * Per measured path: medians of req/s (and its ratio to the baseline's), p95 ms and the rate
   * achieved in the latency run; for routes with `sameBytes`, the ratio to bare Fastify sending the same bytes.
   */
  summary: Map<string, { rps: number; ratio: number; p95: number; achieved: number; sameBytesRatio?: number }>;
}

/** The CSRF cookie a returning browser sends with a page request. */
async function csrfCookie(base: string): Promise<string | null> {
  const first = await fetch(`${base}/api/v1/session`);
  await first.arrayBuffer();
  return cookieFrom(first.headers.getSetCookie(), 'ba_csrf');
}

/** Serve `databaseUrl` and measure the routes beside the baseline (see the file's comment). */
export async function measureRoutes(options: RouteMeasurement): Promise<RouteResult> {
  const { databaseUrl, routes, log } = options;
  const bytesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtarena-bench-bytes-'));
  try {
    const present = await existingRoutes(routes.map((r) => r.path));
    const skipped: Array<{ route: Route; reason: string }> = [];
    let candidates = routes.filter((r) => {
      if (present.has(r.path)) return true;
      skipped.push({ route: r, reason: 'no such route yet' });
      log(`  skipped: ${r.name} (GET ${r.path}) — the application has no such route yet`);
      return false;
    });

    log('Starting the server and the baseline …');
    const serverEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'warn' };
    delete serverEnv.PUBLIC_URL;
    const [server, baseline] = await Promise.all([
      startChild('server', [path.join(projectRoot(), 'dist/src/cli/main.js'), 'serve'], serverEnv),
      startChild('baseline', [path.join(projectRoot(), 'dist/bench/baseline-server.js')], { ...process.env, PORT: '0', HOST: '127.0.0.1', BASELINE_BYTES_DIR: bytesDir }),
    ]);
    log(`  server at ${server.url}/ (pid ${server.process.pid}), baseline at ${baseline.url}/ (pid ${baseline.process.pid})`);

    const account = options.account;
    const login = account && routes.some((r) => r.signedIn) ? await signIn(server.url, account.email, account.password) : { session: null, anonymousCookie: await csrfCookie(server.url), problem: null };
    if (login.problem) log(`  PROBLEM: signing in as ${account!.email} failed — ${login.problem}`);
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
      if (route.kind === 'page') Object.assign(headers, { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' }); // as a browser asks
      const target: Target = { url: `${server.url}${route.path}`, headers };
      const result = await check(target);
      if (result.status !== 200) {
        failed.push({ route, check: result });
        log(`  BUG: ${route.name} (GET ${route.path}) answered ${result.status}: ${result.body.replace(/\s+/g, ' ').slice(0, 300)}`);
        continue;
      }
      measured.push({ route, target, check: result, throughput: [], latency: [], statuses: {}, non2xx: 0, errors: 0 });
    }
    const base: Measured = { route: { name: 'Baseline: plain Fastify, fixed string', path: '/', kind: 'api' }, target: { url: `${baseline.url}/` }, check: await check({ url: `${baseline.url}/` }), throughput: [], latency: [], statuses: {}, non2xx: 0, errors: 0 };
    // Bare Fastify sending a route's own response: what those bytes cost without the application.
    const sameBytes = new Map<Measured, Measured>();
    for (const [i, m] of measured.entries()) {
      if (!m.route.sameBytes) continue;
      const raw = await rawResponse(m.target);
      const name = `route-${i}`;
      fs.writeFileSync(path.join(bytesDir, `${name}.body`), raw.body);
      fs.writeFileSync(path.join(bytesDir, `${name}.json`), JSON.stringify(raw.headers));
      const target: Target = { url: `${baseline.url}/bytes/${name}`, headers: m.target.headers };
      sameBytes.set(m, {
        route: { name: `Baseline: plain Fastify sending the bytes of "${m.route.name}"`, path: `/bytes/${name}`, kind: 'api' },
        target, check: await check(target), throughput: [], latency: [], statuses: {}, non2xx: 0, errors: 0,
      });
    }
    const all = [base, ...measured.flatMap((m) => [m, ...(sameBytes.has(m) ? [sameBytes.get(m)!] : [])])];

    log(`Warming up (${options.warmupSeconds} s each) …`);
    for (const m of all) tally(m, await throughput(m.target, { connections: 10, seconds: options.warmupSeconds }));

    const ensureRunning = () => {
      for (const child of [server, baseline]) {
        const { exitCode, signalCode } = child.process;
        if (exitCode !== null || signalCode !== null) throw new Error(`the ${child.name} stopped during the run (${signalCode ?? exitCode}):\n${child.tail.join('\n')}`);
      }
    };
    for (let round = 1; round <= options.repeats; round++) {
      log(`Round ${round} of ${options.repeats}`);
      for (const m of all) {
        ensureRunning();
        const t = await throughput(m.target, { connections: options.connections, seconds: options.seconds });
        tally(m, t);
        m.throughput.push(t);
        await new Promise((r) => setTimeout(r, 250)); // let the server settle (GC) before the latency run
        const l = await fixedRate(m.target, { rate: options.rate, seconds: options.seconds, maxInFlight: options.connections });
        tally(m, l);
        m.latency.push(l);
        const flags = `${l.dropped ? ` (${l.dropped} not sent: server behind)` : ''}${t.non2xx + l.non2xx ? ` non-2xx ${t.non2xx + l.non2xx}` : ''}${t.errors + l.errors ? ` errors/timeouts ${t.errors + l.errors}` : ''}`;
        log(`  ${m.route.name.padEnd(38)} ${fmtRps(t.requestsPerSecond).padStart(7)} req/s   p50 ${fmt(l.p50).padStart(6)}  p95 ${fmt(l.p95).padStart(6)}  p99 ${fmt(l.p99).padStart(6)} ms at ${fmt(l.achievedRate, 0)} req/s${flags}`);
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
      const held = achieved >= options.rate * 0.95;
      if (m !== base && !held) findings.push(`${m.route.name}: could not hold ${options.rate} req/s (completed ${fmt(achieved, 0)}/s; ${fmtRps(rps)} req/s at ${options.connections} connections), so its latency figures are queueing.`);
      else if (m !== base && p50 > SLOW_P50_MS) findings.push(`${m.route.name}: p50 ${fmt(p50)} ms at ${options.rate} req/s (over ${SLOW_P50_MS} ms).`);
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
      `### ${options.heading}`,
      '',
      `Each figure is the median of ${options.repeats} measurement${options.repeats === 1 ? '' : 's'}: req/s with ${options.connections} connections for ${options.seconds} s (autocannon); latency at an even ${options.rate} req/s for ${options.seconds} s (open loop, from the moment each request was due to its last byte). Ratios are to the baseline measured in the same run. Server memory (RSS) at the end: ${serverRss ? formatBytes(serverRss) : 'unknown'}.`,
      '',
      '| Route | Path | req/s | req/s vs baseline | p50 ms | p95 ms | p99 ms | p99 vs baseline | Response | non-2xx |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    const footer = findings.length ? ['', '**Findings**', '', ...findings.map((f) => `- ${f}`)] : [];
    if (rows.some((r) => r.includes(' ⚠ '))) footer.push('', `⚠ the server did not keep up with ${options.rate} req/s on this route: its latency is that of a queue of up to ${options.connections} requests, and requests due beyond that were not sent.`);
    const markdown = [...header, ...rows, ...footer, ''].join('\n');
    if (server.warnings.length) {
      log(`Server warnings/errors (${server.warnings.length}; first 5):`);
      for (const w of server.warnings.slice(0, 5)) log(`  ${w.slice(0, 500)}`);
    }
    const rpsOf = (m: Measured) => median(m.throughput.map((t) => t.requestsPerSecond));
    const summary = new Map(measured.map((m) => {
      const same = sameBytes.get(m);
      return [m.route.path, {
        rps: rpsOf(m), ratio: rpsOf(m) / baseRps, p95: median(m.latency.map((l) => l.p95)), achieved: median(m.latency.map((l) => l.achievedRate)),
        ...(same ? { sameBytesRatio: rpsOf(m) / rpsOf(same) } : {}),
      }];
    }));
    return { markdown, broken: failed.length + measured.filter((m) => m.non2xx).length, summary };
  } finally {
    killChildrenNow();
    fs.rmSync(bytesDir, { recursive: true, force: true });
  }
}
