/**
 * How long one national year of statistics takes to import (issue 4's target: under 15 s on SQLite
 * and PostgreSQL). Not part of `npm run bench`; run it against an empty database:
 *
 *   DATABASE_URL=sqlite:/tmp/statbench/db.sqlite npx tsx bench/statistics-import.ts
 *   DATABASE_URL=postgres://…/statbench npx tsx bench/statistics-import.ts
 *
 * It generates a kwb-YYYY.csv and .xlsx of ~17,300 areas (NL00, 340 municipalities, 3,400
 * districts, 13,600 neighbourhoods) with every catalogue variable plus unknown columns, imports
 * them end to end (parse, check, write, replace), and writes 17,300 × 100 values straight through
 * the store's batch writer in one transaction. The imports include the comparisons computed at
 * import (ranks, percentiles, similar areas); they are also timed alone, split into reading the
 * values back, computing and writing, and on random figures, which have no structure, so the
 * similar-area search always runs to its cap: the slowest case.
 */
import writeXlsxFile from 'write-excel-file/node';
import { openPlatform } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { system } from '../src/platform/policy.js';
import { CBS_VARIABLES } from '../src/capabilities/statistics/catalogue.js';
import { importStatistics } from '../src/capabilities/statistics/import-service.js';
import { insertValues, rawValues, replaceDataset, datasetsOfScope, type ValueRow } from '../src/capabilities/statistics/store.js';
import { compareNationalYear } from '../src/capabilities/statistics/comparisons.js';
import { computeComparisonSet, nearestNeighbours, standardise, STRUCTURE_VARIABLES } from '../src/capabilities/statistics/compare.js';
import { NATIONAL_INDICATORS } from '../src/capabilities/statistics/catalogue.js';
import { known, unknownValue } from '../src/capabilities/statistics/model.js';

const MUNICIPALITIES = 340;
const DISTRICTS = 10;
const NEIGHBOURHOODS = 4;

function areaCodes(): Array<[string, string]> {
  const out: Array<[string, string]> = [['NL00', 'Land']];
  for (let m = 1; m <= MUNICIPALITIES; m++) {
    const gm = String(m).padStart(4, '0');
    out.push([`GM${gm}`, 'Gemeente']);
    for (let d = 1; d <= DISTRICTS; d++) {
      const wk = `${gm}${String(d).padStart(2, '0')}`;
      out.push([`WK${wk}`, 'Wijk']);
      for (let b = 1; b <= NEIGHBOURHOODS; b++) out.push([`BU${wk}${String(b).padStart(2, '0')}`, 'Buurt']);
    }
  }
  return out;
}

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const cell = (i: number) => (random() < 0.05 ? '.' : i % 3 === 0 ? (random() * 100).toFixed(1) : String(Math.floor(random() * 5000)));

