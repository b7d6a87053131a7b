import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../src/app.js';
import { parseAreaCode } from '../src/capabilities/areas/codes.js';
import { LOGO_MAX_BYTES, logoTypes } from '../src/capabilities/municipality/model.js';
import { detectFileType } from '../src/platform/files/index.js';
import { connect } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { countItems, search } from '../src/platform/search/index.js';
import { benchAccount, buildDataSet, FULL_SCALE, scaled, writeDataSet, type GeneratedArea } from './generate.js';

/** Twice the signed area of a ring (positive: counter-clockwise). */
function signedArea2(ring: Array<[number, number]>): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}

function segmentsCross(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): boolean {
  const orient = (p: [number, number], q: [number, number], r: [number, number]) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

describe('scale generator', () => {
  const data = buildDataSet(FULL_SCALE, 'scrypt$fake');

  it('has the sizes of the issue', () => {
    const byKind = (kind: GeneratedArea['kind']) => data.areas.filter((a) => a.kind === kind).length;
    expect(data.municipalities).toHaveLength(350);
    expect(byKind('municipality')).toBe(350);
    expect(byKind('district')).toBe(3300);
    expect(byKind('neighbourhood')).toBe(14_500);
    expect(data.people).toHaveLength(100_000);
    expect(new Set(data.people.map((p) => p.email)).size).toBe(100_000);
    expect(new Set(data.people.map((p) => p.password_hash)).size).toBe(1);
    expect(data.organisations).toHaveLength(3500);
    // 100,000 public searchable items: areas, organisations and public values, the rest initiatives.
    expect(data.areas.length + data.organisations.length + data.publicValues.length + data.initiatives.length).toBe(100_000);
    expect(new Set(data.initiatives.map((i) => i.id)).size).toBe(data.initiatives.length);
    // The large city has the most, as it has the most neighbourhoods.
    const first = data.initiatives.filter((i) => i.municipalityId === data.municipalities[0]!.id).length;
    expect(first).toBeGreaterThan(2000);
  });

  it('gives every municipality a logo the settings would accept, as a file of the file store', () => {
    expect(data.logoFiles).toHaveLength(data.municipalities.length);
    const blobs = new Map(data.logoBlobs.map((b) => [b.file_id, b.bytes]));
    for (const m of data.municipalities) {
      const file = data.logoFiles.find((f) => f.id === m.logo_file_id)!;
      expect(file).toMatchObject({ municipality_id: m.id, owner_type: 'municipality', owner_id: m.id, purpose: 'municipality.logo', media_type: 'image/png', storage: 'database' });
      const bytes = blobs.get(file.id)!;
      expect(detectFileType(bytes, logoTypes)).toBe('image/png');
      expect(bytes.length).toBe(file.size);
      expect(bytes.length).toBeLessThanOrEqual(LOGO_MAX_BYTES);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
  });

  it('writes valid codes whose parents exist, and unique slugs and CBS codes', () => {
    const codes = new Set(data.areas.map((a) => a.code));
    expect(codes.size).toBe(data.areas.length);
    for (const area of data.areas) {
      const parsed = parseAreaCode(area.code);
      expect(parsed, area.code).not.toBeNull();
      expect(parsed!.kind).toBe(area.kind);
      expect(parsed!.parentCode).toBe(area.parentCode);
      expect(parsed!.municipalityCode).toBe(area.municipalityCode);
      if (area.parentCode) expect(codes.has(area.parentCode), area.code).toBe(true);
    }
    expect(new Set(data.municipalities.map((m) => m.slug)).size).toBe(350);
    expect(new Set(data.municipalities.map((m) => m.cbs_code)).size).toBe(350);
    expect(data.areas.filter((a) => a.municipalityCode === 'GM8001' && a.kind === 'district')).toHaveLength(100);
  });

  it('draws simple, closed, counter-clockwise polygons inside their parents', () => {
    const byCode = new Map(data.areas.map((a) => [a.code, a]));
    for (const area of data.areas) {
      const ring = area.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea2(ring)).toBeGreaterThan(0);
      expect(area.areaM2).toBeGreaterThan(0);
      const parent = area.parentCode ? byCode.get(area.parentCode) : undefined;
      if (parent) {
        const margin = 0.1 * Math.max(parent.box[2] - parent.box[0], parent.box[3] - parent.box[1]);
        expect(area.box[0]).toBeGreaterThanOrEqual(parent.box[0] - margin);
        expect(area.box[3]).toBeLessThanOrEqual(parent.box[3] + margin);
      }
    }
    // Self-intersection, on a sample (every polygon is made the same way).
    for (const area of data.areas.filter((_, i) => i % 97 === 0)) {
      const ring = area.geometry.coordinates[0]!;
      for (let i = 0; i + 1 < ring.length; i++) {
        for (let j = i + 2; j + 1 < ring.length; j++) {
          if (i === 0 && j + 1 === ring.length - 1) continue; // neighbours across the closing point
          expect(segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!), `${area.code} segments ${i} and ${j}`).toBe(false);
        }
      }
    }
  });

  it('is deterministic', () => {
    const again = buildDataSet(FULL_SCALE, 'scrypt$fake');
    expect(again.areas.slice(0, 50)).toEqual(data.areas.slice(0, 50));
    expect(again.memberships.slice(-50)).toEqual(data.memberships.slice(-50));
    expect(again.people[99_999]).toEqual(data.people[99_999]);
  });

  it('writes into a migrated database with every foreign key satisfied', async () => {
    const scale = scaled(0.02);
    const connection = connect('sqlite::memory:');
    try {
      await migrateToLatest(connection.db, allMigrations());
      const small = buildDataSet(scale, 'scrypt$fake');
      const { counts } = await writeDataSet(connection.db, connection.engine, small);
      expect(counts.people).toBe(scale.people);
      expect(counts.municipalities).toBe(scale.municipalities);
      expect(Number((await connection.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(scale.people);
      // Every municipality links to its logo, which the file store reads back intact.
      const linked = await connection.db.selectFrom('municipalities').innerJoin('files', 'files.id', 'municipalities.logo_file_id')
        .innerJoin('file_blobs', 'file_blobs.file_id', 'files.id').select(['files.sha256', 'file_blobs.bytes']).execute();
      expect(linked).toHaveLength(scale.municipalities);
      for (const row of linked) expect(createHash('sha256').update(row.bytes).digest('hex')).toBe(row.sha256);
      const violations = await sql`PRAGMA foreign_key_check`.execute(connection.db);
      expect(violations.rows).toEqual([]);
      // The account the benchmark signs in with chairs an organisation of the first municipality.
      const duties = await connection.db.selectFrom('memberships').innerJoin('people', 'people.id', 'memberships.person_id')
        .select('memberships.duty').where('people.email', '=', benchAccount(scale).email).execute();
      expect(duties.map((d) => d.duty).sort()).toEqual(['chair', 'member', 'member']);
      // Everything public is in the search index, and a municipality's search finds its own items.
      expect(counts.search_items).toBe(scale.searchItems);
      expect(await countItems(connection.db)).toBe(scale.searchItems);
      const municipality = small.municipalities[0]!;
      const found = await search(connection.db, { id: municipality.id, cbsCode: municipality.cbs_code }, { query: 'buurt', limit: 5, offset: 0 });
      expect(found.total).toBeGreaterThan(0);
      expect(Object.keys(found.counts).sort()).toEqual(['area', 'initiative', 'organisation', 'publicValue']);
      await expect(writeDataSet(connection.db, connection.engine, small)).rejects.toThrow(/empty database/);
    } finally {
      await connection.close();
    }
  });
});
