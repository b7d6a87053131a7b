/**
 * Reading area boundary files (GeoJSON or TopoJSON; WGS84 or RD New) into raw areas.
 *
 * Pure: takes the file's text and name, returns data. A file is accepted as a whole
 * or not at all: any malformed feature rejects the file, and every problem found is
 * listed (up to MAX_BOUNDARY_ERRORS), each naming the feature and field involved.
 * Messages are plain English; callers translate them for display.
 */
import { feature as topoFeature } from 'topojson-client';
import { parseAreaCode, type AreaKind } from './codes.js';
import { rdToWgs84, type AreaGeometry, type Position } from './geo.js';

export interface BoundaryError {
  file: string;
  /** 1-based feature number within the file (TopoJSON: counted over all objects, in order). */
  feature?: number;
  /** The property or member involved, e.g. `buurtcode`, `geometry`, `geometry.coordinates`. */
  field?: string;
  /** 1-based line and column, for invalid JSON. */
  line?: number;
  column?: number;
  message: string;
}

/** The parameter types of topojson-client's `feature` (its most general overload). */
type TopoParams = Parameters<typeof topoFeature>;

export type SourceCrs = 'EPSG:4326' | 'EPSG:28992';

export interface RawArea {
  /** Normalised CBS code (trimmed, upper-case). */
  code: string;
  kind: AreaKind;
  name: string | null;
  /** Always WGS84 [lon, lat], whatever the source CRS. */
  geometry: AreaGeometry;
  /** 1-based feature number in the source file. */
  featureIndex: number;
  /** The direct parent as declared in the feature's properties (wijkcode for a neighbourhood,
   *  gemeentecode for a district); only used for a consistency check, the code wins. */
  declaredParentCode?: string;
  /** The municipality as declared by a neighbourhood (gemeentecode); consistency check only. */
  declaredMunicipalityCode?: string;
}

export interface ParsedBoundaryFile {
  fileName: string;
  sourceCrs: SourceCrs;
  /** A 4-digit year 1990..2100 in the file name (buurt_2014.topojson → 2014), else null. */
  yearFromName: number | null;
  areas: RawArea[];
}

export type ReadBoundaryResult =
  | { ok: true; file: ParsedBoundaryFile }
  /** `errors` holds at most MAX_BOUNDARY_ERRORS entries; `totalErrors` counts them all. */
  | { ok: false; errors: BoundaryError[]; totalErrors: number };

export const MAX_BOUNDARY_ERRORS = 50;

// ---------------------------------------------------------------------------
// File name year

/**
 * The year in a file name: a 4-digit number 1990..2100 not adjoining other digits,
 * looked for in the base name only. Null when there is none or when the name holds
 * several different years.
 */
export function yearFromFileName(fileName: string): number | null {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const years = new Set<number>();
  for (const m of base.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
    const y = Number(m[1]);
    if (y >= 1990 && y <= 2100) years.add(y);
  }
  if (years.size !== 1) return null;
  const [only] = years;
  return only ?? null;
}

// ---------------------------------------------------------------------------
// JSON errors with line and column

/** 1-based line and column of a UTF-16 offset in text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Offset of the first JSON syntax error, for engines whose SyntaxError message does
 * not state a position. Returns -1 when the text is valid JSON. A small state machine
 * without recursion, so deep nesting cannot overflow the stack.
 */
export function findJsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: ('array' | 'object')[] = [];
  let state: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after' = 'value';

  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  /** Scans a string starting at the opening quote; false leaves i at the bad character. */
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return false;
        }
      } else {
        i++;
      }
    }
    return false;
  };

  for (;;) {
    skipWs();
    if (i >= n) return state === 'after' && stack.length === 0 ? -1 : n;
    const c = text[i];
    if (state === 'value' || state === 'valueOrClose') {
      if (state === 'valueOrClose' && c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '{') {
        stack.push('object');
        i++;
        state = 'keyOrClose';
      } else if (c === '[') {
        stack.push('array');
        i++;
        state = 'valueOrClose';
      } else if (c === '"') {
        if (!scanString()) return i;
        state = 'after';
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER_RE.lastIndex = i;
        const m = NUMBER_RE.exec(text);
        if (!m) return i;
        i += m[0].length;
        state = 'after';
      } else {
        const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (!literal) return i;
        i += literal.length;
        state = 'after';
      }
    } else if (state === 'key' || state === 'keyOrClose') {
      if (state === 'keyOrClose' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '"') {
        if (!scanString()) return i;
        skipWs();
        if (text[i] !== ':') return i;
        i++;
        state = 'value';
      } else {
        return i;
      }
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i; // content after the top-level value
      if (c === ',') {
        i++;
        state = top === 'array' ? 'value' : 'key';
      } else if ((c === ']' && top === 'array') || (c === '}' && top === 'object')) {
        stack.pop();
        i++;
      } else {
        return i;
      }
    }
  }
}

