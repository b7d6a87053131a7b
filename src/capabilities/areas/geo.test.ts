import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  approximateAreaM2,
  bbox,
  fitProjection,
  geometryToSvgPath,
  mergeBBox,
  pointInGeometry,
  rdToWgs84,
  type AreaGeometry,
  type Position,
} from './geo.js';

/** Closed axis-aligned rectangle ring, counter-clockwise. */
function rect(minLon: number, minLat: number, maxLon: number, maxLat: number): Position[] {
  return [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
}

const squareWithHole: AreaGeometry = {
  type: 'Polygon',
  coordinates: [rect(5, 52, 5.1, 52.1), rect(5.04, 52.04, 5.06, 52.06)],
};

describe('bbox', () => {
  it('covers all polygons of a MultiPolygon', () => {
    const g: AreaGeometry = { type: 'MultiPolygon', coordinates: [[rect(5, 52, 5.1, 52.1)], [rect(4, 51.5, 4.2, 51.6)]] };
    expect(bbox(g)).toEqual([4, 51.5, 5.1, 52.1]);
  });

  it('mergeBBox takes the union', () => {
    expect(mergeBBox([5, 52, 6, 53], [4, 52.5, 5.5, 53.5])).toEqual([4, 52, 6, 53.5]);
  });
});

describe('pointInGeometry', () => {
  it('respects holes', () => {
    expect(pointInGeometry(5.02, 52.02, squareWithHole)).toBe(true);
    expect(pointInGeometry(5.05, 52.05, squareWithHole)).toBe(false); // in the hole
    expect(pointInGeometry(5.2, 52.05, squareWithHole)).toBe(false);
  });

  it('finds points in any polygon of a MultiPolygon', () => {
    const g: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[rect(5, 52, 5.1, 52.1)], [rect(6, 52, 6.1, 52.1)]],
    };
    expect(pointInGeometry(6.05, 52.05, g)).toBe(true);
    expect(pointInGeometry(5.5, 52.05, g)).toBe(false);
  });

  it('property: a point inside a random rectangle is inside, one outside is outside', () => {
    const rectangle = fc
      .record({
        lon: fc.double({ min: 3, max: 7, noNaN: true }),
        lat: fc.double({ min: 50.5, max: 53.5, noNaN: true }),
        w: fc.double({ min: 0.001, max: 1, noNaN: true }),
        h: fc.double({ min: 0.001, max: 1, noNaN: true }),
      })
      .map(({ lon, lat, w, h }) => ({ minLon: lon, minLat: lat, maxLon: lon + w, maxLat: lat + h }));
    const fraction = fc.double({ min: 0.01, max: 0.99, noNaN: true });
    fc.assert(
      fc.property(rectangle, fraction, fraction, fc.boolean(), (r, fx, fy, clockwise) => {
        let ring = rect(r.minLon, r.minLat, r.maxLon, r.maxLat);
        if (clockwise) ring = [...ring].reverse();
        const g: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
        const w = r.maxLon - r.minLon;
        const h = r.maxLat - r.minLat;
        const inside = pointInGeometry(r.minLon + fx * w, r.minLat + fy * h, g);
        // Outside: shifted beyond one of the edges.
        const outsideLeft = pointInGeometry(r.minLon - fx * w - 1e-6, r.minLat + fy * h, g);
        const outsideAbove = pointInGeometry(r.minLon + fx * w, r.maxLat + fy * h + 1e-6, g);
        return inside && !outsideLeft && !outsideAbove;
      }),
      { seed: 42 },
    );
  });
});

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

describe('fitProjection and geometryToSvgPath', () => {
  it('keeps the aspect ratio, flips y and centres the shape', () => {
    const box: [number, number, number, number] = [5, 52, 5.1, 52.1];
    const p = fitProjection(box, 400, 400, 10);
    const [x0, y0] = p.project(5, 52); // south-west corner: bottom left
    const [x1, y1] = p.project(5.1, 52.1); // north-east corner: top right
    expect(y0).toBeCloseTo(390, 6);
    expect(y1).toBeCloseTo(10, 6);
    // Horizontal extent scaled by cos(52.05°) and centred.
    const width = x1 - x0;
    expect(width / 380).toBeCloseTo(Math.cos(52.05 * (Math.PI / 180)), 6);
    expect(x0 + width / 2).toBeCloseTo(200, 6);
    expect(p.width).toBe(400);
    expect(p.height).toBe(400);
  });

  it('handles a single point without dividing by zero', () => {
    const p = fitProjection([5, 52, 5, 52], 100, 50);
    expect(p.project(5, 52)).toEqual([50, 25]);
  });

  it('writes one M…Z subpath per ring', () => {
    const p = fitProjection(bbox(squareWithHole), 200, 200);
    const d = geometryToSvgPath(squareWithHole, p);
    expect(d).toMatch(/^(M-?\d+(\.\d)?,-?\d+(\.\d)?(L-?\d+(\.\d)?,-?\d+(\.\d)?)+Z){2}$/);
    expect(d.match(/M/g)).toHaveLength(2);
    // Four corners per ring: the closing point is implied by Z.
    expect(d.split('Z')[0]?.split('L')).toHaveLength(4);
  });

  it('drops consecutive points that round to the same output and skips collapsed rings', () => {
    const g: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [0.00001, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
        [rect(0.5, 0.5, 0.5000001, 0.5000001)],
      ],
    };
    const p = { width: 100, height: 100, project: (lon: number, lat: number): [number, number] => [lon * 100, 100 - lat * 100] };
    expect(geometryToSvgPath(g, p)).toBe('M0,100L100,100L100,0L0,0Z');
    expect(geometryToSvgPath(g, p, 0)).toBe('M0,100L100,100L100,0L0,0Z');
  });

  it('honours the number of decimals', () => {
    const g: AreaGeometry = { type: 'Polygon', coordinates: [rect(0, 0, 0.123456, 0.5)] };
    const p = { width: 1, height: 1, project: (lon: number, lat: number): [number, number] => [lon, lat] };
    expect(geometryToSvgPath(g, p, 3)).toBe('M0,0L0.123,0L0.123,0.5L0,0.5Z');
  });
});
