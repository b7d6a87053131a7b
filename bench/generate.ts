/**
 * Scale generator for the benchmark: a deterministic, national-size installation.
 *
 *   350 municipalities (tenants gemeente-001 … gemeente-350, fictional CBS codes GM8001 … GM8350)
 *   3,300 districts and 14,500 neighbourhoods (plus the 350 municipality areas) in one division year
 *   100,000 accounts sharing one precomputed scrypt hash, a few officials and administrators per
 *   municipality, ten organisations per municipality with their boards and members.
 *   100,000 public searchable items: the areas, organisations and public values above, indexed by
 *   the search module's own reindexers, and generated initiative-like items to make up the rest.
 *
 * Rows are written directly with Kysely in large chunked transactions (no service functions, no
 * audit entries: this is bulk test data, not history). The result is cached in .bench-cache/,
 * keyed by GENERATOR_VERSION, the scale and a fingerprint of the schema migrations, so that a
 * change to either makes the next run generate afresh.
 *
 *   node dist/bench/generate.js          generate (or reuse) the cached SQLite data set
 *   BENCH_DATABASE_URL=postgres://… …     generate into an empty PostgreSQL database instead
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { allMigrations, allModules } from '../src/app.js';
import { connect, type Engine } from '../src/platform/db/connect.js';
import { migrateToLatest, type NamedMigrations } from '../src/platform/db/migrate.js';
import type { Database } from '../src/platform/db/schema.js';
import { defaultPublicValues, MUNICIPALITY_LOGO_PURPOSE } from '../src/platform/tenancy.js';
import { hashPassword } from '../src/capabilities/parties/index.js';
import { registerMessages } from '../src/platform/i18n/index.js';
import { platformMessages } from '../src/platform/i18n/platform-messages.js';
import { indexItems, markSearchIndexCurrent, reindexAll, type SearchItemInput } from '../src/platform/search/index.js';
import { seededRandom, type Random } from '../src/demo/random.js';

/** Bump when the generated data changes in a way the schema fingerprint does not show. */
export const GENERATOR_VERSION = 'scale-6';

export interface Scale {
  municipalities: number;
  districts: number;
  neighbourhoods: number;
  people: number;
  organisationsPerMunicipality: number;
  membersPerOrganisation: number;
  /** Public searchable items in all: areas, organisations and public values, plus generated initiatives up to this number. */
  searchItems: number;
}

export const FULL_SCALE: Scale = {
  municipalities: 350,
  districts: 3300,
  neighbourhoods: 14500,
  people: 100_000,
  organisationsPerMunicipality: 10,
  membersPerOrganisation: 8,
  searchItems: 100_000,
};

/** A smaller installation with the same shape (for tests and quick trial runs: BENCH_SCALE=0.05). */
export function scaled(factor: number): Scale {
  if (!(factor > 0 && factor <= 1)) throw new Error(`BENCH_SCALE must be a number above 0 and at most 1, got ${factor}`);
  if (factor === 1) return FULL_SCALE;
  const municipalities = Math.max(2, Math.round(FULL_SCALE.municipalities * factor));
  const districts = Math.max(municipalities + 100, Math.round(FULL_SCALE.districts * factor));
  return {
    municipalities,
    districts,
    neighbourhoods: Math.max(districts + 480, Math.round(FULL_SCALE.neighbourhoods * factor)),
    people: Math.max(municipalities * 20, Math.round(FULL_SCALE.people * factor)),
    organisationsPerMunicipality: FULL_SCALE.organisationsPerMunicipality,
    membersPerOrganisation: FULL_SCALE.membersPerOrganisation,
    searchItems: Math.round(FULL_SCALE.searchItems * factor),
  };
}

export const DIVISION_YEAR = 2024;
/** Password of every generated account. */
export const BENCH_PASSWORD = 'bench-wachtwoord-2024';
/** Timestamps in the data set: fixed, so that the data set is the same on every machine. */
const CREATED_AT = '2024-01-15T09:00:00.000Z';

/**
 * The first municipality is a large city (like Amsterdam: about a hundred districts and five
 * hundred neighbourhoods, district codes with letters as CBS uses since 2023), so the pages
 * the benchmark loads show the worst case rather than the average one.
 */
const LARGE_CITY = { districts: 100, neighbourhoods: 480 };

export const slugOf = (m: number) => `gemeente-${String(m).padStart(3, '0')}`;
export const cbsCodeOf = (m: number) => `GM${8000 + m}`;
/** Account n (1-based) lives in municipality ((n - 1) mod M) + 1, as its local number ⌈n / M⌉. */
export const emailOf = (n: number, scale: Scale) => `bewoner${String(n).padStart(6, '0')}@${slugOf(((n - 1) % scale.municipalities) + 1)}.example`;
/** The resident the benchmark signs in as: account 1 (gemeente-001), chair of one organisation and member of two more. */
export const benchAccount = (scale: Scale = FULL_SCALE) => ({ email: emailOf(1, scale), password: BENCH_PASSWORD });

// ---- deterministic ids and names -------------------------------------------------------

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** Ids look like the application's own (16 characters of the same alphabet) but follow from their seed. */
function idFor(kind: string, n: number | string): string {
  const digest = createHash('sha256').update(`${GENERATOR_VERSION}:${kind}:${n}`).digest();
  let id = '';
  for (let i = 0; i < 16; i++) id += ID_ALPHABET[digest[i]! % ID_ALPHABET.length];
  return id;
}

