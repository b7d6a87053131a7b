/**
 * The evening-meeting search over 20,000 public places (issue 5), at two levels, each against a
 * baseline measured in the same run:
 *
 * 1. The search itself (`findMeetingPlaces`, the pure function the pages and the API call) over
 *    20,000 generated places, for a round of varied questions ("30 of us on a Tuesday evening,
 *    free or almost, step-free", other days, sizes, budgets, needs, areas). Baseline: one plain
 *    pass over the same array that reads one field of every place — what touching 20,000 places
 *    costs at the least.
 * 2. The JSON API that answers it (`GET /api/v1/{municipality}/places?weekday=…`), through the
 *    real server in-process (`app.inject`) on a SQLite database holding the 20,000 places: per
 *    request it reads the version of the municipality's places, takes the usable places parsed
 *    once for that version, searches them and answers the best 100. Baseline: `GET /health` the
 *    same way, so the ratio is what the search route adds to a bare request.
 *
 * p50 and p95 of each, and the ratio to its baseline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, openPlatform } from '../src/app.js';
import {
  ACCESSIBILITY, WEEKDAYS, emptyOpeningHours, findMeetingPlaces, type MeetingQuery, type OpeningHours, type SearchablePlace,
} from '../src/capabilities/places/model.js';
import { OWNER_TYPES, PLACE_STATUSES, PLACE_TYPES, THREAT_KINDS } from '../src/capabilities/places/index.js';
import { loadConfig } from '../src/platform/config.js';
import { newId, nowIso } from '../src/platform/db/helpers.js';
import { memoryMailer } from '../src/platform/mail.js';
import { defaultPublicValues } from '../src/platform/tenancy.js';
import { seededRandom, type Random } from '../src/demo/random.js';
import { fmtCount, fmtDuration, fmtRatio } from './report.js';

export interface PlacesBenchOptions {
  /** Places to search (default 20,000). */
  places?: number;
  /** Questions asked of the search function (default 2,000). */
  queries?: number;
  /** Requests to the API route and to the baseline (default 200 each). */
  requests?: number;
  log?: (line: string) => void;
}

export interface PlacesBenchResult {
  markdown: string;
  failures: string[];
}

const AREAS = 480;
const areaCode = (i: number) => `BU8001${String(Math.floor(i / 10) % 100).padStart(2, '0')}${String(i % 10).padStart(2, '0')}`;

function hoursFor(random: Random): OpeningHours {
  const hours = emptyOpeningHours();
  for (const day of WEEKDAYS) {
    if (random.next() < 0.25) continue;
    const opens = 7 * 60 + Math.floor(random.next() * 6) * 60;
    const closes = Math.min(24 * 60, opens + 4 * 60 + Math.floor(random.next() * 10) * 60);
    hours[day] = random.next() < 0.3 && closes < 20 * 60 ? [{ from: opens, to: closes }, { from: 19 * 60, to: 22 * 60 + 30 }] : [{ from: opens, to: closes }];
  }
  return hours;
}

const fact = (random: Random) => { const r = random.next(); return r < 0.2 ? null : r < 0.75; };

/** 20,000 places of a large municipality, deterministic: statuses, hours, costs (some unknown), capacities and facts as in life. */
export function generatePlaces(count: number, seed = 5005): SearchablePlace[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const status = PLACE_STATUSES[random.next() < 0.8 ? 0 : Math.floor(random.next() * PLACE_STATUSES.length)]!;
    const costRoll = random.next();
    return {
      id: `p${String(i).padStart(6, '0')}`, name: `Plek ${i}`, status, areaCode: areaCode(Math.floor(random.next() * AREAS)), hours: hoursFor(random),
      costCents: costRoll < 0.15 ? null : costRoll < 0.55 ? 0 : Math.round(random.next() * 60) * 50,
      capacity: random.next() < 0.1 ? null : 8 + Math.floor(random.next() * 200),
      accessibility: { stepFree: fact(random), accessibleToilet: fact(random), hearingLoop: fact(random) },
    };
  });
}

