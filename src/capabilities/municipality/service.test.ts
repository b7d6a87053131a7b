import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform } from '../../../test/support/engines.js';
import { readAudit } from '../../platform/audit.js';
import type { Context, Platform } from '../../platform/context.js';
import { checkFilePurposes, collectFileGarbage, filesOf, findFile, readFile } from '../../platform/files/index.js';
import { jpegWithMetadata, SECRETS, TINY_GIF, TINY_JPEG, TINY_PDF } from '../../platform/files/fixtures.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { system, type Actor } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import { findTenantById, type Tenant } from '../../platform/tenancy.js';
import {
  addPublicValue, createMunicipality, movePublicValue, removeLogo, removePublicValue, updatePublicValue, updateSettings, uploadLogo,
} from './service.js';
import { decodeCursor } from './model.js';
import { findMunicipality, listPublicValues, readAuditPage } from './store.js';

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function adminOf(tenant: Tenant, personId = `admin-${tenant.slug}`): Actor {
  return { kind: 'person', personId, displayName: 'Beheerder', emailVerified: true, strongAuth: true, memberships: [], grants: [{ role: 'administrator', scopeType: 'municipality', scopeId: tenant.id, municipalityId: tenant.id }] };
}

async function issuesOf(promise: Promise<unknown>): Promise<Array<{ field: string; key: string }>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => ({ field: i.field, key: i.key }));
    throw error;
  }
  throw new Error('expected a validation error');
}

