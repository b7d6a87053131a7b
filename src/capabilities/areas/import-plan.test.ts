import { describe, expect, it } from 'vitest';
import type { ParsedBoundaryFile, RawArea } from './boundaries.js';
import { parseAreaCode } from './codes.js';
import type { AreaGeometry, Position } from './geo.js';
import { planAreaImport, summariseFindings, type AreaImportPlan } from './import-plan.js';

function square(x: number, y: number, size: number): AreaGeometry {
  const ring: Position[] = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

const flat: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [5, 52],
      [5.01, 52],
      [5, 52],
      [5, 52],
    ],
  ],
};

function area(code: string, extra: Partial<RawArea> = {}, featureIndex = 1): RawArea {
  const parsed = parseAreaCode(code);
  if (!parsed) throw new Error(`bad fixture code ${code}`);
  return { code: parsed.code, kind: parsed.kind, name: `Name ${code}`, geometry: square(5, 52, 0.01), featureIndex, ...extra };
}

function file(fileName: string, areas: RawArea[], yearFromName: number | null = null): ParsedBoundaryFile {
  return { fileName, sourceCrs: 'EPSG:4326', yearFromName, areas: areas.map((a, i) => ({ ...a, featureIndex: i + 1 })) };
}

function plan(files: ParsedBoundaryFile[], divisionYear?: number): AreaImportPlan {
  const r = planAreaImport(files, divisionYear === undefined ? {} : { divisionYear });
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

describe('planAreaImport: division year', () => {
  it('uses the given year over file-name years', () => {
    const p = plan([file('gemeente_2015.json', [area('GM0014')], 2015)], 2020);
    expect(p.divisionYear).toBe(2020);
    expect(p.findings).toEqual([]);
  });

  it('uses the file-name year when all agree (files without a year are ignored)', () => {
    const p = plan([file('a_2019.json', [area('GM0014')], 2019), file('b.json', [area('GM0015')])]);
    expect(p.divisionYear).toBe(2019);
    expect(summariseFindings(p.findings)['mixed-years']).toBe(0);
  });

  it('takes the latest year and reports mixed years', () => {
    const p = plan([file('wijk_2014.json', [area('WK001400')], 2014), file('gemeente_2015.json', [area('GM0014')], 2015)]);
    expect(p.divisionYear).toBe(2015);
    const mixed = p.findings.filter((f) => f.kind === 'mixed-years');
    expect(mixed).toHaveLength(1);
    expect(mixed[0]?.code).toBeNull();
    expect(mixed[0]?.detail).toContain('2014: wijk_2014.json');
    expect(mixed[0]?.detail).toContain('2015: gemeente_2015.json');
  });

  it('returns an error asking for --year when no year is known', () => {
    const r = planAreaImport([file('gemeenten.json', [area('GM0014')])], {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('year-required');
      expect(r.error.message).toContain('--year');
    }
  });

  it('rejects an impossible year', () => {
    const r = planAreaImport([], { divisionYear: 15 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid-year');
  });
});

describe('planAreaImport: areas and findings', () => {
  it('orders parents before children and codes within each kind', () => {
    const p = plan(
      [
        file('mix.json', [
          area('BU00140102'),
          area('WK001401'),
          area('GM0015'),
          area('BU00140101'),
          area('GM0014'),
          area('WK0014AB'),
          area('BU0014AB01'),
        ]),
      ],
      2024,
    );
    expect(p.areas.map((a) => a.code)).toEqual([
      'GM0014',
      'GM0015',
      'WK001401',
      'WK0014AB',
      'BU00140101',
      'BU00140102',
      'BU0014AB01',
    ]);
    expect(p.areas.find((a) => a.code === 'BU0014AB01')?.parentCode).toBe('WK0014AB');
    expect(p.counts).toEqual({ municipality: 2, district: 2, neighbourhood: 3, placeholders: 0 });
    expect(p.findings).toEqual([]);
    const gm = p.areas[0];
    expect(gm?.areaM2).toBeGreaterThan(700_000);
    expect(gm?.bbox).toEqual([5, 52, 5.01, 52.01]);
  });

  it('keeps the first of duplicate codes and reports where the other was', () => {
    const p = plan(
      [
        file('a.json', [area('GM0014', { name: 'First' })]),
        file('b.json', [area('GM0015'), area('GM0014', { name: 'Second' })]),
      ],
      2024,
    );
    expect(p.areas.find((a) => a.code === 'GM0014')?.name).toBe('First');
    expect(p.findings).toEqual([
      expect.objectContaining({ kind: 'duplicate', code: 'GM0014', file: 'b.json', feature: 2 }),
    ]);
    expect(p.findings[0]?.detail).toContain('a.json, feature 1');
  });

  it('keeps zero-area shapes and reports them', () => {
    const p = plan([file('b.json', [area('GM0014', { geometry: flat })])], 2024);
    const gm = p.areas[0];
    expect(gm?.geometry).toEqual(flat);
    expect(gm?.areaM2).toBeLessThan(1);
    expect(p.findings).toEqual([expect.objectContaining({ kind: 'zero-area', code: 'GM0014', file: 'b.json', feature: 1 })]);
  });

  it('creates placeholders for every missing ancestor, recursively', () => {
    const p = plan([file('buurt.json', [area('BU00140101'), area('BU00140102')])], 2024);
    expect(p.areas.map((a) => [a.code, a.placeholder, a.parentCode])).toEqual([
      ['GM0014', true, null],
      ['WK001401', true, 'GM0014'],
      ['BU00140101', false, 'WK001401'],
      ['BU00140102', false, 'WK001401'],
    ]);
    expect(p.areas[0]).toEqual({
      code: 'GM0014',
      kind: 'municipality',
      name: null,
      parentCode: null,
      geometry: null,
      areaM2: null,
      bbox: null,
      placeholder: true,
    });
    expect(p.counts).toEqual({ municipality: 0, district: 0, neighbourhood: 2, placeholders: 2 });
    // One finding per child per missing ancestor.
    expect(p.findings.map((f) => [f.kind, f.code, f.parentCode])).toEqual([
      ['missing-parent', 'BU00140101', 'GM0014'],
      ['missing-parent', 'BU00140101', 'WK001401'],
      ['missing-parent', 'BU00140102', 'GM0014'],
      ['missing-parent', 'BU00140102', 'WK001401'],
    ]);
  });

  it('reports a missing municipality of a neighbourhood whose district is present', () => {
    const p = plan([file('x.json', [area('WK001401'), area('BU00140101')])], 2024);
    expect(p.findings.map((f) => [f.code, f.parentCode])).toEqual([
      ['BU00140101', 'GM0014'],
      ['WK001401', 'GM0014'],
    ]);
    expect(p.areas.filter((a) => a.placeholder).map((a) => a.code)).toEqual(['GM0014']);
  });

  it('reports declared parents that contradict the code, and follows the code', () => {
    const p = plan(
      [
        file('x.json', [
          area('GM0014'),
          area('WK001401', { declaredParentCode: 'GM0015' }),
          area('BU00140101', { declaredParentCode: 'WK001401', declaredMunicipalityCode: 'GM0014' }),
          area('BU00140102', { declaredParentCode: 'WK001499', declaredMunicipalityCode: 'GM0014' }),
        ]),
      ],
      2024,
    );
    expect(p.findings.map((f) => [f.kind, f.code, f.parentCode])).toEqual([
      ['parent-mismatch', 'BU00140102', 'WK001499'],
      ['parent-mismatch', 'WK001401', 'GM0015'],
    ]);
    expect(p.areas.find((a) => a.code === 'WK001401')?.parentCode).toBe('GM0014');
    expect(p.areas.some((a) => a.code === 'WK001499' || a.code === 'GM0015')).toBe(false);
  });

  it('summariseFindings counts every kind', () => {
    expect(summariseFindings([])).toEqual({
      'mixed-years': 0,
      duplicate: 0,
      'zero-area': 0,
      'missing-parent': 0,
      'parent-mismatch': 0,
    });
  });

  it('is linear enough for national batches', () => {
    const areas: RawArea[] = [];
    for (let m = 1; m <= 400; m++) {
      const gm = String(m).padStart(4, '0');
      for (let w = 0; w < 10; w++) {
        for (let b = 0; b < 4; b++) areas.push(area(`BU${gm}${String(w).padStart(2, '0')}${String(b).padStart(2, '0')}`));
      }
    }
    const started = performance.now();
    const p = plan([file('buurt_2024.json', areas, 2024)]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(p.counts).toEqual({ municipality: 0, district: 0, neighbourhood: 16_000, placeholders: 4_400 });
  });
});
