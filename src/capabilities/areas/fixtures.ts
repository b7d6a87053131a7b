/**
 * Small boundary files for tests and benchmarks: CBS-style GeoJSON (buurtcode/wijkcode/
 * gemeentecode), statcode-style TopoJSON, and RD New coordinates. Pure; builds text only.
 */
export type Ring = Array<[number, number]>;

/** A square ring (counter-clockwise), closed. */
export function squareRing(x: number, y: number, size: number): Ring {
  return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
}

export interface CbsFeatureInput {
  code: string;
  name: string | null;
  /** The square's south-west corner and size (degrees, or metres for RD New). */
  at: [number, number];
  size: number;
}

/** One CBS-style feature: the most specific code names the feature, the others its parents. */
export function cbsFeature(input: CbsFeatureInput): Record<string, unknown> {
  const { code, name } = input;
  const properties: Record<string, unknown> = {};
  if (code.startsWith('BU')) Object.assign(properties, { buurtcode: code, buurtnaam: name, wijkcode: `WK${code.slice(2, 8)}`, gemeentecode: `GM${code.slice(2, 6)}` });
  else if (code.startsWith('WK')) Object.assign(properties, { wijkcode: code, wijknaam: name, gemeentecode: `GM${code.slice(2, 6)}` });
  else Object.assign(properties, { gemeentecode: code, gemeentenaam: name });
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [squareRing(input.at[0], input.at[1], input.size)] } };
}

export function featureCollection(features: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'FeatureCollection', ...extra, features });
}

/**
 * A municipality with two districts of two neighbourhoods each, in WGS84 around (lon, lat):
 * GMxxxx ⊃ WKxxxx01 ⊃ BUxxxx0101, BUxxxx0102; WKxxxx02 ⊃ BUxxxx0201, BUxxxx0202.
 */
export function smallMunicipality(gm: string, names: { municipality?: string; prefix?: string } = {}, origin: [number, number] = [5, 52]): string {
  const digits = gm.slice(2);
  const prefix = names.prefix ?? '';
  const [x, y] = origin;
  const s = 0.01;
  return featureCollection([
    cbsFeature({ code: gm, name: names.municipality ?? `Gemeente ${digits}`, at: [x, y], size: 4 * s }),
    cbsFeature({ code: `WK${digits}01`, name: `${prefix}Wijk Een`, at: [x, y], size: 2 * s }),
    cbsFeature({ code: `WK${digits}02`, name: `${prefix}Wijk Twee`, at: [x + 2 * s, y], size: 2 * s }),
    cbsFeature({ code: `BU${digits}0101`, name: `${prefix}Buurt Een-A`, at: [x, y], size: s }),
    cbsFeature({ code: `BU${digits}0102`, name: `${prefix}Buurt Een-B`, at: [x + s, y], size: s }),
    cbsFeature({ code: `BU${digits}0201`, name: `${prefix}Buurt Twee-A`, at: [x + 2 * s, y], size: s }),
    cbsFeature({ code: `BU${digits}0202`, name: `${prefix}Buurt Twee-B`, at: [x + 3 * s, y], size: s }),
  ]);
}

/**
 * TopoJSON in the statcode/statnaam style (as the national files): two neighbourhoods sharing
 * an edge, quantised with a transform, in an object "layer".
 */
export function statcodeTopology(codes: [string, string], names: [string, string]): string {
  return JSON.stringify({
    type: 'Topology',
    transform: { scale: [0.001, 0.001], translate: [5, 52] },
    arcs: [
      [[10, 0], [0, 10]],
      [[10, 10], [-10, 0], [0, -10], [10, 0]],
      [[10, 0], [10, 0], [0, 10], [-10, 0]],
    ],
    objects: {
      layer: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', arcs: [[0, 1]], properties: { statcode: codes[0], statnaam: names[0], rubriek: 'buurt' } },
          { type: 'Polygon', arcs: [[2, -1]], properties: { statcode: codes[1], statnaam: names[1], rubriek: 'buurt' } },
        ],
      },
    },
  });
}
