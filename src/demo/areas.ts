import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { defineBudgetArea, importAreas } from '../capabilities/areas/index.js';
import { seededRandom } from './random.js';

/**
 * The areas of the fictional "Gemeente Voorbeeldstad" (GM9999): four districts and nineteen
 * neighbourhoods with plausible, deterministic boundaries that tile without gaps or overlaps.
 *
 * How: a grid of cells whose corner points are jittered by a seeded random generator, with a few
 * extra wiggles on every cell edge. Each edge is generated once and shared by the cells on both
 * sides. A neighbourhood is a set of cells, a district a set of neighbourhoods, the municipality
 * all of them; every outline is the perimeter of its cells through the same shared points. The
 * result goes through the real import service as GeoJSON text, as CBS files would.
 */
type Position = [number, number];

const COLS = 8;
const ROWS = 6;
const WEST = 5.0;
const EAST = 5.15;
const NORTH = 52.08;
const SOUTH = 52.0;

/** One letter per cell (north row first); '.' lies outside the municipality. */
const LAYOUT_2025 = [
  '.AABBC..',
  'DDAEBCC.',
  'DFG12HHI',
  'JFG34KII',
  'JLL34KM.',
  '.LNNOOM.',
];

const DISTRICTS: Record<string, string> = {
  '01': 'Centrum',
  '02': 'Noord',
  '03': 'Oost',
  '04': 'Zuid-West',
};

const NEIGHBOURHOODS_2025: Record<string, { code: string; name: string }> = {
  '1': { code: '0101', name: 'Binnenstad' },
  '2': { code: '0102', name: 'Lindenhof' },
  '3': { code: '0103', name: 'Stationskwartier' },
  '4': { code: '0104', name: 'Havenkwartier' },
  A: { code: '0201', name: 'Noorderpark' },
  B: { code: '0202', name: 'Bloemenbuurt' },
  E: { code: '0203', name: 'Vaartkwartier' },
  C: { code: '0204', name: 'Molenwijk' },
  D: { code: '0205', name: 'Akkerhof' },
  H: { code: '0301', name: 'Oostpoort' },
  I: { code: '0302', name: 'Beekdal' },
  K: { code: '0303', name: 'Kastanjehof' },
  M: { code: '0304', name: 'De Weide' },
  O: { code: '0305', name: 'Esdoornhof' },
  F: { code: '0401', name: 'Westerveld' },
  G: { code: '0402', name: 'Populierenhof' },
  J: { code: '0403', name: 'Heidepark' },
  L: { code: '0404', name: 'Rietland' },
  N: { code: '0405', name: "'t Zand" },
};

/** The previous division: Stationskwartier and Havenkwartier were one neighbourhood. */
const LAYOUT_2024 = LAYOUT_2025.map((row) => row.replaceAll('4', '3'));
const NEIGHBOURHOODS_2024: Record<string, { code: string; name: string }> = {
  ...NEIGHBOURHOODS_2025,
  '3': { code: '0103', name: 'Stations- en Havenkwartier' },
};

// ---- the shared grid --------------------------------------------------------------------------

interface Grid {
  vertex(i: number, j: number): Position;
  /** Points strictly between the ends of an edge, from its lower to its higher vertex. */
  edge(key: string): Position[];
}

function makeGrid(seed: number): Grid {
  const random = seededRandom(seed);
  const dx = (EAST - WEST) / COLS;
  const dy = (NORTH - SOUTH) / ROWS;
  const vertices: Position[][] = [];
  for (let i = 0; i <= COLS; i++) {
    vertices.push([]);
    for (let j = 0; j <= ROWS; j++) {
      vertices[i]!.push([WEST + i * dx + random.between(-0.28, 0.28) * dx, NORTH - j * dy + random.between(-0.28, 0.28) * dy]);
    }
  }
  const vertex = (i: number, j: number) => vertices[i]![j]!;
  const edges = new Map<string, Position[]>();
  const wiggle = (a: Position, b: Position): Position[] => {
    const points: Position[] = [];
    const steps = 3;
    // Perpendicular offsets in degrees, scaled for longitude at this latitude.
    const kx = Math.cos((52.04 * Math.PI) / 180);
    const ex = (b[0] - a[0]) * kx;
    const ey = b[1] - a[1];
    const length = Math.hypot(ex, ey);
    for (let s = 1; s < steps; s++) {
      const t = s / steps + random.between(-0.08, 0.08);
      const offset = random.between(-0.09, 0.09) * length;
      points.push([a[0] + (b[0] - a[0]) * t + (-ey / length) * offset / kx, a[1] + (b[1] - a[1]) * t + (ex / length) * offset]);
    }
    return points;
  };
  // Generated in one fixed order, so the same seed gives the same map everywhere.
  for (let j = 0; j <= ROWS; j++) for (let i = 0; i < COLS; i++) edges.set(`h:${i}:${j}`, wiggle(vertex(i, j), vertex(i + 1, j)));
  for (let i = 0; i <= COLS; i++) for (let j = 0; j < ROWS; j++) edges.set(`v:${i}:${j}`, wiggle(vertex(i, j), vertex(i, j + 1)));
  return { vertex, edge: (key) => edges.get(key)! };
}