const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(58)} ${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s`);
  return result;
};

const areas = areaCodes();
const variables = CBS_VARIABLES.map((v) => v.id);
const extra = Array.from({ length: 100 - variables.length }, (_, i) => `x_unknown_${i}`);
const header = ['gwb_code_10', 'regio', 'recs', ...variables, ...extra];
const rows = areas.map(([code, kind]) => [code, `Gebied ${code}`, kind, ...header.slice(3).map((_, i) => cell(i))]);
const csv = [header, ...rows].map((r) => r.join(';')).join('\n');
const xlsxRows = [header, ...rows.map((r) => r.map((v, i) => (i >= 3 && v !== '.' ? Number(v) : v)))];
const xlsx = await time('generate kwb-2023.xlsx', async () => writeXlsxFile(xlsxRows).toBuffer());
console.log(`${areas.length} areas × ${header.length - 3} columns (${variables.length} in the catalogue); csv ${(csv.length / 1e6).toFixed(1)} MB, xlsx ${(xlsx.length / 1e6).toFixed(1)} MB`);

const opened = await openPlatform(loadConfig({ ...process.env, SEED_DEMO: '0', LOG_LEVEL: 'warn' }));
const ctx = { platform: opened.platform, actor: system, tenant: null, locale: 'en' as const };
try {
  const bytes = new TextEncoder().encode(csv);
  const importTimed = async (label: string, file: { name: string; bytes: Uint8Array }) => {
    let started = 0;
    let read = 0;
    const report = await time(label, () => {
      started = performance.now();
      return importStatistics(ctx, file, { onProgress: (p) => { if (p.phase === 'read') read = performance.now(); } });
    });
    console.log(`  of which reading and checking ${((read - started) / 1000).toFixed(2)} s; ${report.counts.values} values, ${report.counts.unknown.missing} unknown, ${report.counts.replaced} replaced`);
  };
  await importTimed(`import kwb-2023.csv (${opened.platform.engine}, new year)`, { name: 'kwb-2023.csv', bytes });
  await importTimed(`import kwb-2023.csv again (${opened.platform.engine}, replaces the year)`, { name: 'kwb-2023.csv', bytes });
  await time('job: remove the replaced year (background, after the import)', () => opened.platform.jobs.drain());
  await importTimed(`import kwb-2022.xlsx (${opened.platform.engine}, new year)`, { name: 'kwb-2022.xlsx', bytes: xlsx });

  // The comparisons step alone, for kwb-2023: read back, computed, written (in the import it gets the values in memory).
  const db = opened.platform.db;
  const [dataset] = await datasetsOfScope(db, null, [2023]);
  const stored = await time('comparisons: read the year back (1.1 million values)', () => rawValues(db, [dataset!]));
  const byArea = new Map<string, Map<string, ValueRow>>();
  for (const r of stored) (byArea.get(r.area) ?? byArea.set(r.area, new Map()).get(r.area)!).set(r.variable, r);
  const lookup = (area: string, variable: string) => {
    const r = byArea.get(area)?.get(variable);
    return !r ? unknownValue('missing') : r.value === null ? unknownValue(r.unknown ?? 'missing') : known(r.value);
  };
  const catalogue = new Map(NATIONAL_INDICATORS.map((i) => [i.id, i]));
  const set = await time(`comparisons: compute ${NATIONAL_INDICATORS.length} indicators × ${byArea.size} areas`, async () =>
    computeComparisonSet({
      year: 2023, areas: [...byArea.keys()], indicators: NATIONAL_INDICATORS, catalogue, lookup, national: true,
      column: (variable, list) => {
        const values = Float64Array.from(list, (area) => byArea.get(area)?.get(variable)?.value ?? Number.NaN);
        return { values, unknown: list.map((area, a) => (Number.isNaN(values[a]!) ? byArea.get(area)?.get(variable)?.unknown ?? 'missing' : null)) };
      },
    }));
  const neighbourhoods = set.areas.filter((a) => a.kind === 'neighbourhood');
  const columns = STRUCTURE_VARIABLES.map((v) => Float64Array.from(neighbourhoods, (a) => a.values[set.indicators.indexOf(v.id)]!));
  const z = standardise(columns, STRUCTURE_VARIABLES.map((v) => v.scale), neighbourhoods.length);
  await time(`comparisons: of which similar areas, ${neighbourhoods.length} neighbourhoods × ${z.d} figures`, async () => nearestNeighbours(z));
  await time(`comparisons: the whole step in a transaction (${opened.platform.engine}, replaces the year's set)`, () => db.transaction().execute((tx) => compareNationalYear(tx, 2023, null)));

  // 100 variables per area: the store's batch writer alone, one transaction.
  const values: ValueRow[] = [];
  for (const [code] of areas) for (let v = 0; v < 100; v++) values.push({ area: code, variable: `v${String(v).padStart(3, '0')}`, value: random() < 0.05 ? null : random() * 1000, unknown: null });
  for (const r of values) if (r.value === null) r.unknown = 'missing';
  for (const what of ['new year', 'replacing it']) {
    const year = 2024;
    await time(`write ${values.length} values, 100 per area (${opened.platform.engine}, ${what})`, () => opened.platform.db.transaction().execute(async (tx) => {
      const variables = [...new Set(values.map((r) => r.variable))].sort();
      const { id } = await replaceDataset(tx, { municipalityId: null, source: 'bench', year, importId: 'bench', variables, valueCount: values.length, at: new Date().toISOString() });
      await insertValues(tx, { id, variables }, values);
    }));
  }
} finally {
  await opened.close();
}
