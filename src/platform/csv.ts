/**
 * A small CSV reader for the files CBS, municipalities and officials' spreadsheets give: a separator of ";" (StatLine,
 * kwb), "," or tab, fields optionally in double quotes ("" inside quotes is a quote), CRLF or LF,
 * and a byte order mark at the start. Quoted fields may span lines; a record is numbered by the
 * line it starts on, so errors can name it.
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