/** The questions: mostly evening meetings of groups, with and without budget, needs and area. */
export function generateQueries(count: number, seed = 7007): MeetingQuery[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const from = (18 + Math.floor(random.next() * 3)) * 60 + (random.next() < 0.5 ? 30 : 0);
    const query: { -readonly [K in keyof MeetingQuery]: MeetingQuery[K] } = { weekday: WEEKDAYS[Math.floor(random.next() * 7)]!, from, to: from + 90 + Math.floor(random.next() * 3) * 30 };
    if (random.next() < 0.8) query.groupSize = 5 + Math.floor(random.next() * 60);
    if (random.next() < 0.7) query.maxCostCents = random.next() < 0.5 ? 0 : 500;
    if (random.next() < 0.6) query.needs = ACCESSIBILITY.filter(() => random.next() < 0.5);
    if (random.next() < 0.3) query.areaCodes = Array.from({ length: 10 }, (_, k) => areaCode((Math.floor(random.next() * AREAS) + k) % AREAS));
    return query;
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function timings(run: (i: number) => unknown, times: number): { p50: number; p95: number } {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run(i);
    out.push(performance.now() - started);
  }
  out.sort((a, b) => a - b);
  return { p50: percentile(out, 0.5), p95: percentile(out, 0.95) };
}

async function asyncTimings(run: () => Promise<unknown>, times: number): Promise<{ p50: number; p95: number }> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  out.sort((a, b) => a - b);
  return { p50: percentile(out, 0.5), p95: percentile(out, 0.95) };
}