const NAME_STEMS = ['Aal', 'Beek', 'Berg', 'Bos', 'Bree', 'Dal', 'Dorp', 'Eik', 'Elst', 'Gras', 'Haar', 'Heem', 'Hof', 'Hout', 'Kerk', 'Lin', 'Mol', 'Nes', 'Rijn', 'Zand'];
const NAME_ENDINGS = ['brug', 'dam', 'dijk', 'donk', 'drecht', 'hoven', 'horst', 'hem', 'kerk', 'loo', 'meer', 'rade', 'sloot', 'stede', 'veen', 'vliet', 'wijk', 'zijl'];
const DISTRICT_NAMES = ['Centrum', 'Noord', 'Zuid', 'Oost', 'West', 'Binnenstad', 'Buitengebied', 'Bedrijventerrein', 'De Hoven', 'Het Zand', 'Molenveld', 'Rivierzone', 'Stadshart', 'Tuinstad', 'Waterkant', 'Bosrand', 'De Akkers', 'Kanaalzone', 'Oude Dorp', 'Nieuwland'];
const NEIGHBOURHOOD_NAMES = ['Lindenhof', 'Molenwijk', 'Kerkbuurt', 'Vogelwijk', 'Bloemenbuurt', 'Schildersbuurt', 'Havenkwartier', 'Stationsbuurt', 'Parkwijk', 'Dorpskern',
  'Componistenbuurt', 'Sterrenwijk', 'Boomgaard', 'Eikenlaan', 'Rozenhof', 'Zeeheldenbuurt', 'Vaartkwartier', 'De Weide', 'Het Veld', 'Kloosterbuurt',
  'Marktkwartier', 'Beatrixbuurt', 'Industrieterrein', 'Verspreide huizen', 'De Brink', 'Singelbuurt', 'Watertorenbuurt', 'Spoorzone', 'Hofstede', 'Kasteelbuurt'];
const GIVEN_NAMES = ['Anna', 'Bram', 'Chaima', 'Daan', 'Emma', 'Fatma', 'Gert', 'Hanna', 'Ilse', 'Jan', 'Kees', 'Lotte', 'Mohamed', 'Noor', 'Olga', 'Priya', 'Quinten', 'Rachid', 'Sanne', 'Tim', 'Umut', 'Vera', 'Wim', 'Yara', 'Zeynep'];
const FAMILY_NAMES = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Yilmaz', 'El Amrani', 'Kuipers', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'Kaya'];
/** Colour pairs with at least 4.5:1 contrast against white (as the municipality settings require). */
const COLOURS: ReadonlyArray<[string, string]> = [['#1d5c4d', '#0e3b31'], ['#0b4f8a', '#07335a'], ['#7a1f5c', '#4f143c'], ['#8a3b00', '#5c2700'], ['#2f5a1f', '#1e3a14'], ['#5b2a86', '#3b1b57'], ['#1f4e79', '#13314d'], ['#a1262b', '#6b191d']];

const pad2 = (n: number) => String(n).padStart(2, '0');
/** The two district characters of a code: digits for most, letters (AA, AB, …) for the large city. */
function districtPart(m: number, k: number): string {
  if (m === 1) return String.fromCharCode(65 + Math.floor(k / 26)) + String.fromCharCode(65 + (k % 26));
  if (k > 99) throw new Error('more than 100 districts in one municipality');
  return pad2(k);
}

