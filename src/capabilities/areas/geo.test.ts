import { describe, expect, it } from 'vitest';
import { approximateAreaM2, rdToWgs84, type AreaGeometry, type Position } from './geo.js';
import { rect } from '../../../test/support/geometry.js';


const squareWithHole: AreaGeometry = {
  type: 'Polygon',
  coordinates: [rect(5, 52, 5.1, 52.1), rect(5.04, 52.04, 5.06, 52.06)],
};

describe('approximateAreaM2', () => {
  it('measures a 1 km × 1 km square near 52°N within 1 %', () => {
    // A square of exactly 1 km² in RD New around Amersfoort, converted to WGS84.
    const corners = [
      rdToWgs84(155000, 463000),
      rdToWgs84(156000, 463000),
      rdToWgs84(156000, 464000),
      rdToWgs84(155000, 464000),
      rdToWgs84(155000, 463000),
    ];
    const area = approximateAreaM2({ type: 'Polygon', coordinates: [corners] });
    expect(Math.abs(area - 1_000_000) / 1_000_000).toBeLessThan(0.01);
  });

  it('measures a 0.1° square at 52°N close to the spherical value', () => {
    // On a sphere: R² · Δλ · (sin φ2 − sin φ1).
    const R = 6_371_008.8;
    const rad = Math.PI / 180;
    const expected = R * R * (0.1 * rad) * (Math.sin(52.1 * rad) - Math.sin(52 * rad));
    const area = approximateAreaM2({ type: 'Polygon', coordinates: [rect(5, 52, 5.1, 52.1)] });
    expect(Math.abs(area - expected) / expected).toBeLessThan(0.01);
  });

  it('subtracts holes and ignores ring orientation', () => {
    const outer = approximateAreaM2({ type: 'Polygon', coordinates: [rect(5, 52, 5.1, 52.1)] });
    const hole = approximateAreaM2({ type: 'Polygon', coordinates: [rect(5.04, 52.04, 5.06, 52.06)] });
    expect(approximateAreaM2(squareWithHole)).toBeCloseTo(outer - hole, -1);
    const reversed: AreaGeometry = { type: 'Polygon', coordinates: [[...rect(5, 52, 5.1, 52.1)].reverse()] };
    expect(approximateAreaM2(reversed)).toBeCloseTo(outer, 3);
  });

  it('is zero for degenerate shapes', () => {
    const line: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [5, 52],
          [5.1, 52.1],
          [5, 52],
          [5, 52],
        ],
      ],
    };
    expect(approximateAreaM2(line)).toBeLessThan(1);
  });
});

describe('rdToWgs84', () => {
  it('converts the Amersfoort reference point', () => {
    const [lon, lat] = rdToWgs84(155000, 463000);
    // Official ETRS89 position ≈ 5.38720621, 52.15517440; the 7-parameter
    // transformation is good to a few decimetres (1e-5° ≈ 1 m).
    expect(lon).toBeCloseTo(5.38720621, 5);
    expect(lat).toBeCloseTo(52.1551744, 5);
  });

  it('rounds to 7 decimals', () => {
    const [lon, lat] = rdToWgs84(121000, 487000); // Amsterdam, Dam
    expect(Math.round(lon * 1e7) / 1e7).toBe(lon);
    expect(Math.round(lat * 1e7) / 1e7).toBe(lat);
    expect(lon).toBeCloseTo(4.89, 1);
    expect(lat).toBeCloseTo(52.37, 1);
  });
});
