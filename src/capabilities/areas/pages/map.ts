import { html, type SafeHtml } from '../../../platform/html.js';
import { bbox as boxOf, frameOf, geometryToSvgPath, labelPoint, mapViewport, polygonsOf, type AreaGeometry, type BBox } from '../../../platform/ui/geometry.js';

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

/** The map, or null when nothing in it can be drawn (placeholders, shapes without area). */
export function areaMap(input: MapInput): SafeHtml | null {
  const shapes = input.shapes.filter((s) => polygonsOf(s.geometry).length > 0);
  const frame = input.frame ?? frameOf(shapes.map((s) => s.geometry));
  if (!frame || !frame.every(Number.isFinite)) return null;
  const { width, height, projection } = mapViewport(frame, input.width ?? 640);
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
