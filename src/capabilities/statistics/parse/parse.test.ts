import { describe, expect, it } from 'vitest';
import { fixtureText, KEY_FIGURES, kwbXlsxFrom } from '../fixtures.js';
import { NATIONAL_INDICATORS } from '../catalogue.js';
import { describeParseError, type ParsedStatistics, type StatRecord } from './common.js';
import { readCsv } from '../../../platform/csv.js';
import { parseKwbXlsx } from './kwb-xlsx.js';
import { parseLongFormat, parseMetadata } from './long.js';
import { parseStatLineJson } from './statline-json.js';
import { parseWideCsv } from './wide-csv.js';

const national = new Set(NATIONAL_INDICATORS.map((i) => i.id));
const sorted = (records: StatRecord[]) => records.map((r) => ({ ...r, year: r.year ?? 2023 }))
  .sort((a, b) => a.area.localeCompare(b.area) || a.variable.localeCompare(b.variable));
const lines = (parsed: ParsedStatistics) => parsed.errors.map(describeParseError);

describe('the CSV reader', () => {
  it('reads quoted fields, doubled quotes, CRLF, a byte order mark and a quoted line break, numbering records by line', () => {
    const text = '\uFEFF"a";"b"\r\n"x;y";"say ""hi"""\r\n\r\n1;"two\nlines"\n3;4';
    expect([...readCsv(text, ';')]).toEqual([
      { line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['x;y', 'say "hi"'] }, { line: 4, fields: ['1', 'two\nlines'] }, { line: 6, fields: ['3', '4'] },
    ]);
  });
});