function shuffled<T>(items: T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Split total over n parts, each at least 1, in proportion to random log-normal weights (largest remainder). */
function allocate(total: number, n: number, random: Random, spread: number): number[] {
  if (total < n) throw new Error(`cannot allocate ${total} over ${n} parts`);
  const weights = Array.from({ length: n }, () => {
    const u = Math.max(random.next(), 1e-12);
    const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
    return Math.exp(spread * gaussian);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const rest = total - n;
  const exact = weights.map((w) => (w / sum) * rest);
  const counts = exact.map((x) => 1 + Math.floor(x));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; missing > 0; j++, missing--) counts[byRemainder[j % n]!.i]! += 1;
  return counts;
}

// ---- logos ------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real (decodable) RGB PNG of about LOGO_BYTES: a two-colour band pattern with speckles, so it
 * compresses about as badly as a photographic logo would. Municipalities set a logo in their
 * settings (up to 200 KB); the benchmark gives each one, as a file in the platform file store
 * (a `files` row and its bytes in `file_blobs`, the database backend), as the settings do.
 */
export const LOGO_BYTES = 40 * 1024;
function logoPng(random: Random): Buffer {
  const width = 160;
  const height = Math.ceil(LOGO_BYTES / (width * 3));
  const raw = Buffer.alloc(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width * 3; x++) raw[row + 1 + x] = Math.floor(random.next() * 256);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header), pngChunk('IDAT', zlib.deflateSync(raw, { level: 1 })), pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- geometry ----------------------------------------------------------------------------

type Box = [number, number, number, number]; // minLon, minLat, maxLon, maxLat
type Position = [number, number];

/** The Netherlands, roughly: municipalities are cells of a grid over this box. */
const COUNTRY: Box = [3.4, 50.8, 7.1, 53.4];
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Split a box into n cells of a near-square grid, row by row, each shrunk by a small margin. */
function gridCells(box: Box, n: number, margin = 0.03): Box[] {
  const [x0, y0, x1, y1] = box;
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const w = (x1 - x0) / cols;
  const h = (y1 - y0) / rows;
  const cells: Box[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const cx0 = x0 + c * w;
    const cy1 = y1 - r * h; // first row at the top (north)
    cells.push([cx0 + w * margin, cy1 - h + h * margin, cx0 + w - w * margin, cy1 - h * margin]);
  }
  return cells;
}

/**
 * A simple (non-self-intersecting) polygon close to the box: each side split in five, the inner
 * points moved by at most 4% of the box across the side. Corners stay put, so no two sides can
 * meet; the outer ring runs counter-clockwise and is closed, as GeoJSON (RFC 7946) asks.
 */
function wobblyBox(box: Box, random: Random): { type: 'Polygon'; coordinates: Position[][] } {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const steps = 5;
  const jx = () => (random.next() * 2 - 1) * 0.04 * w;
  const jy = () => (random.next() * 2 - 1) * 0.04 * h;
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) ring.push([x0 + (w * i) / steps, i === 0 ? y0 : y0 + jy()]); // south, west → east
  for (let i = 0; i < steps; i++) ring.push([i === 0 ? x1 : x1 + jx(), y0 + (h * i) / steps]); // east, south → north
  for (let i = 0; i < steps; i++) ring.push([x1 - (w * i) / steps, i === 0 ? y1 : y1 + jy()]); // north, east → west
  for (let i = 0; i < steps; i++) ring.push([i === 0 ? x0 : x0 + jx(), y1 - (h * i) / steps]); // west, north → south
  const rounded = ring.map(([x, y]): Position => [round6(x), round6(y)]);
  rounded.push([...rounded[0]!] as Position);
  return { type: 'Polygon', coordinates: [rounded] };
}

function ringBox(ring: Position[]): Box {
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) { a = Math.min(a, x); b = Math.min(b, y); c = Math.max(c, x); d = Math.max(d, y); }
  return [a, b, c, d];
}

/** Area of a ring in m² on a sphere, with longitudes scaled by the cosine of the mean latitude. */
function ringAreaM2(ring: Position[]): number {
  const box = ringBox(ring);
  const kx = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    sum += (ax - box[0]) * kx * (by - box[1]) - (bx - box[0]) * kx * (ay - box[1]);
  }
  return Math.abs(sum / 2) * METRES_PER_DEGREE * METRES_PER_DEGREE;
}

// ---- the data set --------------------------------------------------------------------------

export interface GeneratedArea {
  code: string;
  kind: 'municipality' | 'district' | 'neighbourhood';
  name: string;
  parentCode: string | null;
  municipalityCode: string;
  geometry: { type: 'Polygon'; coordinates: Position[][] };
  box: Box;
  areaM2: number;
}

export interface DataSet {
  scale: Scale;
  municipalities: Array<Database['municipalities']>;
  /** The logos: one file (purpose municipality.logo) per municipality, and its bytes. */
  logoFiles: Array<Database['files']>;
  logoBlobs: Array<Database['file_blobs']>;
  publicValues: Array<Database['public_values']>;
  areas: GeneratedArea[];
  people: Array<Database['people']>;
  organisations: Array<Database['organisations']>;
  memberships: Array<Database['memberships']>;
  roleGrants: Array<Database['role_grants']>;
  /** Initiative-like public items, written straight into the search index (there is no initiatives capability yet). */
  initiatives: SearchItemInput[];
}

