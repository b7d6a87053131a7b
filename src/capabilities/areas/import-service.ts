import { createHash } from 'node:crypto';
import type { Context } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ValidationError, type FieldIssue } from '../../platform/errors.js';
import { authorize, type Tx } from '../../platform/service.js';
import { readBoundaryFile, type BoundaryError, type ParsedBoundaryFile } from './boundaries.js';
import type { AreaGeometry, Position } from './geo.js';
import { planAreaImport, summariseFindings, ZERO_AREA_THRESHOLD_M2, type PlannedArea } from './import-plan.js';
import { describeBoundaryError, type AreaImportCounts, type AreaImportReport, type ImportedFile } from './model.js';
import { areaActions, installationResource } from './policy.js';
import type { AreaTable } from './store.js';
import { indexAreas } from './search.js';

/**
 * Importing CBS boundary files: all or nothing. Every file is read and checked before
 * anything is written; one malformed feature in any file refuses the whole batch with every
 * error listed. A well-formed batch is written in one transaction with its import report and
 * one audit entry.
 */
export interface AreaImportFile {
  name: string;
  text: string;
}

export interface AreaImportProgress {
  phase: 'read' | 'write';
  done: number;
  total: number;
}

export interface ImportAreasOptions {
  /** The division year of the batch; by default the year in the file names. */
  divisionYear?: number;
  onProgress?: (progress: AreaImportProgress) => void;
}

/** Malformed input: lists every problem (per file at most MAX_BOUNDARY_ERRORS, with the total). */
export class AreaImportError extends ValidationError {
  constructor(readonly errors: BoundaryError[], readonly totalErrors: number, readonly totalsPerFile: Record<string, number>) {
    super(errors.map((e): FieldIssue => ({ field: e.file, key: 'areas.import.malformed', params: { location: describeBoundaryError(e).slice(e.file.length + 2) } })));
  }

  /** One line per error, plus a line per file whose further errors were left out. */
  lines(): string[] {
    const out = this.errors.map(describeBoundaryError);
    for (const [file, total] of Object.entries(this.totalsPerFile)) {
      const shown = this.errors.filter((e) => e.file === file).length;
      if (total > shown) out.push(`${file}: ${total - shown} more errors not shown`);
    }
    return out;
  }
}

/** Rows per INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const MAX_PARAMETERS = 20_000;
const AREA_COLUMNS = 14;
const ROWS_PER_CHUNK = Math.floor(MAX_PARAMETERS / AREA_COLUMNS);
/** Keep one statement's text well below a few megabytes. */
const MAX_CHUNK_BYTES = 4_000_000;

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
const ringJson = (ring: Position[]) => `[${ring.map((p) => `[${round7(p[0])},${round7(p[1])}]`).join(',')}]`;
const polygonJson = (rings: Position[][]) => `[${rings.map(ringJson).join(',')}]`;

/**
 * GeoJSON text with coordinates rounded to 7 decimals (about 1 cm): a third smaller than the
 * full doubles, and written by hand because a JSON.stringify replacer is several times slower.
 */
export function geometryJson(geometry: AreaGeometry): string {
  return geometry.type === 'Polygon'
    ? `{"type":"Polygon","coordinates":${polygonJson(geometry.coordinates)}}`
    : `{"type":"MultiPolygon","coordinates":[${geometry.coordinates.map(polygonJson).join(',')}]}`;
}

function toRow(area: PlannedArea, divisionYear: number): AreaTable {
  const municipalityCode = area.kind === 'municipality' ? area.code : `GM${area.code.slice(2, 6)}`;
  return {
    code: area.code,
    division_year: divisionYear,
    kind: area.kind,
    name: area.name,
    parent_code: area.parentCode,
    municipality_code: municipalityCode,
    geometry: area.geometry ? geometryJson(area.geometry) : null,
    min_lon: area.bbox ? area.bbox[0] : null,
    min_lat: area.bbox ? area.bbox[1] : null,
    max_lon: area.bbox ? area.bbox[2] : null,
    max_lat: area.bbox ? area.bbox[3] : null,
    area_m2: area.areaM2,
    placeholder: area.placeholder ? 1 : 0,
    zero_area: !area.placeholder && (area.areaM2 ?? 0) < ZERO_AREA_THRESHOLD_M2 ? 1 : 0,
  };
}

