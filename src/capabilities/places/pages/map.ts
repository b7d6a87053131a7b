import { html, type SafeHtml } from '../../../platform/html.js';
import { frameOf, geometryToSvgPath, type AreaGeometry, type BBox } from '../../../platform/ui/geometry.js';
import { pickerViewport, type PlaceStatus } from '../model.js';

/**
 * Places drawn on the neighbourhoods' boundaries as inline SVG (no tiles, no script, colours as
 * SVG attributes so the strict CSP holds and the picture also works as a stand-alone image). A
 * status has its own marker shape, so it is never told by colour alone; pages list the same
 * places in a table beside the map.
 */
export interface MapArea {
  geometry: AreaGeometry | null;
}

export interface Marker {
  lon: number;
  lat: number;
  label: string;
  href?: string;
  status: PlaceStatus;
}

export const MAP_WIDTH = 640;

const STATUS_COLOUR: Record<PlaceStatus, string> = { active: '#0072b2', threatened: '#d55e00', closed: '#555555', vacant: '#009e73' };

/** The marker of a status at (x, y): circle, triangle, cross or square. */
export function markerShape(status: PlaceStatus, x: number, y: number): SafeHtml {
  const f = (v: number) => v.toFixed(1);
  const paint = html`fill="${STATUS_COLOUR[status]}" stroke="#ffffff" stroke-width="1.5"`;
  switch (status) {
    case 'active': return html`<circle cx="${f(x)}" cy="${f(y)}" r="6" ${paint}/>`;
    case 'threatened': return html`<path d="M${f(x)},${f(y - 8)}L${f(x + 7)},${f(y + 5)}L${f(x - 7)},${f(y + 5)}Z" ${paint}/>`;
    case 'vacant': return html`<rect x="${f(x - 5.5)}" y="${f(y - 5.5)}" width="11" height="11" ${paint}/>`;
    case 'closed': return html`<path d="M${f(x - 6)},${f(y - 6)}L${f(x + 6)},${f(y + 6)}M${f(x + 6)},${f(y - 6)}L${f(x - 6)},${f(y + 6)}" fill="none" stroke="${STATUS_COLOUR.closed}" stroke-width="3"/>`;
  }
}

export function frameOfAreas(areas: readonly MapArea[]): BBox | null {
  return frameOf(areas.flatMap((a) => (a.geometry ? [a.geometry] : [])));
}

interface DrawInput {
  id: string;
  title: string;
  areas: readonly MapArea[];
  markers: readonly Marker[];
  frame?: BBox;
  width?: number;
}

function drawing(input: DrawInput) {
  const frame = input.frame ?? frameOfAreas(input.areas);
  if (!frame || !frame.every(Number.isFinite)) return null;
  const view = pickerViewport(frame, input.width ?? MAP_WIDTH);
  const shapes = input.areas.flatMap((a) => {
    const d = a.geometry ? geometryToSvgPath(a.geometry, view.projection, 1) : '';
    return d ? [html`<path fill="#dde7f0" stroke="#24578f" stroke-width="1" fill-rule="evenodd" d="${d}"/>`] : [];
  });
  return { view, shapes };
}

/** The map on a page: each place a link named after it (the table beside it holds the same). */
export function placesMap(input: DrawInput): SafeHtml | null {
  const drawn = drawing(input);
  if (!drawn) return null;
  const { view, shapes } = drawn;
  const titleId = `map-title-${input.id}`;
  const linked = input.markers.some((m) => m.href);
  return html`<svg class="ba-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${view.width} ${view.height}" width="${view.width}" height="${view.height}" focusable="false"${linked ? '' : html` role="img"`} aria-labelledby="${titleId}">
<title id="${titleId}">${input.title}</title>
<g aria-hidden="true">${shapes}</g>
${input.markers.map((m) => {
    const [x, y] = view.at(m.lon, m.lat);
    return m.href
      ? html`<a href="${m.href}" aria-label="${m.label}"><title>${m.label}</title>${markerShape(m.status, x, y)}</a>`
      : html`<g aria-hidden="true">${markerShape(m.status, x, y)}</g>`;
  })}
</svg>`;
}

/**
 * The map a location is picked on, as a stand-alone SVG image: an image button in the place form
 * sends where it was clicked (`kaart.x`, `kaart.y` in the image's own pixels), which
 * `pickerViewport(frame, MAP_WIDTH).pointAt` turns back into a position. No script needed.
 */
export function pickerImage(input: DrawInput): string | null {
  const drawn = drawing(input);
  if (!drawn) return null;
  const { view, shapes } = drawn;
  const cross = input.markers.map((m) => {
    const [x, y] = view.at(m.lon, m.lat);
    return html`<path d="M${(x - 10).toFixed(1)},${y.toFixed(1)}H${(x + 10).toFixed(1)}M${x.toFixed(1)},${(y - 10).toFixed(1)}V${(y + 10).toFixed(1)}" stroke="#000000" stroke-width="2"/>${markerShape(m.status, x, y)}`;
  });
  return html`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${view.width} ${view.height}" width="${view.width}" height="${view.height}">
<title>${input.title}</title>
<rect width="${view.width}" height="${view.height}" fill="#eef3f7"/>
${shapes}${cross}
</svg>`.value;
}

export function pickerSize(frame: BBox): { width: number; height: number } {
  const view = pickerViewport(frame, MAP_WIDTH);
  return { width: view.width, height: view.height };
}