/** Build every row in memory (deterministic: same scale, same rows — except the password hash's salt). */
export function buildDataSet(scale: Scale, passwordHash: string): DataSet {
  const random = seededRandom(20240115);
  const M = scale.municipalities;
  const names = shuffled(NAME_STEMS.flatMap((s) => NAME_ENDINGS.map((e) => s + e)), random);
  if (names.length < M) throw new Error(`only ${names.length} municipality names for ${M} municipalities`);

  const municipalities: DataSet['municipalities'] = [];
  const publicValues: DataSet['publicValues'] = [];
  const logoFiles: DataSet['logoFiles'] = [];
  const logoBlobs: DataSet['logoBlobs'] = [];
  const logo = logoPng(random);
  const logoSha256 = createHash('sha256').update(logo).digest('hex');
  for (let m = 1; m <= M; m++) {
    const id = idFor('municipality', m);
    const [primary, accent] = COLOURS[(m - 1) % COLOURS.length]!;
    const logoId = idFor('file', `logo:${m}`);
    municipalities.push({ id, slug: slugOf(m), name: `Gemeente ${names[m - 1]}`, cbs_code: cbsCodeOf(m), division_year: DIVISION_YEAR, primary_colour: primary, accent_colour: accent, logo_file_id: logoId, created_at: CREATED_AT, updated_at: CREATED_AT });
    logoFiles.push({
      id: logoId, municipality_id: id, purpose: MUNICIPALITY_LOGO_PURPOSE, owner_type: 'municipality', owner_id: id, name: 'logo.png',
      media_type: 'image/png', size: logo.length, sha256: logoSha256, storage: 'database', created_by: null, created_at: CREATED_AT,
    });
    logoBlobs.push({ file_id: logoId, bytes: logo });
    defaultPublicValues.forEach((value, position) => publicValues.push({ id: idFor('public_value', `${m}:${position}`), municipality_id: id, position, ...value }));
  }

  // Areas: the large city first, then the rest allocated with some spread (cities and villages).
  const large = M >= 2 && scale.districts >= LARGE_CITY.districts + M - 1 && scale.neighbourhoods >= scale.districts + LARGE_CITY.neighbourhoods;
  const districtCounts = large
    ? [LARGE_CITY.districts, ...allocate(scale.districts - LARGE_CITY.districts, M - 1, random, 0.6)]
    : allocate(scale.districts, M, random, 0.6);
  const neighbourhoodCounts = large
    ? [...allocate(LARGE_CITY.neighbourhoods, LARGE_CITY.districts, random, 0.7), ...allocate(scale.neighbourhoods - LARGE_CITY.neighbourhoods, scale.districts - LARGE_CITY.districts, random, 0.7)]
    : allocate(scale.neighbourhoods, scale.districts, random, 0.7);
  const areas: GeneratedArea[] = [];
  const add = (code: string, kind: GeneratedArea['kind'], name: string, parentCode: string | null, municipalityCode: string, cell: Box) => {
    const geometry = wobblyBox(cell, random);
    const ring = geometry.coordinates[0]!;
    areas.push({ code, kind, name, parentCode, municipalityCode, geometry, box: ringBox(ring), areaM2: Math.round(ringAreaM2(ring)) });
  };
  const municipalityCells = gridCells(COUNTRY, M, 0.02);
  let districtIndex = 0;
  for (let m = 1; m <= M; m++) {
    const gm = cbsCodeOf(m);
    const cell = municipalityCells[m - 1]!;
    add(gm, 'municipality', names[m - 1]!, null, gm, cell);
    const districtCells = gridCells(cell, districtCounts[m - 1]!);
    districtCells.forEach((districtCell, k) => {
      const wk = `WK${gm.slice(2)}${districtPart(m, k)}`;
      const base = DISTRICT_NAMES[k % DISTRICT_NAMES.length]!;
      add(wk, 'district', k < DISTRICT_NAMES.length ? base : `${base} ${Math.floor(k / DISTRICT_NAMES.length) + 1}`, gm, gm, districtCell);
      const count = neighbourhoodCounts[districtIndex++]!;
      if (count > 99) throw new Error(`more than 99 neighbourhoods in ${wk}`);
      const used = new Map<string, number>();
      gridCells(districtCell, count).forEach((neighbourhoodCell, j) => {
        const pick = random.pick(NEIGHBOURHOOD_NAMES);
        const seen = (used.get(pick) ?? 0) + 1;
        used.set(pick, seen);
        add(`BU${wk.slice(2)}${pad2(j + 1)}`, 'neighbourhood', seen === 1 ? pick : `${pick} ${seen}`, wk, gm, neighbourhoodCell);
      });
    });
  }

  const people: DataSet['people'] = [];
  for (let n = 1; n <= scale.people; n++) {
    people.push({
      id: idFor('person', n), email: emailOf(n, scale),
      display_name: `${GIVEN_NAMES[n % GIVEN_NAMES.length]} ${FAMILY_NAMES[Math.floor(n / GIVEN_NAMES.length) % FAMILY_NAMES.length]}`,
      password_hash: passwordHash, email_verified_at: CREATED_AT, locale: n % 10 === 0 ? 'en' : 'nl', created_at: CREATED_AT, updated_at: CREATED_AT,
    });
  }
  /** The j-th account (1-based) of municipality m. */
  const personOf = (m: number, j: number) => idFor('person', (j - 1) * M + m);
  const peoplePerMunicipality = Math.floor(scale.people / M);

  const roleGrants: DataSet['roleGrants'] = [];
  const grantRoles = [[2, 'administrator'], [3, 'official'], [4, 'official'], [5, 'council_member'], [6, 'professional'], [7, 'professional']] as const;
  for (let m = 1; m <= M; m++) {
    const municipalityId = idFor('municipality', m);
    for (const [j, role] of grantRoles) {
      roleGrants.push({ id: idFor('grant', `${m}:${j}`), person_id: personOf(m, j), role, scope_type: 'municipality', scope_id: municipalityId, municipality_id: municipalityId, granted_at: CREATED_AT });
    }
  }
  roleGrants.push({ id: idFor('grant', 'installation'), person_id: personOf(1, 8), role: 'administrator', scope_type: 'installation', scope_id: '', municipality_id: null, granted_at: CREATED_AT });

  const organisations: DataSet['organisations'] = [];
  const memberships: DataSet['memberships'] = [];
  const kinds = [
    ['neighbourhood_body', 'Wijkraad'], ['association', 'Bewonersvereniging'], ['foundation', 'Stichting Buurtkracht'], ['informal_group', 'Buurtmoestuin'],
    ['platform', 'Bewonersplatform'], ['working_group', 'Werkgroep Groen'], ['mixed_committee', 'Commissie Wijkbudget'], ['welfare_organisation', 'Welzijn'],
    ['municipal_department', 'Afdeling Sociaal Domein'], ['host_organisation', 'Stichting Buurthuis'],
  ] as const;
  const duties = ['chair', 'secretary', 'treasurer', 'board_member', 'member', 'member', 'member', 'member'] as const;
  let areaCursor = 0;
  for (let m = 1; m <= M; m++) {
    const municipalityId = idFor('municipality', m);
    const gm = cbsCodeOf(m);
    while (areas[areaCursor]!.code !== gm) areaCursor++;
    const own = [];
    for (let i = areaCursor; i < areas.length && areas[i]!.municipalityCode === gm; i++) own.push(areas[i]!);
    const district = own.find((a) => a.kind === 'district')!;
    const neighbourhoods = own.filter((a) => a.kind === 'neighbourhood');
    const townName = names[m - 1]!;
    for (let o = 0; o < scale.organisationsPerMunicipality; o++) {
      const [kind, label] = kinds[o % kinds.length]!;
      const round = Math.floor(o / kinds.length);
      const id = idFor('organisation', `${m}:${o}`);
      const areaCode = kind === 'neighbourhood_body' || kind === 'working_group' || kind === 'mixed_committee' ? district.code
        : kind === 'association' || kind === 'informal_group' ? neighbourhoods[(o * 7 + m) % neighbourhoods.length]!.code : null;
      organisations.push({
        id, municipality_id: municipalityId, kind, name: `${label} ${townName}${round ? ` ${round + 1}` : ''}`,
        description: `${label} in ${townName}: een gegenereerde organisatie voor de benchmark.`, area_code: areaCode,
        parent_id: kind === 'working_group' ? idFor('organisation', `${m}:${o - (o % kinds.length)}`) : null,
        email: `info-${o + 1}@${slugOf(m)}.example`, website: null, created_at: CREATED_AT, updated_at: CREATED_AT,
      });
      // Board and members from the municipality's own accounts, distinct within the organisation;
      // accounts 1…7 (the bench resident and the officials) are left to the explicit memberships below.
      const offset = 8 + ((o * scale.membersPerOrganisation) % Math.max(1, peoplePerMunicipality - 8 - scale.membersPerOrganisation));
      for (let k = 0; k < scale.membersPerOrganisation; k++) {
        memberships.push({ id: idFor('membership', `${m}:${o}:${k}`), organisation_id: id, person_id: personOf(m, offset + k), duty: duties[k % duties.length]!, created_at: CREATED_AT });
      }
    }
    // The first account of each municipality: chair of the association, member of the body and of the working group.
    const resident = personOf(m, 1);
    const extra = [[1, 'chair'], [0, 'member'], [5, 'member']] as const;
    for (const [o, duty] of extra) {
      if (o < scale.organisationsPerMunicipality) memberships.push({ id: idFor('membership', `${m}:${o}:resident`), organisation_id: idFor('organisation', `${m}:${o}`), person_id: resident, duty, created_at: CREATED_AT });
    }
  }

  const initiatives = buildInitiatives(scale, municipalities, areas, organisations.length + publicValues.length + areas.length);
  return { scale, municipalities, logoFiles, logoBlobs, publicValues, areas, people, organisations, memberships, roleGrants, initiatives };
}

