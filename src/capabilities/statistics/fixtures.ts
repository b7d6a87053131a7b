import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import type { Actor, Role } from '../../platform/policy.js';
import { readCsv } from '../../platform/csv.js';

/**
 * Test fixtures: the same four areas (the Netherlands, a municipality, a district and a
 * neighbourhood) and fifteen variables in every documented shape, in fixtures/. The kwb
 * spreadsheet is made here from the kwb CSV, numbers as numbers and "." as text, as CBS writes it.
 * Some variables go by another name in each shape: a_opl_lg is a_opl_bvm in kwb-2023 and
 * BasisonderwijsVmboMbo1_70 in StatLine; p_hh_110 is HuishoudensTot110VanSociaalMinimum_89.
 */
export function fixture(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: readFileSync(path.join(import.meta.dirname, 'fixtures', name)) };
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
}

/**
 * What the key-figure fixture holds, counted from its long form (one line a value): every shape
 * holds the same, so an import of any of them stores this many values of this many variables.
 */
export const KEY_FIGURES: { values: number; variables: number; missing: number } = (() => {
  const lines = fixtureText('long-2023.csv').trim().split('\n').slice(1).map((l) => l.split(';'));
  return { values: lines.length, variables: new Set(lines.map((l) => l[2])).size, missing: lines.filter((l) => l[3] === '.').length };
})();

export const fileOf = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

/** A kwb-YYYY.xlsx with the rows of a kwb CSV (decimal commas become numbers). */
export async function kwbXlsxFrom(csv: string, name = 'kwb-2023.xlsx'): Promise<{ name: string; bytes: Uint8Array }> {
  const rows = [...readCsv(csv, ';')].map((r, i) => r.fields.map((f) => {
    if (i === 0) return f;
    return /^-?\d+(,\d+)?$/.test(f) ? Number(f.replace(',', '.')) : f;
  }));
  return { name, bytes: await writeXlsxFile(rows).toBuffer() };
}

/** A signed-in person (second factor done) with one role in a municipality, or in the installation (null). */
export function person(role: Role, municipalityId: string | null): Actor {
  return {
    kind: 'person', personId: `person-${role}-${municipalityId}`, displayName: role, emailVerified: true, strongAuth: true, memberships: [],
    grants: [municipalityId === null
      ? { role, scopeType: 'installation', scopeId: '', municipalityId: null }
      : { role, scopeType: 'municipality', scopeId: municipalityId, municipalityId }],
  };
}

/**
 * Seven neighbourhoods in two municipalities: three young-family neighbourhoods of owners, three
 * of elderly tenants, one in between. p_arb_pp (labour participation, a strength) and p_hh_osm
 * (households at the social minimum, a vulnerability) are what they are compared on.
 */
const COMPARISON_COLUMNS = ['gwb_code_10', 'a_inw', 'a_00_14', 'a_15_24', 'a_25_44', 'a_45_64', 'a_65_oo', 'a_hh', 'a_1p_hh', 'a_hh_m_k', 'g_hhgro', 'p_koopw', 'p_wcorpw', 'p_arb_pp', 'p_hh_osm'];
const young = (code: string, i: number, arb: number | string, osm: number | string) => [code, 1000, 250 + i * 5, 100, 350, 200, 100 - i * 5, 400, 80 + i, 220, '2,6', 75 + i, 10, arb, osm];
const old = (code: string, i: number, arb: number | string, osm: number | string) => [code, 1000, 80 + i * 5, 100, 150, 250, 420 - i * 5, 400, 250 + i, 40, '1,6', 20 + i, 70, arb, osm];
export function comparisonKwb(arb = 70): string {
  const rows = [
    ['NL00', 17_800_000, 2_800_000, 2_100_000, 4_500_000, 4_800_000, 3_600_000, 8_100_000, 3_100_000, 2_700_000, '2,13', 57, 29, 68, 6],
    ['GM0001', 5000, 900, 500, 1400, 1150, 1050, 2000, 800, 700, '2,2', 50, 35, 66, 7],
    ['WK000101', 2000, 500, 200, 700, 400, 200, 800, 160, 440, '2,6', 75, 10, 71, 4],
    young('BU00010101', 0, arb, 5), young('BU00010102', 1, 69, 4), young('BU00010103', 2, 72, 'x'),
    old('BU00010201', 0, 55, 12), ['BU00010202', 1000, 150, 100, 250, 250, 250, 400, 160, 130, '2,1', 50, 40, 62, 8],
    ['GM0002', 2000, 200, 200, 300, 500, 800, 800, 500, 80, '1,6', 22, 70, 50, 12],
    old('BU00020101', 1, 50, 14), old('BU00020102', 2, 48, 15),
  ];
  return [COMPARISON_COLUMNS, ...rows].map((r) => r.join(';')).join('\n');
}
