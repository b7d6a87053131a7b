import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp } from '../../../test/support/http.js';
import { openBeforeMigration } from '../../../test/support/migrations.js';
import { filesOf, readFile } from '../../platform/files/index.js';
import { jpegWithMetadata } from '../../platform/files/fixtures.js';
import { findTenantBySlug } from '../../platform/tenancy.js';

/**
 * 0018-platform-tenancy-logo-file: an installation from before the file store kept each logo as
 * a BLOB in its municipality row. After the migration the logo is a file of the file store, byte
 * for byte the same, served at the same address, and the BLOB columns are gone.
 */
const MIGRATION = '0018-platform-tenancy-logo-file';
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describeEachEngine('the logo moves into the file store', (engine) => {
  let test: TestPlatform | null = null;
  afterEach(async () => {
    await test?.close();
    test = null;
  });

  it('turns every BLOB logo into a database-backed file, serves the same bytes at the same address, and drops the columns', async () => {
    const opened = await openBeforeMigration(engine, MIGRATION);
    test = opened.test;
    const { db } = opened;

    // As the settings page stored them: a PNG, a JPEG with its metadata (kept as it was), and a municipality without a logo.
    const jpeg = jpegWithMetadata();
    const rows = [
      { id: 'gm-png', slug: 'pngdorp', cbs_code: 'GM0001', logo: TINY_PNG, logo_type: 'image/png' },
      { id: 'gm-jpeg', slug: 'jpegdorp', cbs_code: 'GM0002', logo: jpeg, logo_type: 'image/jpeg' },
      { id: 'gm-none', slug: 'kaaldorp', cbs_code: 'GM0003', logo: null, logo_type: null },
    ];
    for (const row of rows) {
      await db.insertInto('municipalities').values({
        ...row, name: `Gemeente ${row.slug}`, division_year: 2025, primary_colour: '#1d5c4d', accent_colour: '#0e3b31',
        created_at: '2024-05-01T10:00:00.000Z', updated_at: '2024-05-01T10:00:00.000Z',
      }).execute();
    }

    await opened.migrate();

    const columns = (await db.introspection.getTables()).find((t) => t.name === 'municipalities')!.columns.map((c) => c.name);
    expect(columns).toContain('logo_file_id');
    expect(columns).not.toContain('logo');
    expect(columns).not.toContain('logo_type');

    const app = await buildTestApp(test.platform);
    const visitor = agent(app);
    for (const [slug, bytes, type, name] of [['pngdorp', TINY_PNG, 'image/png', 'logo.png'], ['jpegdorp', jpeg, 'image/jpeg', 'logo.jpg']] as const) {
      const tenant = (await findTenantBySlug(test.platform.db, slug))!;
      expect(tenant.hasLogo).toBe(true);
      const [file] = await filesOf(test.platform.db, 'municipality', tenant.id);
      expect(file).toMatchObject({
        id: tenant.logoFileId, municipalityId: tenant.id, purpose: 'municipality.logo', name, mediaType: type, size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'), storage: 'database', createdBy: null,
      });
      expect(Buffer.from((await readFile(test.platform.db, test.platform, file!.id)).bytes).equals(bytes)).toBe(true);
      const served = await visitor.get(`/${slug}/logo`);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(type);
      expect(served.rawPayload.equals(bytes)).toBe(true);
      expect((await visitor.get(`/${slug}`)).body).toContain(`src="/${slug}/logo?v=`);
    }
    const none = (await findTenantBySlug(test.platform.db, 'kaaldorp'))!;
    expect(none).toMatchObject({ logoFileId: null, hasLogo: false });
    expect((await visitor.get('/kaaldorp/logo')).statusCode).toBe(404);
    expect(await db.selectFrom('files').select('id').execute()).toHaveLength(2);
    expect(await db.selectFrom('file_blobs').select('file_id').execute()).toHaveLength(2);
    await app.close();
  });

  it('gives a fresh installation the link to the file and no BLOB columns', async () => {
    test = await openTestPlatform(engine);
    expect(await test.platform.db.selectFrom('files').select('id').execute()).toEqual([]);
    const columns = (await test.platform.db.introspection.getTables()).find((t) => t.name === 'municipalities')!.columns.map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['logo_file_id']));
    expect(columns).not.toContain('logo');
  });
});