// ---- initiative-like search items -----------------------------------------------------------

const INITIATIVES: ReadonlyArray<[string, string]> = [
  ['Buurtmoestuin', 'een moestuin waar bewoners samen groente en kruiden kweken'], ['Repair Café', 'een repair café waar vrijwilligers kapotte spullen repareren'],
  ['Taalcafé', 'een taalcafé waar nieuwkomers Nederlands oefenen met buren'], ['Speeltuinvereniging', 'de speeltuin, met toezicht en activiteiten voor kinderen'],
  ['Buurtbibliotheek', 'een kleine bibliotheek in de buurtkamer, met boeken om te ruilen'], ['Kookclub', 'een kookclub die elke week samen eet, ook met wie alleen woont'],
  ['Wandelgroep', 'een wandelgroep voor ouderen die in beweging willen blijven'], ['Huiswerkklas', 'huiswerkbegeleiding door studenten en gepensioneerde leraren'],
  ['Burenhulp', 'burenhulp: boodschappen, vervoer naar de dokter en een luisterend oor'], ['Zwerfvuilactie', 'maandelijkse zwerfvuilacties in straten, parken en plantsoenen'],
  ['Buurtfeest', 'het jaarlijkse buurtfeest met muziek, eten en spelletjes'], ['Klusteam', 'een klusteam dat kleine reparaties doet bij wie het zelf niet kan'],
  ['Energiecoöperatie', 'zonnepanelen op daken van scholen en de sporthal, van en voor bewoners'], ['Voedselhulp', 'voedselpakketten en een sociale supermarkt'],
  ['Jongerenplek', 'een plek voor jongeren om te sporten, muziek te maken en te praten'], ['Ouderensoos', 'een soos voor ouderen met koffie, bingo en uitstapjes'],
  ['Fietsenwerkplaats', 'een werkplaats waar bewoners leren hun fiets te maken'], ['Geveltuinen', 'geveltuinen en boomspiegels die bewoners zelf onderhouden'],
  ['Buurtkamer', 'een huiskamer voor de buurt, elke werkdag open'], ['Schuldhulpmaatjes', 'maatjes die helpen met post, geldzaken en schulden'],
];
const DAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const AUDIENCES = ['alle bewoners', 'kinderen en hun ouders', 'ouderen', 'jongeren', 'nieuwkomers', 'mensen met weinig geld', 'mantelzorgers', 'vrijwilligers'];
const EXTRAS = [
  'De activiteiten worden betaald uit het wijkbudget.', 'Vrijwilligers zijn altijd welkom.', 'Samen met de welzijnsorganisatie en de school.',
  'Aanmelden is niet nodig; kom gewoon langs.', 'Het initiatief groeide uit de BuurtTop van vorig jaar.', 'Er is een trekkingsrecht voor begeleiding aangevraagd.',
  'De gemeente stelt de ruimte beschikbaar.', 'Wie mee wil denken, kan aansluiten bij de werkgroep.',
];

