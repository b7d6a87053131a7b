/**
 * StatLine OData JSON as CBS serves it (…/ODataApi/odata/85618NED/TypedDataSet): an object whose
 * `value` is the list of rows, each with keys such as WijkenEnBuurten, SoortRegio_2 and
 * AantalInwoners_5. Typed rows carry numbers and null (missing or suppressed); untyped rows carry
 * text such as "       ." and are read like CSV cells. A bare array of rows is accepted too.
 */
import { parseJsonCell } from '../model.js';
import { ErrorList, noAreas, parseWideTable, type ParsedStatistics } from './common.js';

function jsonPlace(text: string, message: string): { line: number; column: number } | null {
  const match = /position (\d+)/.exec(message);
  if (!match) return null;
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

export function parseStatLineJson(text: string, fileName: string): ParsedStatistics {
  const errors = new ErrorList();
  const failed = (): ParsedStatistics => ({ fileName, format: 'statline-json', records: [], rows: 0, areas: noAreas(), findings: [], errors: errors.shown, totalErrors: errors.total });
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const place = jsonPlace(text, message);
    errors.add({ file: fileName, ...(place ? { unit: 'line' as const, number: place.line, column: String(place.column) } : {}), message: `invalid JSON: ${message}` });
    return failed();
  }
  const rows = Array.isArray(document) ? document : (document as { value?: unknown } | null)?.value;
  if (!Array.isArray(rows)) {
    errors.add({ file: fileName, message: 'expected StatLine OData JSON: an object with a "value" list of rows' });
    return failed();
  }
  const header: string[] = [];
  const known = new Set<string>();
  for (const row of rows) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) continue;
    for (const key of Object.keys(row)) if (!known.has(key)) { known.add(key); header.push(key); }
  }
  const notObject = rows.findIndex((row) => row === null || typeof row !== 'object' || Array.isArray(row));
  if (notObject !== -1) {
    errors.add({ file: fileName, unit: 'record', number: notObject + 1, message: 'a row must be an object of keys and values' });
    return failed();
  }
  return parseWideTable({
    fileName, format: 'statline-json', unit: 'record', header,
    rows: (function* () {
      for (const [i, row] of rows.entries()) yield { number: i + 1, cells: header.map((key) => (row as Record<string, unknown>)[key]) };
    })(),
    cell: parseJsonCell,
    position: () => undefined,
  });
}
