/**
 * Pure geometry for drawing maps as inline SVG: GeoJSON-shaped polygons, bounding boxes,
 * point-in-polygon, a projection that fits a box into a viewport, and SVG path data. No I/O
 * and no knowledge of where the shapes come from (the areas capability feeds it CBS
 * boundaries; the choropleth renderer and the area maps draw with it).
 *
 * Positions are [longitude, latitude] in WGS84.
 */
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

/** The box around all geometries that have a position, or null when none has. */
export function frameOf(geometries: AreaGeometry[]): BBox | null {
  const boxes = geometries.map(bbox).filter((box) => box.every(Number.isFinite));
  return boxes.length === 0 ? null : boxes.reduce(mergeBBox);
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

function svgNumber(v: number, decimals: number): string {
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
        const pt = `${svgNumber(x, decimals)},${svgNumber(y, decimals)}`;
        if (points[points.length - 1] !== pt) points.push(pt);
      }
      if (points.length > 1 && points[points.length - 1] === points[0]) points.pop();
      if (points.length < 2) continue;
      parts.push(`M${points.join('L')}Z`);
    }
  }
  return parts.join('');
}

/**
 * A map viewport for a frame: `width` wide, as tall as the frame's shape asks (between 240 and
 * 640 user units, so very wide or tall frames stay usable), with the projection that fits the
 * frame inside it keeping `padding` free on every side.
 */
export function mapViewport(frame: BBox, width: number, padding = 8): { width: number; height: number; projection: SvgProjection } {
  const kx = Math.cos(((frame[1] + frame[3]) / 2) * DEG_TO_RAD);
  const spanX = (frame[2] - frame[0]) * kx;
  const spanY = frame[3] - frame[1];
  const height = Math.round(Math.min(640, Math.max(240, spanX > 0 ? (width * spanY) / spanX : width)));
  return { width, height, projection: fitProjection(frame, width, height, padding) };
}

/**
 * Where to put a text label on a shape: the area-weighted centroid of its largest polygon's
 * outer ring, or null when that point falls outside the shape (a crescent, a ring).
 */
export function labelPoint(geometry: AreaGeometry): Position | null {
  let best: { area: number; x: number; y: number } | null = null;
  for (const polygon of polygonsOf(geometry)) {
    const ring = polygon[0];
    if (!ring || ring.length < 3) continue;
    let a = 0;
    let cx = 0;
    let cy = 0;
    const [ox, oy] = ring[0]!;
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[(i + 1) % ring.length]!;
      const cross = (x1 - ox) * (y2 - oy) - (x2 - ox) * (y1 - oy);
      a += cross;
      cx += (x1 - ox + x2 - ox) * cross;
      cy += (y1 - oy + y2 - oy) * cross;
    }
    if (a === 0) continue;
    const point = { area: Math.abs(a), x: ox + cx / (3 * a), y: oy + cy / (3 * a) };
    if (!best || point.area > best.area) best = point;
  }
  if (!best || !pointInGeometry(best.x, best.y, geometry)) return null;
  return [best.x, best.y];
}