/**
 * Initiative-like public items up to scale.searchItems, spread over the municipalities in
 * proportion to their neighbourhoods (the large city gets the most), each named after an activity
 * and one of its neighbourhoods. A random stream of their own, so the rest of the data set stays
 * as it was.
 */
export function buildInitiatives(scale: Scale, municipalities: DataSet['municipalities'], areas: GeneratedArea[], existingItems: number): SearchItemInput[] {
  const random = seededRandom(20240116);
  const total = Math.max(0, scale.searchItems - existingItems);
  const neighbourhoods = new Map<string, GeneratedArea[]>();
  for (const area of areas) if (area.kind === 'neighbourhood') (neighbourhoods.get(area.municipalityCode) ?? neighbourhoods.set(area.municipalityCode, []).get(area.municipalityCode)!).push(area);
  const weights = municipalities.map((m) => neighbourhoods.get(m.cbs_code)?.length ?? 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / weightSum));
  for (let i = 0, rest = total - shares.reduce((a, b) => a + b, 0); rest > 0; i = (i + 1) % shares.length) {
    if (weights[i]! > 0) { shares[i]!++; rest--; }
  }
  const items: SearchItemInput[] = [];
  municipalities.forEach((m, index) => {
    const own = neighbourhoods.get(m.cbs_code) ?? [];
    for (let k = 0; k < shares[index]!; k++) {
      const area = own[k % own.length]!;
      const [activity, what] = random.pick(INITIATIVES);
      const id = idFor('initiative', `${index + 1}:${k}`);
      items.push({
        type: 'initiative', id, municipalityId: m.id, title: `${activity} ${area.name}`,
        body: `Bewoners van ${area.name} organiseren ${what}. Elke ${random.pick(DAYS)} voor ${random.pick(AUDIENCES)}. ${random.pick(EXTRAS)} ${random.pick(EXTRAS)}`,
        url: `/initiatieven/${id}`, language: 'nl',
      });
    }
  });
  return items;
}

// ---- writing -------------------------------------------------------------------------------

export interface GenerationReport {
  key: string;
  seconds: number;
  counts: Record<string, number>;
  notes: string[];
}

/** Rows per INSERT: stay below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
function rowsPerInsert(engine: Engine, columns: number): number {
  return Math.max(1, Math.floor((engine === 'sqlite' ? 30_000 : 60_000) / columns));
}

async function insertAll(db: Kysely<any>, engine: Engine, table: string, rows: ReadonlyArray<object>): Promise<void> {
  if (rows.length === 0) return;
  const size = rowsPerInsert(engine, Object.keys(rows[0]!).length);
  // One transaction per table: large, so the journal is written once per table rather than per row.
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += size) await tx.insertInto(table).values(rows.slice(i, i + size) as Array<Record<string, unknown>>).execute();
  });
}

interface ColumnInfo { name: string; isNullable: boolean; hasDefaultValue: boolean }

async function columnsOf(db: Kysely<any>, table: string): Promise<Map<string, ColumnInfo> | null> {
  const tables = await db.introspection.getTables();
  const found = tables.find((t) => t.name === table);
  return found ? new Map(found.columns.map((c) => [c.name, c])) : null;
}

/**
 * Keep the values the table has columns for; a required column the generator knows nothing about
 * means the schema moved on: fail loudly rather than write something half-valid.
 */
function fitRows(table: string, columns: Map<string, ColumnInfo>, rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const missing = [...columns.values()].filter((c) => !c.isNullable && !c.hasDefaultValue && !(c.name in (rows[0] ?? {})));
  if (missing.length) throw new Error(`bench/generate.ts does not know how to fill ${table}.${missing.map((c) => c.name).join(', ')}: update the generator (and GENERATOR_VERSION)`);
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([name]) => columns.has(name))));
}

const areaRow = (a: GeneratedArea): Database['areas'] => ({
  code: a.code,
  division_year: DIVISION_YEAR,
  kind: a.kind,
  name: a.name,
  parent_code: a.parentCode,
  municipality_code: a.municipalityCode,
  geometry: JSON.stringify(a.geometry),
  min_lon: a.box[0], min_lat: a.box[1], max_lon: a.box[2], max_lat: a.box[3],
  area_m2: a.areaM2,
  placeholder: 0,
  zero_area: 0,
});

/**
 * Write the data set into an empty, migrated database. Tables of capabilities that do not exist
 * (yet) are skipped with a note.
 */
