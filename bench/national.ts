/**
 * `npm run bench -- --national`: the statistics of the whole country, as issue 4 asks to measure them.
 *
 * 1. Data: for every area of the bench data set (the Netherlands, 350 municipalities, 3,300
 *    districts, 14,500 neighbourhoods) and 100 variables of the shipped CBS catalogue,
 *    ten years of believable figures, written as the yearly `kwb-YYYY.csv` files CBS distributes
 *    (`;`-separated, short column names, `.` and `-99997` for unknown). Deterministic and cached
 *    in `.bench-cache/national-<key>/` (about 10 MB a year); about 18 million values.
 * 2. Import: each year through the real use case (`importStatistics`: parse, check, write,
 *    comparisons computed at import), oldest first, into a working copy of the data set, timed.
 * 3. Routes: the server on the imported database and the plain baseline in child processes; the
 *    area statistics page of a neighbourhood and of a district of the large city, the open-data
 *    statistics and "buurten zoals deze" of the neighbourhood — throughput at N connections as a
 *    ratio to the baseline, latency at a fixed rate (default 200 req/s).
 *
 * Measuring, not testing: nothing passes or fails on a timing; it fails (exit 1) on a bug it
 * sees — an import that does not hold the values it was given, a route answering anything but 2xx.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openPlatform } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { system } from '../src/platform/policy.js';
import { CBS_VARIABLES } from '../src/capabilities/statistics/catalogue.js';
import { importStatistics, type StatisticsImportReport } from '../src/capabilities/statistics/import-service.js';
import { areaStatistics } from '../src/capabilities/statistics/area-statistics.js';
import type { Unit } from '../src/capabilities/statistics/model.js';
import { cacheDir, cbsCodeOf, DIVISION_YEAR, slugOf, workingCopy, type DatasetInfo } from './generate.js';
import { fmt, fmtCount, fmtDuration, fmtRatio, fmtRps, median } from './report.js';
import { measureRoutes, type Route } from './routes.js';

/** The issue's national data set has 100 variables: the first 100 of the shipped CBS catalogue. */
const VARIABLES = CBS_VARIABLES.slice(0, 100);

/** Bump when the generated figures change: the cached files are then made again. */
const NATIONAL_VERSION = 'national-1';
export const LAST_YEAR = 2024;

export interface NationalOptions {
  dataset: DatasetInfo;
  years: number;
  seconds: number;
  repeats: number;
  connections: number;
  rate: number;
  warmupSeconds: number;
  log: (line?: string) => void;
}

// ---- the figures ---------------------------------------------------------------------------

interface Area {
  code: string;
  kind: 'country' | 'municipality' | 'district' | 'neighbourhood';
  parent: string | null;
}

const RECS: Record<Area['kind'], string> = { country: 'Land', municipality: 'Gemeente', district: 'Wijk', neighbourhood: 'Buurt' };

/** A number in [0, 1) from a text (FNV-1a): the same area and variable always get the same figure. */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 1_000_003) / 1_000_003;
}

/** How a variable depends on a neighbourhood's latent traits: size, urbanity, wealth, age. */
interface Profile {
  base: number;
  urban: number;
  wealth: number;
  age: number;
  /** Counts: share of the residents; others: scale of the figure. */
  scale: number;
}

function profileOf(id: string): Profile {
  return {
    base: 0.2 + 0.6 * unit(`${id}|base`),
    urban: unit(`${id}|u`) - 0.5,
    wealth: unit(`${id}|w`) - 0.5,
    age: unit(`${id}|a`) - 0.5,
    scale: 0.01 + 0.4 * unit(`${id}|s`),
  };
}

const SCALE_BY_UNIT: Partial<Record<Unit, number>> = {
  km: 3, 'per-km2': 8000, kwh: 3500, m3: 1400, ha: 150, 'per-1000': 60, persons: 3, 'per-household': 1.5, 'x1000-euro': 60,
};

interface Traits { residents: number; urban: number; wealth: number; age: number }

