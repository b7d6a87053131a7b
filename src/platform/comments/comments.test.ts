import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { count, openModerationWorld, postAs, type ModerationWorld } from '../../../test/support/moderation.js';
import { readAudit } from '../audit.js';
import { newId } from '../db/helpers.js';
import { exportPersonalData, erasePersonalData } from '../privacy.js';
import { renderComments } from './render.js';
import { PREVIEW_COMMENTS } from './render.js';

describeEachEngine('comments', (engine) => {
  let w: ModerationWorld;
  beforeEach(async () => { w = await openModerationWorld(engine); }, 60_000);
  afterEach(async () => w.close());

  const page = (who: keyof ModerationWorld['as'], path = '/reactiedorp/reacties/testitem/ok1') => w.as[who].get(path);

  it('posts a comment as a signed-in person, shown escaped in paragraphs with the name and date, and audited', async () => {
    const response = await w.as.anna.postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId: 'ok1', body: 'Fijn plan <script>alert(1)</script>!\r\n\r\n\r\nTweede alinea.' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/reactiedorp\/testitems\/ok1#reactie-[a-z0-9]+$/);
    const html = (await page('anonymous')).body;
    expect(html).toContain('Reacties (1)');
    expect(html).toContain('<strong>Anna Aalders</strong>');
    expect(html).toContain('<p class="utrecht-paragraph">Fijn plan &lt;script&gt;alert(1)&lt;/script&gt;!</p><p class="utrecht-paragraph">Tweede alinea.</p>');
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT/);
    const [entry] = await readAudit(w.tp.platform.db, { action: 'comment.post' });
    expect(entry?.after?.body).toBe('Fijn plan <script>alert(1)</script>!\n\nTweede alinea.');
    // The text in the log is sealed with the author's key, never stored in the clear.
    const raw = await w.tp.platform.db.selectFrom('audit_log').select('after_json').where('action', '=', 'comment.post').executeTakeFirstOrThrow();
    expect(raw.after_json).not.toContain('Fijn plan');
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = [await count(w.tp, 'comments'), await count(w.tp, 'audit_log')];
    const empty = await w.as.anna.postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId: 'ok1', body: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#field-body">Uw reactie: Vul dit veld in.');
    const long = await w.as.anna.postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId: 'ok1', body: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Uw reactie: Gebruik hoogstens 2000 tekens.');
    expect(long.body).toContain('x'.repeat(2001)); // the text comes back in the form
    expect((await w.as.anna.postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId: 'missing', body: 'Hallo' })).statusCode).toBe(404);
    expect((await w.as.anna.postForm('/reactiedorp/reacties', { subjectType: 'unknown', subjectId: 'ok1', body: 'Hallo' })).statusCode).toBe(404);
    expect((await w.as.anonymous.postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId: 'ok1', body: 'Hallo' })).statusCode).toBe(401);
    expect((await w.as.carl.postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId: 'ok1', body: 'Hallo' })).statusCode).toBe(403);
    expect([await count(w.tp, 'comments'), await count(w.tp, 'audit_log')]).toEqual(before);
    expect((await page('anonymous')).body).toContain('Log in om te reageren');
    expect((await page('carl')).body).toContain('Bevestig eerst uw e-mailadres');
  });

  it('keeps a subject that closed posting readable, shows its reason instead of the form, and refuses a post (409) changing nothing', async () => {
    const db = w.tp.platform.db;
    await db.insertInto('comments').values({ id: newId(), municipality_id: w.a.id, subject_type: 'testitem', subject_id: 'closed1', author_id: w.ids.bert, body: 'Van voor de sluiting.', status: 'published', created_at: '2026-01-01T10:00:00Z', deleted_at: null }).execute();
    const html = (await page('anna', '/reactiedorp/reacties/testitem/closed1')).body;
    expect(html).toContain('Van voor de sluiting.');
    expect(html).toContain('Reageren is nu niet mogelijk.');
    expect(html).not.toContain('name="body"');
    expect((await page('anonymous', '/reactiedorp/reacties/testitem/closed1')).body).not.toContain('Log in om te reageren');
    const before = [await count(w.tp, 'comments'), await count(w.tp, 'audit_log')];
    const refused = await w.as.anna.postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId: 'closed1', body: 'Toch nog iets.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Reageren is nu niet mogelijk.');
    expect([await count(w.tp, 'comments'), await count(w.tp, 'audit_log')]).toEqual(before);
    // An open subject still takes comments as before.
    expect((await page('anna')).body).toContain('name="body"');
  });

  it('lets the author (only) delete their comment, leaving a tombstone without the text', async () => {
    const id = await postAs(w, 'anna', 'Dit wil ik later weghalen.');
    expect((await w.as.bert.postForm(`/reactiedorp/reacties/${id}/verwijderen`, {})).statusCode).toBe(403);
    const done = await w.as.anna.postForm(`/reactiedorp/reacties/${id}/verwijderen`, { _formkey: 'delete-key-0123456789abc' });
    expect(done.statusCode).toBe(303);
    // The same form again (a double click) changes nothing and goes to the same place.
    const again = await w.as.anna.postForm(`/reactiedorp/reacties/${id}/verwijderen`, { _formkey: 'delete-key-0123456789abc' });
    expect(again.statusCode).toBe(303);
    expect(await readAudit(w.tp.platform.db, { action: 'comment.delete' })).toHaveLength(1);
    const row = await w.tp.platform.db.selectFrom('comments').select(['body', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: '', status: 'deleted' });
    const html = (await page('anonymous')).body;
    expect(html).toContain('Deze reactie is verwijderd door de schrijver.');
    expect(html).not.toContain('later weghalen');
  });

  it('takes comments on an organisation\'s page, and only for an organisation of that municipality', async () => {
    const db = w.tp.platform.db;
    const org = { id: 'org-buurthuis', kind: 'association' as const, description: null, area_code: null, parent_id: null, email: null, website: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
    await db.insertInto('organisations').values({ ...org, municipality_id: w.a.id, name: 'Buurthuis De Linde' }).execute();
    const posted = await w.as.anna.postForm('/reactiedorp/reacties', { subjectType: 'organisation', subjectId: org.id, body: 'Goede koffie op dinsdag.' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(/^\/reactiedorp\/organisaties\/org-buurthuis#reactie-/);
    const orgPage = (await w.as.anonymous.get('/reactiedorp/organisaties/org-buurthuis')).body;
    expect(orgPage).toContain('Goede koffie op dinsdag.');
    const elsewhere = await w.as.anna.postForm('/anderdorp/reacties', { subjectType: 'organisation', subjectId: org.id, body: 'Verkeerd adres.' });
    expect(elsewhere.statusCode).toBe(404);
    expect(await db.selectFrom('comments').select('id').where('body', '=', 'Verkeerd adres.').execute()).toEqual([]);
  });

  it('never shows or touches the comments of one municipality from another', async () => {
    const id = await postAs(w, 'anna', 'Alleen voor Reactiedorp.');
    const other = (await page('anonymous', '/anderdorp/reacties/testitem/ok1')).body;
    expect(other).toContain('Reacties (0)');
    expect(other).not.toContain('Alleen voor Reactiedorp');
    expect((await w.as.anna.postForm(`/anderdorp/reacties/${id}/verwijderen`, {})).statusCode).toBe(404);
    expect((await w.as.anonymous.get(`/anderdorp/melden/comment/${id}`)).statusCode).toBe(404);
    expect((await w.as.moB.get(`/anderdorp/beheer/moderatie/comment/${id}`)).statusCode).toBe(404);
    expect((await w.as.moB.postForm(`/anderdorp/beheer/moderatie/comment/${id}/verbergen`, { reason: 'Weg ermee.' })).statusCode).toBe(404);
    expect((await w.tp.platform.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('published');
  });

  it('shows the latest comments under an item and pages through all of them, newest last', async () => {
    const db = w.tp.platform.db;
    const start = Date.parse('2025-03-01T10:00:00Z');
    for (let i = 1; i <= 60; i++) {
      await db.insertInto('comments').values({ id: newId(), municipality_id: w.a.id, subject_type: 'testitem', subject_id: 'ok2', author_id: w.ids.bert, body: `Reactie nummer ${i}.`, status: 'published', created_at: new Date(start + i * 60_000).toISOString(), deleted_at: null }).execute();
    }
    const ctx = { platform: w.tp.platform, actor: { kind: 'anonymous' } as const, tenant: w.a, locale: 'nl' as const };
    const preview = (await renderComments(ctx, { type: 'testitem', id: 'ok2' }, { csrf: 'x', back: '/' })).value;
    expect(preview.match(/<li class="ba-card"/g)).toHaveLength(PREVIEW_COMMENTS);
    expect(preview).toContain('Reactie nummer 51.');
    expect(preview.indexOf('nummer 59.')).toBeLessThan(preview.indexOf('nummer 60.'));
    expect(preview).toContain('Lees alle 60 reacties');
    const last = (await page('anonymous', '/reactiedorp/reacties/testitem/ok2')).body;
    expect(last).toContain('Pagina 2 van 2');
    expect(last).toContain('Reactie nummer 51.');
    expect(last).not.toContain('Reactie nummer 50.');
    const first = (await page('anonymous', '/reactiedorp/reacties/testitem/ok2?pagina=1')).body;
    expect(first).toContain('Reactie nummer 1.');
    expect(first).toContain('Reactie nummer 50.');
    expect(first).toContain('href="/reactiedorp/reacties/testitem/ok2?pagina=2"');
  });

  it('exports a person\'s comments and, on erasure, keeps tombstones without text or author', async () => {
    const id = await postAs(w, 'anna', 'Mijn mening over het plein.');
    const subject = { personId: w.ids.anna, email: 'anna@test.example', name: 'Anna Aalders' };
    expect(JSON.stringify(await exportPersonalData(w.tp.platform.db, subject))).toContain('Mijn mening over het plein.');
    await w.tp.platform.db.transaction().execute((tx) => erasePersonalData(tx, subject));
    const row = await w.tp.platform.db.selectFrom('comments').select(['author_id', 'body', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ author_id: null, body: '', status: 'erased' });
    expect((await page('anonymous')).body).toContain('Deze reactie is verwijderd.');
  });
});