export async function writeDataSet(db: Kysely<Database>, engine: Engine, data: DataSet, log: (line: string) => void = () => {}): Promise<{ counts: Record<string, number>; notes: string[] }> {
  const anyDb = db as unknown as Kysely<any>;
  const notes: string[] = [];
  const counts: Record<string, number> = {};
  const write = async (table: string, rows: ReadonlyArray<object>, label = table) => {
    const started = performance.now();
    await insertAll(anyDb, engine, table, rows);
    counts[table] = (counts[table] ?? 0) + rows.length;
    log(`  ${label.padEnd(24)} ${String(rows.length).padStart(7)} rows  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  const existing = await db.selectFrom('municipalities').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('the database already holds municipalities: the scale generator writes only into an empty database');

  // The logo files refer to their municipality and the municipality to its logo: the rows go in
  // without the link, then the files and their bytes, then one UPDATE sets every link.
  await write('municipalities', data.municipalities.map((m) => ({ ...m, logo_file_id: null })));
  await write('files', data.logoFiles, 'files (logos)');
  await write('file_blobs', data.logoBlobs, 'file_blobs (logos)');
  await db.updateTable('municipalities')
    .set((eb) => ({ logo_file_id: eb.selectFrom('files').select('files.id').whereRef('files.owner_id', '=', 'municipalities.id')
      .where('files.owner_type', '=', 'municipality').where('files.purpose', '=', MUNICIPALITY_LOGO_PURPOSE).limit(1) }))
    .execute();
  await write('public_values', data.publicValues);
  const areaColumns = await columnsOf(anyDb, 'areas');
  if (areaColumns) {
    await write('areas', fitRows('areas', areaColumns, data.areas.map((a) => ({ ...areaRow(a) }))));
    const budgetColumns = await columnsOf(anyDb, 'budget_areas');
    if (budgetColumns && budgetColumns.size) notes.push('budget_areas left empty: the areas capability derives the default (one budget area per neighbourhood)');
  } else {
    notes.push('no areas table (the areas capability is not there yet): areas not generated');
  }
  await write('people', data.people);
  // Parents before the groups under them (foreign key).
  await write('organisations', data.organisations.filter((o) => o.parent_id === null));
  await write('organisations', data.organisations.filter((o) => o.parent_id !== null), 'organisations (groups)');
  await write('memberships', data.memberships);
  await write('role_grants', data.roleGrants);
  if (await columnsOf(anyDb, 'search_items')) {
    // The real reindexers (what the application indexes for areas, organisations and public values), then the generated initiatives.
    const started = performance.now();
    registerMessages(platformMessages);
    for (const m of allModules) if (m.messages) registerMessages(m.messages);
    const indexed = await reindexAll({ db });
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < data.initiatives.length; i += 5000) await indexItems(tx, data.initiatives.slice(i, i + 5000));
    });
    await markSearchIndexCurrent(db);
    // Statistics for the planner, as autovacuum would gather them in a while on a real installation.
    await sql`ANALYZE search_items`.execute(db);
    const total = Object.values(indexed).reduce((a, b) => a + b, 0) + data.initiatives.length;
    counts.search_items = total;
    log(`  ${'search_items'.padEnd(24)} ${String(total).padStart(7)} rows  ${((performance.now() - started) / 1000).toFixed(1)} s (${Object.entries(indexed).map(([t, n]) => `${n} ${t}`).join(', ')}, ${data.initiatives.length} initiative)`);
  } else {
    notes.push('no search_items table (the search module is not there yet): nothing indexed');
  }
  return { counts, notes };
}

// ---- the cache -----------------------------------------------------------------------------

/** The project root (the folder with package.json), from dist/bench/ or bench/. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above bench/');
    dir = parent;
  }
  return dir;
}

export const cacheDir = () => path.join(projectRoot(), '.bench-cache');

/** Fingerprint of the schema: every migration's name and code, so a changed migration means a new data set. */
export function schemaFingerprint(migrations: NamedMigrations = allMigrations()): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(migrations).sort()) hash.update(`${name}\n${migrations[name]!.up.toString()}\n`);
  return hash.digest('hex').slice(0, 10);
}

export function scaleTag(scale: Scale): string {
  return scale === FULL_SCALE ? 'full' : `m${scale.municipalities}-p${scale.people}`;
}

export function datasetKey(scale: Scale): string {
  return `${GENERATOR_VERSION}-${scaleTag(scale)}-${schemaFingerprint()}`;
}

export interface DatasetInfo extends GenerationReport {
  scale: Scale;
  file: string | null; // SQLite file in the cache; null for PostgreSQL
  databaseUrl: string; // what the server should use (SQLite: copy `file` first)
  bytes: number | null;
  generatedNow: boolean;
  createdAt: string;
}

const MARKER_KEY = 'bench_dataset';

async function generateInto(databaseUrl: string, scale: Scale, key: string, log: (line: string) => void): Promise<GenerationReport> {
  const started = performance.now();
  const connection = connect(databaseUrl);
  try {
    if (connection.sqlite) {
      // Bulk load: nothing here needs to survive a crash (a half-written file is never moved into the cache).
      connection.sqlite.pragma('synchronous = OFF');
      connection.sqlite.pragma('cache_size = -262144');
    }
    await migrateToLatest(connection.db, allMigrations());
    const hashStarted = performance.now();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    log(`  one scrypt hash for all accounts: ${(performance.now() - hashStarted).toFixed(0)} ms`);
    const buildStarted = performance.now();
    const data = buildDataSet(scale, passwordHash);
    log(`  rows built in memory: ${((performance.now() - buildStarted) / 1000).toFixed(1)} s`);
    const { counts, notes } = await writeDataSet(connection.db, connection.engine, data, log);
    await connection.db.insertInto('installation').values({ key: MARKER_KEY, value: key }).execute();
    if (connection.sqlite) {
      connection.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      connection.sqlite.pragma('journal_mode = DELETE'); // one self-contained file to cache and copy
    }
    return { key, seconds: (performance.now() - started) / 1000, counts, notes };
  } finally {
    await connection.close();
  }
}

/**
 * The data set for this scale and schema: from the cache when there, generated otherwise.
 * SQLite: a file in .bench-cache/ that callers copy before use. PostgreSQL (BENCH_DATABASE_URL):
 * generated into that database once (it must be empty) and marked, then reused as it is.
 */
export async function ensureDataset(options: { scale?: Scale; databaseUrl?: string; log?: (line: string) => void } = {}): Promise<DatasetInfo> {
  const scale = options.scale ?? FULL_SCALE;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const key = datasetKey(scale);
  const dir = cacheDir();
  fs.mkdirSync(dir, { recursive: true });

  if (options.databaseUrl && !options.databaseUrl.startsWith('sqlite:')) {
    const connection = connect(options.databaseUrl);
    let marker: string | undefined;
    try {
      marker = await connection.db.selectFrom('installation').select('value').where('key', '=', MARKER_KEY).executeTakeFirst().then((r) => r?.value, () => undefined);
    } finally {
      await connection.close();
    }
    const metaFile = path.join(dir, `postgres-${key}.json`);
    if (marker === key) {
      const meta: Partial<DatasetInfo> = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) as DatasetInfo : {};
      return { key, seconds: Number.NaN, counts: {}, notes: [], createdAt: '', ...meta, scale, file: null, databaseUrl: options.databaseUrl, bytes: null, generatedNow: false };
    }
    if (marker) throw new Error(`${redact(options.databaseUrl)} holds another bench data set (${marker}); drop and recreate the database to regenerate`);
    log(`Generating the data set ${key} into ${redact(options.databaseUrl)} …`);
    const report = await generateInto(options.databaseUrl, scale, key, log);
    const info: DatasetInfo = { ...report, scale, file: null, databaseUrl: options.databaseUrl, bytes: null, generatedNow: true, createdAt: new Date().toISOString() };
    fs.writeFileSync(metaFile, JSON.stringify({ ...info, databaseUrl: redact(options.databaseUrl) }, null, 2));
    return info;
  }

  const file = path.join(dir, `dataset-${key}.sqlite`);
  const metaFile = path.join(dir, `dataset-${key}.json`);
  if (fs.existsSync(file) && fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as DatasetInfo;
    return { ...meta, file, databaseUrl: `sqlite:${file}`, bytes: fs.statSync(file).size, generatedNow: false };
  }
  log(`Generating the data set ${key} (cached in ${path.relative(process.cwd(), dir) || dir}/) …`);
  const partial = path.join(dir, `partial-${process.pid}.sqlite`);
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(partial + suffix, { force: true });
  const report = await generateInto(`sqlite:${partial}`, scale, key, log);
  fs.renameSync(partial, file);
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(partial + suffix, { force: true });
  // Older data sets (another generator version or schema) are of no further use.
  for (const name of fs.readdirSync(dir)) {
    if (/^dataset-.*\.(sqlite|json)$/.test(name) && !name.startsWith(`dataset-${key}.`)) fs.rmSync(path.join(dir, name), { force: true });
  }
  const info: DatasetInfo = { ...report, scale, file, databaseUrl: `sqlite:${file}`, bytes: fs.statSync(file).size, generatedNow: true, createdAt: new Date().toISOString() };
  fs.writeFileSync(metaFile, JSON.stringify(info, null, 2));
  return info;
}

/**
 * A database to use for one part of a run: SQLite, a fresh copy of the cached file in a temporary
 * folder (so the cache never changes); PostgreSQL, the data set in place. `dispose()` removes the copy.
 */
export function workingCopy(dataset: DatasetInfo, name: string): { databaseUrl: string; dispose(): void } {
  if (!dataset.file) return { databaseUrl: dataset.databaseUrl, dispose() {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `buurtarena-bench-${name}-`));
  const copy = path.join(dir, `${name}.sqlite`);
  fs.copyFileSync(dataset.file, copy);
  return { databaseUrl: `sqlite:${copy}`, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export function scaleFromEnv(env: NodeJS.ProcessEnv = process.env): Scale {
  return env.BENCH_SCALE ? scaled(Number(env.BENCH_SCALE)) : FULL_SCALE;
}

export const formatBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 10 * 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`);

// `node dist/bench/generate.js`: generate (or find) the data set and say where it is.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const info = await ensureDataset({ scale: scaleFromEnv(), databaseUrl: process.env.BENCH_DATABASE_URL });
    process.stdout.write(`${info.generatedNow ? 'Generated' : 'Cached'}: ${info.key}${info.file ? ` → ${path.relative(process.cwd(), info.file)}` : ''}\n`);
    process.stdout.write(`  generation took ${info.seconds.toFixed(1)} s${info.bytes ? `; ${formatBytes(info.bytes)}` : ''}\n`);
    process.stdout.write(`  ${Object.entries(info.counts).map(([table, n]) => `${table} ${n}`).join(', ')}\n`);
    for (const note of info.notes) process.stdout.write(`  note: ${note}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