function* chunks(rows: AreaTable[]): Generator<AreaTable[]> {
  let chunk: AreaTable[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = (row.geometry?.length ?? 0) + 200;
    if (chunk.length > 0 && (chunk.length >= ROWS_PER_CHUNK || bytes + size > MAX_CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Upsert: a real area replaces whatever is there; a placeholder is written only where there is
 * nothing or another placeholder, so it never overwrites a real area.
 */
async function upsertAreas(tx: Tx, rows: AreaTable[]): Promise<void> {
  await tx.insertInto('areas').values(rows)
    .onConflict((oc) => oc.columns(['code', 'division_year'])
      .doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        parent_code: eb.ref('excluded.parent_code'),
        municipality_code: eb.ref('excluded.municipality_code'),
        geometry: eb.ref('excluded.geometry'),
        min_lon: eb.ref('excluded.min_lon'),
        min_lat: eb.ref('excluded.min_lat'),
        max_lon: eb.ref('excluded.max_lon'),
        max_lat: eb.ref('excluded.max_lat'),
        area_m2: eb.ref('excluded.area_m2'),
        placeholder: eb.ref('excluded.placeholder'),
        zero_area: eb.ref('excluded.zero_area'),
      }))
      .where((eb) => eb.or([eb('excluded.placeholder', '=', 0), eb('areas.placeholder', '=', 1)])))
    .execute();
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads, checks and writes a batch of boundary files as one division year. */
export async function importAreas(ctx: Context, files: AreaImportFile[], options: ImportAreasOptions = {}): Promise<AreaImportReport> {
  const started = performance.now();
  // The resource is the installation's area register and needs nothing loaded: refuse before
  // spending time on possibly large files.
  authorize(ctx, areaActions.import, installationResource);
  if (files.length === 0) throw ValidationError.field('files', 'areas.import.noFiles');
  const names = new Set<string>();
  for (const file of files) {
    if (!file.name.trim()) throw ValidationError.field('files', 'areas.import.noFileName');
    if (names.has(file.name)) throw ValidationError.field('files', 'areas.import.sameFileTwice', { file: file.name });
    names.add(file.name);
  }

  const parsed: ParsedBoundaryFile[] = [];
  const errors: BoundaryError[] = [];
  const totalsPerFile: Record<string, number> = {};
  let totalErrors = 0;
  for (const [i, file] of files.entries()) {
    const result = readBoundaryFile(file.text, file.name);
    if (result.ok) parsed.push(result.file);
    else {
      errors.push(...result.errors);
      totalErrors += result.totalErrors;
      totalsPerFile[file.name] = result.totalErrors;
    }
    options.onProgress?.({ phase: 'read', done: i + 1, total: files.length });
  }
  if (totalErrors > 0) throw new AreaImportError(errors, totalErrors, totalsPerFile);

  const planned = planAreaImport(parsed, options.divisionYear === undefined ? {} : { divisionYear: options.divisionYear });
  if (!planned.ok) {
    throw ValidationError.field('divisionYear', planned.error.code === 'year-required' ? 'areas.import.yearRequired' : 'areas.import.invalidYear');
  }
  const { plan } = planned;
  const importedFiles: ImportedFile[] = files.map((f) => {
    const p = parsed.find((x) => x.fileName === f.name);
    return { name: f.name, sha256: sha256(f.text), features: p?.areas.length ?? 0, crs: p?.sourceCrs ?? 'EPSG:4326' };
  });
  const rows = plan.areas.map((a) => toRow(a, plan.divisionYear));
  const findingSummary = summariseFindings(plan.findings);
  const id = newId();
  const at = nowIso();

  const counts = await ctx.platform.db.transaction().execute(async (tx): Promise<AreaImportCounts> => {
    // Placeholders whose area already exists with name and boundary are left alone.
    const placeholderCodes = rows.filter((r) => r.placeholder === 1).map((r) => r.code);
    const keptReal = new Set<string>();
    for (let i = 0; i < placeholderCodes.length; i += 1000) {
      const existing = await tx.selectFrom('areas').select('code')
        .where('division_year', '=', plan.divisionYear).where('placeholder', '=', 0)
        .where('code', 'in', placeholderCodes.slice(i, i + 1000)).execute();
      for (const e of existing) keptReal.add(e.code);
    }
    const toWrite = rows.filter((r) => !(r.placeholder === 1 && keptReal.has(r.code)));
    let done = 0;
    for (const chunk of chunks(toWrite)) {
      await upsertAreas(tx, chunk);
      done += chunk.length;
      options.onProgress?.({ phase: 'write', done, total: toWrite.length });
    }
    await indexAreas(tx, toWrite.map((r) => r.code));
    const result: AreaImportCounts = { ...plan.counts, placeholdersKeptReal: keptReal.size, written: toWrite.length };
    await tx.insertInto('area_imports').values({
      id, at, division_year: plan.divisionYear,
      files: JSON.stringify(importedFiles), counts: JSON.stringify(result), findings: JSON.stringify(plan.findings),
    }).execute();
    await appendAudit(tx, ctx.actor, {
      action: areaActions.import, entityType: 'area_import', entityId: id, municipalityId: null,
      after: { division_year: plan.divisionYear, files: importedFiles.map((f) => ({ name: f.name, sha256: f.sha256 })), counts: result, findings: findingSummary },
    });
    return result;
  });

  return {
    id, at, divisionYear: plan.divisionYear, files: importedFiles, counts, findingSummary, findings: plan.findings,
    durationMs: Math.round(performance.now() - started),
  };
}
