import { describe, expect, it } from 'vitest';
import { areaPathOf, isAreaCode, parseAreaCode } from './codes.js';

describe('parseAreaCode', () => {
  it('parses a municipality code', () => {
    expect(parseAreaCode('GM0363')).toEqual({
      code: 'GM0363',
      kind: 'municipality',
      parentCode: null,
      municipalityCode: 'GM0363',
    });
  });

  it('parses a district code; its parent is the municipality', () => {
    expect(parseAreaCode('WK036300')).toEqual({
      code: 'WK036300',
      kind: 'district',
      parentCode: 'GM0363',
      municipalityCode: 'GM0363',
    });
  });

  it('parses a neighbourhood code; its parent is the district', () => {
    expect(parseAreaCode('BU03630001')).toEqual({
      code: 'BU03630001',
      kind: 'neighbourhood',
      parentCode: 'WK036300',
      municipalityCode: 'GM0363',
    });
  });

  it('accepts letters in the district and neighbourhood parts (since 2023)', () => {
    expect(parseAreaCode('WK0363AD')?.parentCode).toBe('GM0363');
    expect(parseAreaCode('BU0363AD03')).toMatchObject({ kind: 'neighbourhood', parentCode: 'WK0363AD' });
    expect(parseAreaCode('BU0363ADZZ')?.kind).toBe('neighbourhood');
  });

  it('trims whitespace and upper-cases', () => {
    expect(parseAreaCode('  bu0363ad03 \t')?.code).toBe('BU0363AD03');
    expect(parseAreaCode('gm0014')?.code).toBe('GM0014');
  });

  it.each([
    '',
    'GM363',
    'GM03630',
    'GMABCD',
    'WK03630',
    'WK0363000',
    'WK036-00',
    'BU0363000',
    'BU036300011',
    'BUAB630001',
    'XX03630001',
    'GM 0363',
    '0363',
  ])('rejects %j', (code) => {
    expect(parseAreaCode(code)).toBeNull();
    expect(isAreaCode(code)).toBe(false);
  });

  it('isAreaCode accepts valid codes', () => {
    expect(isAreaCode('GM1987')).toBe(true);
    expect(isAreaCode('wk198703')).toBe(true);
    expect(isAreaCode('BU19870309')).toBe(true);
  });

  it('knows an area and the areas above it from its code alone', () => {
    expect(areaPathOf('BU99990102')).toEqual(['BU99990102', 'WK999901', 'GM9999']);
    expect(areaPathOf('wk999901')).toEqual(['WK999901', 'GM9999']);
    expect(areaPathOf('GM9999')).toEqual(['GM9999']);
    expect(areaPathOf('not a code')).toEqual([]);
    expect(areaPathOf(null)).toEqual([]);
  });
});
