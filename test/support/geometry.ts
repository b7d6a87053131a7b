import type { Position } from '../../src/platform/ui/geometry.js';

/** Closed axis-aligned rectangle ring, counter-clockwise (for geometry tests). */
export function rect(minLon: number, minLat: number, maxLon: number, maxLat: number): Position[] {
  return [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
}
