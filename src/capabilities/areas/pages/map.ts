import { html, type SafeHtml } from '../../../platform/html.js';
import { bbox as boxOf, fitProjection, geometryToSvgPath, pointInGeometry, polygonsOf, type AreaGeometry, type BBox } from '../geo.js';

/**
 * Maps as inline SVG, drawn from the areas' own boundaries (no tile server, no script, no
 * inline styles). A linked shape is an <a> with an aria-label; the page always lists the same
 * areas as text beside the map, so the map is never the only way to reach them.
 */
export interface MapShape {
  geometry: AreaGeometry;
  /** Accessible name of the link and the shape's tooltip. */
  label: string;
  href?: string;
  /** Highlighted and click-through: the area the page is about. Shapes are drawn in the given order. */
  self?: boolean;
  /** Short text drawn on the shape when there is room. */
  caption?: string;
}

export interface MapInput {
  /** Unique within the page (used for the <title> id). */
  id: string;
  title: string;
  /** What to fit into the view (defaults to all shapes). */
  frame?: BBox;
  shapes: MapShape[];
  width?: number;
}

const DEG = Math.PI / 180;

function mergeBoxes(boxes: BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

/** Area-weighted centroid of the largest polygon's outer ring, if it lies inside the shape. */
function labelPoint(geometry: AreaGeometry): [number, number] | null {
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

/** The map, or null when nothing in it can be drawn (placeholders, shapes without area). */
export function areaMap(input: MapInput): SafeHtml | null {
  const shapes = input.shapes.filter((s) => polygonsOf(s.geometry).length > 0);
  const frame = input.frame ?? mergeBoxes(shapes.map((s) => boxOf(s.geometry)));
  if (!frame || !frame.every(Number.isFinite)) return null;
  const width = input.width ?? 640;
  const kx = Math.cos(((frame[1] + frame[3]) / 2) * DEG);
  const spanX = (frame[2] - frame[0]) * kx;
  const spanY = frame[3] - frame[1];
  const height = Math.round(Math.min(640, Math.max(240, spanX > 0 ? (width * spanY) / spanX : width)));
  const projection = fitProjection(frame, width, height, 8);
  const drawn = shapes.map((shape) => ({ shape, d: geometryToSvgPath(shape.geometry, projection, 1) })).filter((s) => s.d !== '');
  if (drawn.length === 0) return null;
  const hasLinks = drawn.some((s) => s.shape.href);
  const titleId = `map-title-${input.id}`;

  const captions = drawn.length <= 40
    ? drawn.flatMap(({ shape }) => {
      if (!shape.caption) return [];
      const at = labelPoint(shape.geometry);
      if (!at) return [];
      const [minLon, minLat, maxLon, maxLat] = boxOf(shape.geometry);
      const [x0, y0] = projection.project(minLon, maxLat);
      const [x1, y1] = projection.project(maxLon, minLat);
      // Only where the text fits inside the shape's box (about 6 units per character at 11px).
      if (x1 - x0 < shape.caption.length * 6 || y1 - y0 < 16) return [];
      const [x, y] = projection.project(at[0], at[1]);
      return [html`<text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}" text-anchor="middle">${shape.caption}</text>`];
    })
    : [];

  return html`<svg class="ba-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" focusable="false"${hasLinks ? '' : html` role="img"`} aria-labelledby="${titleId}">
<title id="${titleId}">${input.title}</title>
${drawn.map(({ shape, d }) => shape.self
    ? html`<path class="ba-shape-self" fill-rule="evenodd" pointer-events="none" aria-hidden="true" d="${d}"/>`
    : shape.href
      ? html`<a href="${shape.href}" aria-label="${shape.label}"><path class="ba-shape" fill-rule="evenodd" d="${d}"><title>${shape.label}</title></path></a>`
      : html`<path class="ba-shape" fill-rule="evenodd" d="${d}" aria-hidden="true"><title>${shape.label}</title></path>`)}
${captions.length ? html`<g aria-hidden="true" pointer-events="none">${captions}</g>` : ''}
</svg>`;
}
