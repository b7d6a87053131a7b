/**
 * What every statistics file parser returns (pure): records in one shape, findings (real-world
 * oddities that do not block the import) and errors (malformed input, naming the place, column
 * and value). A file with any error imports nothing.
 */
import { parseAreaCode } from '../../areas/index.js';
import { columnMeaning } from '../catalogue.js';
import { NETHERLANDS_CODE, regionKindOf, yearFromPeriod, type ParsedCell, type RegionKind, type UnknownReason } from '../model.js';

export type StatisticsFormat = 'statline-json' | 'statline-csv' | 'kwb-xlsx' | 'kwb-csv' | 'long';
export const STATISTICS_FORMATS: readonly StatisticsFormat[] = ['statline-json', 'statline-csv', 'kwb-xlsx', 'kwb-csv', 'long'];

/** One value: a year from the data (null when the file does not say), an area, a variable. */
export interface StatRecord {
  year: number | null;
  area: string;
  variable: string;
  value: number | null;
  unknown: UnknownReason | null;
}

/** Where in a file: a CSV line, a spreadsheet row, or a JSON record. */
export type PlaceUnit = 'line' | 'row' | 'record';

export interface StatisticsParseError {
  file: string;
  unit?: PlaceUnit;
  number?: number;
  /** The column's header, and for spreadsheets its letter / for CSV its 1-based position. */
  column?: string;
  columnPosition?: string;
  value?: string;
  message: string;
}

export type StatisticsFindingKind = 'unknown-column' | 'kind-mismatch' | 'national-variable-described';

export interface StatisticsFinding {
  kind: StatisticsFindingKind;
  column?: string;
  area?: string;
  detail: string;
}

export interface ParsedStatistics {
  fileName: string;
  format: StatisticsFormat;
  records: StatRecord[];
  /** Data rows read (header excluded). */
  rows: number;
  /** Area codes per kind, for the report. */
  areas: Record<RegionKind, number>;
  findings: StatisticsFinding[];
  errors: StatisticsParseError[];
  totalErrors: number;
}

export const MAX_ERRORS_PER_FILE = 50;

/** Collects errors, keeping the first MAX_ERRORS_PER_FILE and counting all. */
export class ErrorList {
  readonly shown: StatisticsParseError[] = [];
  total = 0;
  add(error: StatisticsParseError): void {
    this.total++;
    if (this.shown.length < MAX_ERRORS_PER_FILE) this.shown.push(error);
  }
}

/** "line 4, column 7 (AantalInwoners_5): value "abc" is not a number" — without the file name. */
export function describePlace(error: Omit<StatisticsParseError, 'file' | 'message'>): string {
  const parts: string[] = [];
  if (error.unit && error.number !== undefined) parts.push(`${error.unit} ${error.number}`);
  if (error.column !== undefined) parts.push(error.columnPosition ? `column ${error.columnPosition} (${error.column})` : `column ${error.column}`);
  return parts.join(', ');
}

export function describeParseError(error: StatisticsParseError): string {
  const place = describePlace(error);
  return `${error.file}: ${place ? `${place}: ` : ''}${error.message}`;
}

const quoted = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

export function cellText(raw: unknown): string {
  return raw === null || raw === undefined ? '' : typeof raw === 'string' ? raw : String(raw);
}

/** A CBS area code in a statistics file: NL00 (the Netherlands) or a GM/WK/BU code; trimmed, upper case. */
export function parseStatisticsAreaCode(raw: string): { code: string; kind: RegionKind } | null {
  const code = raw.trim().toUpperCase();
  if (code === NETHERLANDS_CODE) return { code, kind: 'country' };
  const parsed = parseAreaCode(code);
  return parsed ? { code: parsed.code, kind: parsed.kind } : null;
}

export const noAreas = (): Record<RegionKind, number> => ({ country: 0, municipality: 0, district: 0, neighbourhood: 0 });

// ---- wide tables (StatLine JSON and CSV, kwb xlsx and CSV) ----------------------------------

export interface WideRow {
  number: number;
  cells: readonly unknown[];
}

export interface WideTable {
  fileName: string;
  format: StatisticsFormat;
  unit: PlaceUnit;
  header: readonly string[];
  rows: Iterable<WideRow>;
  /** How a cell becomes a value (decimal separator, JSON numbers). */
  cell: (raw: unknown) => ParsedCell;
  /** The column's position as people see it: "7", "H", or nothing for JSON keys. */
  position: (index: number) => string | undefined;
}

