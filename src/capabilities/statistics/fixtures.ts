import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import type { Actor, Role } from '../../platform/policy.js';
import { readCsv } from './parse/csv.js';

/**
 * Test fixtures: the same four areas (the Netherlands, a municipality, a district and a
 * neighbourhood) and eleven variables in every documented shape, in fixtures/. The kwb
 * spreadsheet is made here from the kwb CSV, numbers as numbers and "." as text, as CBS writes it.
 */
export function fixture(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: readFileSync(path.join(import.meta.dirname, 'fixtures', name)) };
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
}

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