function jsonSyntaxError(file: string, text: string, err: unknown): BoundaryError {
  const raw = err instanceof Error ? err.message : String(err);
  const posMatch = /at position (\d+)/.exec(raw);
  let offset = posMatch ? Number(posMatch[1]) : findJsonErrorOffset(text);
  if (offset < 0) offset = text.length;
  const { line, column } = lineColumn(text, offset);
  const reason = raw
    .replace(/,\s*(?:\.\.\.)?".*" is not valid JSON\s*$/s, '')
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .trim();
  return {
    file,
    line,
    column,
    message: `Invalid JSON at line ${line}, column ${column}: ${reason || 'syntax error'}.`,
  };
}

// ---------------------------------------------------------------------------
// Properties

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Which property holds an area's own code, and where its name and declared parents are. */
interface CodeField {
  keys: string[];
  /** The kind the field implies; null for the kind-neutral `statcode`. */
  kind: AreaKind | null;
  nameKeys: string[];
}

// Order matters: `statcode` names the feature itself; otherwise the most specific CBS
// field present is the feature's own code and the others are its parents.
const CODE_FIELDS: CodeField[] = [
  { keys: ['statcode'], kind: null, nameKeys: ['statnaam'] },
  { keys: ['buurtcode', 'bu_code'], kind: 'neighbourhood', nameKeys: ['buurtnaam', 'bu_naam'] },
  { keys: ['wijkcode', 'wk_code'], kind: 'district', nameKeys: ['wijknaam', 'wk_naam'] },
  { keys: ['gemeentecode', 'gm_code'], kind: 'municipality', nameKeys: ['gemeentenaam', 'gm_naam'] },
];
const DISTRICT_KEYS = ['wijkcode', 'wk_code'];
const MUNICIPALITY_KEYS = ['gemeentecode', 'gm_code'];

const KIND_DESCRIPTION: Record<AreaKind, string> = {
  municipality: 'a municipality code (GM + 4 digits)',
  district: 'a district code (WK + 6 characters)',
  neighbourhood: 'a neighbourhood code (BU + 8 characters)',
};

/** Properties by lower-case key; keeps the original key for messages. */
class Props {
  private readonly byKey = new Map<string, { key: string; value: Json }>();
  constructor(props: JsonObject) {
    for (const [key, value] of Object.entries(props)) {
      const lower = key.toLowerCase();
      const existing = this.byKey.get(lower);
      // With keys differing only in case, the first non-empty one wins.
      if (!existing || isBlank(existing.value)) this.byKey.set(lower, { key, value });
    }
  }
  /** The first of `keys` present with a non-blank value. */
  find(keys: string[]): { key: string; value: Json } | undefined {
    for (const k of keys) {
      const hit = this.byKey.get(k);
      if (hit && !isBlank(hit.value)) return hit;
    }
    return undefined;
  }
  has(key: string): boolean {
    return this.byKey.has(key);
  }
}

function isBlank(v: Json | undefined): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function textValue(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function normaliseCode(v: Json | undefined): string | undefined {
  const s = textValue(v);
  return s === null ? undefined : s.toUpperCase();
}

// ---------------------------------------------------------------------------
// Geometry

type Box = [number, number, number, number];

interface PendingArea {
  code: string;
  kind: AreaKind;
  name: string | null;
  geometry: AreaGeometry;
  featureIndex: number;
  box: Box;
  declaredParentCode?: string;
  declaredMunicipalityCode?: string;
}

/**
 * Validates and copies coordinates (dropping any third value), growing `box`.
 * Returns an error message, or null when fine.
 */
function readPolygon(raw: unknown, box: Box, where: string): { rings: Position[][] } | { error: string } {
  if (!Array.isArray(raw)) return { error: `${where} is not an array of rings` };
  if (raw.length === 0) return { error: `${where} has no rings` };
  const rings: Position[][] = [];
  for (let r = 0; r < raw.length; r++) {
    const ring: unknown = raw[r];
    if (!Array.isArray(ring)) return { error: `${where}, ring ${r + 1} is not an array of positions` };
    if (ring.length === 0) return { error: `${where}, ring ${r + 1} has no positions` };
    const out: Position[] = new Array<Position>(ring.length);
    for (let p = 0; p < ring.length; p++) {
      const pos: unknown = ring[p];
      const x: unknown = Array.isArray(pos) ? pos[0] : undefined;
      const y: unknown = Array.isArray(pos) ? pos[1] : undefined;
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        return {
          error: `${where}, ring ${r + 1}, position ${p + 1} is not a pair of finite numbers (${shortJson(pos)})`,
        };
      }
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
      out[p] = [x, y];
    }
    rings.push(out);
  }
  return { rings };
}

