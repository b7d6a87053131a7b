import { sql } from 'kysely';
import { z } from 'zod';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { allMigrations } from '../../app.js';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { readAudit } from '../audit.js';
import type { Context } from '../context.js';
import { migrateToLatest } from '../db/migrate.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Actor } from '../policy.js';
import { defineUseCase, execute } from '../service.js';
import type { Tenant } from '../tenancy.js';
import { sideOf, type DocumentContent } from './model.js';
import {
  compare, compareDraft, createDocument, discardDraft, documentsOwnedBy, getDocument, getVersion, latestVersion, publishDraft,
  registerDocumentKind, saveDraft, versionsOf,
} from './service.js';
import { versionMigrations } from './store.js';

registerDocumentKind('test.note');

const editor: Actor = { kind: 'person', personId: 'person-editor', displayName: 'Redacteur', emailVerified: true, strongAuth: true, grants: [], memberships: [] };

const content = (...bodies: string[]): DocumentContent => ({ sections: bodies.map((body, i) => ({ key: `s${i + 1}`, heading: `Sectie ${i + 1}`, body })) });

describeEachEngine('versioned documents', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;

  beforeEach(async () => {
    tp = await openTestPlatform(engine, { migrate: false });
    // Until src/app.ts lists versionMigrations, the test adds them itself (the same names, so this also works after wiring).
    await migrateToLatest(tp.platform.db, { ...allMigrations(), ...versionMigrations });
    tenant = await insertTestTenant(tp.platform, { slug: `versies-${engine}` });
  });
  afterEach(async () => {
    await tp.close();
  });

  async function newDocument(body = 'Eerste tekst.') {
    return tp.platform.db.transaction().execute(async (tx) => (await createDocument(tx, {
      municipalityId: tenant.id, kind: 'test.note', ownerType: 'area', ownerId: 'BU00000001', title: 'Wijkbeeld Centrum', content: content(body),
    })).result);
  }

  it('keeps a draft, publishes numbered versions and compares them', async () => {
    const db = tp.platform.db;
    const document = await newDocument('De wijk is jong.');
    const ref = { municipalityId: tenant.id, documentId: document.id };
    expect(document).toMatchObject({ kind: 'test.note', title: 'Wijkbeeld Centrum', publishedVersion: null, revision: 1 });
    expect((await compareDraft(db, ref))!.counts.added).toBe(1);

    const v1 = await db.transaction().execute((tx) => publishDraft(tx, { ...ref, summary: 'Eerste versie.', publishedBy: editor, decisionReference: 'RB-2026-12' }));
    expect(v1.result).toMatchObject({ number: 1, title: 'Wijkbeeld Centrum', decisionReference: 'RB-2026-12' });
    expect(v1.result.publishedBy).toMatch(/^p-/); // the audit pseudonym, never the person id
    expect(v1.audit).toMatchObject([{ action: 'document.publish', entityType: 'document', entityId: document.id, municipalityId: tenant.id }]);

    await db.transaction().execute((tx) => saveDraft(tx, { ...ref, title: 'Wijkbeeld Centrum 2026', content: content('De wijk is jong en groen.', 'Een nieuwe sectie.'), expectedRevision: 2 }));
    expect((await getDocument(db, ref))!.draft!.title).toBe('Wijkbeeld Centrum 2026');
    expect((await getDocument(db, ref))!.title).toBe('Wijkbeeld Centrum'); // the public title changes on publication
    const v2 = await db.transaction().execute((tx) => publishDraft(tx, { ...ref, summary: 'Groen toegevoegd.', publishedBy: editor }));
    expect(v2.result.number).toBe(2);

    const after = (await getDocument(db, ref))!;
    expect(after).toMatchObject({ title: 'Wijkbeeld Centrum 2026', publishedVersion: 2, draft: null });
    expect((await versionsOf(db, ref)).map((v) => [v.number, v.summary])).toEqual([[2, 'Groen toegevoegd.'], [1, 'Eerste versie.']]);
    expect((await getVersion(db, ref, 1))!.content).toEqual(content('De wijk is jong.'));
    expect((await latestVersion(db, ref))!.number).toBe(2);
    expect(await getVersion(db, ref, 3)).toBeNull();

    const diff = await compare(db, ref, 1, 2);
    expect(diff.title.changed).toBe(true);
    expect(diff.sections.map((s) => s.status)).toEqual(['changed', 'added']);
    expect(sideOf(diff.sections[0]!.bodyChanges, 'after')).toBe('De wijk is jong en groen.');
    expect(diff.sections[0]!.bodyChanges.filter((c) => c.op === 'insert').map((c) => c.text).join('')).toBe(' en groen');
    await expect(compare(db, ref, 1, 9)).rejects.toBeInstanceOf(NotFoundError);
    expect(await compareDraft(db, ref)).toBeNull();

    expect((await documentsOwnedBy(db, { municipalityId: tenant.id, ownerType: 'area', ownerId: 'BU00000001' })).map((d) => d.id)).toEqual([document.id]);
  });

  it('refuses to publish without a draft, over a newer draft, or with bad input', async () => {
    const db = tp.platform.db;
    const document = await newDocument();
    const ref = { municipalityId: tenant.id, documentId: document.id };
    await expect(db.transaction().execute((tx) => publishDraft(tx, { ...ref, summary: 'x', publishedBy: editor, expectedRevision: 0 }))).rejects.toBeInstanceOf(ConflictError);
    await expect(db.transaction().execute((tx) => saveDraft(tx, { ...ref, title: 'T', content: content('b'), expectedRevision: 7 }))).rejects.toMatchObject({ key: 'versions.draftChanged' });
    await expect(db.transaction().execute((tx) => publishDraft(tx, { ...ref, summary: '  ', publishedBy: editor }))).rejects.toMatchObject({ issues: [{ field: 'summary', key: 'validation.required' }] });
    await expect(db.transaction().execute((tx) => saveDraft(tx, { ...ref, title: '', content: { sections: [{ key: 'A', heading: 'x', body: '' }] } })))
      .rejects.toMatchObject({ issues: [{ field: 'title', key: 'validation.required' }, { field: 'sections.1.key', key: 'versions.sectionKey' }] });
    await db.transaction().execute((tx) => publishDraft(tx, { ...ref, summary: 'Eerste.', publishedBy: { kind: 'system' } }));
    await expect(db.transaction().execute((tx) => publishDraft(tx, { ...ref, summary: 'Nog eens.', publishedBy: editor }))).rejects.toMatchObject({ key: 'versions.noDraft' });
    await db.transaction().execute((tx) => saveDraft(tx, { ...ref, title: 'T', content: content('weg') }));
    await db.transaction().execute((tx) => discardDraft(tx, ref));
    expect((await getDocument(db, ref))!.draft).toBeNull();
    expect((await getVersion(db, ref, 1))!.publishedBy).toBeNull();
    await expect(db.transaction().execute((tx) => createDocument(tx, { municipalityId: tenant.id, kind: 'unregistered', ownerType: 'area', ownerId: 'x', title: 'T' }))).rejects.toThrow(/registerDocumentKind/);
    await expect(db.transaction().execute((tx) => createDocument(tx, { municipalityId: tenant.id, kind: 'test.note', ownerType: 'area', ownerId: 'x', title: ' ' }))).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps documents within their municipality', async () => {
    const db = tp.platform.db;
    const document = await newDocument();
    const other = await insertTestTenant(tp.platform, { slug: `ander-${engine}` });
    const foreign = { municipalityId: other.id, documentId: document.id };
    expect(await getDocument(db, foreign)).toBeNull();
    await expect(versionsOf(db, foreign)).rejects.toBeInstanceOf(NotFoundError);
    await expect(db.transaction().execute((tx) => saveDraft(tx, { ...foreign, title: 'Overgenomen', content: content('x') }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(db.transaction().execute((tx) => publishDraft(tx, { ...foreign, summary: 'x', publishedBy: editor }))).rejects.toBeInstanceOf(NotFoundError);
    await db.transaction().execute((tx) => publishDraft(tx, { municipalityId: tenant.id, documentId: document.id, summary: 'x', publishedBy: editor }));
    expect(await getVersion(db, foreign, 1)).toBeNull();
  });

  it('published versions cannot be changed or deleted, not even with SQL', async () => {
    const db = tp.platform.db;
    const document = await newDocument();
    await db.transaction().execute((tx) => publishDraft(tx, { municipalityId: tenant.id, documentId: document.id, summary: 'Vast.', publishedBy: editor }));
    await expect(db.updateTable('document_versions').set({ summary: 'Herschreven' }).execute()).rejects.toThrow(/cannot be changed/);
    await expect(db.deleteFrom('document_versions').execute()).rejects.toThrow(/cannot be changed/);
    await expect(db.deleteFrom('documents').where('id', '=', document.id).execute()).rejects.toThrow();
    if (engine === 'postgres') await expect(sql`TRUNCATE document_versions CASCADE`.execute(db)).rejects.toThrow(/cannot be changed/);
    // The same number twice is refused by the primary key.
    await expect(db.insertInto('document_versions').values({
      document_id: document.id, number: 1, title: 't', content: '{"sections":[]}', summary: 's', published_at: new Date().toISOString(), published_by: null, decision_reference: null,
    }).execute()).rejects.toThrow();
    expect((await getVersion(db, { municipalityId: tenant.id, documentId: document.id }, 1))!.summary).toBe('Vast.');
  });

  it('concurrent publishes get distinct consecutive numbers, and one draft is published once', async () => {
    const db = tp.platform.db;
    const document = await newDocument();
    const ref = { municipalityId: tenant.id, documentId: document.id };
    const publishers = Array.from({ length: 8 }, (_, i) => db.transaction().execute(async (tx) => {
      await saveDraft(tx, { ...ref, title: `Titel ${i}`, content: content(`Tekst ${i}`) });
      return (await publishDraft(tx, { ...ref, summary: `Versie van schrijver ${i}`, publishedBy: editor })).result.number;
    }));
    const numbers = await Promise.all(publishers);
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    await db.transaction().execute((tx) => saveDraft(tx, { ...ref, title: 'Eén concept', content: content('Eén keer') }));
    const racing = await Promise.allSettled(Array.from({ length: 4 }, () => db.transaction().execute((tx) => publishDraft(tx, { ...ref, summary: 'Tegelijk', publishedBy: editor }))));
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of racing) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await versionsOf(db, ref)).map((v) => v.number)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('is audited through the use case that calls it', async () => {
    tp.platform.policy.register('test.document.publish', (actor) => actor.kind === 'person');
    const document = await newDocument();
    const publish = defineUseCase({
      action: 'test.document.publish',
      input: z.object({ documentId: z.string(), summary: z.string() }),
      async resource(_tx, _input, ctx) { return { type: 'document', municipalityId: ctx.tenant!.id }; },
      async run(tx, input, ctx) {
        const { result, audit } = await publishDraft(tx, { municipalityId: ctx.tenant!.id, documentId: input.documentId, summary: input.summary, publishedBy: ctx.actor });
        return { result: result.number, audit };
      },
    });
    const ctx: Context = { platform: tp.platform, actor: editor, tenant, locale: 'nl' };
    expect(await execute(ctx, publish, { documentId: document.id, summary: 'Via de use case.' })).toBe(1);
    const [entry] = await readAudit(tp.platform.db, { municipalityId: tenant.id, entityType: 'document' });
    expect(entry).toMatchObject({ action: 'document.publish', entityId: document.id, after: { published_version: 1, summary: 'Via de use case.' } });
    expect(entry!.actor).toBe((await getVersion(tp.platform.db, { municipalityId: tenant.id, documentId: document.id }, 1))!.publishedBy);
  });
});
