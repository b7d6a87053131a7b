/**
 * A small CSV reader for the files CBS, municipalities and officials' spreadsheets give: a separator of ";" (StatLine,
 * kwb), "," or tab, fields optionally in double quotes ("" inside quotes is a quote), CRLF or LF,
 * and a byte order mark at the start. Quoted fields may span lines; a record is numbered by the
 * line it starts on, so errors can name it.
 *
 * And the one CSV writer of the platform (below `readCsv`): field quoting, the formula guard and
 * its inverse for importers, and whole files for spreadsheets or for an importer.
 */
export type CsvSeparator = ';' | ',' | '\t';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/** The separator of a header line: the one that occurs most often outside quotes. */
export function detectSeparator(headerLine: string): CsvSeparator {
  const outside = headerLine.replace(/"[^"]*"/g, '');
  const counts: Array<[CsvSeparator, number]> = [[';', 0], [',', 0], ['\t', 0]];
  for (const entry of counts) entry[1] = outside.split(entry[0]).length - 1;
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ';';
}

export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/^\uFEFF/, '').replace(/\r$/, '');
}

/** Every record of the text; blank lines are skipped. An unterminated quote ends at the end of the text. */
export function* readCsv(text: string, separator: CsvSeparator): Generator<CsvRecord> {
  const sep = separator.charCodeAt(0);
  const QUOTE = 34, LF = 10, CR = 13;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = '';
      if (text.charCodeAt(i) === QUOTE) {
        i++;
        let chunkStart = i;
        for (;;) {
          if (i >= n) { field += text.slice(chunkStart, i); break; }
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) { field += text.slice(chunkStart, i + 1); i += 2; chunkStart = i; continue; }
            field += text.slice(chunkStart, i);
            i++;
            break;
          }
          if (c === LF) line++;
          i++;
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        const rest = i;
        while (i < n && text.charCodeAt(i) !== sep && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
        field += text.slice(rest, i);
      } else {
        const fieldStart = i;
        while (i < n && text.charCodeAt(i) !== sep && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
        field = text.slice(fieldStart, i);
      }
      fields.push(field);
      if (i >= n) { endOfRecord = true; break; }
      const c = text.charCodeAt(i);
      if (c === sep) { i++; continue; }
      if (c === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      line++;
      endOfRecord = true;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: start, fields };
  }
}

// ---- writing ---------------------------------------------------------------------------------

/**
 * A text a spreadsheet would run as a formula (=, +, - or @ first, or a tab or CR, which some
 * spreadsheets skip before one) gets an apostrophe before it, so that it stays text (OWASP "CSV
 * injection"). So does a text that already starts with apostrophes before such a character:
 * `unguardFormula` takes exactly one apostrophe off, so an importer gets every text back as it was
 * written ("-" stays "-", "'=x" stays "'=x").
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
/** The inverse of `guardFormula`, for importers of files this writer made (or a spreadsheet saved again). */
export function unguardFormula(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A number the program formatted itself (euros from cents, a fixed number of decimals): see `csvNumber`. */
export interface CsvNumber {
  readonly csvNumber: string;
}
/**
 * A number the program wrote as text, to be written as it is: as a number it is not guarded, so
 * a leading "-" stays a minus sign a spreadsheet reads. Text that is no plain number
 * ("-1+1", "NaN") is written as any text, guarded.
 */
export const csvNumber = (text: string): CsvNumber => ({ csvNumber: text });
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?(e[+-]?\d+)?$/i;
const numberText = (text: string) => (PLAIN_NUMBER.test(text) ? text : guardFormula(text));

/**
 * One cell: a text (guarded against formulas), a number (in the file's decimal separator, never
 * guarded), a number the program formatted (`csvNumber`), or null or undefined for an empty cell.
 * Decide per column: what people typed or imported is text; what the program computed is a number.
 */
export type CsvCell = string | number | CsvNumber | null | undefined;

export interface CsvWriteOptions {
  /** Between fields; ";" (the default) for Dutch spreadsheets. */
  separator?: CsvSeparator;
  /** The decimal separator of numbers; "," (the default) with ";" between fields. */
  decimal?: ',' | '.';
  /** Also quote a field that holds a comma, for readers that split on "," as well as on the separator. */
  quoteCommas?: boolean;
  /** A byte order mark first, so that Excel reads UTF-8 (default true). */
  bom?: boolean;
  /** After every line, the last too; CRLF (the default) as RFC 4180 and spreadsheets write. */
  lineEnd?: '\r\n' | '\n';
}

/**
 * How a cell is written: guarded if it is text, and in double quotes ("" for a quote) when it holds
 * the separator, a quote, a tab or a line break (a comma too with `quoteCommas`). A tab is quoted
 * whatever the separator: a reader that also splits on tabs would otherwise start a new, unguarded
 * cell after it.
 */
function fieldWriter(options: CsvWriteOptions): (cell: CsvCell) => string {
  const separator = options.separator ?? ';';
  const decimal = options.decimal ?? ',';
  const special = new RegExp(`[${separator}"\t\r\n${options.quoteCommas ? ',' : ''}]`);
  return (cell) => {
    if (cell === null || cell === undefined) return '';
    const text = typeof cell === 'string' ? guardFormula(cell) : numberText(typeof cell === 'number' ? String(cell).replace('.', decimal) : cell.csvNumber);
    return special.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
}

/** One field as `csvFile` writes it. */
export function csvField(cell: CsvCell, options: CsvWriteOptions = {}): string {
  return fieldWriter(options)(cell);
}

/**
 * A whole file, the header being the first row: by default for Dutch spreadsheets, UTF-8 with a byte
 * order mark, ";" between fields, a decimal comma and CRLF after every line.
 */
export function csvFile(rows: Iterable<readonly CsvCell[]>, options: CsvWriteOptions = {}): string {
  const field = fieldWriter(options);
  const separator = options.separator ?? ';';
  const lineEnd = options.lineEnd ?? '\r\n';
  let text = options.bom === false ? '' : '\uFEFF';
  for (const row of rows) text += row.map(field).join(separator) + lineEnd;
  return text;
}