function traitsOf(code: string, yearIndex: number): Traits {
  const growth = (unit(`${code}|g`) - 0.4) * 0.03;
  return {
    residents: Math.round((150 + 5000 * unit(`${code}|n`) ** 2) * (1 + growth) ** yearIndex),
    urban: unit(`${code}|u`),
    wealth: Math.min(1, Math.max(0, unit(`${code}|w`) + 0.01 * yearIndex)),
    age: Math.min(1, Math.max(0, unit(`${code}|a`) + 0.005 * yearIndex)),
  };
}

/** One neighbourhood's figure of one variable, before rounding; null for an unknown. */
function figure(variable: { id: string; unit: Unit }, p: Profile, t: Traits, noise: number): number {
  const lean = 1 + p.urban * (t.urban - 0.5) * 1.6 + p.wealth * (t.wealth - 0.5) * 1.6 + p.age * (t.age - 0.5) * 1.6 + (noise - 0.5) * 0.2;
  if (variable.id === 'a_inw') return t.residents;
  switch (variable.unit) {
    case 'count': return Math.max(0, Math.round(t.residents * p.scale * lean));
    case 'percent': return Math.min(100, Math.max(0, 100 * p.base * lean));
    case 'change': return (lean - 1) * 10;
    case 'class': return Math.min(5, Math.max(1, Math.round(5 - 4 * t.urban)));
    default: return Math.max(0, (SCALE_BY_UNIT[variable.unit] ?? 100) * p.base * 2 * lean);
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * One year's kwb file: neighbourhoods from their traits; districts, municipalities and the
 * country from their neighbourhoods (counts summed, other figures weighted by residents). About
 * 2 % of neighbourhood cells are missing (`.`) and small counts of benefits and care are
 * suppressed (`-99997`), as CBS does; their parents' figures are then computed from the known ones.
 */
function kwbFile(areas: readonly Area[], year: number, yearIndex: number): string {
  const variables = VARIABLES.map((v) => ({ id: v.id, unit: v.unit, profile: profileOf(v.id), sensitive: v.theme === 'income' || v.theme === 'care-support' }));
  const n = variables.length;
  const values = new Map<string, Float64Array>();
  const residents = new Map<string, number>();
  const cells = new Map<string, string[]>();
  for (const area of areas) {
    if (area.kind !== 'neighbourhood') continue;
    const t = traitsOf(area.code, yearIndex);
    const row = new Float64Array(n);
    const text: string[] = new Array(n);
    variables.forEach((v, k) => {
      const noise = unit(`${area.code}|${v.id}|${year}`);
      const value = figure(v, v.profile, t, noise);
      if (noise < 0.02) { row[k] = Number.NaN; text[k] = '.'; return; }
      if (v.sensitive && v.unit === 'count' && value < 10) { row[k] = Number.NaN; text[k] = '-99997'; return; }
      const shown = v.unit === 'count' || v.unit === 'class' ? Math.round(value) : round1(value);
      row[k] = shown;
      text[k] = String(shown);
    });
    values.set(area.code, row);
    residents.set(area.code, t.residents);
    cells.set(area.code, text);
  }
  // Parents bottom-up: districts from their neighbourhoods, municipalities from their districts, the country from the municipalities.
  const kindOf = new Map(areas.map((a) => [a.code, a.kind]));
  for (const kind of ['district', 'municipality', 'country'] as const) {
    const sums = new Map<string, { total: Float64Array; weight: Float64Array; residents: number }>();
    for (const area of areas) {
      const row = values.get(area.code);
      if (!area.parent || kindOf.get(area.parent) !== kind || !row) continue;
      let sum = sums.get(area.parent);
      if (!sum) sums.set(area.parent, sum = { total: new Float64Array(n), weight: new Float64Array(n), residents: 0 });
      const w = residents.get(area.code) ?? 0;
      sum.residents += w;
      for (let k = 0; k < n; k++) {
        const x = row[k]!;
        if (Number.isNaN(x)) continue;
        const additive = variables[k]!.unit === 'count';
        sum.total[k]! += additive ? x : x * w;
        sum.weight[k]! += additive ? 1 : w;
      }
    }
    for (const [code, sum] of sums) {
      const row = new Float64Array(n);
      const text: string[] = new Array(n);
      variables.forEach((v, k) => {
        if (sum.weight[k] === 0) { row[k] = Number.NaN; text[k] = '.'; return; }
        const value = v.unit === 'count' ? sum.total[k]! : sum.total[k]! / sum.weight[k]!;
        const shown = v.unit === 'count' || v.unit === 'class' ? Math.round(value) : round1(value);
        row[k] = shown;
        text[k] = String(shown);
      });
      values.set(code, row);
      residents.set(code, sum.residents);
      cells.set(code, text);
    }
  }
  const lines = [['gwb_code_10', 'regio', 'recs', ...variables.map((v) => v.id)].join(';')];
  for (const area of areas) {
    const text = cells.get(area.code);
    if (text) lines.push([area.code, `Gebied ${area.code}`, RECS[area.kind], ...text].join(';'));
  }
  return `${lines.join('\n')}\n`;
}

/** The areas of the data set (division year 2024) with the Netherlands above the municipalities. */
async function areasOf(databaseUrl: string): Promise<Area[]> {
  const opened = await openPlatform(loadConfig({ ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: '0', LOG_LEVEL: 'warn' }));
  try {
    const rows = await opened.platform.db.selectFrom('areas').select(['code', 'kind', 'parent_code']).where('division_year', '=', DIVISION_YEAR).orderBy('code').execute();
    return [
      { code: 'NL00', kind: 'country', parent: null },
      ...rows.map((r): Area => ({ code: r.code, kind: r.kind as Area['kind'], parent: r.kind === 'municipality' ? 'NL00' : r.parent_code })),
    ];
  } finally {
    await opened.close();
  }
}

interface YearFile { year: number; file: string; bytes: number }

/** The yearly files, from the cache or made now. */
async function ensureFiles(dataset: DatasetInfo, years: number, log: (line?: string) => void): Promise<{ files: YearFile[]; areas: number; seconds: number; generatedNow: boolean; dir: string }> {
  const started = performance.now();
  const key = createHash('sha256').update(`${NATIONAL_VERSION}|${dataset.key}|${years}|${VARIABLES.map((v) => `${v.id}:${v.unit}:${v.theme}`).join(',')}`).digest('hex').slice(0, 12);
  const dir = path.join(cacheDir(), `national-${key}`);
  const wanted = Array.from({ length: years }, (_, i) => LAST_YEAR - years + 1 + i);
  const done = path.join(dir, 'complete.json');
  if (fs.existsSync(done)) {
    const meta = JSON.parse(fs.readFileSync(done, 'utf8')) as { areas: number };
    const files = wanted.map((year) => { const file = path.join(dir, `kwb-${year}.csv`); return { year, file, bytes: fs.statSync(file).size }; });
    return { files, areas: meta.areas, seconds: (performance.now() - started) / 1000, generatedNow: false, dir };
  }
  // Other national sets (another version or data set) are of no further use.
  for (const name of fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()) : []) {
    if (name.startsWith('national-') && name !== `national-${key}`) fs.rmSync(path.join(cacheDir(), name), { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  const areas = await areasOf(dataset.databaseUrl);
  const files: YearFile[] = [];
  for (const [i, year] of wanted.entries()) {
    const text = kwbFile(areas, year, i);
    const file = path.join(dir, `kwb-${year}.csv`);
    fs.writeFileSync(file, text);
    files.push({ year, file, bytes: Buffer.byteLength(text) });
    log(`  kwb-${year}.csv: ${fmtCount(areas.length)} areas × ${VARIABLES.length} variables, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`);
  }
  fs.writeFileSync(done, JSON.stringify({ areas: areas.length, createdAt: new Date().toISOString() }));
  return { files, areas: areas.length, seconds: (performance.now() - started) / 1000, generatedNow: true, dir };
}

// ---- the run -------------------------------------------------------------------------------

export async function benchNational(options: NationalOptions): Promise<{ markdown: string; broken: number }> {
  const { dataset, log } = options;
  log('  the yearly kwb files …');
  const data = await ensureFiles(dataset, options.years, log);
  const totalBytes = data.files.reduce((s, f) => s + f.bytes, 0);
  log(`  ${data.files.length} files, ${(totalBytes / 1e6).toFixed(0)} MB, ${data.generatedNow ? `made now in ${fmt(data.seconds)} s` : 'from the cache'} (${path.relative(process.cwd(), data.dir)})`);

  const work = workingCopy(dataset, 'national');
  const problems: string[] = [];
  const imports: Array<{ year: number; ms: number; readMs: number; report: StatisticsImportReport }> = [];
  try {
    const opened = await openPlatform(loadConfig({ ...process.env, DATABASE_URL: work.databaseUrl, SEED_DEMO: '0', LOG_LEVEL: 'warn' }));
    const engine = opened.platform.engine;
    let neighbourhood = '';
    let district = '';
    try {
      const ctx = { platform: opened.platform, actor: system, tenant: null, locale: 'en' as const };
      for (const { year, file } of data.files) {
        const bytes = fs.readFileSync(file);
        const started = performance.now();
        let read = 0;
        const report = await importStatistics(ctx, { name: path.basename(file), bytes }, { onProgress: (p) => { if (p.phase === 'read' && !read) read = performance.now(); } });
        const ms = performance.now() - started;
        imports.push({ year, ms, readMs: read - started, report });
        log(`  import kwb-${year}.csv (${engine}): ${fmtDuration(ms)} (reading and checking ${fmtDuration(read - started)}); ${fmtCount(report.counts.values)} values, ${fmtCount(report.counts.unknown.missing + report.counts.unknown.secret)} unknown${report.counts.replaced ? `, ${fmtCount(report.counts.replaced)} replaced` : ''}`);
        if (report.counts.variables !== VARIABLES.length) problems.push(`kwb-${year}.csv: ${report.counts.variables} variables imported, the file has ${VARIABLES.length}`);
      }
      await opened.platform.jobs.drain(); // remove replaced datasets (a rerun on PostgreSQL), as the server would after an import

      // Pages of the large city: its first neighbourhood and district.
      const first = async (kind: 'neighbourhood' | 'district') => (await opened.platform.db.selectFrom('areas').select('code').where('municipality_code', '=', cbsCodeOf(1))
        .where('division_year', '=', DIVISION_YEAR).where('kind', '=', kind).orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
      neighbourhood = await first('neighbourhood');
      district = await first('district');

      // The import must hold what the file said: one neighbourhood's figures of the last year, read back as the page reads them.
      const last = data.files[data.files.length - 1]!;
      const lines = fs.readFileSync(last.file, 'utf8').split('\n');
      const header = lines[0]!.split(';');
      const row = lines.find((l) => l.startsWith(`${neighbourhood};`))!.split(';');
      const municipalityId = (await opened.platform.db.selectFrom('municipalities').select('id').where('slug', '=', slugOf(1)).executeTakeFirstOrThrow()).id;
      const stats = await areaStatistics(opened.platform.db, municipalityId, neighbourhood, last.year);
      const shown = new Map(stats?.themes.flatMap((t) => t.indicators.map((i) => [i.indicator.id, i.value] as const)) ?? []);
      let checked = 0;
      header.forEach((id, c) => {
        if (c < 3) return;
        const cell = row[c]!;
        const value = shown.get(id);
        const expected = cell === '.' || cell === '-99997' ? null : Number(cell);
        const got = value === undefined ? 'absent' : value.unknown === null ? value.value : null;
        if (got !== expected) problems.push(`${neighbourhood} ${id} ${last.year}: the file says ${cell}, the statistics say ${JSON.stringify(value)}`);
        checked++;
      });
      log(`  read back ${checked} figures of ${neighbourhood} in ${last.year}: ${problems.length ? `${problems.length} differ` : 'all equal to the file'}`);
    } finally {
      await opened.close();
    }

    const slug = slugOf(1);
    const routes: Route[] = [
      // The application's plainest route (all hooks, no work): the ratio of a statistics route to it is what the statistics cost on top of the platform.
      { name: 'App plain route', path: '/health', kind: 'api' },
      { name: 'Area statistics page (neighbourhood)', path: `/${slug}/gebieden/${neighbourhood}/cijfers`, kind: 'page', sameBytes: true },
      { name: 'Area statistics page (district)', path: `/${slug}/gebieden/${district}/cijfers`, kind: 'page' },
      { name: 'API statistics of a neighbourhood', path: `/api/v1/${slug}/areas/${neighbourhood}/statistics`, kind: 'api' },
      { name: 'API similar neighbourhoods', path: `/api/v1/${slug}/areas/${neighbourhood}/similar`, kind: 'api' },
    ];
    log('  routes on the imported data …');
    const measured = await measureRoutes({
      heading: 'National statistics: routes', databaseUrl: work.databaseUrl, routes, log,
      seconds: options.seconds, repeats: options.repeats, connections: options.connections, rate: options.rate, warmupSeconds: options.warmupSeconds,
    });

    const perYear = imports.map((i) => `| ${i.year} | ${fmtCount(i.report.counts.values)} | ${fmtCount(i.report.counts.unknown.missing + i.report.counts.unknown.secret + i.report.counts.unknown['not-applicable'])} | ${fmt(i.ms / 1000, 2)} | ${fmt(i.readMs / 1000, 2)} | ${fmt((i.ms - i.readMs) / 1000, 2)} |`);
    const totalValues = imports.reduce((s, i) => s + i.report.counts.values, 0);
    const plain = measured.summary.get('/health');
    const goals = [
      ...routes.filter((r) => r.path !== '/health').map((r) => {
        const m = measured.summary.get(r.path);
        if (!m) return `- ${r.name}: not measured (see above).`;
        const same = m.sameBytesRatio === undefined ? '' : `, ${fmtRatio(m.sameBytesRatio)} bare Fastify sending the same compressed bytes`;
        return `- ${r.name}: p95 ${fmt(m.p95)} ms at ${fmt(m.achieved, 0)} req/s (goal: under 50 ms at ${options.rate}); ${fmtRps(m.rps)} req/s at ${options.connections} connections = ${fmtRatio(m.ratio)} bare Fastify's fixed string${plain ? `, ${fmtRatio(m.rps / plain.rps)} the app's plain route's` : ''}${same} (goal: at least 0.25×).`;
      }),
      `- One national year imported in ${fmt(median(imports.map((i) => i.ms)) / 1000, 2)} s (median of ${imports.length} years; goal: under 15 s).`,
    ];
    const markdown = [
      `### National statistics (${engine})`,
      '',
      `${fmtCount(data.areas)} areas × ${VARIABLES.length} variables × ${imports.length} years = ${fmtCount(totalValues)} values, as ${imports.length} kwb-YYYY.csv files (${(totalBytes / 1e6).toFixed(0)} MB; ${data.generatedNow ? `made in ${fmt(data.seconds)} s` : 'from the cache'}), each imported through \`importStatistics\` (parse, check, write, comparisons at import) oldest first, on ${engine === 'sqlite' ? 'a working copy of the data set' : 'the data set'}.`,
      '',
      '| Year | Values | Unknown | Import s | of which reading and checking s | writing and comparisons s |',
      '|---:|---:|---:|---:|---:|---:|',
      ...perYear,
      '',
      `Median import of a year: ${fmt(median(imports.map((i) => i.ms)) / 1000, 2)} s.`,
      '',
      measured.markdown,
      '**Against the goals**',
      '',
      ...goals,
      ...(problems.length ? ['', '**Problems**', '', ...problems.slice(0, 20).map((p) => `- ${p}`)] : []),
      '',
    ].join('\n');
    return { markdown, broken: problems.length + measured.broken };
  } finally {
    work.dispose();
  }
}
