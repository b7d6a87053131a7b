/**
 * The national CBS boundary files from /work/shared/data/cbs-boundaries (see its README):
 * gemeente_2015 (municipalities), wijk_2014 (districts), buurt_2014 (neighbourhoods),
 * imported as one batch. Skipped with a notice when the folder is absent, except in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBoundaryFile, type ParsedBoundaryFile } from './boundaries.js';
import { parseAreaCode } from './codes.js';
import { planAreaImport, summariseFindings, type AreaImportPlan } from './import-plan.js';

const DATA_DIR = path.resolve(process.cwd(), '../shared/data/cbs-boundaries');
const FILES = ['gemeente_2015.topojson', 'wijk_2014.topojson', 'buurt_2014.topojson'] as const;
const present = existsSync(DATA_DIR);

if (!present) {
  if (process.env['CI']) {
    describe('national CBS boundaries', () => {
      it('needs the boundary data in CI', () => {
        throw new Error(`CBS boundary data folder is missing: ${DATA_DIR} (required when CI is set)`);
      });
    });
  } else {
    console.warn(`national-boundaries.test.ts: skipped, CBS boundary data not found at ${DATA_DIR}`);
  }
}

describe.skipIf(!present)('national CBS boundaries', () => {
  const parsed = new Map<string, ParsedBoundaryFile>();
  let plan: AreaImportPlan;

  beforeAll(() => {
    for (const name of FILES) {
      const result = readBoundaryFile(readFileSync(path.join(DATA_DIR, name), 'utf8'), name);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors.slice(0, 5))}`);
      parsed.set(name, result.file);
    }
    const planned = planAreaImport([...parsed.values()], {});
    if (!planned.ok) throw new Error(planned.error.message);
    plan = planned.plan;
  });

  it('parses every feature of the three files, each file one kind, in WGS84', () => {
    const kinds = (name: string): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const a of parsed.get(name)?.areas ?? []) out[a.kind] = (out[a.kind] ?? 0) + 1;
      return out;
    };
    expect(kinds('gemeente_2015.topojson')).toEqual({ municipality: 393 });
    expect(kinds('wijk_2014.topojson')).toEqual({ district: 2738 });
    expect(kinds('buurt_2014.topojson')).toEqual({ neighbourhood: 11691 });
    for (const f of parsed.values()) expect(f.sourceCrs).toBe('EPSG:4326');
    expect(parsed.get('buurt_2014.topojson')?.areas[0]).toMatchObject({
      code: 'BU19870309',
      name: 'Verspreide huizen Muntendam',
      featureIndex: 1,
    });
  });

  it('plans one division of 2015 and reports the mixed file-name years', () => {
    expect(plan.divisionYear).toBe(2015);
    const mixed = plan.findings.filter((f) => f.kind === 'mixed-years');
    expect(mixed).toHaveLength(1);
    expect(plan.counts).toEqual({ municipality: 393, district: 2738, neighbourhood: 11691, placeholders: 16 });
    expect(plan.areas).toHaveLength(393 + 2738 + 11691 + 16);
  });

  it('reports the areas whose municipality or district is missing', () => {
    // One missing-parent finding per real area per missing ancestor. Measured figures
    // match the README: 47 districts and 200 neighbourhoods name one of 12 municipalities
    // that merged away by 2015, and 6 neighbourhoods lack their district (4 districts);
    // those 6 neighbourhoods do have their municipality.
    const missing = plan.findings.filter((f) => f.kind === 'missing-parent');
    const count = (childKind: string, parentKind: string): number =>
      missing.filter(
        (f) => parseAreaCode(f.code ?? '')?.kind === childKind && parseAreaCode(f.parentCode ?? '')?.kind === parentKind,
      ).length;
    expect(count('district', 'municipality')).toBe(47);
    expect(count('neighbourhood', 'municipality')).toBe(200);
    expect(count('neighbourhood', 'district')).toBe(6);
    expect(missing).toHaveLength(47 + 200 + 6);

    const placeholders = plan.areas.filter((a) => a.placeholder).map((a) => a.code);
    expect(placeholders).toEqual([
      'GM0265',
      'GM0282',
      'GM0365',
      'GM0458',
      'GM0491',
      'GM0568',
      'GM0608',
      'GM0612',
      'GM0623',
      'GM0643',
      'GM0644',
      'GM1671',
      'WK032705',
      'WK034007',
      'WK059925',
      'WK060600',
    ]);
  });

  it('reports zero-area shapes: 1,281 neighbourhoods (about 11 %) and 42 districts', () => {
    const zero = plan.findings.filter((f) => f.kind === 'zero-area');
    const byKind = (kind: string): number => zero.filter((f) => parseAreaCode(f.code ?? '')?.kind === kind).length;
    expect(byKind('neighbourhood')).toBe(1281);
    expect(byKind('neighbourhood') / 11691).toBeCloseTo(0.11, 2);
    expect(byKind('district')).toBe(42);
    expect(byKind('municipality')).toBe(0);
    // Zero-area shapes are kept with their geometry.
    for (const f of zero) expect(plan.areas.find((a) => a.code === f.code)?.geometry).not.toBeNull();
  });

  it('has no duplicates or parent mismatches', () => {
    expect(summariseFindings(plan.findings)).toEqual({
      'mixed-years': 1,
      duplicate: 0,
      'zero-area': 1323,
      'missing-parent': 253,
      'parent-mismatch': 0,
    });
  });

  it('has every parent in the plan, ordered before its children', () => {
    const position = new Map(plan.areas.map((a, i) => [a.code, i]));
    const problems: string[] = [];
    for (const [i, a] of plan.areas.entries()) {
      if (a.parentCode === null) {
        if (a.kind !== 'municipality') problems.push(`${a.code} has no parent`);
        continue;
      }
      const parentAt = position.get(a.parentCode);
      if (parentAt === undefined) problems.push(`${a.code}: parent ${a.parentCode} missing`);
      else if (parentAt >= i) problems.push(`${a.code}: parent ${a.parentCode} comes later`);
      // The municipality too, for neighbourhoods.
      const gm = parseAreaCode(a.code)?.municipalityCode ?? '';
      if (!position.has(gm)) problems.push(`${a.code}: municipality ${gm} missing`);
    }
    expect(problems).toEqual([]);
  });
});
