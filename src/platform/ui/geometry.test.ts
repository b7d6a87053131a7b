import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bbox,
  fitProjection,
  frameOf,
  geometryToSvgPath,
  labelPoint,
  mapViewport,
  mergeBBox,
  pointInGeometry,
  type AreaGeometry,
  type Position,
} from './geometry.js';
import { rect } from '../../../test/support/geometry.js';


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

describe('frameOf, mapViewport and labelPoint', () => {
  it('frames every geometry that has a position and nothing when none has', () => {
    const empty: AreaGeometry = { type: 'MultiPolygon', coordinates: [] };
    expect(frameOf([squareWithHole, { type: 'Polygon', coordinates: [rect(4, 51, 4.5, 51.5)] }, empty])).toEqual([4, 51, 5.1, 52.1]);
    expect(frameOf([empty])).toBeNull();
    expect(frameOf([])).toBeNull();
  });

  it('makes the viewport as tall as the frame asks, within 240 and 640', () => {
    // 0.3° × 0.1° at 52°N is about 20.6 km × 11.1 km: 640 wide makes 345 high.
    expect(mapViewport([5, 52, 5.3, 52.1], 640).height).toBe(Math.round((640 * 0.1) / (0.3 * Math.cos(52.05 * (Math.PI / 180)))));
    expect(mapViewport([5, 52, 6, 52.01], 640).height).toBe(240);
    expect(mapViewport([5, 52, 5.01, 53], 640).height).toBe(640);
    const wide = mapViewport([5, 52, 5.4, 52.1], 400);
    expect(wide.width).toBe(400);
    expect(wide.projection.height).toBe(wide.height);
  });

  it('puts a label inside the largest polygon, and nowhere when its centroid falls outside', () => {
    const two: AreaGeometry = { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [rect(10, 10, 14, 14)]] };
    expect(labelPoint(two)).toEqual([12, 12]);
    // A U shape: the centroid lies in the notch.
    const u: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    expect(labelPoint(u)).toBeNull();
  });
});
