import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { allMigrations } from '../../app.js';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { appendAudit, ERASED, forgetSubject, readAudit } from '../audit.js';
import type { Platform } from '../context.js';
import type { Engine } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { system } from '../policy.js';
import { erasePersonalData, exportPersonalData } from '../privacy.js';
import type { Tenant } from '../tenancy.js';
import { blobPath } from './backends.js';
import type { FilesConfig } from './config.js';
import { SECRETS, TINY_JPEG, TINY_PDF, TINY_PNG, containsAscii, jpegWithMetadata } from './fixtures.js';
import { registerFilePurpose } from './purposes.js';
import {
  collectFileGarbage, deleteFile, deleteFilesOf, fileAuditEntry, fileMigrations, filesCreatedBy, filesOf, findFile, forgetFileCreator,
  readFile, saveFile, type SaveFileInput,
} from './store.js';

registerFilePurpose({
  name: 'store-test.attachment', maxBytes: 64 * 1024, types: ['image/jpeg', 'image/png', 'application/pdf', 'text/plain'],
  readAction: 'store-test.view', resource: (file) => ({ type: 'attachment', municipalityId: file.municipalityId }),
});

/** A migrated test database that has the file tables (also before they are part of allMigrations). */
async function openFilesTestPlatform(engine: Engine): Promise<TestPlatform> {
  const test = await openTestPlatform(engine, { migrate: false });
  await migrateToLatest(test.platform.db, { ...allMigrations(), ...fileMigrations });
  return test;
}