describe('statistics files in every documented shape', () => {
  it('reads StatLine JSON, StatLine CSV, the kwb CSV and xlsx and the long format to the same values', async () => {
    const json = parseStatLineJson(fixtureText('statline-kwb-2023.json'), 'statline-kwb-2023.json');
    const csv = parseWideCsv(fixtureText('statline-kwb-2023.csv'), 'statline-kwb-2023.csv', 'statline-csv');
    const kwbCsv = parseWideCsv(fixtureText('kwb-2023.csv'), 'kwb-2023.csv', 'kwb-csv');
    const kwbXlsx = await parseKwbXlsx((await kwbXlsxFrom(fixtureText('kwb-2023.csv'))).bytes, 'kwb-2023.xlsx');
    const long = parseLongFormat(fixtureText('long-2023.csv'), 'long-2023.csv', national);
    for (const parsed of [json, csv, kwbCsv, kwbXlsx, long]) expect(lines(parsed), parsed.fileName).toEqual([]);
    expect(json.records).toHaveLength(KEY_FIGURES.values);
    // Every one of the four areas has every variable, known or not.
    expect(KEY_FIGURES.values).toBe(4 * KEY_FIGURES.variables);
    expect(json.records.filter((r) => r.unknown !== null)).toHaveLength(KEY_FIGURES.missing);
    for (const other of [csv, kwbCsv, kwbXlsx, long]) expect(sorted(other.records), other.fileName).toEqual(sorted(json.records));
    expect(json.records.find((r) => r.area === 'NL00' && r.variable === 'g_hhgro')).toEqual({ year: null, area: 'NL00', variable: 'g_hhgro', value: 2.13, unknown: null });
    expect(json.records.find((r) => r.area === 'BU00010101' && r.variable === 'g_wozbag')).toMatchObject({ value: null, unknown: 'missing' });
    // A variable of many names: a_opl_bvm in the kwb file, BasisonderwijsVmboMbo1_70 in StatLine, a_opl_lg in the catalogue.
    for (const parsed of [json, csv, kwbCsv, kwbXlsx]) {
      expect(parsed.records.find((r) => r.area === 'WK000101' && r.variable === 'a_opl_lg'), parsed.fileName).toMatchObject({ value: 2380, unknown: null });
      expect(parsed.records.find((r) => r.area === 'WK000101' && r.variable === 'p_hh_110'), parsed.fileName).toMatchObject({ value: 11.3, unknown: null });
    }
    expect(kwbCsv.areas).toEqual({ country: 1, municipality: 1, district: 1, neighbourhood: 1 });
    // Columns the catalogue does not know are listed and ignored.
    expect(json.findings.map((f) => [f.kind, f.column])).toEqual([['unknown-column', 'Nederland_17']]);
    expect(kwbCsv.findings.map((f) => [f.kind, f.column])).toEqual([['unknown-column', 'a_nl_all']]);
  });

  it('keeps -99997 as secret and -99995 as not applicable, and takes the year from a Perioden column', () => {
    const kwb = parseWideCsv('gwb_code_10;recs;a_inw;p_koopw;g_hhgro\nGM0001;Gemeente;-99997;-99995;2,5\n', 'kwb.csv', 'kwb-csv');
    expect(kwb.records.map((r) => [r.variable, r.value, r.unknown])).toEqual([['a_inw', null, 'secret'], ['p_koopw', null, 'not-applicable'], ['g_hhgro', 2.5, null]]);
    const json = parseStatLineJson(JSON.stringify({ value: [{ WijkenEnBuurten: 'GM0001    ', Perioden: '2021JJ00', AantalInwoners_5: 100 }] }), 'x.json');
    expect(json.records).toEqual([{ year: 2021, area: 'GM0001', variable: 'a_inw', value: 100, unknown: null }]);
  });

  it('names line, column and value of every bad cell: not a number, no area code, an area twice', () => {
    const text = fixtureText('statline-kwb-2023.csv').replace('"BU00010101";"Eerstestad', '"XX0001";"Eerstestad').replace(';12345;', ';12 345;') + `4;"GM0001    ";"Eerstestad";"Gemeente  ";"GM0001    ";"1";${Array(16).fill(1).join(';')}\r\n`;
    const parsed = parseWideCsv(text, 'statline.csv', 'statline-csv');
    expect(lines(parsed)).toEqual([
      'statline.csv: line 4, column 7 (AantalInwoners_5): value "12 345" is not a number',
      'statline.csv: line 5, column 2 (WijkenEnBuurten): value "XX0001" is not a CBS area code (NL00, GMxxxx, WKxxxxxx or BUxxxxxxxx)',
      'statline.csv: line 6, column 2 (WijkenEnBuurten): area GM0001 occurs twice (also line 3)',
    ]);
  });

  it('names the spreadsheet row and column letter, and the JSON record', async () => {
    const xlsx = await kwbXlsxFrom('gwb_code_10;a_inw;g_hhgro\nGM0001;100;2,5\nGM0002;veel;2,5\n');
    expect(lines(await parseKwbXlsx(xlsx.bytes, 'kwb-2023.xlsx'))).toEqual(['kwb-2023.xlsx: row 3, column B (a_inw): value "veel" is not a number']);
    const json = parseStatLineJson('{"value": [{"WijkenEnBuurten": "GM0001", "AantalInwoners_5": "veel"}]}', 'x.json');
    expect(lines(json)).toEqual(['x.json: record 1, column AantalInwoners_5: value "veel" is not a number']);
    expect(lines(parseStatLineJson('{"value": [\n  {"a": 1,}\n]}', 'broken.json'))[0]).toMatch(/^broken\.json: line 2, column 11: invalid JSON/);
  });

  it('refuses two columns for one variable and a file without an area code column', () => {
    expect(lines(parseWideCsv('gwb_code_10;a_inw;AantalInwoners_5\nGM0001;1;1\n', 'k.csv', 'kwb-csv'))).toEqual(['k.csv: column 3 (AantalInwoners_5): holds a_inw, as column a_inw already does']);
    expect(lines(parseWideCsv('gemeente;a_inw\nGM0001;1\n', 'k.csv', 'kwb-csv'))).toEqual(['k.csv: no area code column: expected WijkenEnBuurten, Codering_N or gwb_code_10']);
  });

  it('checks every long-format line: year, area, known variable, number, duplicate', () => {
    const text = 'year;area_code;variable;value\n2023;GM0001;a_inw;10\n23;GM0001;a_inw;1\n2023;GM01;a_inw;1\n2023;GM0001;onbekend;1\n2023;GM0001;a_man;1.5\n2023;GM0001;a_inw;11\n';
    expect(lines(parseLongFormat(text, 'long.csv', national))).toEqual([
      'long.csv: line 3, column 1 (year): value "23" is not a year from 1990 to 2100',
      'long.csv: line 4, column 2 (area_code): value "GM01" is not a CBS area code (NL00, GMxxxx, WKxxxxxx or BUxxxxxxxx)',
      'long.csv: line 5, column 3 (variable): value "onbekend" is not a variable of the catalogue, of the municipality or of the metadata file',
      'long.csv: line 7, column 3 (variable): a_inw of GM0001 in 2023 occurs twice (also line 2)',
    ]);
  });

  it('reads a metadata file into own indicators, leaving national variables to the catalogue', () => {
    const parsed = parseMetadata(fixtureText('metadata.csv'), 'metadata.csv', national);
    expect(parsed.errors).toEqual([]);
    expect(parsed.indicators.map((i) => [i.id, i.unit, i.theme, i.polarity, i.labelEn])).toEqual([
      ['vrijwilligers', 'percent', 'participation', 'strength', 'Volunteering'],
      ['ontmoetplekken', 'count', 'amenities-public-places', 'strength', 'Meeting places'],
    ]);
    expect(parsed.findings.map((f) => f.kind)).toEqual(['national-variable-described']);
    const bad = parseMetadata('variable;label;definition;unit;source\n1x;a;b;c;d\ngoed;Goed;;furlongs;bron\n', 'm.csv', national);
    expect(bad.errors.map(describeParseError)).toEqual([
      'm.csv: line 2, column 1 (variable): value "1x" is not a variable name (a–z, digits and _, starting with a letter, at most 40)',
      'm.csv: line 3, column 3 (definition): definition is empty',
      'm.csv: line 3, column 4 (unit): value "furlongs" is not a unit (count, percent, per-1000, euro, x1000-euro, km, ha, per-km2, persons, per-household, kwh, m3, class, change)',
    ]);
  });
});
