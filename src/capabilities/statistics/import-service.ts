import { createHash } from 'node:crypto';
import { z } from 'zod';
import { pseudonymOf } from '../../platform/audit.js';
import { enqueue } from '../../platform/jobs.js';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ValidationError, type FieldIssue } from '../../platform/errors.js';
import { authorize, defineUseCase, execute, type Tx } from '../../platform/service.js';
import { CBS_SOURCE, NATIONAL_INDICATORS } from './catalogue.js';
import { isValidStatisticsYear, yearFromFileName, type RegionKind, type UnknownReason } from './model.js';
import {
  describeParseError, STATISTICS_FORMATS, type ParsedStatistics, type StatisticsFinding, type StatisticsFindingKind, type StatisticsFormat,
  type StatisticsParseError,
} from './parse/common.js';
import { parseKwbXlsx } from './parse/kwb-xlsx.js';
import { parseLongFormat, parseMetadata, type DescribedIndicator, type ParsedMetadata } from './parse/long.js';
import { parseStatLineJson } from './parse/statline-json.js';
import { parseWideCsv } from './parse/wide-csv.js';
import { statisticsActions, statisticsResource } from './policy.js';
import { datasetsOfScope, insertValues, ownIndicators, replaceDataset, saveIndicator, type ValueRow } from './store.js';

/**
 * Importing statistics: all or nothing. The file (and a long-format file's metadata) is read and
 * checked completely before anything is written; one bad cell refuses the whole file, naming
 * line or row, column and value. A good file is written by one use case in one transaction: per
 * year its dataset is replaced, the values are written in large batches, the post-import steps
 * run, and the import record and audit entry are added.
 */
export interface StatisticsImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface StatisticsImportProgress {
  phase: 'read' | 'write';
  done: number;
  total: number;
}

export interface ImportStatisticsOptions {
  format?: StatisticsFormat;
  /** The year of a file that does not say it itself; by default the year in the file name. */
  year?: number;
  /** Default: "cbs-kwb" for CBS files, "local" for the long format. */
  source?: string;
  /** The long format's metadata file (a municipality's own variables). */
  metadata?: StatisticsImportFile;
  onProgress?: (progress: StatisticsImportProgress) => void;
}

export type UnknownCounts = Record<UnknownReason, number>;

export interface StatisticsImportReport {
  id: string;
  at: string;
  municipalityId: string | null;
  source: string;
  format: StatisticsFormat;
  years: number[];
  file: { name: string; sha256: string; rows: number };
  metadataFile: { name: string; sha256: string } | null;
  counts: {
    areas: Record<RegionKind, number>;
    variables: number;
    values: number;
    unknown: UnknownCounts;
    /** Values of earlier imports of the same years and source that this import replaced. */
    replaced: number;
    indicatorsDescribed: number;
  };
  findings: StatisticsFinding[];
  findingSummary: Record<StatisticsFindingKind, number>;
  durationMs: number;
}

/** Malformed input: lists every problem (at most 50 per file, with the total). */
export class StatisticsImportError extends ValidationError {
  constructor(readonly errors: StatisticsParseError[], readonly totalErrors: number) {
    super(errors.map((e): FieldIssue => ({ field: e.file, key: 'statistics.import.malformed', params: { location: describeParseError(e).slice(e.file.length + 2) } })));
  }

  /** One line per error, and a line for the errors left out. */
  lines(): string[] {
    const out = this.errors.map(describeParseError);
    if (this.totalErrors > this.errors.length) out.push(`${this.totalErrors - this.errors.length} more errors not shown`);
    return out;
  }
}

/**
 * Steps that run after the values of an import are written, in the same transaction: ranks,
 * percentiles and "neighbourhoods like this one" are computed here once they exist. A step that
 * throws rolls the whole import back.
 */
export type PostImportStep = (tx: Tx, imported: { municipalityId: string | null; source: string; datasets: Array<{ id: number; year: number; rows: readonly ValueRow[] }> }) => Promise<void>;
const postImportSteps: PostImportStep[] = [];

export function registerPostImportStep(step: PostImportStep): void {
  postImportSteps.push(step);
}

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/** The job that removes the values an import replaced (see replaceDataset). */
export const DROP_SUPERSEDED_JOB = 'statistics.dropSupersededDataset';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

