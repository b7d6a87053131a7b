/**
 * CBS area codes (gebiedscodes):
 *   GM + 4 digits                                  municipality (gemeente)
 *   WK + 4 digits + 2 district characters          district (wijk)
 *   BU + 4 digits + 2 district + 2 neighbourhood   neighbourhood (buurt)
 * The parent of an area follows from its code. Since 2023 some large municipalities
 * use capital letters in the district/neighbourhood parts (e.g. WK0363AD, BU0363AD03).
 */

export type AreaKind = 'municipality' | 'district' | 'neighbourhood';

/** All kinds, parents before children. */
export const AREA_KINDS: readonly AreaKind[] = ['municipality', 'district', 'neighbourhood'];

export interface ParsedAreaCode {
  /** Normalised code: trimmed and upper-case. */
  code: string;
  kind: AreaKind;
  /** The direct parent (WK for BU, GM for WK); null for a municipality. */
  parentCode: string | null;
  /** The municipality the area belongs to (the code itself for a municipality). */
  municipalityCode: string;
}

const MUNICIPALITY_RE = /^GM\d{4}$/;
const DISTRICT_RE = /^WK\d{4}[0-9A-Z]{2}$/;
const NEIGHBOURHOOD_RE = /^BU\d{4}[0-9A-Z]{2}[0-9A-Z]{2}$/;

/** Parses a CBS area code; returns null when it is not one. */
export function parseAreaCode(input: string): ParsedAreaCode | null {
  const code = input.trim().toUpperCase();
  if (MUNICIPALITY_RE.test(code)) {
    return { code, kind: 'municipality', parentCode: null, municipalityCode: code };
  }
  const municipalityCode = `GM${code.slice(2, 6)}`;
  if (DISTRICT_RE.test(code)) {
    return { code, kind: 'district', parentCode: municipalityCode, municipalityCode };
  }
  if (NEIGHBOURHOOD_RE.test(code)) {
    return { code, kind: 'neighbourhood', parentCode: `WK${code.slice(2, 8)}`, municipalityCode };
  }
  return null;
}

export function isAreaCode(s: string): boolean {
  return parseAreaCode(s) !== null;
}

/** The code prefix used for each kind. */
export const AREA_CODE_PREFIX: Readonly<Record<AreaKind, string>> = {
  municipality: 'GM',
  district: 'WK',
  neighbourhood: 'BU',
};

/**
 * An area and the areas above it, from its code alone: a neighbourhood, its district, its
 * municipality (for area-scoped grants, which cover what lies beneath). Empty without a valid code.
 */
export function areaPathOf(code: string | null | undefined): string[] {
  const parsed = code ? parseAreaCode(code) : null;
  if (!parsed) return [];
  return [...new Set([parsed.code, parsed.parentCode, parsed.municipalityCode].filter((c): c is string => c !== null))];
}