const AREA_COLUMNS = ['wijkenenbuurten', 'codering', 'gwb_code_10'];
const KIND_COLUMNS = ['soortregio', 'recs'];

function findColumn(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const index = header.findIndex((h) => h.trim().toLowerCase() === name || h.trim().replace(/_\d+$/, '').toLowerCase() === name);
    if (index !== -1) return index;
  }
  return -1;
}

/**
 * One row per area, one column per variable (every CBS shape). Columns are matched by name
 * (catalogue.ts); unknown columns are listed as findings and ignored; two columns for the same
 * variable, a bad area code, a value that is no number and an area twice are errors.
 */
export function parseWideTable(table: WideTable): ParsedStatistics {
  const { fileName, format, unit, header } = table;
  const errors = new ErrorList();
  const findings: StatisticsFinding[] = [];
  const result = (records: StatRecord[], rows: number, areas = noAreas()): ParsedStatistics =>
    ({ fileName, format, records, rows, areas, findings, errors: errors.shown, totalErrors: errors.total });

  const areaColumn = findColumn(header, AREA_COLUMNS);
  if (areaColumn === -1) {
    errors.add({ file: fileName, message: 'no area code column: expected WijkenEnBuurten, Codering_N or gwb_code_10' });
    return result([], 0);
  }
  const kindColumn = findColumn(header, KIND_COLUMNS);
  const periodColumn = findColumn(header, ['perioden']);
  const variables: Array<{ index: number; id: string }> = [];
  const columnOf = new Map<string, number>();
  header.forEach((name, index) => {
    const meaning = columnMeaning(name);
    if (meaning.kind === 'structural') return;
    if (meaning.kind === 'unknown') {
      findings.push({ kind: 'unknown-column', column: name, detail: `Column ${name} is not in the indicator catalogue; it was ignored.` });
      return;
    }
    const earlier = columnOf.get(meaning.id);
    if (earlier !== undefined) {
      errors.add({ file: fileName, column: name, columnPosition: table.position(index), message: `holds ${meaning.id}, as column ${header[earlier]} already does` });
      return;
    }
    columnOf.set(meaning.id, index);
    variables.push({ index, id: meaning.id });
  });

  const records: StatRecord[] = [];
  const areas = noAreas();
  const seen = new Map<string, number>();
  let rows = 0;
  for (const row of table.rows) {
    rows++;
    const place = { file: fileName, unit, number: row.number };
    const at = (index: number) => ({ ...place, column: header[index], columnPosition: table.position(index) });
    const rawCode = cellText(row.cells[areaColumn]);
    const area = parseStatisticsAreaCode(rawCode);
    if (!area) {
      errors.add({ ...at(areaColumn), value: rawCode, message: `value ${quoted(rawCode)} is not a CBS area code (NL00, GMxxxx, WKxxxxxx or BUxxxxxxxx)` });
      continue;
    }
    let year: number | null = null;
    if (periodColumn !== -1) {
      const rawPeriod = cellText(row.cells[periodColumn]);
      year = yearFromPeriod(rawPeriod);
      if (year === null) {
        errors.add({ ...at(periodColumn), value: rawPeriod, message: `value ${quoted(rawPeriod)} is not a yearly period such as 2023JJ00` });
        continue;
      }
    }
    const key = `${year ?? ''}|${area.code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.add({ ...at(areaColumn), value: rawCode, message: `area ${area.code} occurs twice (also ${unit} ${first})` });
      continue;
    }
    seen.set(key, row.number);
    areas[area.kind]++;
    if (kindColumn !== -1) {
      const word = cellText(row.cells[kindColumn]);
      const declared = regionKindOf(word);
      if (declared !== area.kind) {
        findings.push({ kind: 'kind-mismatch', area: area.code, column: header[kindColumn], detail: `${area.code} (${unit} ${row.number}) is said to be "${word.trim()}"; its code was followed.` });
      }
    }
    for (const { index, id } of variables) {
      const raw = row.cells[index];
      const parsed = table.cell(raw);
      if (!parsed.ok) {
        const text = cellText(raw);
        errors.add({ ...at(index), value: text, message: `value ${quoted(text)} ${parsed.reason}` });
        continue;
      }
      records.push({ year, area: area.code, variable: id, value: parsed.value.value, unknown: parsed.value.unknown });
    }
  }
  return result(records, rows, areas);
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