describeEachEngine('municipality use cases', (engine) => {
  let platform: Platform;
  let close: () => Promise<void>;
  let a: Tenant;
  let b: Tenant;
  const ctx = (actor: Actor, tenant: Tenant | null, locale: 'nl' | 'en' = 'nl'): Context => ({ platform, actor, tenant, locale });

  beforeEach(async () => {
    ({ platform, close } = await openTestPlatform(engine));
    const root = ctx(system, null);
    a = (await findTenantById(platform.db, (await execute(root, createMunicipality, { slug: 'aadorp', name: 'Gemeente Aadorp', cbsCode: 'GM0001', divisionYear: 2025 })).id))!;
    b = (await findTenantById(platform.db, (await execute(root, createMunicipality, { slug: 'beedorp', name: 'Gemeente Beedorp', cbsCode: 'gm0002' })).id))!;
  });
  afterEach(async () => close());

  it('creates a municipality with the default public values and an audit entry', async () => {
    expect(a.cbsCode).toBe('GM0001');
    expect(b.cbsCode).toBe('GM0002');
    expect(b.divisionYear).toBe(new Date().getUTCFullYear());
    expect((await listPublicValues(platform.db, a.id)).map((v) => v.name_nl)).toEqual([
      'Duurzaamheid', 'Leefbaarheid en openbare ruimte', 'Zorg en zorgzaamheid', 'Delen en herverdelen', 'Inclusie en samenleven',
    ]);
    const [entry] = await readAudit(platform.db, { municipalityId: a.id, action: 'municipality.create' });
    expect(entry?.after).toMatchObject({ slug: 'aadorp', cbs_code: 'GM0001', public_values: 5 });
  });

  it('refuses reserved slugs, taken slugs, bad and duplicate CBS codes, and changes nothing', async () => {
    const root = ctx(system, null);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'api', name: 'X', cbsCode: 'GM0003' }))).toEqual([{ field: 'slug', key: 'municipality.slugReserved' }]);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'beheer', name: 'X', cbsCode: 'GM0003' }))).toEqual([{ field: 'slug', key: 'municipality.slugReserved' }]);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'aadorp', name: 'X', cbsCode: 'GM0003' }))).toEqual([{ field: 'slug', key: 'municipality.slugTaken' }]);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'ceedorp', name: 'X', cbsCode: 'GM0001' }))).toEqual([{ field: 'cbsCode', key: 'municipality.cbsCodeTaken' }]);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'ceedorp', name: 'X', cbsCode: 'WK000101' }))).toEqual([{ field: 'cbsCode', key: 'municipality.cbsCodeFormat' }]);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'Cee Dorp!', name: 'X', cbsCode: 'GM0003' }))).toEqual([{ field: 'slug', key: 'validation.slug' }]);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'ceedorp', name: 'X', cbsCode: 'GM0003', divisionYear: 1800 }))).toEqual([{ field: 'divisionYear', key: 'validation.tooSmall' }]);
    expect(await issuesOf(execute(root, createMunicipality, { slug: 'ceedorp', name: 'X', cbsCode: 'GM0003', primaryColour: '#ffff00' }))).toEqual([{ field: 'primaryColour', key: 'municipality.contrastTooLow' }]);
    expect(await platform.db.selectFrom('municipalities').select('slug').orderBy('slug').execute()).toEqual([{ slug: 'aadorp' }, { slug: 'beedorp' }]);
  });

  it('lets only installation administrators create municipalities', async () => {
    await expect(execute(ctx(adminOf(a), null), createMunicipality, { slug: 'ceedorp', name: 'X', cbsCode: 'GM0003' })).rejects.toBeInstanceOf(ForbiddenError);
    const installationAdmin: Actor = { kind: 'person', personId: 'root', displayName: 'Root', emailVerified: true, strongAuth: true, memberships: [], grants: [{ role: 'administrator', scopeType: 'installation', scopeId: '', municipalityId: null }] };
    await execute(ctx(installationAdmin, null), createMunicipality, { slug: 'ceedorp', name: 'Gemeente Ceedorp', cbsCode: 'GM0003' });
  });

  it('refuses colours with too little contrast, names the field and the ratio, and changes nothing', async () => {
    const before = await findMunicipality(platform.db, a.id);
    const error = await execute(ctx(adminOf(a), a), updateSettings, { name: 'Nieuwe naam', primaryColour: '#1d5c4d', accentColour: '#ffcc00' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ field: 'accentColour', key: 'municipality.contrastTooLow', params: { ratio: '1,51', colour: '#ffcc00' } }]);
    expect(await findMunicipality(platform.db, a.id)).toEqual(before);
    expect(await readAudit(platform.db, { municipalityId: a.id, action: 'municipality.settings' })).toEqual([]);
  });

  it('saves settings with one audit entry holding before and after', async () => {
    await execute(ctx(adminOf(a), a), updateSettings, { name: 'Gemeente Aadorp-Noord', primaryColour: '#8A1538', accentColour: '#0e3b31' });
    const after = (await findMunicipality(platform.db, a.id))!;
    expect(after).toMatchObject({ name: 'Gemeente Aadorp-Noord', primary_colour: '#8a1538', accent_colour: '#0e3b31' });
    expect(after.updated_at > a.updatedAt).toBe(true);
    const entries = await readAudit(platform.db, { municipalityId: a.id, action: 'municipality.settings' });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before).toMatchObject({ name: 'Gemeente Aadorp', primary_colour: '#24578f' });
    expect(entries[0]!.after).toMatchObject({ name: 'Gemeente Aadorp-Noord', primary_colour: '#8a1538' });
  });

  it('checks a logo by its content through the file store, and changes nothing when it refuses', async () => {
    const admin = ctx(adminOf(a), a);
    const garbage = Buffer.concat([Buffer.from('not really a png'), Buffer.alloc(100, 7)]);
    expect(await issuesOf(execute(admin, uploadLogo, { logo: garbage }))).toEqual([{ field: 'logo', key: 'files.typeNotAllowed' }]);
    expect(await issuesOf(execute(admin, uploadLogo, { logo: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }))).toEqual([{ field: 'logo', key: 'files.typeNotAllowed' }]);
    expect(await issuesOf(execute(admin, uploadLogo, { logo: TINY_PDF }))).toEqual([{ field: 'logo', key: 'files.typeNotAllowed' }]);
    expect(await issuesOf(execute(admin, uploadLogo, { logo: Buffer.alloc(0) }))).toEqual([{ field: 'logo', key: 'files.empty' }]);
    expect(await issuesOf(execute(admin, uploadLogo, { logo: null }))).toEqual([{ field: 'logo', key: 'files.empty' }]);
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(201 * 1024)]);
    expect(await issuesOf(execute(admin, uploadLogo, { logo: big }))).toEqual([{ field: 'logo', key: 'files.tooLarge' }]);
    expect((await findMunicipality(platform.db, a.id))!.logo_file_id).toBeNull();
    expect(await platform.db.selectFrom('files').select('id').execute()).toEqual([]);
    expect(await readAudit(platform.db, { municipalityId: a.id, action: 'municipality.logo.set' })).toEqual([]);
  });

  it('stores a logo as a file, replaces it (the old file goes in the same transaction) and removes it, with audit entries', async () => {
    const admin = ctx(adminOf(a), a);
    expect(() => checkFilePurposes(platform.policy)).not.toThrow(); // its read action (municipality.view) has a rule
    const first = await execute(admin, uploadLogo, { logo: TINY_PNG, name: 'logo-aadorp.png' });
    expect(first).toMatchObject({ type: 'image/png', size: TINY_PNG.length });
    const tenant = (await findTenantById(platform.db, a.id))!;
    expect(tenant).toMatchObject({ logoFileId: first.fileId, hasLogo: true });
    const stored = await readFile(platform.db, platform, first.fileId, { municipalityId: a.id });
    expect(stored.record).toMatchObject({ purpose: 'municipality.logo', ownerType: 'municipality', ownerId: a.id, name: 'logo-aadorp.png', mediaType: 'image/png', createdBy: 'admin-aadorp' });
    expect(Buffer.from(stored.bytes).equals(TINY_PNG)).toBe(true);
    const [set] = await readAudit(platform.db, { municipalityId: a.id, action: 'municipality.logo.set' });
    expect(set!.before).toEqual({ logo_file_id: null, logo_type: null, logo_size: null });
    expect(set!.after).toEqual({ logo_file_id: first.fileId, logo_type: 'image/png', logo_size: TINY_PNG.length });
    const [added] = await readAudit(platform.db, { municipalityId: a.id, action: 'file.add' });
    expect(added).toMatchObject({ entityType: 'file', entityId: first.fileId });

    // A new logo (another type) replaces the old one: its row and bytes are gone at once.
    const second = await execute(admin, uploadLogo, { logo: TINY_JPEG, name: 'nieuw.jpg' });
    expect((await findMunicipality(platform.db, a.id))!.logo_file_id).toBe(second.fileId);
    expect(await findFile(platform.db, first.fileId)).toBeNull();
    expect(await platform.db.selectFrom('file_blobs').select('file_id').where('file_id', '=', first.fileId).execute()).toEqual([]);
    expect((await filesOf(platform.db, 'municipality', a.id)).map((f) => f.id)).toEqual([second.fileId]);
    const [replaced] = await readAudit(platform.db, { municipalityId: a.id, action: 'municipality.logo.set' });
    expect(replaced!.before).toMatchObject({ logo_file_id: first.fileId, logo_type: 'image/png' });
    expect(replaced!.after).toMatchObject({ logo_file_id: second.fileId, logo_type: 'image/jpeg' });
    expect((await readAudit(platform.db, { municipalityId: a.id, action: 'file.delete' })).map((e) => e.entityId)).toEqual([first.fileId]);

    // A refused upload keeps the current logo.
    expect(await issuesOf(execute(admin, uploadLogo, { logo: Buffer.from('plain text') }))).toEqual([{ field: 'logo', key: 'files.typeNotAllowed' }]);
    expect((await findMunicipality(platform.db, a.id))!.logo_file_id).toBe(second.fileId);

    await execute(admin, removeLogo, {});
    expect((await findTenantById(platform.db, a.id))!).toMatchObject({ logoFileId: null, hasLogo: false });
    expect(await platform.db.selectFrom('files').select('id').execute()).toEqual([]);
    expect(await platform.db.selectFrom('file_blobs').select('file_id').execute()).toEqual([]);
    const [removed] = await readAudit(platform.db, { municipalityId: a.id, action: 'municipality.logo.remove' });
    expect(removed!.before).toMatchObject({ logo_file_id: second.fileId, logo_type: 'image/jpeg' });
    expect((await readAudit(platform.db, { municipalityId: a.id, action: 'file.delete' })).map((e) => e.entityId)).toEqual([second.fileId, first.fileId]);
    expect(await issuesOf(execute(admin, removeLogo, {}))).toEqual([{ field: 'logo', key: 'municipality.noLogo' }]);
  });

  it('takes the logo file along when a municipality is deleted (as the demo reset does)', async () => {
    await execute(ctx(adminOf(a), a), uploadLogo, { logo: TINY_PNG });
    await execute(ctx(adminOf(b), b), uploadLogo, { logo: TINY_GIF });
    await platform.db.deleteFrom('municipalities').where('id', '=', a.id).execute();
    expect((await platform.db.selectFrom('files').select('municipality_id').execute()).map((f) => f.municipality_id)).toEqual([b.id]);
    expect(await platform.db.selectFrom('file_blobs').select('file_id').execute()).toHaveLength(1);
    expect((await findTenantById(platform.db, b.id))!.hasLogo).toBe(true);
  });

  it('removes the location metadata from a logo before storing it', async () => {
    const admin = ctx(adminOf(a), a);
    const withGps = jpegWithMetadata();
    const { fileId } = await execute(admin, uploadLogo, { logo: withGps });
    const { bytes } = await readFile(platform.db, platform, fileId);
    const text = Buffer.from(bytes).toString('latin1');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('keeps logos on the directory backend too, and a new logo leaves the old bytes to the garbage job', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtarena-logo-'));
    try {
      const onDisk: Platform = { ...platform, config: Object.assign({}, platform.config, { files: { storage: 'directory', directory: dir } }) };
      const admin: Context = { platform: onDisk, actor: adminOf(a), tenant: a, locale: 'nl' };
      const first = await execute(admin, uploadLogo, { logo: TINY_PNG });
      expect((await findFile(platform.db, first.fileId))!.storage).toBe('directory');
      const second = await execute(admin, uploadLogo, { logo: TINY_GIF });
      expect(await findFile(platform.db, first.fileId)).toBeNull();
      expect(Buffer.from((await readFile(platform.db, onDisk, second.fileId)).bytes).equals(TINY_GIF)).toBe(true);
      expect(await collectFileGarbage(onDisk, { minAgeMs: 0 })).toEqual({ removed: 1, kept: 1 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds, edits, moves and removes public values, but never the last one', async () => {
    const admin = ctx(adminOf(a), a);
    const { id } = await execute(admin, addPublicValue, { nameNl: 'Eerlijk delen', nameEn: 'Fair sharing', descriptionNl: 'Uitleg', descriptionEn: 'Explanation' });
    let values = await listPublicValues(platform.db, a.id);
    expect(values.at(-1)).toMatchObject({ id, position: 5, name_nl: 'Eerlijk delen' });

    await execute(admin, updatePublicValue, { id, nameNl: 'Eerlijk verdelen', nameEn: 'Fair sharing', descriptionNl: 'Nieuwe uitleg', descriptionEn: 'Explanation' });
    await execute(admin, movePublicValue, { id, direction: 'up' });
    values = await listPublicValues(platform.db, a.id);
    expect(values.map((v) => v.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(values[4]).toMatchObject({ id, name_nl: 'Eerlijk verdelen', description_nl: 'Nieuwe uitleg' });
    expect(await issuesOf(execute(admin, movePublicValue, { id: values[0]!.id, direction: 'up' }))).toEqual([{ field: 'direction', key: 'municipality.alreadyFirst' }]);
    expect(await issuesOf(execute(admin, addPublicValue, { nameNl: '', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' }))).toEqual([{ field: 'nameNl', key: 'validation.required' }]);

    for (const value of values.slice(0, -1)) await execute(admin, removePublicValue, { id: value.id });
    const last = await listPublicValues(platform.db, a.id);
    expect(last).toHaveLength(1);
    expect(last[0]!.position).toBe(0);
    await expect(execute(admin, removePublicValue, { id: last[0]!.id })).rejects.toBeInstanceOf(ConflictError);
    expect(await listPublicValues(platform.db, a.id)).toHaveLength(1);

    const actions = (await readAudit(platform.db, { municipalityId: a.id, entityType: 'public_value', limit: 100 })).map((e) => e.action);
    expect(actions.filter((x) => x === 'publicValue.remove')).toHaveLength(5);
    expect(actions).toEqual(expect.arrayContaining(['publicValue.add', 'publicValue.update', 'publicValue.move']));
  });

  it('never lets an administrator of one municipality read or change another', async () => {
    const adminA = adminOf(a);
    await expect(execute(ctx(adminA, b), updateSettings, { name: 'Overgenomen', primaryColour: '#000000', accentColour: '#000000' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(adminA, b), uploadLogo, { logo: TINY_PNG })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(adminA, b), addPublicValue, { nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    // An id of B's public value, used in A: not found, so nothing about B leaks.
    const valueOfB = (await listPublicValues(platform.db, b.id))[0]!;
    // One at a time: started together, a later rejection could arrive before it is awaited (an unhandled rejection).
    for (const attempt of [
      () => execute(ctx(adminA, a), updatePublicValue, { id: valueOfB.id, nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' }),
      () => execute(ctx(adminA, a), removePublicValue, { id: valueOfB.id }),
      () => execute(ctx(adminA, a), movePublicValue, { id: valueOfB.id, direction: 'down' }),
    ]) await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    expect((await findMunicipality(platform.db, b.id))!.name).toBe('Gemeente Beedorp');
    expect(await listPublicValues(platform.db, b.id)).toHaveLength(5);
    expect(platform.policy.can(adminA, 'municipality.audit', { type: 'audit', municipalityId: b.id })).toBe(false);
    expect(platform.policy.can(adminA, 'municipality.audit', { type: 'audit', municipalityId: a.id })).toBe(true);
    expect(platform.policy.can(adminA, 'municipality.audit', { type: 'audit', municipalityId: null })).toBe(false);
  });

  it('pages through the log with a cursor that loses nothing written in the same millisecond', async () => {
    const admin = ctx(adminOf(a), a);
    for (let i = 0; i < 4; i++) await execute(admin, updateSettings, { name: `Naam ${i}`, primaryColour: '#1d5c4d', accentColour: '#0e3b31' });
    // Seven entries written in the very same millisecond.
    const at = new Date().toISOString();
    await platform.db.insertInto('audit_log').values(Array.from({ length: 7 }, (_, i) => ({
      id: `same-instant-${i}`, at, municipality_id: a.id, actor: 'system', action: 'test.tie', entity_type: 'test', entity_id: String(i), before_json: null, after_json: '{"n":1}',
    }))).execute();
    const all = await readAudit(platform.db, { municipalityId: a.id, limit: 500 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await readAuditPage(platform.db, { municipalityId: a.id }, cursor ? decodeCursor(cursor) : null, 3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(new Set(seen).size).toBe(all.length);
    const filtered = await readAuditPage(platform.db, { municipalityId: a.id, action: 'municipality.create' }, null, 10);
    expect(filtered.items).toHaveLength(1);
    expect(filtered.next).toBeNull();
  });

  it('reports errors in the reader\'s language', async () => {
    const error = await execute(ctx(adminOf(a), a, 'en'), updateSettings, { name: 'X', primaryColour: '#777777', accentColour: '#0e3b31' }).catch((e: AppError) => e);
    expect((error as ValidationError).issues[0]!.params).toEqual({ ratio: '4.47', colour: '#777777' });
  });
});
