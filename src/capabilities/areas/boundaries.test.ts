import { describe, expect, it } from 'vitest';
import {
  findJsonErrorOffset,
  MAX_BOUNDARY_ERRORS,
  readBoundaryFile,
  yearFromFileName,
  type BoundaryError,
  type ParsedBoundaryFile,
} from './boundaries.js';
import { rdToWgs84, type Position } from './geo.js';

// ---------------------------------------------------------------------------
// Fixture helpers

function square(x: number, y: number, size: number): Position[] {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}

function polygon(x: number, y: number, size: number): { type: 'Polygon'; coordinates: Position[][] } {
  return { type: 'Polygon', coordinates: [square(x, y, size)] };
}

function collection(features: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 2);
}

function feature(properties: unknown, geometry: unknown = polygon(5, 52, 0.01)): Record<string, unknown> {
  return { type: 'Feature', properties, geometry };
}

function ok(text: string, name = 'buurt_2024.geojson'): ParsedBoundaryFile {
  const r = readBoundaryFile(text, name);
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors, null, 2)}`);
  return r.file;
}

function fail(text: string, name = 'buurt_2024.geojson'): { errors: BoundaryError[]; totalErrors: number } {
  const r = readBoundaryFile(text, name);
  if (r.ok) throw new Error('expected the file to be rejected');
  return r;
}

/**
 * A small TopoJSON file in statcode style: two neighbourhoods sharing an edge,
 * quantised with a transform, in object "layer", and one municipality in "gemeenten".
 */
function topology(geometries?: unknown[]): string {
  return JSON.stringify({
    type: 'Topology',
    transform: { scale: [0.001, 0.001], translate: [5, 52] },
    arcs: [
      // arc 0: shared edge (10,0) → (10,10)
      [
        [10, 0],
        [0, 10],
      ],
      // arc 1: (10,10) → (0,10) → (0,0) → (10,0)
      [
        [10, 10],
        [-10, 0],
        [0, -10],
        [10, 0],
      ],
      // arc 2: (10,0) → (20,0) → (20,10) → (10,10)
      [
        [10, 0],
        [10, 0],
        [0, 10],
        [-10, 0],
      ],
    ],
    objects: {
      layer: {
        type: 'GeometryCollection',
        geometries: geometries ?? [
          {
            type: 'Polygon',
            arcs: [[0, 1]],
            id: 'BU03630001',
            properties: { statcode: 'BU03630001', statnaam: 'Kop Zeedijk', rubriek: 'buurt' },
          },
          {
            type: 'Polygon',
            arcs: [[2, -1]],
            properties: { STATCODE: 'BU0363AD03', STATNAAM: 'Nieuwmarkt' },
          },
        ],
      },
      gemeenten: {
        type: 'GeometryCollection',
        geometries: [{ type: 'Polygon', arcs: [[1, 2]], properties: { statcode: 'GM0363', statnaam: 'Amsterdam' } }],
      },
    },
  });
}

// ---------------------------------------------------------------------------

describe('readBoundaryFile: CBS-style GeoJSON', () => {
  it('reads neighbourhoods with buurtcode/buurtnaam and keeps declared parents', () => {
    const file = ok(
      collection([
        feature({
          buurtcode: ' bu03630001 ',
          buurtnaam: 'Kop Zeedijk',
          wijkcode: 'WK036300',
          wijknaam: 'Burgwallen-Oude Zijde',
          gemeentecode: 'GM0363',
          gemeentenaam: 'Amsterdam',
        }),
        feature(
          { BUURTCODE: 'BU0363AD03', BuurtNaam: '  ', WijkCode: 'wk0363ad', GEMEENTECODE: 'GM0363' },
          {
            type: 'MultiPolygon',
            coordinates: [[square(5, 52, 0.01)], [square(5.1, 52, 0.01), square(5.102, 52.002, 0.001)]],
          },
        ),
      ]),
      'wijkenbuurten_2024_buurten.geojson',
    );
    expect(file.sourceCrs).toBe('EPSG:4326');
    expect(file.yearFromName).toBe(2024);
    expect(file.areas).toHaveLength(2);
    expect(file.areas[0]).toMatchObject({
      code: 'BU03630001',
      kind: 'neighbourhood',
      name: 'Kop Zeedijk',
      featureIndex: 1,
      declaredParentCode: 'WK036300',
      declaredMunicipalityCode: 'GM0363',
    });
    expect(file.areas[0]?.geometry).toEqual(polygon(5, 52, 0.01));
    expect(file.areas[1]).toMatchObject({
      code: 'BU0363AD03',
      name: null,
      featureIndex: 2,
      declaredParentCode: 'WK0363AD',
    });
    expect(file.areas[1]?.geometry.type).toBe('MultiPolygon');
  });

  it('reads districts and municipalities by their own CBS field', () => {
    const file = ok(
      collection([
        feature({ wijkcode: 'WK036300', wijknaam: 'Burgwallen-Oude Zijde', gemeentecode: 'GM0363' }),
        feature({ gemeentecode: 'GM0363', gemeentenaam: 'Amsterdam' }),
        feature({ WK_CODE: 'WK036301', WK_NAAM: 'Burgwallen-Nieuwe Zijde', GM_CODE: 'GM0363' }),
      ]),
    );
    expect(file.areas.map((a) => [a.code, a.kind, a.name, a.declaredParentCode])).toEqual([
      ['WK036300', 'district', 'Burgwallen-Oude Zijde', 'GM0363'],
      ['GM0363', 'municipality', 'Amsterdam', undefined],
      ['WK036301', 'district', 'Burgwallen-Nieuwe Zijde', 'GM0363'],
    ]);
  });

  it('accepts a bare Feature and drops a third coordinate', () => {
    const file = ok(
      JSON.stringify(
        feature(
          { statcode: 'GM0014', statnaam: 'Groningen' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [6.5, 53.2, 1],
                [6.6, 53.2, 1],
                [6.6, 53.3, 1],
                [6.5, 53.2, 1],
              ],
            ],
          },
        ),
      ),
      'gemeente.json',
    );
    expect(file.yearFromName).toBeNull();
    expect(file.areas[0]?.geometry.coordinates[0]?.[0]).toEqual([6.5, 53.2]);
  });

  it('tolerates a byte order mark', () => {
    expect(ok(`\uFEFF${collection([feature({ statcode: 'GM0014' })])}`).areas).toHaveLength(1);
  });
});

describe('readBoundaryFile: TopoJSON', () => {
  it('converts every object with topojson-client (statcode style, case-insensitive keys)', () => {
    const file = ok(topology(), 'buurt_2023.topojson');
    expect(file.yearFromName).toBe(2023);
    expect(file.sourceCrs).toBe('EPSG:4326');
    expect(file.areas.map((a) => [a.code, a.kind, a.name, a.featureIndex])).toEqual([
      ['BU03630001', 'neighbourhood', 'Kop Zeedijk', 1],
      ['BU0363AD03', 'neighbourhood', 'Nieuwmarkt', 2],
      ['GM0363', 'municipality', 'Amsterdam', 3],
    ]);
    const ring = file.areas[0]?.geometry.coordinates[0] as Position[];
    expect(ring[0]?.[0]).toBeCloseTo(5.01, 9);
    expect(ring[0]?.[1]).toBeCloseTo(52, 9);
    expect(ring).toHaveLength(5);
  });

  it('reports null, unknown-type and undecodable TopoJSON geometries by feature', () => {
    const r = fail(
      topology([
        { type: 'Polygon', arcs: [[0, 1]], properties: { statcode: 'BU03630001' } },
        { type: null, properties: { statcode: 'BU03630002' } },
        { type: 'Polgon', arcs: [[0, 1]], properties: { statcode: 'BU03630003' } },
        { type: 'Polygon', arcs: [[99]], properties: { statcode: 'BU03630004' } },
        { type: 'LineString', arcs: [0], properties: { statcode: 'BU03630005' } },
      ]),
    );
    expect(r.errors.map((e) => [e.feature, e.field])).toEqual([
      [2, 'geometry'],
      [3, 'geometry.type'],
      [4, 'arcs'],
      [5, 'geometry.type'],
    ]);
    expect(r.errors[1]?.message).toContain('"Polgon"');
  });
});

describe('readBoundaryFile: RD New', () => {
  const rdFeature = feature(
    { statcode: 'WK030700', statnaam: 'Amersfoort Centrum' },
    { type: 'Polygon', coordinates: [square(155000, 463000, 1000)] },
  );

  it('detects RD New from the coordinate ranges and converts to WGS84', () => {
    const file = ok(collection([rdFeature]), 'wijk_2024.geojson');
    expect(file.sourceCrs).toBe('EPSG:28992');
    const ring = file.areas[0]?.geometry.coordinates[0] as Position[];
    expect(ring[0]).toEqual(rdToWgs84(155000, 463000));
    expect(ring[2]).toEqual(rdToWgs84(156000, 464000));
    expect(ring[0]?.[0]).toBeCloseTo(5.3872, 3);
  });

  it('honours a crs member naming EPSG:28992', () => {
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } };
    // A point outside the range used for detection is still accepted when declared.
    const far = feature({ statcode: 'GM0088' }, { type: 'Polygon', coordinates: [square(150000, 650000, 1000)] });
    const file = ok(collection([rdFeature, far], { crs }));
    expect(file.sourceCrs).toBe('EPSG:28992');
    expect(file.areas[1]?.geometry.coordinates[0]?.[0]?.[1]).toBeGreaterThan(53.5);
  });

  it('accepts a crs member naming WGS84 and rejects other CRSs', () => {
    const wgs = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
    expect(ok(collection([feature({ statcode: 'GM0014' })], { crs: wgs })).sourceCrs).toBe('EPSG:4326');
    const mercator = { type: 'name', properties: { name: 'EPSG:3857' } };
    const r = fail(collection([feature({ statcode: 'GM0014' })], { crs: mercator }));
    expect(r.errors[0]).toMatchObject({ field: 'crs' });
    expect(r.errors[0]?.message).toContain('EPSG:3857');
  });

  it('rejects a feature whose coordinates fit neither CRS', () => {
    const odd = feature({ statcode: 'GM0014' }, { type: 'Polygon', coordinates: [square(400000, 100, 10)] });
    const r = fail(collection([rdFeature, odd]));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ feature: 2, field: 'geometry.coordinates' });
  });
});

describe('readBoundaryFile: malformed features', () => {
  const cases: [string, unknown, string, string | RegExp][] = [
    ['missing code', feature({ statnaam: 'Nergens' }), 'statcode', /missing area code/i],
    ['missing CBS code', feature({ buurtnaam: 'Nergens' }), 'buurtcode', /missing area code/i],
    ['invalid code', feature({ statcode: 'BU123' }), 'statcode', /not a valid CBS area code/],
    ['code of the wrong kind', feature({ buurtcode: 'WK036300' }), 'buurtcode', /not a neighbourhood code/],
    ['numeric code', feature({ gemeentecode: 363 }), 'gemeentecode', /not a valid CBS area code/],
    ['missing geometry', { type: 'Feature', properties: { statcode: 'GM0014' } }, 'geometry', /no geometry/],
    ['null geometry', feature({ statcode: 'GM0014' }, null), 'geometry', /null/],
    [
      'point geometry',
      feature({ statcode: 'GM0014' }, { type: 'Point', coordinates: [5, 52] }),
      'geometry.type',
      /"Point" is not supported/,
    ],
    [
      'string coordinate',
      feature({ statcode: 'GM0014' }, { type: 'Polygon', coordinates: [[[5, 52], ['5.1', 52], [5, 52.1], [5, 52]]] }),
      'geometry.coordinates',
      /ring 1, position 2 is not a pair of finite numbers/,
    ],
    [
      'empty MultiPolygon',
      feature({ statcode: 'GM0014' }, { type: 'MultiPolygon', coordinates: [] }),
      'geometry.coordinates',
      /no polygons/,
    ],
    ['not a feature', { type: 'Polygon', coordinates: [] }, 'type', /expected "Feature"/],
  ];

  it.each(cases)('%s: error names the feature and field', (_label, bad, field, message) => {
    const r = fail(collection([feature({ statcode: 'GM0014' }), bad]));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'buurt_2024.geojson', feature: 2, field });
    expect(r.errors[0]?.message).toMatch(message);
    expect(r.errors[0]?.message).toMatch(/^Feature 2: /);
  });

  it('rejects non-finite coordinates written as huge numbers', () => {
    const text = collection([feature({ statcode: 'GM0014' }, { type: 'Polygon', coordinates: [square(5, 52, 0.1)] })]).replace(
      '5.1',
      '1e999',
    );
    const r = fail(text);
    expect(r.errors[0]).toMatchObject({ feature: 1, field: 'geometry.coordinates' });
    expect(r.errors[0]?.message).toContain('finite');
  });

  it('rejects the whole file and lists every error', () => {
    const r = fail(
      collection([
        feature({ statcode: 'GM0014' }),
        feature({ statcode: 'nope' }),
        feature({ statcode: 'GM0015' }, null),
        feature({ statcode: 'x' }, { type: 'LineString', coordinates: [] }),
      ]),
    );
    expect(r.totalErrors).toBe(4);
    expect(r.errors.map((e) => [e.feature, e.field])).toEqual([
      [2, 'statcode'],
      [3, 'geometry'],
      [4, 'statcode'],
      [4, 'geometry.type'],
    ]);
  });

  it(`caps the list at ${MAX_BOUNDARY_ERRORS} errors but counts them all`, () => {
    const features = Array.from({ length: 60 }, () => feature({ statcode: 'bad' }));
    const r = fail(collection(features));
    expect(r.errors).toHaveLength(MAX_BOUNDARY_ERRORS);
    expect(r.totalErrors).toBe(60);
  });

  it('rejects files that are not GeoJSON or TopoJSON, or have no features', () => {
    expect(fail('[1, 2]').errors[0]?.message).toMatch(/expected a JSON object/);
    expect(fail('{"type": "GeometryCollection", "geometries": []}').errors[0]).toMatchObject({ field: 'type' });
    expect(fail('{"type": "FeatureCollection"}').errors[0]).toMatchObject({ field: 'features' });
    expect(fail(collection([])).errors[0]?.message).toMatch(/no features/);
  });
});

describe('readBoundaryFile: invalid JSON', () => {
  it('gives line and column from the parser position', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature" "properties": {}}\n  ]\n}';
    const r = fail(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'buurt_2024.geojson', line: 4, column: 24 });
    expect(r.errors[0]?.message).toBe(
      "Invalid JSON at line 4, column 24: Expected ',' or '}' after property value.",
    );
  });

  it('gives line and column when the parser message has no position', () => {
    // V8 reports "Unexpected token '}'" without a position for this one.
    const text = '{\n  "type": "FeatureCollection",\n  "features": [1,,2]\n}';
    const r = fail(text);
    expect(r.errors[0]).toMatchObject({ line: 3, column: 18 });
    expect(r.errors[0]?.message).toBe("Invalid JSON at line 3, column 18: Unexpected token ','.");
  });

  it('points at the end of a truncated file', () => {
    const r = fail('{\n  "type": "Feature",\n  "properties": {');
    expect(r.errors[0]).toMatchObject({ line: 3, column: 18 });
  });
});

describe('findJsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', -1],
    ['[1, 2.5e3, -0, "x\\u0041", true, false, null, {}, []]', -1],
    ['{"a": }', 6],
    ['[1,,2]', 3],
    ['{"a" 1}', 5],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
    ['"abc', 4],
    ['', 0],
    ['{"a": "x\\q"}', 8],
  ])('%j → %i', (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset);
  });
});

describe('yearFromFileName', () => {
  it.each([
    ['buurt_2014.topojson', 2014],
    ['/data/2020/gemeente_2015.topojson', 2015],
    ['WijkBuurtkaart2023.gpkg', 2023],
    ['buurt.geojson', null],
    ['buurt_1989.geojson', null],
    ['buurt_20140101.geojson', null],
    ['buurt_2014_2015.geojson', null],
    ['buurt_2014_v2014.geojson', 2014],
  ])('%s → %s', (name, year) => {
    expect(yearFromFileName(name)).toBe(year);
  });
});