function shortJson(v: unknown): string {
  let s: string;
  try {
    s = v === undefined ? 'missing' : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function readGeometry(raw: unknown): { geometry: AreaGeometry; box: Box } | { field: string; error: string } {
  if (raw === undefined) return { field: 'geometry', error: 'the feature has no geometry' };
  if (raw === null) return { field: 'geometry', error: 'the geometry is null; expected a Polygon or MultiPolygon' };
  if (!isObject(raw)) return { field: 'geometry', error: 'the geometry is not a JSON object' };
  const type = raw['type'];
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return {
      field: 'geometry.type',
      error: `geometry type ${shortJson(type)} is not supported; expected Polygon or MultiPolygon`,
    };
  }
  const coords = raw['coordinates'];
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  if (type === 'Polygon') {
    const res = readPolygon(coords, box, 'the polygon');
    if ('error' in res) return { field: 'geometry.coordinates', error: res.error };
    return { geometry: { type, coordinates: res.rings }, box };
  }
  if (!Array.isArray(coords)) {
    return { field: 'geometry.coordinates', error: 'the coordinates are not an array of polygons' };
  }
  if (coords.length === 0) return { field: 'geometry.coordinates', error: 'the MultiPolygon has no polygons' };
  const polygons: Position[][][] = [];
  for (let i = 0; i < coords.length; i++) {
    const res = readPolygon(coords[i], box, `polygon ${i + 1}`);
    if ('error' in res) return { field: 'geometry.coordinates', error: res.error };
    polygons.push(res.rings);
  }
  return { geometry: { type, coordinates: polygons }, box };
}

// ---------------------------------------------------------------------------
// Coordinate reference system

function isRdBox(b: Box): boolean {
  return b[0] >= -7000 && b[2] <= 300000 && b[1] >= 289000 && b[3] <= 629000;
}

function isWgs84Box(b: Box): boolean {
  return b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
}

/** The CRS a `crs` member names: a CRS, 'unsupported' with its name, or null when absent. */
function declaredCrs(crs: unknown): SourceCrs | { unsupported: string } | null {
  if (crs === undefined || crs === null) return null;
  let name: string | undefined;
  if (isObject(crs)) {
    const props = crs['properties'];
    if (isObject(props)) {
      const n = props['name'] ?? props['code'] ?? props['href'];
      if (typeof n === 'string' || typeof n === 'number') name = String(n);
    }
  } else if (typeof crs === 'string') {
    name = crs;
  }
  if (name === undefined) return { unsupported: shortJson(crs) };
  if (/(^|\D)28992(\D|$)/.test(name)) return 'EPSG:28992';
  if (/(^|\D)4326(\D|$)|CRS:?84|WGS\s*-?\s*84/i.test(name)) return 'EPSG:4326';
  return { unsupported: name };
}

function convertRd(geometry: AreaGeometry): AreaGeometry {
  const ring = (r: Position[]): Position[] => r.map(([x, y]) => rdToWgs84(x, y));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

// ---------------------------------------------------------------------------
// Reading

class ErrorList {
  readonly errors: BoundaryError[] = [];
  total = 0;
  add(e: BoundaryError): void {
    this.total++;
    if (this.errors.length < MAX_BOUNDARY_ERRORS) this.errors.push(e);
  }
}

/** Reads one feature's code, name, declared parents and geometry. */
function readFeature(
  raw: unknown,
  featureIndex: number,
  file: string,
  errors: ErrorList,
  geometryTypeHint?: unknown,
): PendingArea | null {
  const fail = (field: string | undefined, message: string): void => {
    errors.add({ file, feature: featureIndex, ...(field ? { field } : {}), message: `Feature ${featureIndex}: ${message}.` });
  };
  if (!isObject(raw)) {
    fail(undefined, 'not a JSON object');
    return null;
  }
  if (raw['type'] !== 'Feature') {
    fail('type', `type is ${shortJson(raw['type'])}; expected "Feature"`);
    return null;
  }
  const rawProps = raw['properties'];
  if (rawProps !== undefined && rawProps !== null && !isObject(rawProps)) {
    fail('properties', 'properties is not a JSON object');
    return null;
  }
  const props = new Props(rawProps ?? {});
  let ok = true;

  // Own code.
  let code: string | undefined;
  let kind: AreaKind | undefined;
  let codeField: CodeField | undefined;
  for (const field of CODE_FIELDS) {
    const hit = props.find(field.keys);
    if (!hit) continue;
    codeField = field;
    const parsed = typeof hit.value === 'string' ? parseAreaCode(hit.value) : null;
    if (!parsed) {
      fail(
        hit.key,
        `${hit.key} ${shortJson(hit.value)} is not a valid CBS area code ` +
          '(expected GM + 4 digits, WK + 6 or BU + 8 characters)',
      );
      ok = false;
    } else if (field.kind !== null && parsed.kind !== field.kind) {
      fail(hit.key, `${hit.key} ${shortJson(hit.value)} is not ${KIND_DESCRIPTION[field.kind]}`);
      ok = false;
    } else {
      code = parsed.code;
      kind = parsed.kind;
    }
    break;
  }
  if (!codeField) {
    // Name the code field that matches the naming style the feature does use.
    const style = CODE_FIELDS.find((f) => f.nameKeys.some((k) => props.has(k))) ?? CODE_FIELDS[0];
    const field = style?.keys[0] ?? 'statcode';
    fail(field, `missing area code (expected a statcode, buurtcode, wijkcode or gemeentecode property)`);
    ok = false;
  }

  // Geometry. A TopoJSON geometry of an unknown type decodes to null; report its real type.
  let geometryRaw: unknown = raw['geometry'];
  if (geometryRaw === null && geometryTypeHint !== undefined && geometryTypeHint !== null) {
    geometryRaw = { type: geometryTypeHint };
  }
  const geo = readGeometry(geometryRaw);
  if ('error' in geo) {
    fail(geo.field, geo.error);
    ok = false;
  }
  if (!ok || code === undefined || kind === undefined || !codeField || 'error' in geo) return null;

  const name = textValue(props.find(codeField.nameKeys)?.value);
  const area: PendingArea = { code, kind, name, geometry: geo.geometry, featureIndex, box: geo.box };
  if (kind === 'neighbourhood') {
    const wk = normaliseCode(props.find(DISTRICT_KEYS)?.value);
    const gm = normaliseCode(props.find(MUNICIPALITY_KEYS)?.value);
    if (wk !== undefined) area.declaredParentCode = wk;
    if (gm !== undefined) area.declaredMunicipalityCode = gm;
  } else if (kind === 'district') {
    const gm = normaliseCode(props.find(MUNICIPALITY_KEYS)?.value);
    if (gm !== undefined) area.declaredParentCode = gm;
  }
  return area;
}

/** Reads a boundary file. See the module comment for the rules. */
export function readBoundaryFile(text: string, fileName: string): ReadBoundaryResult {
  const errors = new ErrorList();
  const failed = (): ReadBoundaryResult => ({ ok: false, errors: errors.errors, totalErrors: errors.total });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    errors.add(jsonSyntaxError(fileName, body, err));
    return failed();
  }
  if (!isObject(doc)) {
    errors.add({ file: fileName, message: 'The file is not GeoJSON or TopoJSON: expected a JSON object.' });
    return failed();
  }

  const pending: PendingArea[] = [];
  const type = doc['type'];
  if (type === 'Topology') {
    const objects = doc['objects'];
    if (!isObject(objects)) {
      errors.add({ file: fileName, field: 'objects', message: 'The TopoJSON file has no "objects" member.' });
      return failed();
    }
    if (!Array.isArray(doc['arcs'])) {
      errors.add({ file: fileName, field: 'arcs', message: 'The TopoJSON file has no "arcs" array.' });
      return failed();
    }
    const transform = doc['transform'];
    if (transform !== undefined && !isValidTransform(transform)) {
      errors.add({
        file: fileName,
        field: 'transform',
        message: 'The TopoJSON transform must have numeric "scale" and "translate" pairs.',
      });
      return failed();
    }
    const topology = doc as unknown as TopoParams[0];
    let featureIndex = 0;
    for (const [objectName, object] of Object.entries(objects)) {
      const geometries: unknown[] =
        isObject(object) && object['type'] === 'GeometryCollection'
          ? Array.isArray(object['geometries'])
            ? object['geometries']
            : []
          : [object];
      if (isObject(object) && object['type'] === 'GeometryCollection' && !Array.isArray(object['geometries'])) {
        errors.add({
          file: fileName,
          field: `objects.${objectName}.geometries`,
          message: `TopoJSON object "${objectName}" is a GeometryCollection without a "geometries" array.`,
        });
        continue;
      }
      for (const g of geometries) {
        featureIndex++;
        if (!isObject(g)) {
          errors.add({
            file: fileName,
            feature: featureIndex,
            message: `Feature ${featureIndex}: the TopoJSON geometry is not a JSON object.`,
          });
          continue;
        }
        let converted: unknown;
        try {
          converted = topoFeature(topology, g as unknown as TopoParams[1]);
        } catch (err) {
          errors.add({
            file: fileName,
            feature: featureIndex,
            field: 'arcs',
            message:
              `Feature ${featureIndex}: the TopoJSON geometry could not be decoded (missing or malformed arcs: ` +
              `${err instanceof Error ? err.message : String(err)}).`,
          });
          continue;
        }
        const area = readFeature(converted, featureIndex, fileName, errors, g['type']);
        if (area) pending.push(area);
      }
    }
  } else if (type === 'FeatureCollection') {
    const features = doc['features'];
    if (!Array.isArray(features)) {
      errors.add({ file: fileName, field: 'features', message: 'The FeatureCollection has no "features" array.' });
      return failed();
    }
    features.forEach((f, i) => {
      const area = readFeature(f, i + 1, fileName, errors);
      if (area) pending.push(area);
    });
  } else if (type === 'Feature') {
    const area = readFeature(doc, 1, fileName, errors);
    if (area) pending.push(area);
  } else {
    errors.add({
      file: fileName,
      field: 'type',
      message: `Unsupported file type ${shortJson(type)}: expected a GeoJSON FeatureCollection or Feature, or a TopoJSON Topology.`,
    });
    return failed();
  }

  if (errors.total === 0 && pending.length === 0) {
    errors.add({ file: fileName, message: 'The file contains no features.' });
  }

  // Coordinate reference system: a declared `crs`, else the coordinate ranges.
  let sourceCrs: SourceCrs = 'EPSG:4326';
  const declared = declaredCrs(doc['crs']);
  if (declared !== null && typeof declared === 'object') {
    errors.add({
      file: fileName,
      field: 'crs',
      message:
        `Unsupported coordinate reference system "${declared.unsupported}": ` +
        'expected WGS84 (EPSG:4326) or RD New (EPSG:28992).',
    });
  } else if (declared !== null) {
    sourceCrs = declared;
    if (declared === 'EPSG:4326') {
      for (const a of pending) {
        if (!isWgs84Box(a.box)) {
          errors.add({
            file: fileName,
            feature: a.featureIndex,
            field: 'geometry.coordinates',
            message: `Feature ${a.featureIndex}: coordinates lie outside the WGS84 longitude/latitude range declared by the file.`,
          });
        }
      }
    }
  } else {
    let rd = 0;
    let wgs = 0;
    for (const a of pending) {
      if (isRdBox(a.box)) rd++;
      else if (isWgs84Box(a.box)) wgs++;
    }
    sourceCrs = rd > wgs ? 'EPSG:28992' : 'EPSG:4326';
    const fits = sourceCrs === 'EPSG:28992' ? isRdBox : isWgs84Box;
    for (const a of pending) {
      if (!fits(a.box)) {
        errors.add({
          file: fileName,
          feature: a.featureIndex,
          field: 'geometry.coordinates',
          message:
            `Feature ${a.featureIndex}: coordinates are neither WGS84 longitude/latitude nor RD New metres ` +
            `(the file looks like ${sourceCrs === 'EPSG:28992' ? 'RD New' : 'WGS84'}).`,
        });
      }
    }
  }

  if (errors.total > 0) {
    errors.errors.sort((a, b) => (a.feature ?? 0) - (b.feature ?? 0));
    return failed();
  }

  const areas: RawArea[] = pending.map((p) => {
    const area: RawArea = {
      code: p.code,
      kind: p.kind,
      name: p.name,
      geometry: sourceCrs === 'EPSG:28992' ? convertRd(p.geometry) : p.geometry,
      featureIndex: p.featureIndex,
    };
    if (p.declaredParentCode !== undefined) area.declaredParentCode = p.declaredParentCode;
    if (p.declaredMunicipalityCode !== undefined) area.declaredMunicipalityCode = p.declaredMunicipalityCode;
    return area;
  });
  return { ok: true, file: { fileName, sourceCrs, yearFromName: yearFromFileName(fileName), areas } };
}

function isValidTransform(t: unknown): boolean {
  if (!isObject(t)) return false;
  const pair = (v: unknown): boolean =>
    Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
  return pair(t['scale']) && pair(t['translate']);
}