/** The format from the name, and for CSV from the header: long, kwb (gwb_code_10) or StatLine. */
export function detectFormat(file: StatisticsImportFile): StatisticsFormat {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json')) return 'statline-json';
  if (name.endsWith('.xlsx')) return 'kwb-xlsx';
  if (name.endsWith('.xls')) throw ValidationError.field('format', 'statistics.import.oldExcel', { file: file.name });
  const head = decode(file.bytes.subarray(0, 4096)).split(/\r?\n/)[0]?.toLowerCase().replace(/"/g, '') ?? '';
  const columns = head.split(/[;,\t]/).map((c) => c.trim());
  if (['year', 'jaar'].some((c) => columns.includes(c)) && ['value', 'waarde'].some((c) => columns.includes(c))) return 'long';
  if (columns.includes('gwb_code_10')) return 'kwb-csv';
  if (columns.some((c) => c === 'wijkenenbuurten' || /^codering(_\d+)?$/.test(c))) return 'statline-csv';
  throw ValidationError.field('format', 'statistics.import.unknownFormat', { file: file.name });
}

async function parseFile(file: StatisticsImportFile, format: StatisticsFormat, knownVariables: ReadonlySet<string>): Promise<ParsedStatistics> {
  switch (format) {
    case 'statline-json': return parseStatLineJson(decode(file.bytes), file.name);
    case 'statline-csv':
    case 'kwb-csv': return parseWideCsv(decode(file.bytes), file.name, format);
    case 'kwb-xlsx': return parseKwbXlsx(file.bytes, file.name);
    case 'long': return parseLongFormat(decode(file.bytes), file.name, knownVariables);
  }
}

function chooseYear(parsed: ParsedStatistics, fileName: string, given: number | undefined): number | null {
  const dataYears = [...new Set(parsed.records.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  if (given !== undefined) {
    if (!isValidStatisticsYear(given)) throw ValidationError.field('year', 'statistics.import.invalidYear');
    if (dataYears.length && (dataYears.length > 1 || dataYears[0] !== given)) {
      throw ValidationError.field('year', 'statistics.import.yearConflict', { year: given, dataYears: dataYears.join(', ') });
    }
    return given;
  }
  if (parsed.records.every((r) => r.year !== null)) return null;
  const fromName = yearFromFileName(fileName);
  if (fromName === null) throw ValidationError.field('year', 'statistics.import.yearRequired');
  if (!isValidStatisticsYear(fromName)) throw ValidationError.field('year', 'statistics.import.invalidYear');
  return fromName;
}

/** What the write step gets: everything checked, grouped per year. */
interface PlannedImport {
  municipalityId: string | null;
  source: string;
  format: StatisticsFormat;
  file: { name: string; sha256: string; rows: number };
  metadataFile: { name: string; sha256: string } | null;
  years: Map<number, { variables: string[]; rows: ValueRow[] }>;
  indicators: DescribedIndicator[];
  areas: Record<RegionKind, number>;
  unknown: UnknownCounts;
  values: number;
  variables: number;
  findings: StatisticsFinding[];
  onProgress?: (progress: StatisticsImportProgress) => void;
}

const FINDING_KINDS: readonly StatisticsFindingKind[] = ['unknown-column', 'kind-mismatch', 'national-variable-described'];

function plan(parsed: ParsedStatistics, year: number | null): Map<number, { variables: string[]; rows: ValueRow[] }> {
  const years = new Map<number, { variables: Set<string>; rows: ValueRow[] }>();
  for (const r of parsed.records) {
    const y = r.year ?? year!;
    let group = years.get(y);
    if (!group) years.set(y, group = { variables: new Set(), rows: [] });
    group.variables.add(r.variable);
    group.rows.push(r); // the parsed record itself (it has a year more): no second object for each of 1.8 million values
  }
  return new Map([...years].sort(([a], [b]) => a - b).map(([y, g]) => [y, { variables: [...g.variables].sort(), rows: g.rows }]));
}

const writeImport = defineUseCase({
  action: statisticsActions.import,
  // Checked by importStatistics before it gets here; a million values are not walked twice.
  input: z.custom<PlannedImport>((v) => typeof v === 'object' && v !== null && 'years' in v && (v as PlannedImport).years instanceof Map),
  async resource(_tx, input) {
    return statisticsResource(input.municipalityId);
  },
  async run(tx, input, ctx) {
    const years = [...input.years.keys()];
    // One variable has one source per scope and year: another source's dataset may not hold it.
    const issues: FieldIssue[] = [];
    for (const other of await datasetsOfScope(tx, input.municipalityId, years)) {
      if (other.source === input.source) continue;
      const mine = new Set(input.years.get(other.year)?.variables ?? []);
      for (const variable of other.variables.filter((v) => mine.has(v))) {
        issues.push({ field: 'source', key: 'statistics.import.otherSource', params: { variable, year: other.year, source: other.source } });
      }
    }
    if (issues.length) throw new ValidationError(issues);

    const id = newId();
    const at = nowIso();
    for (const indicator of input.indicators) await saveIndicator(tx, { ...indicator, municipalityId: input.municipalityId!, }, at);
    let written = 0;
    let replaced = 0;
    const datasets: Array<{ id: number; year: number; rows: readonly ValueRow[] }> = [];
    for (const [year, group] of input.years) {
      const dataset = await replaceDataset(tx, { municipalityId: input.municipalityId, source: input.source, year, importId: id, variables: group.variables, valueCount: group.rows.length, at });
      if (dataset.superseded) {
        replaced += dataset.superseded.valueCount;
        await enqueue(tx, DROP_SUPERSEDED_JOB, { datasetId: dataset.superseded.id }, { uniqueKey: `${DROP_SUPERSEDED_JOB}:${dataset.superseded.id}` });
      }
      const before = written;
      await insertValues(tx, { id: dataset.id, variables: group.variables }, group.rows, (n) => {
        written = before + n;
        input.onProgress?.({ phase: 'write', done: written, total: input.values });
      });
      datasets.push({ id: dataset.id, year, rows: group.rows });
    }
    for (const step of postImportSteps) await step(tx, { municipalityId: input.municipalityId, source: input.source, datasets });

    const counts: StatisticsImportReport['counts'] = {
      areas: input.areas, variables: input.variables, values: input.values, unknown: input.unknown, replaced, indicatorsDescribed: input.indicators.length,
    };
    await tx.insertInto('statistic_imports').values({
      id, municipality_id: input.municipalityId, at,
      imported_by: ctx.actor.kind === 'person' ? await pseudonymOf(tx, ctx.actor.personId) : ctx.actor.kind,
      source: input.source, format: input.format, file_name: input.file.name, sha256: input.file.sha256,
      metadata_file: input.metadataFile ? JSON.stringify(input.metadataFile) : null,
      years: JSON.stringify(years), rows: input.file.rows, value_count: input.values,
      counts: JSON.stringify(counts), findings: JSON.stringify(input.findings),
    }).execute();
    return {
      result: { id, at, counts, years },
      audit: [{
        action: statisticsActions.import, entityType: 'statistic_import', entityId: id, municipalityId: input.municipalityId,
        after: {
          source: input.source, format: input.format, file: input.file, metadata_file: input.metadataFile, years,
          values: input.values, replaced, indicators: input.indicators.map((i) => i.id),
        },
      }],
    };
  },
});

/**
 * Imports one statistics file into the national statistics (no municipality in the context) or
 * into the context's municipality (long format only).
 */
export async function importStatistics(ctx: Context, file: StatisticsImportFile, options: ImportStatisticsOptions = {}): Promise<StatisticsImportReport> {
  const started = performance.now();
  const municipalityId = ctx.tenant?.id ?? null;
  // Refuse before reading a possibly large file.
  authorize(ctx, statisticsActions.import, statisticsResource(municipalityId));
  const format = options.format ?? detectFormat(file);
  if (!STATISTICS_FORMATS.includes(format)) throw ValidationError.field('format', 'statistics.import.unknownFormat', { file: file.name });
  if (format !== 'long' && municipalityId !== null) throw ValidationError.field('format', 'statistics.import.cbsIsNational');
  if (options.metadata && format !== 'long') throw ValidationError.field('metadata', 'statistics.import.metadataOnlyLong');
  if (options.metadata && municipalityId === null) throw ValidationError.field('metadata', 'statistics.import.metadataIsLocal');
  const source = options.source ?? (format === 'long' ? 'local' : CBS_SOURCE);
  if (!SOURCE.test(source)) throw ValidationError.field('source', 'statistics.import.invalidSource');

  const nationalIds = new Set(NATIONAL_INDICATORS.map((i) => i.id));
  let metadata: ParsedMetadata | null = null;
  const known = new Set(nationalIds);
  if (format === 'long') {
    if (municipalityId !== null) for (const own of await ownIndicators(ctx.platform.db, municipalityId)) known.add(own.id);
    if (options.metadata) {
      metadata = parseMetadata(decode(options.metadata.bytes), options.metadata.name, nationalIds);
      for (const described of metadata.indicators) known.add(described.id);
    }
  }
  const parsed = await parseFile(file, format, known);
  options.onProgress?.({ phase: 'read', done: 1, total: 1 });
  const errors = [...(metadata?.errors ?? []), ...parsed.errors];
  const totalErrors = (metadata?.totalErrors ?? 0) + parsed.totalErrors;
  if (totalErrors > 0) throw new StatisticsImportError(errors, totalErrors);
  if (parsed.records.length === 0) throw ValidationError.field('file', 'statistics.import.noValues');

  const year = chooseYear(parsed, file.name, options.year);
  const years = plan(parsed, year);
  const unknown: UnknownCounts = { missing: 0, secret: 0, 'not-applicable': 0 };
  for (const r of parsed.records) if (r.unknown) unknown[r.unknown]++;
  const findings = [...(metadata?.findings ?? []), ...parsed.findings];
  const planned: PlannedImport = {
    municipalityId, source, format,
    file: { name: file.name, sha256: sha256(file.bytes), rows: parsed.rows },
    metadataFile: options.metadata ? { name: options.metadata.name, sha256: sha256(options.metadata.bytes) } : null,
    years, indicators: metadata?.indicators ?? [], areas: parsed.areas, unknown, values: parsed.records.length,
    variables: new Set(parsed.records.map((r) => r.variable)).size, findings, onProgress: options.onProgress,
  };
  const written = await execute(ctx, writeImport, planned);
  const findingSummary = Object.fromEntries(FINDING_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Record<StatisticsFindingKind, number>;
  return {
    id: written.id, at: written.at, municipalityId, source, format, years: written.years, file: planned.file, metadataFile: planned.metadataFile,
    counts: written.counts, findings, findingSummary, durationMs: Math.round(performance.now() - started),
  };
}
