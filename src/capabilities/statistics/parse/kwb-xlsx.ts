/**
 * The yearly kwb-YYYY.xlsx (Kerncijfers wijken en buurten): the first sheet, a header row of short
 * names (gwb_code_10, recs, a_inw, …) and one row per area. Numbers are read as the text the
 * spreadsheet stores (always with a decimal point), so they are parsed exactly like CSV cells;
 * "." and -99997/-99995 mark unknown values. Read with read-excel-file (no network at run time).
 */
import { readSheet } from 'read-excel-file/node';
import { parseCell } from '../model.js';
import { cellText, columnLetter, noAreas, parseWideTable, type ParsedStatistics } from './common.js';

export async function parseKwbXlsx(bytes: Uint8Array, fileName: string): Promise<ParsedStatistics> {
  let sheet: unknown[][];
  try {
    sheet = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { parseNumber: (s: string) => s, trim: false }) as unknown[][];
  } catch (error) {
    return {
      fileName, format: 'kwb-xlsx', records: [], rows: 0, areas: noAreas(), findings: [],
      errors: [{ file: fileName, message: `cannot read the spreadsheet: ${(error as Error).message}` }], totalErrors: 1,
    };
  }
  const [head, ...rows] = sheet;
  const header = (head ?? []).map((h) => cellText(h).trim());
  return parseWideTable({
    fileName, format: 'kwb-xlsx', unit: 'row', header,
    rows: (function* () {
      for (const [i, cells] of rows.entries()) {
        if (cells.every((c) => c === null || cellText(c).trim() === '')) continue;
        yield { number: i + 2, cells };
      }
    })(),
    cell: (raw) => (typeof raw === 'number' ? parseCell(String(raw), '.') : parseCell(cellText(raw), '.')),
    position: columnLetter,
  });
}
