/**
 * The generic long format for any local source (as Amsterdam publishes its area statistics):
 *   year;area_code;variable;value
 *   2023;BU03630001;a_inw;1234
 * (Dutch headers jaar;gebiedcode;variabele;waarde too; ";" "," or tab). Every variable must be in
 * the catalogue, be one of the municipality's own indicators, or be described in the metadata
 * file beside it:
 *   variable;label;definition;unit;source[;label_en;definition_en;theme;polarity]
 */
import { detectDecimalSeparator, isValidStatisticsYear, parseCell, POLARITIES, THEMES, UNITS, type Indicator, type Polarity, type Theme, type Unit } from '../model.js';
import { ErrorList, noAreas, parseStatisticsAreaCode, type ParsedStatistics, type StatisticsFinding, type StatisticsParseError, type StatRecord } from './common.js';
import { detectSeparator, firstLine, readCsv, type CsvRecord } from '../../../platform/csv.js';

const quoted = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

function headerIndex(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(h.trim().toLowerCase()));
}

interface Columns<K extends string> {
  index: Record<K, number>;
  missing: K[];
}

function locate<K extends string>(header: readonly string[], wanted: Record<K, readonly string[]>): Columns<K> {
  const index = {} as Record<K, number>;
  const missing: K[] = [];
  for (const [key, names] of Object.entries(wanted) as Array<[K, readonly string[]]>) {
    index[key] = headerIndex(header, names);
    if (index[key] === -1) missing.push(key);
  }
  return { index, missing };
}

function readTable(text: string): { header: string[]; rows: CsvRecord[] } {
  const [head, ...rows] = [...readCsv(text, detectSeparator(firstLine(text)))];
  return { header: (head?.fields ?? []).map((h) => h.trim()), rows };
}

export const VARIABLE_ID = /^[a-z][a-z0-9_]{1,39}$/;

const LONG_COLUMNS = {
  year: ['year', 'jaar'],
  area: ['area_code', 'gebiedcode', 'gebied_code', 'code'],
  variable: ['variable', 'variabele'],
  value: ['value', 'waarde'],
} as const;

export function parseLongFormat(text: string, fileName: string, knownVariables: ReadonlySet<string>): ParsedStatistics {
  const errors = new ErrorList();
  const findings: StatisticsFinding[] = [];
  const { header, rows } = readTable(text);
  const areas = noAreas();
  const records: StatRecord[] = [];
  const result = (): ParsedStatistics => ({ fileName, format: 'long', records, rows: rows.length, areas, findings, errors: errors.shown, totalErrors: errors.total });
  const { index, missing } = locate(header, LONG_COLUMNS);
  if (missing.length) {
    errors.add({ file: fileName, unit: 'line', number: 1, message: `the header must name the columns year;area_code;variable;value (missing: ${missing.join(', ')})` });
    return result();
  }
  const used = new Set(Object.values(index));
  header.forEach((name, i) => {
    if (!used.has(i)) findings.push({ kind: 'unknown-column', column: name, detail: `Column ${name} is not part of the long format; it was ignored.` });
  });
  const decimal = detectDecimalSeparator(rows.map((r) => r.fields[index.value] ?? ''));
  const seen = new Map<string, number>();
  const areaSeen = new Set<string>();
  for (const row of rows) {
    const at = (i: number): Omit<StatisticsParseError, 'message'> => ({ file: fileName, unit: 'line', number: row.line, column: header[i], columnPosition: String(i + 1), value: row.fields[i] ?? '' });
    const rawYear = (row.fields[index.year] ?? '').trim();
    const year = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
    if (!isValidStatisticsYear(year)) { errors.add({ ...at(index.year), message: `value ${quoted(rawYear)} is not a year from 1990 to 2100` }); continue; }
    const rawArea = row.fields[index.area] ?? '';
    const area = parseStatisticsAreaCode(rawArea);
    if (!area) { errors.add({ ...at(index.area), message: `value ${quoted(rawArea)} is not a CBS area code (NL00, GMxxxx, WKxxxxxx or BUxxxxxxxx)` }); continue; }
    const variable = (row.fields[index.variable] ?? '').trim().toLowerCase();
    if (!knownVariables.has(variable)) {
      errors.add({ ...at(index.variable), message: `value ${quoted(variable)} is not a variable of the catalogue, of the municipality or of the metadata file` });
      continue;
    }
    const parsed = parseCell(row.fields[index.value] ?? '', decimal);
    if (!parsed.ok) { errors.add({ ...at(index.value), message: `value ${quoted((row.fields[index.value] ?? '').trim())} ${parsed.reason}` }); continue; }
    const key = `${year}|${area.code}|${variable}`;
    const first = seen.get(key);
    if (first !== undefined) { errors.add({ ...at(index.variable), message: `${variable} of ${area.code} in ${year} occurs twice (also line ${first})` }); continue; }
    seen.set(key, row.line);
    if (!areaSeen.has(area.code)) { areaSeen.add(area.code); areas[area.kind]++; }
    records.push({ year, area: area.code, variable, value: parsed.value.value, unknown: parsed.value.unknown });
  }
  return result();
}

// ---- metadata ---------------------------------------------------------------------------

