/**
 * Areas through time: pure types and rules (no I/O).
 *
 * An area is (CBS code, division year). Municipalities, districts and neighbourhoods form a
 * tree per division year; the parent follows from the code (see codes.ts). A municipality
 * groups its neighbourhoods into budget areas; without groups every neighbourhood is its own
 * budget area.
 */
import type { BoundaryError } from './boundaries.js';
import type { AreaKind } from './codes.js';
import type { AreaGeometry, BBox } from './geo.js';
import type { ImportFinding, ImportFindingKind } from './import-plan.js';

export const MIN_DIVISION_YEAR = 1990;
export const MAX_DIVISION_YEAR = 2100;

/** An area without its boundary (what lists, trees and breadcrumbs need). */
export interface AreaSummary {
  code: string;
  divisionYear: number;
  kind: AreaKind;
  name: string | null;
  parentCode: string | null;
  municipalityCode: string;
  bbox: BBox | null;
  areaM2: number | null;
  /** Known only because a child's code names it: no name, no boundary. */
  placeholder: boolean;
  /** Its boundary has (almost) no area, e.g. after simplification. */
  zeroArea: boolean;
}

export interface Area extends AreaSummary {
  /** WGS84 boundary; null for placeholders. */
  geometry: AreaGeometry | null;
}

/** What people read: the name, or the code when the area has none (placeholders). */
export function areaLabel(area: Pick<AreaSummary, 'code' | 'name'>): string {
  return area.name ?? area.code;
}

/** Square kilometres, rounded for display (two decimals below 10 km², one above). */
export function squareKilometres(areaM2: number | null): number | null {
  if (areaM2 === null) return null;
  const km2 = areaM2 / 1_000_000;
  return km2 < 10 ? Math.round(km2 * 100) / 100 : Math.round(km2 * 10) / 10;
}

export function isValidDivisionYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_DIVISION_YEAR && year <= MAX_DIVISION_YEAR;
}

// ---- import report ------------------------------------------------------------------------

export interface ImportedFile {
  name: string;
  sha256: string;
  features: number;
  crs: string;
}

export interface AreaImportCounts {
  municipality: number;
  district: number;
  neighbourhood: number;
  placeholders: number;
  /** Placeholders not written because the area already exists with name and boundary. */
  placeholdersKeptReal: number;
  /** Rows inserted or updated. */
  written: number;
}

export interface AreaImportReport {
  id: string;
  at: string;
  divisionYear: number;
  files: ImportedFile[];
  counts: AreaImportCounts;
  findingSummary: Record<ImportFindingKind, number>;
  findings: ImportFinding[];
  durationMs: number;
}

/**
 * One line per malformed-input error, naming file, feature and field, or line and column:
 *   buurt.json: feature 3, field buurtcode: buurtcode "X" is not a valid CBS area code …
 *   buurt.json: line 4, column 7: invalid JSON: Unexpected token …
 */
export function describeBoundaryError(error: BoundaryError): string {
  const where: string[] = [];
  if (error.line !== undefined) where.push(`line ${error.line}`, `column ${error.column ?? 1}`);
  if (error.feature !== undefined) where.push(`feature ${error.feature}`);
  if (error.field !== undefined) where.push(`field ${error.field}`);
  // The reader repeats the place at the start of its messages; say it once.
  const message = error.message
    .replace(/^Feature \d+: /, '')
    .replace(/^Invalid JSON at line \d+, column \d+: /, 'invalid JSON: ');
  return `${error.file}: ${where.length ? `${where.join(', ')}: ` : ''}${message}`;
}

// ---- budget areas ------------------------------------------------------------------------

export interface BudgetAreaMember {
  code: string;
  name: string | null;
}

export interface BudgetArea {
  /** Null for a neighbourhood that is its own budget area (computed, not stored). */
  id: string | null;
  name: string;
  source: 'group' | 'neighbourhood';
  neighbourhoods: BudgetAreaMember[];
}

export interface BudgetAreasView {
  divisionYear: number;
  /** Groups first (by name), then each ungrouped neighbourhood on its own (by code). */
  areas: BudgetArea[];
  /** Neighbourhoods in no group (each its own budget area); what a new group can take. */
  ungrouped: BudgetAreaMember[];
}

/**
 * The budget areas of a municipality: its stored groups, and every neighbourhood that is in
 * no group as a budget area of its own. Members that are no longer a neighbourhood of the
 * year are left out of the groups.
 */
export function composeBudgetAreas(
  divisionYear: number,
  neighbourhoods: readonly BudgetAreaMember[],
  groups: ReadonlyArray<{ id: string; name: string; codes: readonly string[] }>,
): BudgetAreasView {
  const byCode = new Map(neighbourhoods.map((n) => [n.code, n]));
  const grouped = new Set<string>();
  const areas: BudgetArea[] = [];
  for (const group of [...groups].sort((a, b) => a.name.localeCompare(b.name, 'nl'))) {
    const members = group.codes.map((c) => byCode.get(c)).filter((n): n is BudgetAreaMember => n !== undefined)
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const m of members) grouped.add(m.code);
    areas.push({ id: group.id, name: group.name, source: 'group', neighbourhoods: members });
  }
  const ungrouped = [...neighbourhoods].filter((n) => !grouped.has(n.code)).sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const n of ungrouped) areas.push({ id: null, name: areaLabel(n), source: 'neighbourhood', neighbourhoods: [n] });
  return { divisionYear, areas, ungrouped };
}
