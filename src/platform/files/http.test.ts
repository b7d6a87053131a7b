import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { allMigrations } from '../../app.js';
import type { Platform } from '../context.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildServer } from '../http/server.js';
import { SESSION_COOKIE, createSession } from '../http/sessions.js';
import { isSelf, type Actor } from '../policy.js';
import type { Tenant } from '../tenancy.js';
import { TINY_JPEG, TINY_PDF, jpegWithMetadata } from './fixtures.js';
import { filePaths, registerFileRoutes } from './http.js';
import { FILE_GARBAGE_JOB, filesModule } from './module.js';
import { registerFilePurpose } from './purposes.js';
import { fileMigrations, saveFile, type FileRecord } from './store.js';

/**
 * The download routes on the real server (tenancy from the URL, sessions, error handling,
 * security headers), with a purpose and policy rule that exist only here: a file may be
 * downloaded by the person who uploaded it.
 */
registerFilePurpose({
  name: 'http-test.attachment', maxBytes: 64 * 1024, types: ['image/jpeg', 'application/pdf', 'text/plain'],
  readAction: 'http-test.view', resource: (file) => ({ type: 'test-attachment', municipalityId: file.municipalityId, ownerId: file.createdBy }),
});

const person = (personId: string): Actor => ({ kind: 'person', personId, displayName: personId, emailVerified: true, strongAuth: true, grants: [], memberships: [] });

