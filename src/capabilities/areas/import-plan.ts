/**
 * Turning parsed boundary files into one area import (pure).
 *
 * A batch is one division year. Real-world problems in the data never block the
 * import; they become findings for the import report:
 *   - mixed-years:     the file names carry different years; the latest was used
 *   - duplicate:       a code occurs more than once; the first occurrence is kept
 *   - zero-area:       a shape has (almost) no area, e.g. after simplification; kept
 *   - missing-parent:  an ancestor the code determines (the district and/or the
 *                      municipality) is not in the batch; a placeholder is created
 *   - parent-mismatch: a declared parent differs from the one the code determines;
 *                      the code wins
 * Everything runs in linear time (maps keyed by code), fine for national files.
 */
import { parseAreaCode, type AreaKind } from './codes.js';
import { approximateAreaM2, bbox, type AreaGeometry, type BBox } from './geo.js';
import type { ParsedBoundaryFile, RawArea } from './boundaries.js';

export type ImportFindingKind = 'mixed-years' | 'duplicate' | 'zero-area' | 'missing-parent' | 'parent-mismatch';

export const IMPORT_FINDING_KINDS: readonly ImportFindingKind[] = [
  'mixed-years',
  'duplicate',
  'zero-area',
  'missing-parent',
  'parent-mismatch',
];

export interface ImportFinding {
  kind: ImportFindingKind;
  /** The area the finding is about; null for batch-wide findings (mixed-years). */
  code: string | null;
  /** Where the area came from (for a duplicate: the occurrence that was dropped). */
  file?: string;
  /** 1-based feature number in `file`. */
  feature?: number;
  /**
   * missing-parent: the ancestor that is missing (and was created as a placeholder);
   * parent-mismatch: the declared parent that was overruled by the code.
   */
  parentCode?: string;
  /** Plain English explanation; callers translate for display. */
  detail: string;
}

export interface PlannedArea {
  code: string;
  kind: AreaKind;
  name: string | null;
  /** As determined by the code; null for municipalities. */
  parentCode: string | null;
  /** WGS84; null for placeholders. */
  geometry: AreaGeometry | null;
  areaM2: number | null;
  bbox: BBox | null;
  /** Created only because a child's code needs it; no name or geometry. */
  placeholder: boolean;
}

export interface AreaImportPlan {
  divisionYear: number;
  /** Parents before children: municipalities, districts, neighbourhoods; codes sorted within each. */
  areas: PlannedArea[];
  findings: ImportFinding[];
  /** Real (non-placeholder) areas per kind, and placeholders of any kind separately:
   *  municipality + district + neighbourhood + placeholders = areas.length. */
  counts: { municipality: number; district: number; neighbourhood: number; placeholders: number };
}

export interface AreaImportOptions {
  /** The division year of the batch (the CLI's `--year`); overrides file-name years. */
  divisionYear?: number;
}

export interface AreaImportPlanError {
  code: 'year-required' | 'invalid-year';
  message: string;
}

export type AreaImportPlanResult = { ok: true; plan: AreaImportPlan } | { ok: false; error: AreaImportPlanError };

/** Shapes smaller than this (in m²) are reported as zero-area. */
export const ZERO_AREA_THRESHOLD_M2 = 1;

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const KIND_RANK: Record<AreaKind, number> = { municipality: 0, district: 1, neighbourhood: 2 };

const KIND_LABEL: Record<AreaKind, string> = {
  municipality: 'municipality',
  district: 'district',
  neighbourhood: 'neighbourhood',
};

function chooseYear(
  files: ParsedBoundaryFile[],
  options: AreaImportOptions,
): { ok: true; year: number; finding?: ImportFinding } | { ok: false; error: AreaImportPlanError } {
  if (options.divisionYear !== undefined) {
    const y = options.divisionYear;
    if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
      return {
        ok: false,
        error: { code: 'invalid-year', message: `The division year must be a whole year from ${MIN_YEAR} to ${MAX_YEAR}.` },
      };
    }
    return { ok: true, year: y };
  }
  const byYear = new Map<number, string[]>();
  for (const f of files) {
    if (f.yearFromName === null) continue;
    const names = byYear.get(f.yearFromName) ?? [];
    names.push(f.fileName);
    byYear.set(f.yearFromName, names);
  }
  if (byYear.size === 0) {
    return {
      ok: false,
      error: {
        code: 'year-required',
        message: 'No division year: no file name contains a year. Pass the year with --year.',
      },
    };
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const latest = years[years.length - 1] ?? 0;
  if (years.length === 1) return { ok: true, year: latest };
  const listing = years.map((y) => `${y}: ${(byYear.get(y) ?? []).join(', ')}`).join('; ');
  return {
    ok: true,
    year: latest,
    finding: {
      kind: 'mixed-years',
      code: null,
      detail:
        `The file names carry different years (${listing}). All areas were imported as one division ` +
        `of ${latest}, the latest; pass --year to choose another year.`,
    },
  };
}

interface Source {
  area: RawArea;
  file: string;
}

