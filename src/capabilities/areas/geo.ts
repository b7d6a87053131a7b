/**
 * Pure geometry helpers for area boundaries: bounding boxes, approximate areas,
 * point-in-polygon, RD New → WGS84 conversion and projection to inline SVG paths.
 *
 * All geometry is GeoJSON-shaped, with positions as [longitude, latitude] in WGS84.
 */
import proj4, { type Converter } from 'proj4';

/** A position as [longitude, latitude] in WGS84 (EPSG:4326). */
export type Position = [number, number];

export interface PolygonGeometry {
  type: 'Polygon';
  /** Rings: the first is the outer ring, the others are holes. */
  coordinates: Position[][];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

/** The only geometry types an area boundary may have. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLon, minLat, maxLon, maxLat]. */
export type BBox = [number, number, number, number];

/** Mean Earth radius (IUGG), in metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;
const DEG_TO_RAD = Math.PI / 180;

/** The polygons of a geometry, each as a list of rings. */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Bounding box of a geometry. A geometry without any position (which the boundary
 * reader never produces) yields an inverted box [Infinity, Infinity, -Infinity, -Infinity].
 */
export function bbox(geometry: AreaGeometry): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** The smallest box containing both boxes. */
export function mergeBBox(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

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

/** Even-odd ray casting over one ring; toggles for each crossing edge. */
function crossings(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  const n = ring.length;
  let prev = ring[n - 1];
  if (!prev) return false;
  for (const p of ring) {
    const [xi, yi] = p;
    const [xj, yj] = prev;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
    prev = p;
  }
  return inside;
}

/**
 * Whether a point lies inside a geometry, by the even-odd rule: a point inside a
 * hole is outside. Points exactly on an edge may go either way.
 */
export function pointInGeometry(lon: number, lat: number, geometry: AreaGeometry): boolean {
  for (const polygon of polygonsOf(geometry)) {
    let inside = false;
    for (const ring of polygon) {
      if (crossings(lon, lat, ring)) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
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

/** Maps WGS84 positions to SVG user units (y grows downward). */
export interface SvgProjection {
  project(lon: number, lat: number): [number, number];
  width: number;
  height: number;
}

/**
 * An equirectangular projection that fits `box` into a width × height viewport:
 * x is scaled by cos(mid-latitude) so shapes look right in the Netherlands, y is
 * flipped (north up), the aspect ratio is preserved and the result is centred.
 * `padding` (in user units) is kept free on every side.
 */
export function fitProjection(box: BBox, width: number, height: number, padding = 0): SvgProjection {
  const [minLon, minLat, maxLon, maxLat] = box;
  const kx = Math.cos(((minLat + maxLat) / 2) * DEG_TO_RAD);
  const spanX = Math.max(0, (maxLon - minLon) * kx);
  const spanY = Math.max(0, maxLat - minLat);
  const innerW = Math.max(0, width - 2 * padding);
  const innerH = Math.max(0, height - 2 * padding);
  let scale: number;
  if (spanX > 0 && spanY > 0) scale = Math.min(innerW / spanX, innerH / spanY);
  else if (spanX > 0) scale = innerW / spanX;
  else if (spanY > 0) scale = innerH / spanY;
  else scale = 1; // a single point: any scale will do, it is centred below
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    width,
    height,
    project(lon: number, lat: number): [number, number] {
      return [offsetX + (lon - minLon) * kx * scale, offsetY + (maxLat - lat) * scale];
    },
  };
}

function formatNumber(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  // Drop trailing zeros ("12.50" → "12.5", "3.0" → "3") and negative zero.
  const trimmed = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * SVG path data for a geometry: one `M…L…Z` subpath per ring, coordinates rounded
 * to `decimals`. Consecutive points that round to the same output are dropped, as
 * is a closing point equal to the first (`Z` closes the ring). Rings that collapse
 * to a single point draw nothing and are left out, so a tiny shape on a large map
 * may yield an empty string. Render with `fill-rule="evenodd"` so holes show
 * whatever the ring orientation.
 */
export function geometryToSvgPath(geometry: AreaGeometry, projection: SvgProjection, decimals = 1): string {
  const parts: string[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      const points: string[] = [];
      for (const [lon, lat] of ring) {
        const [x, y] = projection.project(lon, lat);
        const pt = `${formatNumber(x, decimals)},${formatNumber(y, decimals)}`;
        if (points[points.length - 1] !== pt) points.push(pt);
      }
      if (points.length > 1 && points[points.length - 1] === points[0]) points.pop();
      if (points.length < 2) continue;
      parts.push(`M${points.join('L')}Z`);
    }
  }
  return parts.join('');
}
