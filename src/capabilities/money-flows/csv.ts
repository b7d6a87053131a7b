// The platform's CSV reader and writer (RFC 4180 with ";", "," or tab, quotes, BOM, line numbers, the formula guard).
import { csvFile, csvNumber, detectSeparator, firstLine, readCsv, unguardFormula } from '../../platform/csv.js';
import { CERTAINTIES, FUNDING_SOURCES, MAX_METHOD, MAX_PURPOSE, MAX_FIGURE_SOURCE, MAX_YEAR, MIN_YEAR, parseEuros, type Certainty, type FundingSource, type MoneyFlow } from './model.js';

/**
 * The money-flows file: one line per flow,
 *   year;area_code;source;purpose;amount_eur;method;certainty[;figure_source]
 * (Dutch headers jaar;gebiedcode;bron;bestemming;bedrag_eur;methode;zekerheid;bron_cijfer too).
 * Sources and certainties by their code or their Dutch or English name. Every problem names its
 * line and column; a file with any problem imports nothing. A cell that starts with an apostrophe
 * before =, +, -, @, a tab or a CR is read without that one apostrophe: the export writes it there so
 * that a spreadsheet shows such a text instead of running it as a formula (see `guardFormula` in
 * platform/csv.ts).
 */
export const COLUMNS = {
  year: ['year', 'jaar'],
  area: ['area_code', 'gebiedcode', 'gebied_code'],
  source: ['source', 'bron'],
  purpose: ['purpose', 'bestemming', 'organisatie'],
  amount: ['amount_eur', 'bedrag_eur', 'amount', 'bedrag'],
  method: ['method', 'methode'],
  certainty: ['certainty', 'zekerheid'],
  figureSource: ['figure_source', 'bron_cijfer'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['year', 'area', 'source', 'purpose', 'amount', 'method', 'certainty'];

const SOURCE_WORDS: Record<string, FundingSource> = {
  wmo: 'wmo', 'wmo-ondersteuning': 'wmo', jeugdwet: 'youth', jeugd: 'youth', youth: 'youth', 'youth act': 'youth',
  participatiewet: 'participation', participation: 'participation', 'participation act': 'participation', bijstand: 'participation',
  zvw: 'zvw', zorgverzekering: 'zvw', zorgverzekeringswet: 'zvw', 'health insurance': 'zvw', wlz: 'wlz', 'wet langdurige zorg': 'wlz', 'long-term care': 'wlz',
  housing: 'housing', woningcorporatie: 'housing', corporatie: 'housing', 'housing corporation': 'housing',
  subsidies: 'subsidies', subsidie: 'subsidies', gemeentesubsidie: 'subsidies', 'municipal subsidies': 'subsidies', other: 'other', overig: 'other', anders: 'other',
};
const CERTAINTY_WORDS: Record<string, Certainty> = {
  measured: 'measured', gemeten: 'measured', estimated: 'estimated', geschat: 'estimated', schatting: 'estimated',
  rough: 'rough', 'rough guess': 'rough', 'grove schatting': 'rough', grof: 'rough', ruw: 'rough',
};
for (const s of FUNDING_SOURCES) SOURCE_WORDS[s] = s;
for (const c of CERTAINTIES) CERTAINTY_WORDS[c] = c;

export interface ImportedFlow {
  line: number;
  year: number;
  areaCode: string;
  source: FundingSource;
  purpose: string;
  amountCents: number;
  method: string;
  certainty: Certainty;
  figureSource: string | null;
}

/** One problem: a message key (`moneyFlows.import.error.*`) with the line, the column and the value. */
export interface ImportProblem {
  line: number;
  column: string | null;
  key: string;
  params: Record<string, string | number>;
}

export const MAX_SHOWN_PROBLEMS = 50;

const shortValue = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

export function parseMoneyFlows(text: string, areaOf: (code: string) => string | null): { flows: ImportedFlow[]; problems: ImportProblem[]; total: number } {
  const problems: ImportProblem[] = [];
  let total = 0;
  const problem = (p: ImportProblem) => {
    total++;
    if (problems.length < MAX_SHOWN_PROBLEMS) problems.push(p);
  };
  const [head, ...records] = [...readCsv(text, detectSeparator(firstLine(text)))];
  const header = (head?.fields ?? []).map((h) => h.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  for (const [key, names] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) index[key] = header.findIndex((h) => names.includes(h));
  const missing = REQUIRED.filter((c) => index[c] === -1);
  if (!head || missing.length) {
    problem({ line: 1, column: null, key: 'moneyFlows.import.error.header', params: { missing: missing.map((c) => COLUMNS[c][0]).join(', ') } });
    return { flows: [], problems, total };
  }
  if (records.length === 0) problem({ line: 2, column: null, key: 'moneyFlows.import.error.empty', params: {} });
  const flows: ImportedFlow[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const cell = (c: Column) => (index[c] === -1 ? '' : unguardFormula((record.fields[index[c]] ?? '').trim()));
    const at = (c: Column, key: string, extra: Record<string, string | number> = {}) => problem({
      line: record.line, column: `${index[c] + 1} (${head.fields[index[c]]!.trim()})`, key: `moneyFlows.import.error.${key}`, params: { value: shortValue(cell(c)), ...extra },
    });
    const before = total;
    const yearText = cell('year');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) at('year', 'year', { min: MIN_YEAR, max: MAX_YEAR });
    const areaCode = areaOf(cell('area').toUpperCase());
    if (!areaCode) at('area', 'area');
    const source = SOURCE_WORDS[cell('source').toLowerCase()];
    if (!source) at('source', 'source', { choices: FUNDING_SOURCES.join(', ') });
    const purpose = cell('purpose');
    if (purpose === '') at('purpose', 'required');
    else if (purpose.length > MAX_PURPOSE) at('purpose', 'tooLong', { maximum: MAX_PURPOSE });
    const amount = parseEuros(cell('amount'));
    if (!amount.ok) at('amount', `amount.${amount.problem}`);
    const method = cell('method');
    if (method === '') at('method', 'required');
    else if (method.length > MAX_METHOD) at('method', 'tooLong', { maximum: MAX_METHOD });
    const certainty = CERTAINTY_WORDS[cell('certainty').toLowerCase()];
    if (!certainty) at('certainty', 'certainty', { choices: CERTAINTIES.join(', ') });
    const figureSource = cell('figureSource');
    if (figureSource.length > MAX_FIGURE_SOURCE) at('figureSource', 'tooLong', { maximum: MAX_FIGURE_SOURCE });
    if (total > before) continue;
    const key = `${year}|${areaCode}|${source}|${purpose.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem({ line: record.line, column: null, key: 'moneyFlows.import.error.duplicate', params: { earlier } });
      continue;
    }
    seen.set(key, record.line);
    flows.push({ line: record.line, year, areaCode: areaCode!, source: source!, purpose, amountCents: (amount as { cents: number }).cents, method, certainty: certainty!, figureSource: figureSource || null });
  }
  return { flows, problems, total };
}

// ---- writing the file ------------------------------------------------------------------------------

/**
 * Integer cents as the file's euros with a decimal comma and always two decimals ("1234567,89",
 * "0,05"): digits moved, never a float, and never the "1,234" the importer refuses as ambiguous.
 */
export function centsToEuroText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)},${digits.slice(-2)}`;
}

/** The header of the file the export writes: the importer's first name of every column. */
export const EXPORT_HEADER = (['year', 'area', 'source', 'purpose', 'amount', 'method', 'certainty', 'figureSource'] as const).map((c) => COLUMNS[c][0]);

/**
 * Flows as the file `parseMoneyFlows` reads back to the same flows: UTF-8 with a byte order mark
 * (Excel on Dutch Windows), ";" between fields, CRLF, sources and certainties by their code, euros
 * with a decimal comma. The year and the amount are numbers; every text is guarded against
 * formulas, which the importer undoes. Importing it changes nothing.
 */
export function moneyFlowsCsv(flows: readonly MoneyFlow[]): string {
  return csvFile([EXPORT_HEADER, ...flows.map((f) => [
    f.year, f.areaCode, f.source, f.purpose, csvNumber(centsToEuroText(f.amountCents)), f.method, f.certainty, f.figureSource,
  ])]);
}