/** An own indicator as a metadata file describes it (measured: no derivation). */
export type DescribedIndicator = Omit<Indicator, 'derivation' | 'municipalityId'>;

export interface ParsedMetadata {
  fileName: string;
  indicators: DescribedIndicator[];
  findings: StatisticsFinding[];
  errors: StatisticsParseError[];
  totalErrors: number;
}

const UNIT_WORDS: Readonly<Record<string, Unit>> = {
  aantal: 'count', number: 'count', '%': 'percent', percentage: 'percent', procent: 'percent',
  per1000: 'per-1000', '‰': 'per-1000', '€': 'euro', x1000euro: 'x1000-euro', 'x€1000': 'x1000-euro',
  hectare: 'ha', perkm2: 'per-km2', 'perkm²': 'per-km2', personen: 'persons', 'm³': 'm3', klasse: 'class', verandering: 'change',
};

/** A unit as people write it ("aantal", "%", "per 1 000", "x 1000 euro") or as the catalogue names it. */
export function unitOf(raw: string): Unit | null {
  const text = raw.trim().toLowerCase();
  if ((UNITS as readonly string[]).includes(text)) return text as Unit;
  const compact = text.replace(/[\s.]/g, '');
  if ((UNITS as readonly string[]).includes(compact)) return compact as Unit;
  return UNIT_WORDS[compact] ?? null;
}

const METADATA_COLUMNS = {
  variable: ['variable', 'variabele'],
  label: ['label'],
  definition: ['definition', 'definitie'],
  unit: ['unit', 'eenheid'],
  source: ['source', 'bron'],
} as const;

const OPTIONAL_METADATA_COLUMNS = {
  labelEn: ['label_en'],
  definitionEn: ['definition_en', 'definitie_en'],
  theme: ['theme', 'thema'],
  polarity: ['polarity', 'polariteit'],
} as const;

/**
 * The metadata file of a long-format import: one row per variable. Variables of the national
 * catalogue are described by the catalogue and only reported; the rest become the municipality's
 * own indicators (theme "other" and polarity "neutral" unless given).
 */
export function parseMetadata(text: string, fileName: string, nationalIds: ReadonlySet<string>): ParsedMetadata {
  const errors = new ErrorList();
  const findings: StatisticsFinding[] = [];
  const indicators: DescribedIndicator[] = [];
  const { header, rows } = readTable(text);
  const result = (): ParsedMetadata => ({ fileName, indicators, findings, errors: errors.shown, totalErrors: errors.total });
  const { index, missing } = locate(header, METADATA_COLUMNS);
  if (missing.length) {
    errors.add({ file: fileName, unit: 'line', number: 1, message: `the header must name the columns variable;label;definition;unit;source (missing: ${missing.join(', ')})` });
    return result();
  }
  const optional = locate(header, OPTIONAL_METADATA_COLUMNS).index;
  const seen = new Map<string, number>();
  for (const row of rows) {
    const field = (i: number) => (i === -1 ? '' : (row.fields[i] ?? '').trim());
    const at = (i: number): Omit<StatisticsParseError, 'message'> => ({ file: fileName, unit: 'line', number: row.line, column: header[i], columnPosition: String(i + 1), value: field(i) });
    const id = field(index.variable).toLowerCase();
    if (!VARIABLE_ID.test(id)) { errors.add({ ...at(index.variable), message: `value ${quoted(id)} is not a variable name (a–z, digits and _, starting with a letter, at most 40)` }); continue; }
    const first = seen.get(id);
    if (first !== undefined) { errors.add({ ...at(index.variable), message: `${id} is described twice (also line ${first})` }); continue; }
    seen.set(id, row.line);
    if (nationalIds.has(id)) {
      findings.push({ kind: 'national-variable-described', column: id, detail: `${id} is in the national catalogue, which describes it; line ${row.line} was not used.` });
      continue;
    }
    let bad = false;
    for (const key of ['label', 'definition', 'source'] as const) {
      if (!field(index[key])) { errors.add({ ...at(index[key]), message: `${header[index[key]]} is empty` }); bad = true; }
    }
    const unit = unitOf(field(index.unit));
    if (!unit) { errors.add({ ...at(index.unit), message: `value ${quoted(field(index.unit))} is not a unit (${UNITS.join(', ')})` }); bad = true; }
    const themeText = field(optional.theme).toLowerCase() || 'other';
    if (!(THEMES as readonly string[]).includes(themeText)) { errors.add({ ...at(optional.theme), message: `value ${quoted(themeText)} is not a theme (${THEMES.join(', ')})` }); bad = true; }
    const polarityText = field(optional.polarity).toLowerCase() || 'neutral';
    if (!(POLARITIES as readonly string[]).includes(polarityText)) { errors.add({ ...at(optional.polarity), message: `value ${quoted(polarityText)} is not a polarity (${POLARITIES.join(', ')})` }); bad = true; }
    if (bad || !unit) continue;
    indicators.push({
      id, labelNl: field(index.label), labelEn: field(optional.labelEn) || field(index.label),
      definitionNl: field(index.definition), definitionEn: field(optional.definitionEn) || field(index.definition),
      unit, theme: themeText as Theme, polarity: polarityText as Polarity, source: field(index.source),
    });
  }
  return result();
}