interface DirectedEdge {
  key: string;
  forward: boolean;
  from: string;
  to: string;
}

/** The four edges of cell (column c, row r), walking east, south, west, north. */
function cellEdges(c: number, r: number): DirectedEdge[] {
  const v = (i: number, j: number) => `${i}:${j}`;
  return [
    { key: `h:${c}:${r}`, forward: true, from: v(c, r), to: v(c + 1, r) },
    { key: `v:${c + 1}:${r}`, forward: true, from: v(c + 1, r), to: v(c + 1, r + 1) },
    { key: `h:${c}:${r + 1}`, forward: false, from: v(c + 1, r + 1), to: v(c, r + 1) },
    { key: `v:${c}:${r}`, forward: false, from: v(c, r + 1), to: v(c, r) },
  ];
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

function inside(point: Position, ring: Position[]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

const round6 = (p: Position): Position => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];

/** The outline of a set of cells: the edges that only one of its cells has, chained into rings. */
function outline(grid: Grid, cells: Array<[number, number]>): { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] } {
  const count = new Map<string, number>();
  const all = cells.flatMap(([c, r]) => cellEdges(c, r));
  for (const e of all) count.set(e.key, (count.get(e.key) ?? 0) + 1);
  const boundary = all.filter((e) => count.get(e.key) === 1);
  const outgoing = new Map<string, DirectedEdge[]>();
  for (const e of boundary) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
  const used = new Set<DirectedEdge>();
  const rings: Position[][] = [];
  for (const start of boundary) {
    if (used.has(start)) continue;
    const ring: Position[] = [];
    let current: DirectedEdge | undefined = start;
    while (current && !used.has(current)) {
      used.add(current);
      const [i, j] = current.from.split(':').map(Number) as [number, number];
      const between = grid.edge(current.key);
      ring.push(grid.vertex(i, j), ...(current.forward ? between : [...between].reverse()));
      current = (outgoing.get(current.to) ?? []).find((e) => !used.has(e));
    }
    ring.push(ring[0]!);
    // GeoJSON (RFC 7946): outer rings counter-clockwise. The cells were walked clockwise.
    rings.push(ring.reverse().map(round6));
  }
  const outers = rings.filter((r) => signedArea(r) > 0);
  const holes = rings.filter((r) => signedArea(r) <= 0);
  const polygons = outers.map((outer) => [outer, ...holes.filter((h) => inside(h[0]!, outer))]);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/** The division of one year as a CBS-style GeoJSON FeatureCollection (buurtcode, wijkcode, gemeentecode). */
export function voorbeeldstadBoundaries(year: 2024 | 2025): string {
  const grid = makeGrid(9999);
  const layout = year === 2024 ? LAYOUT_2024 : LAYOUT_2025;
  const neighbourhoods = year === 2024 ? NEIGHBOURHOODS_2024 : NEIGHBOURHOODS_2025;
  const cellsOf = new Map<string, Array<[number, number]>>();
  layout.forEach((row, r) => [...row].forEach((letter, c) => {
    if (letter !== '.') cellsOf.set(letter, [...(cellsOf.get(letter) ?? []), [c, r]]);
  }));
  const features: unknown[] = [];
  features.push({
    type: 'Feature',
    properties: { gemeentecode: 'GM9999', gemeentenaam: 'Voorbeeldstad' },
    geometry: outline(grid, [...cellsOf.values()].flat()),
  });
  for (const [district, name] of Object.entries(DISTRICTS)) {
    const letters = [...cellsOf.keys()].filter((l) => neighbourhoods[l]!.code.startsWith(district));
    features.push({
      type: 'Feature',
      properties: { wijkcode: `WK9999${district}`, wijknaam: name, gemeentecode: 'GM9999' },
      geometry: outline(grid, letters.flatMap((l) => cellsOf.get(l)!)),
    });
  }
  for (const [letter, cells] of [...cellsOf.entries()].sort((a, b) => (neighbourhoods[a[0]]!.code < neighbourhoods[b[0]]!.code ? -1 : 1))) {
    const n = neighbourhoods[letter]!;
    features.push({
      type: 'Feature',
      properties: { buurtcode: `BU9999${n.code}`, buurtnaam: n.name, wijkcode: `WK9999${n.code.slice(0, 2)}`, gemeentecode: 'GM9999' },
      geometry: outline(grid, cells),
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', name: `voorbeeldstad_${year}`, features });
}

export async function seedAreas(ctx: Context): Promise<void> {
  // National data: importing again (after a demo reset) updates the same rows.
  await importAreas(ctx, [{ name: 'voorbeeldstad_2024.geojson', text: voorbeeldstadBoundaries(2024) }], { divisionYear: 2024 });
  await importAreas(ctx, [{ name: 'voorbeeldstad_2025.geojson', text: voorbeeldstadBoundaries(2025) }], { divisionYear: 2025 });
  if (ctx.tenant && ctx.tenant.divisionYear === 2025) {
    await execute(ctx, defineBudgetArea, { name: 'Binnenstad en Lindenhof', codes: ['BU99990101', 'BU99990102'] });
  }
}