/** The same platform, configured for the directory backend. */
function withFilesConfig(platform: Platform, files: FilesConfig): Platform {
  return { ...platform, config: Object.assign({}, platform.config, { files }) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describeEachEngine('file store', (engine) => {
  let test: TestPlatform;
  let platform: Platform;
  let tenant: Tenant;
  let other: Tenant;
  let dir: string;

  const input = (overrides: Partial<SaveFileInput> = {}): SaveFileInput => ({
    purpose: 'store-test.attachment', municipalityId: tenant.id, ownerType: 'test_entry', ownerId: 'entry-1',
    name: 'bon.jpg', bytes: TINY_JPEG, createdBy: 'person-1', ...overrides,
  });
  const save = (p: Platform, overrides: Partial<SaveFileInput> = {}) => p.db.transaction().execute((tx) => saveFile(tx, p, input(overrides)));
  const count = async (table: 'files' | 'file_blobs') => Number((await platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const blobsOnDisk = () => fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name) && !e.parentPath.includes('.trash')).map((e) => e.name);

  beforeEach(async () => {
    test = await openFilesTestPlatform(engine);
    platform = test.platform;
    tenant = await insertTestTenant(platform, { slug: 'aadorp' });
    other = await insertTestTenant(platform, { slug: 'beedorp' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtarena-files-'));
  });

  afterEach(async () => {
    await test.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('database backend: stores the stripped bytes with their metadata and reads them back', async () => {
    const record = await save(platform, { bytes: jpegWithMetadata(), name: '../foto\u202E.jpg' });
    expect(record).toMatchObject({
      municipalityId: tenant.id, purpose: 'store-test.attachment', ownerType: 'test_entry', ownerId: 'entry-1', name: 'foto.jpg',
      mediaType: 'image/jpeg', size: TINY_JPEG.length, sha256: sha256(TINY_JPEG), storage: 'database', createdBy: 'person-1',
    });
    const { record: again, bytes } = await readFile(platform.db, platform, record.id);
    expect(again).toEqual(record);
    expect(Buffer.from(bytes).equals(TINY_JPEG)).toBe(true);
    for (const secret of SECRETS) expect(containsAscii(bytes, secret)).toBe(false);
    expect(await count('file_blobs')).toBe(1);
  });

  it('the type comes from the content: a PNG called report.pdf is stored as a PNG', async () => {
    const record = await save(platform, { bytes: TINY_PNG, name: 'report.pdf' });
    expect(record.mediaType).toBe('image/png');
    expect(record.name).toBe('report.pdf');
  });

  it('refuses bad uploads with a field error and stores nothing', async () => {
    const refusal = async (overrides: Partial<SaveFileInput>) => {
      const error = await save(platform, overrides).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues[0];
    };
    expect(await refusal({ bytes: new Uint8Array() })).toEqual({ field: 'file', key: 'files.empty' });
    expect(await refusal({ bytes: Buffer.alloc(64 * 1024 + 1, 0x41) })).toEqual({ field: 'file', key: 'files.tooLarge', params: { maximum: 64, unit: 'KB' } });
    expect(await refusal({ bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'bon.pdf' }))
      .toEqual({ field: 'file', key: 'files.typeNotAllowed', params: { types: 'JPEG, PNG, PDF, TXT' } });
    expect(await count('files')).toBe(0);
    await expect(save(platform, { purpose: 'store-test.unregistered' })).rejects.toThrow(/No file purpose/);
  });

  it('a rolled-back transaction leaves no metadata row and no bytes (database backend)', async () => {
    await expect(platform.db.transaction().execute(async (tx) => {
      await saveFile(tx, platform, input());
      throw new Error('the use case failed after the upload');
    })).rejects.toThrow('the use case failed');
    expect(await count('files')).toBe(0);
    expect(await count('file_blobs')).toBe(0);
  });

  it('directory backend: content-addressed files written atomically, identical content stored once', async () => {
    const p = withFilesConfig(platform, { storage: 'directory', directory: dir });
    const first = await save(p, { bytes: jpegWithMetadata() });
    const second = await save(p, { bytes: TINY_JPEG, ownerId: 'entry-2', name: 'kopie.jpg' }); // same content once stripped
    const third = await save(p, { bytes: TINY_PDF, name: 'brief.pdf' });
    expect(first.storage).toBe('directory');
    expect(second.sha256).toBe(first.sha256);
    expect(blobsOnDisk().sort()).toEqual([first.sha256, third.sha256].sort());
    expect(fs.readFileSync(blobPath(dir, first.sha256)).equals(TINY_JPEG)).toBe(true);
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]); // no temporary files left
    expect(await count('file_blobs')).toBe(0);
    for (const record of [first, second, third]) {
      const { bytes } = await readFile(p.db, p, record.id);
      expect(sha256(bytes)).toBe(record.sha256);
    }
  });

  it('directory backend: a rolled-back transaction leaves no metadata row; the orphaned bytes are collected later', async () => {
    const p = withFilesConfig(platform, { storage: 'directory', directory: dir });
    const kept = await save(p, { bytes: TINY_PNG });
    await expect(p.db.transaction().execute(async (tx) => {
      await saveFile(tx, p, input({ bytes: TINY_PDF }));
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await count('files')).toBe(1);
    expect(blobsOnDisk()).toContain(sha256(TINY_PDF)); // the documented orphan

    // Young orphans are left alone (a transaction might still be about to commit) …
    expect(await collectFileGarbage(p)).toEqual({ removed: 0, kept: 2 });
    // … old ones go; bytes a row refers to always stay.
    expect(await collectFileGarbage(p, { minAgeMs: 0, now: Date.now() + 1000 })).toEqual({ removed: 1, kept: 1 });
    expect(blobsOnDisk()).toEqual([kept.sha256]);
    expect(Buffer.from((await readFile(p.db, p, kept.id)).bytes).equals(TINY_PNG)).toBe(true);
  });

  it('directory backend: deleting removes the row at once and the bytes when nothing refers to them any more', async () => {
    const p = withFilesConfig(platform, { storage: 'directory', directory: dir });
    const a = await save(p);
    const b = await save(p, { ownerId: 'entry-2' });
    await p.db.transaction().execute((tx) => deleteFile(tx, p, a.id));
    const later = { minAgeMs: 0, now: Date.now() + 1000 };
    expect(await collectFileGarbage(p, later)).toEqual({ removed: 0, kept: 1 }); // b still uses the content
    await p.db.transaction().execute((tx) => deleteFile(tx, p, b.id));
    expect(await collectFileGarbage(p, later)).toEqual({ removed: 1, kept: 0 });
    expect(blobsOnDisk()).toEqual([]);
    await expect(readFile(p.db, p, b.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the garbage collector puts back what a save rewrote while it looked', async () => {
    const p = withFilesConfig(platform, { storage: 'directory', directory: dir });
    const record = await save(p);
    await p.db.transaction().execute((tx) => deleteFile(tx, p, record.id));
    // A collector that stopped after moving the bytes to its trash, while a new upload of the same content committed:
    fs.mkdirSync(path.join(dir, '.trash'), { recursive: true });
    fs.renameSync(blobPath(dir, record.sha256), path.join(dir, '.trash', `${record.sha256}.abc`));
    const again = await p.db.transaction().execute(async (tx) => {
      const saved = await saveFile(tx, p, input());
      fs.rmSync(blobPath(dir, saved.sha256)); // as if the collector had taken the fresh copy too
      return saved;
    });
    expect(await collectFileGarbage(p, { minAgeMs: 0, now: Date.now() + 1000 })).toEqual({ removed: 0, kept: 1 });
    expect(Buffer.from((await readFile(p.db, p, again.id)).bytes).equals(TINY_JPEG)).toBe(true);
  });

  it('files keep the backend they were written to; bytes that do not match their hash are an error', async () => {
    const inDatabase = await save(platform);
    const p = withFilesConfig(platform, { storage: 'directory', directory: dir });
    const inDirectory = await save(p, { bytes: TINY_PNG });
    expect((await readFile(p.db, p, inDatabase.id)).record.storage).toBe('database');
    fs.writeFileSync(blobPath(dir, inDirectory.sha256), 'tampered');
    await expect(readFile(p.db, p, inDirectory.id)).rejects.toThrow(/do not match/);
    await expect(readFile(platform.db, platform, inDirectory.id)).rejects.toThrow(/FILES_DIRECTORY/);
  });

  it('database backend: delete is immediate and exact; files of an entity are listed and deleted together', async () => {
    const a = await save(platform);
    const b = await save(platform, { bytes: TINY_PDF, name: 'brief.pdf' });
    const elsewhere = await save(platform, { ownerId: 'entry-2' });
    // Files saved in the same millisecond have no order between them: compare as sets.
    const ids = (files: { id: string }[]) => files.map((f) => f.id).sort();
    expect(ids(await filesOf(platform.db, 'test_entry', 'entry-1'))).toEqual(ids([a, b]));
    expect(await platform.db.transaction().execute((tx) => deleteFile(tx, platform, 'no-such-file'))).toBeNull();
    const deleted = await platform.db.transaction().execute((tx) => deleteFilesOf(tx, platform, 'test_entry', 'entry-1'));
    expect(ids(deleted)).toEqual(ids([a, b]));
    expect(await count('files')).toBe(1);
    expect(await count('file_blobs')).toBe(1);
    expect((await readFile(platform.db, platform, elsewhere.id)).record.id).toBe(elsewhere.id);
  });

  it('looks files up within a municipality', async () => {
    const record = await save(platform);
    expect((await findFile(platform.db, record.id, { municipalityId: tenant.id }))?.id).toBe(record.id);
    expect(await findFile(platform.db, record.id, { municipalityId: other.id })).toBeNull();
    await expect(readFile(platform.db, platform, record.id, { municipalityId: other.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('people: their uploads can be listed, their name removed from them, and the audit entry seals the file name', async () => {
    const record = await save(platform, { name: 'bon van Jan Jansen.jpg' });
    await platform.db.transaction().execute((tx) => appendAudit(tx, system, fileAuditEntry(record, 'add')));
    const [entry] = await readAudit(platform.db, { entityType: 'file' });
    expect(entry).toMatchObject({ action: 'file.add', entityId: record.id, after: { name: 'bon van Jan Jansen.jpg', sha256: record.sha256 } });
    expect((await filesCreatedBy(platform.db, 'person-1')).map((f) => f.id)).toEqual([record.id]);

    await platform.db.transaction().execute(async (tx) => {
      expect(await forgetFileCreator(tx, 'person-1')).toBe(1);
      await forgetSubject(tx, 'person-1');
    });
    expect(await filesCreatedBy(platform.db, 'person-1')).toEqual([]);
    expect((await readAudit(platform.db, { entityType: 'file' }))[0]!.after).toMatchObject({ name: ERASED, media_type: 'image/jpeg' });
  });

  it('a person\'s download lists their uploads; their erasure keeps the files but not their name on them', async () => {
    const record = await save(platform, { createdBy: 'person-2', name: 'mijn foto.jpg' });
    const subject = { personId: 'person-2', email: 'p2@example.invalid', name: 'Persoon Twee' };
    const section = (await exportPersonalData(platform.db, subject)).find((s) => s.name === 'files');
    expect(section).toMatchObject({ labelKey: 'files.privacy.data', data: [{ id: record.id, name: 'mijn foto.jpg', mediaType: 'image/jpeg' }] });
    await platform.db.transaction().execute((tx) => erasePersonalData(tx, subject));
    expect((await findFile(platform.db, record.id))?.createdBy).toBeNull();
  });
});
