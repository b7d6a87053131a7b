/**
 * Wide CSV files: StatLine downloads (";"-separated, quoted headers such as "AantalInwoners_5",
 * codes padded with trailing spaces, "       ." for missing values, a decimal point) and the
 * kwb-YYYY.csv file (short column names such as gwb_code_10 and a_inw; it may write a decimal
 * comma). The decimal separator is detected per file from the values (see detectDecimalSeparator).
 */
import { detectDecimalSeparator, parseCell } from '../model.js';
import { columnMeaning } from '../catalogue.js';
import { noAreas, parseWideTable, type ParsedStatistics, type StatisticsFormat } from './common.js';
import { detectSeparator, firstLine, readCsv } from '../../../platform/csv.js';

export function parseWideCsv(text: string, fileName: string, format: Extract<StatisticsFormat, 'statline-csv' | 'kwb-csv'>): ParsedStatistics {
  const separator = detectSeparator(firstLine(text));
  const records = [...readCsv(text, separator)];
  const [head, ...rows] = records;
  if (!head) {
    return { fileName, format, records: [], rows: 0, areas: noAreas(), findings: [], errors: [{ file: fileName, message: 'the file is empty' }], totalErrors: 1 };
  }
  const header = head.fields.map((h) => h.trim());
  const variableColumns = header.map((h, i) => (columnMeaning(h).kind === 'variable' ? i : -1)).filter((i) => i !== -1);
  const decimal = detectDecimalSeparator((function* () {
    for (const row of rows) for (const i of variableColumns) yield row.fields[i] ?? '';
  })());
  return parseWideTable({
    fileName, format, unit: 'line', header,
    rows: rows.map((r) => ({ number: r.line, cells: r.fields })),
    cell: (raw) => parseCell(typeof raw === 'string' ? raw : '', decimal),
    position: (index) => String(index + 1),
  });
}