export async function benchPlaces(options: PlacesBenchOptions = {}): Promise<PlacesBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const count = options.places ?? 20_000;
  const queryCount = options.queries ?? 2_000;
  const requests = options.requests ?? 200;
  const failures: string[] = [];
  const places = generatePlaces(count);
  const queries = generateQueries(queryCount);

  // ---- 1. the search function --------------------------------------------------------------------
  let sink = 0;
  for (let i = 0; i < 50; i++) sink += findMeetingPlaces(places, queries[i % queries.length]!).length; // warm-up
  const baseline = timings((i) => { let n = 0; const size = 5 + (i % 60); for (const p of places) if ((p.capacity ?? 0) >= size) n++; sink += n; }, queryCount);
  let found = 0;
  const search = timings((i) => { const result = findMeetingPlaces(places, queries[i]!); found += result.length; }, queryCount);
  log(`  search function over ${fmtCount(count)} places: p50 ${fmtDuration(search.p50)}, p95 ${fmtDuration(search.p95)}; one pass (baseline) p50 ${fmtDuration(baseline.p50)}, p95 ${fmtDuration(baseline.p95)}; ${fmtCount(Math.round(found / queryCount))} results a question`);
  if (found === 0) failures.push('the search found nothing for any question: the generated data or the search is wrong');

  // ---- 2. the API route on SQLite -------------------------------------------------------------------
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtarena-bench-places-'));
  let api = { p50: Number.NaN, p95: Number.NaN };
  let health = { p50: Number.NaN, p95: Number.NaN };
  let apiItems = 0;
  const question = '/api/v1/bench-plekken/places?weekday=tue&from=19:30&to=21:30&groupSize=30&maxCostCents=500&needs=stepFree';
  try {
    const opened = await openPlatform(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`, SESSION_SECRET: 'bench-places', SEED_DEMO: '0', LOG_LEVEL: 'warn' }), { mailer: memoryMailer() });
    try {
      const { db } = opened.platform;
      const municipalityId = newId();
      const now = nowIso();
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('municipalities').values({ id: municipalityId, slug: 'bench-plekken', name: 'Gemeente Benchdorp', cbs_code: 'GM8001', division_year: 2025, primary_colour: '#1d5c4d', accent_colour: '#0e3b31', logo_file_id: null, created_at: now, updated_at: now }).execute();
        await tx.insertInto('public_values').values(defaultPublicValues.map((v, position) => ({ id: newId(), municipality_id: municipalityId, position, ...v }))).execute();
        const random = seededRandom(9009);
        const rows = places.map((p, i) => ({
          id: p.id, municipality_id: municipalityId, name: p.name, type: PLACE_TYPES[i % PLACE_TYPES.length]!, owner_type: OWNER_TYPES[i % OWNER_TYPES.length]!, run_by: null, description: null,
          lon: 5 + random.next() * 0.2, lat: 52 + random.next() * 0.1, area_code: p.areaCode, division_year: 2025, hours_json: JSON.stringify(p.hours), cost_cents: p.costCents, capacity: p.capacity,
          step_free: p.accessibility.stepFree === null ? null : Number(p.accessibility.stepFree), accessible_toilet: p.accessibility.accessibleToilet === null ? null : Number(p.accessibility.accessibleToilet),
          hearing_loop: p.accessibility.hearingLoop === null ? null : Number(p.accessibility.hearingLoop), status: p.status, threat_kind: p.status === 'threatened' ? THREAT_KINDS[i % 3]! : null,
          status_since: '2025-01-01', created_by: null, created_at: now, updated_at: now,
        }));
        for (let i = 0; i < rows.length; i += 500) await tx.insertInto('places').values(rows.slice(i, i + 500)).execute();
      });
      const app = await buildApp(opened.platform);
      await app.ready();
      try {
        const first = await app.inject({ method: 'GET', url: question });
        if (first.statusCode !== 200) failures.push(`the search API answered ${first.statusCode}: ${first.body.slice(0, 200)}`);
        const answer = first.json() as { items: unknown[]; total: number };
        apiItems = answer.items.length;
        const expected = findMeetingPlaces(places, { weekday: 'tue', from: 19 * 60 + 30, to: 21 * 60 + 30, groupSize: 30, maxCostCents: 500, needs: ['stepFree'] }).length;
        // The API answers one page (by default the best 100) and says how many there are in all.
        if (answer.total !== expected || apiItems !== Math.min(expected, 100)) {
          failures.push(`the search API found ${answer.total} places (${apiItems} in the answer), the search function ${expected}`);
        }
        for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: '/health' });
        health = await asyncTimings(() => app.inject({ method: 'GET', url: '/health' }), requests);
        api = await asyncTimings(() => app.inject({ method: 'GET', url: question }), requests);
        log(`  search API over ${fmtCount(count)} places (SQLite, in-process): p50 ${fmtDuration(api.p50)}, p95 ${fmtDuration(api.p95)}; /health p50 ${fmtDuration(health.p50)}, p95 ${fmtDuration(health.p95)}; ${fmtCount(apiItems)} places in the answer`);
      } finally {
        await app.close();
      }
    } finally {
      await opened.close();
    }
  } catch (error) {
    const message = `the search API part failed: ${error instanceof Error ? error.message : String(error)}`;
    failures.push(message);
    log(`  FAILURE: ${message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (sink < 0) log('');

  const markdown = [
    `### Evening-meeting search over ${fmtCount(count)} places`,
    '',
    `${fmtCount(count)} generated places (80 % in use; hours on most days, some with an evening span; cost unknown for 15 %, free for 40 %; capacity unknown for 10 %; accessibility facts unknown for 20 %), searched with ${fmtCount(queryCount)} varied questions (evenings, group sizes, budgets, needs, sometimes ten neighbourhoods). The API part asks "30 people, Tuesday 19:30–21:30, at most € 5 an hour, step-free" of the real route, ${fmtCount(requests)} times, in-process on SQLite.`,
    '',
    '| What | p50 | p95 | Baseline (same run) | Baseline p50 | Baseline p95 | Ratio p50 | Ratio p95 |',
    '|---|---:|---:|---|---:|---:|---:|---:|',
    `| \`findMeetingPlaces\` | ${fmtDuration(search.p50)} | ${fmtDuration(search.p95)} | one pass reading one field | ${fmtDuration(baseline.p50)} | ${fmtDuration(baseline.p95)} | ${fmtRatio(search.p50 / baseline.p50)} | ${fmtRatio(search.p95 / baseline.p95)} |`,
    `| \`GET /api/v1/{m}/places?weekday=…\` (${fmtCount(apiItems)} in the answer) | ${fmtDuration(api.p50)} | ${fmtDuration(api.p95)} | \`GET /health\` | ${fmtDuration(health.p50)} | ${fmtDuration(health.p95)} | ${fmtRatio(api.p50 / health.p50)} | ${fmtRatio(api.p95 / health.p95)} |`,
    '',
    'Per request the route reads one number (the version of the municipality\'s places); the usable places are read and parsed once per version (`usablePlaces`), so after a change the first search pays for reading them again.',
    ...(failures.length ? ['', `**FAILED**: ${failures.join('; ')}.`] : []),
    '',
  ];
  return { markdown: markdown.join('\n'), failures };
}
