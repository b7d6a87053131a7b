import { describe, expect, it } from 'vitest';
import { readBoundaryFile } from '../capabilities/areas/boundaries.js';
import { approximateAreaM2, bbox, pointInGeometry } from '../capabilities/areas/geo.js';
import { planAreaImport } from '../capabilities/areas/import-plan.js';
import { seededRandom } from './random.js';
import { voorbeeldstadBoundaries } from './areas.js';

describe.each([2024, 2025] as const)('the demo boundaries of Voorbeeldstad (%i)', (year) => {
  const text = voorbeeldstadBoundaries(year);
  const read = readBoundaryFile(text, `voorbeeldstad_${year}.geojson`);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  const areas = read.file.areas;
  const municipality = areas.find((a) => a.kind === 'municipality')!;
  const districts = areas.filter((a) => a.kind === 'district');
  const neighbourhoods = areas.filter((a) => a.kind === 'neighbourhood');

  it('is deterministic and reads as a clean CBS-style file', () => {
    expect(voorbeeldstadBoundaries(year)).toBe(text);
    expect(districts.map((d) => d.code)).toEqual(['WK999901', 'WK999902', 'WK999903', 'WK999904']);
    expect(neighbourhoods).toHaveLength(year === 2025 ? 19 : 18);
    expect(neighbourhoods.map((n) => n.code)).toEqual(expect.arrayContaining(['BU99990102', 'BU99990203']));
    const plan = planAreaImport([read.file], { divisionYear: year });
    expect(plan.ok && plan.plan.findings).toEqual([]);
  });

  it('lies around lon 5.0–5.15, lat 52.0–52.08', () => {
    const [minLon, minLat, maxLon, maxLat] = bbox(municipality.geometry);
    expect(minLon).toBeGreaterThan(4.99);
    expect(maxLon).toBeLessThan(5.16);
    expect(minLat).toBeGreaterThan(51.99);
    expect(maxLat).toBeLessThan(52.09);
  });

  it('tiles without gaps or overlaps: every point of the municipality is in exactly one neighbourhood and one district', () => {
    const random = seededRandom(42);
    const [minLon, minLat, maxLon, maxLat] = bbox(municipality.geometry);
    let inside = 0;
    for (let i = 0; i < 1500; i++) {
      const lon = random.between(minLon, maxLon);
      const lat = random.between(minLat, maxLat);
      const inMunicipality = pointInGeometry(lon, lat, municipality.geometry) ? 1 : 0;
      inside += inMunicipality;
      expect(neighbourhoods.filter((n) => pointInGeometry(lon, lat, n.geometry)).length).toBe(inMunicipality);
      expect(districts.filter((d) => pointInGeometry(lon, lat, d.geometry)).length).toBe(inMunicipality);
    }
    expect(inside).toBeGreaterThan(700);
  });

  it('adds up: each district is the sum of its neighbourhoods, the municipality the sum of its districts', () => {
    const total = approximateAreaM2(municipality.geometry);
    expect(total / 1e6).toBeGreaterThan(50);
    for (const d of districts) {
      const parts = neighbourhoods.filter((n) => n.code.startsWith(`BU${d.code.slice(2)}`)).reduce((s, n) => s + approximateAreaM2(n.geometry), 0);
      expect(Math.abs(parts / approximateAreaM2(d.geometry) - 1)).toBeLessThan(1e-3);
    }
    const sum = districts.reduce((s, d) => s + approximateAreaM2(d.geometry), 0);
    expect(Math.abs(sum / total - 1)).toBeLessThan(1e-3);
  });
});
