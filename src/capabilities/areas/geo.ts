/**
 * Geometry of area boundaries: approximate areas and RD New → WGS84 conversion. The generic
 * drawing geometry (bounding boxes, point-in-polygon, projection to inline SVG paths) lives in
 * src/platform/ui/geometry.ts and is re-exported here.
 *
 * All geometry is GeoJSON-shaped, with positions as [longitude, latitude] in WGS84.
 */
import proj4, { type Converter } from 'proj4';
import { bbox, polygonsOf, type AreaGeometry, type Position } from '../../platform/ui/geometry.js';

export {
  bbox, fitProjection, geometryToSvgPath, mergeBBox, pointInGeometry, polygonsOf,
} from '../../platform/ui/geometry.js';
export type { AreaGeometry, BBox, MultiPolygonGeometry, PolygonGeometry, Position, SvgProjection } from '../../platform/ui/geometry.js';

/** Mean Earth radius (IUGG), in metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;
const DEG_TO_RAD = Math.PI / 180;

/** Twice the signed area of a ring in degree² (shoelace), x pre-scaled by kx. */
function ringShoelace(ring: Position[], kx: number): number {
  const n = ring.length;
  if (n < 3) return 0;
  let sum = 0;
  // Use the first vertex as origin to limit floating-point cancellation.
  const first = ring[0];
  if (!first) return 0;
  const ox = first[0];
  const oy = first[1];
  let prev = ring[n - 1] ?? first;
  for (const p of ring) {
    const x1 = (prev[0] - ox) * kx;
    const y1 = prev[1] - oy;
    const x2 = (p[0] - ox) * kx;
    const y2 = p[1] - oy;
    sum += x1 * y2 - x2 * y1;
    prev = p;
  }
  return sum;
}

/**
 * Approximate area in square metres: shoelace formula on an equirectangular
 * projection whose x axis is scaled by cos(mean latitude of the geometry's box).
 * Holes are subtracted; the result is never negative. Accurate to well within 1 %
 * for municipality-sized shapes in the Netherlands; meant for detecting
 * degenerate (zero-area) shapes and for rough ordering, not for surveying.
 */
export function approximateAreaM2(geometry: AreaGeometry): number {
  const box = bbox(geometry);
  if (!Number.isFinite(box[1])) return 0;
  const kx = Math.cos(((box[1] + box[3]) / 2) * DEG_TO_RAD);
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    let area = 0;
    polygon.forEach((ring, i) => {
      const a = Math.abs(ringShoelace(ring, kx)) / 2;
      area += i === 0 ? a : -a;
    });
    total += Math.max(0, area);
  }
  return total * METRES_PER_DEGREE * METRES_PER_DEGREE;
}

/** EPSG:28992 (Amersfoort / RD New), with the 7-parameter datum shift to WGS84. */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 ' +
  '+x_0=155000 +y_0=463000 +ellps=bessel ' +
  '+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

let rdConverter: Converter | undefined;

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/**
 * Converts RD New (EPSG:28992) metres to WGS84 [lon, lat], rounded to 7 decimals
 * (about 1 cm). The 7-parameter transformation is accurate to roughly half a metre,
 * which is far below the precision of published area boundaries.
 */
export function rdToWgs84(x: number, y: number): Position {
  rdConverter ??= proj4(RD_NEW_PROJ4, 'WGS84');
  const out = rdConverter.forward([x, y]);
  return [round7(out[0] ?? NaN), round7(out[1] ?? NaN)];
}