/** Plans the import of a batch of parsed boundary files as one division year. */
export function planAreaImport(files: ParsedBoundaryFile[], options: AreaImportOptions = {}): AreaImportPlanResult {
  const year = chooseYear(files, options);
  if (!year.ok) return year;

  const findings: ImportFinding[] = [];
  if (year.finding) findings.push(year.finding);

  // First occurrence of each code wins.
  const sources = new Map<string, Source>();
  for (const file of files) {
    for (const area of file.areas) {
      const first = sources.get(area.code);
      if (first) {
        findings.push({
          kind: 'duplicate',
          code: area.code,
          file: file.fileName,
          feature: area.featureIndex,
          detail:
            `${area.code} occurs more than once; this occurrence was skipped and the first one ` +
            `(${first.file}, feature ${first.area.featureIndex}) was kept.`,
        });
      } else {
        sources.set(area.code, { area, file: file.fileName });
      }
    }
  }

  const planned = new Map<string, PlannedArea>();
  for (const [code, { area }] of sources) {
    const geometry = area.geometry;
    planned.set(code, {
      code,
      kind: area.kind,
      name: area.name,
      parentCode: parseAreaCode(code)?.parentCode ?? null,
      geometry,
      areaM2: approximateAreaM2(geometry),
      bbox: bbox(geometry),
      placeholder: false,
    });
  }

  const ensurePlaceholder = (code: string): void => {
    let current: string | null = code;
    while (current !== null && !planned.has(current)) {
      const parsed = parseAreaCode(current);
      if (!parsed) return; // cannot happen: ancestors of valid codes are valid
      planned.set(current, {
        code: current,
        kind: parsed.kind,
        name: null,
        parentCode: parsed.parentCode,
        geometry: null,
        areaM2: null,
        bbox: null,
        placeholder: true,
      });
      current = parsed.parentCode;
    }
  };

  for (const [code, { area, file }] of sources) {
    const parsed = parseAreaCode(code);
    const plannedArea = planned.get(code);
    if (!parsed || !plannedArea) continue;
    const where = { file, feature: area.featureIndex };

    if ((plannedArea.areaM2 ?? 0) < ZERO_AREA_THRESHOLD_M2) {
      findings.push({
        kind: 'zero-area',
        code,
        ...where,
        detail: `The shape of ${code} has (almost) no area (${formatArea(plannedArea.areaM2 ?? 0)}); it was imported as it is.`,
      });
    }

    const declared: [string | undefined, string | null, string][] = [
      [area.declaredParentCode, parsed.parentCode, parsed.kind === 'neighbourhood' ? 'district' : 'municipality'],
    ];
    if (parsed.kind === 'neighbourhood') declared.push([area.declaredMunicipalityCode, parsed.municipalityCode, 'municipality']);
    for (const [given, expected, label] of declared) {
      if (given !== undefined && given !== expected) {
        findings.push({
          kind: 'parent-mismatch',
          code,
          ...where,
          parentCode: given,
          detail:
            `${code} declares ${label} ${given}, but its code determines ${expected ?? 'none'}; ` +
            `the code was followed.`,
        });
      }
    }

    // Every ancestor the code determines: the direct parent and, for a neighbourhood, the municipality.
    const ancestors: string[] = [];
    if (parsed.parentCode !== null) ancestors.push(parsed.parentCode);
    if (parsed.kind === 'neighbourhood') ancestors.push(parsed.municipalityCode);
    for (const ancestor of ancestors) {
      if (sources.has(ancestor)) continue;
      const ancestorKind = parseAreaCode(ancestor)?.kind ?? 'municipality';
      findings.push({
        kind: 'missing-parent',
        code,
        ...where,
        parentCode: ancestor,
        detail:
          `The ${KIND_LABEL[ancestorKind]} ${ancestor} of ${KIND_LABEL[parsed.kind]} ${code} is not in the batch; ` +
          `a placeholder without name or shape was created.`,
      });
      ensurePlaceholder(ancestor);
    }
  }

  const areas = [...planned.values()].sort(
    (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );

  const counts = { municipality: 0, district: 0, neighbourhood: 0, placeholders: 0 };
  for (const a of areas) {
    if (a.placeholder) counts.placeholders++;
    else counts[a.kind]++;
  }

  const kindOrder = new Map(IMPORT_FINDING_KINDS.map((k, i) => [k, i]));
  findings.sort(
    (a, b) =>
      (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) ||
      compareNullable(a.code, b.code) ||
      compareNullable(a.parentCode ?? null, b.parentCode ?? null),
  );

  return { ok: true, plan: { divisionYear: year.year, areas, findings, counts } };
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function formatArea(m2: number): string {
  return `${m2 < 0.01 ? '0' : m2.toFixed(2)} m²`;
}

/** Number of findings per kind; every kind is present, zero when absent. */
export function summariseFindings(findings: readonly ImportFinding[]): Record<ImportFindingKind, number> {
  const out = Object.fromEntries(IMPORT_FINDING_KINDS.map((k) => [k, 0])) as Record<ImportFindingKind, number>;
  for (const f of findings) out[f.kind]++;
  return out;
}