describeEachEngine('file downloads', (engine) => {
  let test: TestPlatform;
  let platform: Platform;
  let app: FastifyInstance;
  let aadorp: Tenant;
  let beedorp: Tenant;
  let photo: FileRecord;
  let pdf: FileRecord;
  let note: FileRecord;
  let owner: string;
  let stranger: string;

  const store = (municipalityId: string, bytes: Uint8Array, name: string) => platform.db.transaction().execute((tx) => saveFile(tx, platform, {
    purpose: 'http-test.attachment', municipalityId, ownerType: 'test_entry', ownerId: 'entry-1', name, bytes, createdBy: 'owner',
  }));
  const get = (url: string, session?: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...headers, ...(session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}) } });

  beforeEach(async () => {
    test = await openTestPlatform(engine, { migrate: false });
    await migrateToLatest(test.platform.db, { ...allMigrations(), ...fileMigrations }); // the file tables, also before they are wired in
    platform = test.platform;
    platform.policy.register('http-test.view', (actor, resource) => isSelf(actor, resource));
    app = await buildServer({ platform, modules: [filesModule], loadActor: async (_p, personId) => person(personId) });
    registerFileRoutes(app, platform); // a second registration changes nothing
    await app.ready();
    aadorp = await insertTestTenant(platform, { slug: 'aadorp' });
    beedorp = await insertTestTenant(platform, { slug: 'beedorp' });
    photo = await store(aadorp.id, jpegWithMetadata(), 'Straatfeest "zomer" 2026 — foto.jpg');
    pdf = await store(aadorp.id, TINY_PDF, 'verslag');
    note = await store(aadorp.id, Buffer.from('Notitie voor de buurt\n'), 'notitie.html');
    owner = await createSession(platform.db, 'owner');
    stranger = await createSession(platform.db, 'someone-else');
  });

  afterEach(async () => {
    await app.close();
    await test.close();
  });

  it('documents the API download in the OpenAPI description, with the media types it can send', async () => {
    const spec = (await get('/api/v1/openapi.json')).json() as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
    const content = spec.paths['/api/v1/{municipality}/files/{id}']?.get?.responses['200']?.content ?? {};
    expect(Object.keys(content)).toEqual(expect.arrayContaining(['image/jpeg', 'application/pdf', 'text/csv']));
    expect(content['application/pdf']).toEqual({ schema: { type: 'string', format: 'binary' } });
  });

  it('sends an image inline with safe headers, on the page route and the API route', async () => {
    for (const url of [filePaths.page('aadorp', photo.id), filePaths.api('aadorp', photo.id)]) {
      const response = await get(url, owner);
      expect(response.statusCode, url).toBe(200);
      expect(response.rawPayload.equals(TINY_JPEG)).toBe(true); // the stripped bytes
      // The stored name was sanitised on upload (quotes are not kept); the header carries the rest exactly.
      expect(response.headers['content-type']).toBe('image/jpeg');
      expect(response.headers['content-disposition'])
        .toBe('inline; filename="Straatfeest _zomer_ 2026 _ foto.jpg"; filename*=UTF-8\'\'Straatfeest%20_zomer_%202026%20%E2%80%94%20foto.jpg');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('private, no-cache');
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
      expect(response.headers.etag).toBe(`"${photo.sha256}"`);
    }
  });

  it('PDF inline (without a sandbox, which PDF viewers refuse); other types as an attachment with a fitting extension', async () => {
    const pdfResponse = await get(filePaths.page('aadorp', pdf.id), owner);
    expect(pdfResponse.statusCode).toBe(200);
    expect(pdfResponse.headers['content-type']).toBe('application/pdf');
    expect(pdfResponse.headers['content-disposition']).toBe('inline; filename="verslag.pdf"; filename*=UTF-8\'\'verslag.pdf');
    expect(String(pdfResponse.headers['content-security-policy'])).not.toContain('sandbox');

    const text = await get(filePaths.page('aadorp', note.id), owner);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.headers['content-disposition']).toBe('attachment; filename="notitie.txt"; filename*=UTF-8\'\'notitie.txt');
    expect(text.body).toBe('Notitie voor de buurt\n');
  });

  it('answers a matching If-None-Match with 304, after the policy check', async () => {
    const etag = `"${photo.sha256}"`;
    expect((await get(filePaths.page('aadorp', photo.id), owner, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get(filePaths.page('aadorp', photo.id), stranger, { 'if-none-match': etag })).statusCode).toBe(403);
  });

  it('refuses whom the policy refuses: 403 signed in, 401 (API) or the login page (pages) when not', async () => {
    const api = await get(filePaths.api('aadorp', photo.id), stranger);
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect((await get(filePaths.page('aadorp', photo.id), stranger)).statusCode).toBe(403);

    const anonymousApi = await get(filePaths.api('aadorp', photo.id));
    expect(anonymousApi.statusCode).toBe(401);
    const anonymousPage = await get(filePaths.page('aadorp', photo.id));
    expect(anonymousPage.statusCode).toBe(303);
    expect(anonymousPage.headers.location).toBe(`/aadorp/inloggen?terug=${encodeURIComponent(filePaths.page('aadorp', photo.id))}`);
  });

  it('looks files up within the municipality of the URL: another one\'s file is not found, even for its owner', async () => {
    for (const url of [filePaths.page('beedorp', photo.id), filePaths.api('beedorp', photo.id)]) {
      expect((await get(url, owner)).statusCode, url).toBe(404);
    }
    const inBeedorp = await store(beedorp.id, TINY_PDF, 'b.pdf');
    expect((await get(filePaths.page('aadorp', inBeedorp.id), owner)).statusCode).toBe(404);
    expect((await get(filePaths.page('beedorp', inBeedorp.id), owner)).statusCode).toBe(200);
  });

  it('unknown ids, malformed ids and unknown municipalities are not found', async () => {
    expect((await get(filePaths.page('aadorp', 'doesnotexist'), owner)).statusCode).toBe(404);
    expect((await get(filePaths.api('aadorp', 'DROP%20TABLE'), owner)).statusCode).toBe(404);
    expect((await get(filePaths.page('nergensdorp', photo.id), owner)).statusCode).toBe(404);
  });

  it('the module brings the migration, the messages and the daily garbage collection', () => {
    expect(Object.keys(filesModule.migrations!)).toEqual(['0006-platform-files']);
    expect(filesModule.messages!.nl['files.tooLarge']).toBeDefined();
    if (!platform.jobs.kinds().includes(FILE_GARBAGE_JOB)) filesModule.registerJobs!(platform); // once wired, openPlatform did it
    expect(platform.jobs.kinds()).toContain(FILE_GARBAGE_JOB);
  });
});
