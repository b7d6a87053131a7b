import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { agent } from '../../../test/support/http.js';
import { count, openModerationWorld, postAs, type ModerationWorld } from '../../../test/support/moderation.js';
import { readAudit } from '../audit.js';
import { MAX_REPORTS_PER_ADDRESS } from './service.js';

describeEachEngine('moderation', (engine) => {
  let w: ModerationWorld;
  beforeEach(async () => { w = await openModerationWorld(engine); }, 60_000);
  afterEach(async () => w.close());

  const comments = (who: keyof ModerationWorld['as']) => w.as[who].get('/reactiedorp/reacties/testitem/ok1').then((r) => r.body);
  const reportAs = (who: keyof ModerationWorld['as'], id: string, fields: Record<string, string> = { category: 'abuse', explanation: 'Scheldwoorden.' }) =>
    w.as[who].postForm(`/reactiedorp/melden/comment/${id}`, fields);

  it('reports (also without an account), hides with a reason the author sees and is told of; others see a notice', async () => {
    const id = await postAs(w, 'bert', 'Wat een stelletje sukkels hier.');
    expect((await w.as.anonymous.get(`/reactiedorp/melden/comment/${id}`)).body).toContain('Wat een stelletje sukkels hier.');
    const reported = await reportAs('anonymous', id);
    expect(reported.statusCode).toBe(303);
    expect(reported.headers.location).toBe(`/reactiedorp/testitems/ok1#reactie-${id}`);
    await reportAs('anna', id, { category: 'other', explanation: '' });

    const queue = await w.as.mo.get('/reactiedorp/beheer/moderatie');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Open meldingen (1)');
    expect(queue.body).toContain('Wat een stelletje sukkels hier.');
    expect(queue.body).toContain('Beledigend, bedreigend of discriminerend');
    expect(queue.body).toContain('“Scheldwoorden.”');
    expect(queue.body).toContain('Aantal meldingen: 2');

    const hide = await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/verbergen`, { reason: 'Schelden past niet bij de huisregels (regel 2: respect).' });
    expect(hide.statusCode).toBe(303);
    const others = await comments('anna');
    expect(others).toContain('Deze reactie is verborgen door de moderatie.');
    expect(others).not.toContain('sukkels');
    expect(await comments('anonymous')).not.toContain('sukkels');
    const own = await comments('bert');
    expect(own).toContain('Wat een stelletje sukkels hier.');
    expect(own).toContain('De reden: Schelden past niet bij de huisregels (regel 2: respect).');

    const notes = await w.tp.platform.db.selectFrom('notifications').select(['person_id', 'title', 'body', 'url']).where('kind', '=', 'moderation.decision').execute();
    expect(notes).toEqual([{ person_id: w.ids.bert, title: 'Uw reactie is verborgen door de moderatie', body: expect.stringContaining('regel 2: respect'), url: `/reactiedorp/testitems/ok1#reactie-${id}` }]);
    // Told right away by mail too (the default for this kind), through the outbox.
    expect((await w.tp.platform.db.selectFrom('outbox').select('subject').where('to_address', '=', 'bert@test.example').execute()).map((m) => m.subject)).toEqual(['Uw reactie is verborgen door de moderatie']);

    expect((await w.as.mo.get('/reactiedorp/beheer/moderatie')).body).toContain('Er zijn geen open meldingen.');
    const reports = await w.tp.platform.db.selectFrom('moderation_reports').select('status').execute();
    expect(reports.map((r) => r.status)).toEqual(['hidden', 'hidden']);
    // Every report and the decision are in the log; the reporter without an account has no pseudonym, the signed-in one has.
    const logged = await readAudit(w.tp.platform.db, { municipalityId: w.a.id, entityType: 'comment', limit: 50 });
    expect(logged.map((e) => e.action).sort()).toEqual(['comment.post', 'moderation.hide', 'moderation.report', 'moderation.report']);
    const reportsLogged = logged.filter((e) => e.action === 'moderation.report');
    expect(reportsLogged.map((e) => e.actor === null).sort()).toEqual([false, true]);
    expect(reportsLogged.every((e) => !JSON.stringify(e).includes('Scheldwoorden'))).toBe(true);
    expect(reportsLogged.find((e) => e.actor)?.actor).toMatch(/^p-/);
    expect(logged.find((e) => e.action === 'moderation.hide')?.after).toMatchObject({ reports: 2, text: 'Wat een stelletje sukkels hier.' });
    // A hidden comment cannot be reported or hidden again.
    expect((await reportAs('anna', id)).statusCode).toBe(409);
    expect((await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/verbergen`, { reason: 'Nog eens.' })).statusCode).toBe(409);
  });

  it('dismisses reports (the text stays) and restores a hidden text with a note; the history shows every decision', async () => {
    const id = await postAs(w, 'bert', 'Kom allemaal naar de markt!');
    await reportAs('anna', id, { category: 'spam' });
    const dismissed = await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/afwijzen`, { dismissNote: 'Een buurtactiviteit is geen reclame.' });
    expect(dismissed.statusCode).toBe(303);
    expect(await comments('anonymous')).toContain('Kom allemaal naar de markt!');
    expect((await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/afwijzen`, {})).statusCode).toBe(409);

    expect((await w.as.admin.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/verbergen`, { reason: 'Toch reclame.' })).statusCode).toBe(303);
    expect(await comments('anonymous')).not.toContain('Kom allemaal naar de markt!');
    // Restoring needs a note, named in the error; nothing changes without one.
    const noNote = await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/terugzetten`, { restoreNote: '' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain('href="#field-restoreNote">Waarom weer zichtbaar?: Vul dit veld in.');
    expect(await comments('anonymous')).not.toContain('Kom allemaal naar de markt!');
    expect((await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/terugzetten`, { restoreNote: 'Na overleg: het is een buurtactiviteit.' })).statusCode).toBe(303);
    expect(await comments('anonymous')).toContain('Kom allemaal naar de markt!');
    expect((await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/terugzetten`, { restoreNote: 'Nog eens.' })).statusCode).toBe(409);

    const item = (await w.as.mo.get(`/reactiedorp/beheer/moderatie/comment/${id}`)).body;
    expect(item).toContain('Meldingen afgewezen');
    expect(item).toContain('Een buurtactiviteit is geen reclame.');
    expect(item).toContain('Ada Beheer');
    expect(item).toContain('Na overleg: het is een buurtactiviteit.');
    expect(item).toContain('Mo Moderator');
    const actions = (await readAudit(w.tp.platform.db, { entityType: 'comment', entityId: id, limit: 50 })).map((e) => e.action).reverse();
    expect(actions).toEqual(['comment.post', 'moderation.report', 'moderation.dismiss', 'moderation.hide', 'moderation.restore']);
    const titles = (await w.tp.platform.db.selectFrom('notifications').select('title').where('person_id', '=', w.ids.bert).orderBy('created_at').execute()).map((n) => n.title);
    expect(titles).toEqual(['Uw reactie is verborgen door de moderatie', 'Uw reactie is weer zichtbaar']);
  });

  it('refuses a report without a reason or with a long explanation, naming the field, and counts a form once', async () => {
    const id = await postAs(w, 'bert', 'Gewone reactie.');
    const none = await reportAs('anonymous', id, { category: '', explanation: '' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('href="#field-category">Reden: Vul dit veld in.');
    const long = await reportAs('anonymous', id, { category: 'other', explanation: 'x'.repeat(501) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Toelichting: Gebruik hoogstens 500 tekens.');
    expect(await count(w.tp, 'moderation_reports')).toBe(0);
    const key = 'report-key-0123456789abcdef';
    expect((await reportAs('anonymous', id, { category: 'spam', _formkey: key })).statusCode).toBe(303);
    expect((await reportAs('anonymous', id, { category: 'spam', _formkey: key })).statusCode).toBe(303);
    expect(await count(w.tp, 'moderation_reports')).toBe(1);
    expect((await w.as.anonymous.get('/reactiedorp/melden/comment/onbekend')).statusCode).toBe(404);
  });

  it('throttles reports per address and stores only a keyed hash of it', async () => {
    const id = await postAs(w, 'bert', 'Gewone reactie.');
    const flooder = agent(w.app, '198.51.100.7');
    for (let i = 0; i < MAX_REPORTS_PER_ADDRESS; i++) expect((await flooder.postForm(`/reactiedorp/melden/comment/${id}`, { category: 'spam' })).statusCode).toBe(303);
    const refused = await flooder.postForm(`/reactiedorp/melden/comment/${id}`, { category: 'spam' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('3600');
    expect(await count(w.tp, 'moderation_reports')).toBe(MAX_REPORTS_PER_ADDRESS);
    // Someone else is not affected.
    expect((await agent(w.app, '198.51.100.8').postForm(`/reactiedorp/melden/comment/${id}`, { category: 'spam' })).statusCode).toBe(303);
    const keys = await w.tp.platform.db.selectFrom('rate_limit_attempts').select('key').where('key', 'like', 'moderation.report:%').execute();
    expect(keys.length).toBe(MAX_REPORTS_PER_ADDRESS + 1);
    expect(JSON.stringify(keys)).not.toContain('198.51.100');
  });

  it('lets only moderators and (strongly signed-in) administrators of the municipality moderate', async () => {
    const id = await postAs(w, 'bert', 'Gewone reactie.');
    await reportAs('anna', id);
    const before = [await count(w.tp, 'moderation_decisions'), await count(w.tp, 'audit_log')];
    for (const who of ['anna', 'bert', 'moB', 'weakAdmin'] as const) {
      expect([who, (await w.as[who].get('/reactiedorp/beheer/moderatie')).statusCode]).toEqual([who, 403]);
      expect([who, (await w.as[who].get(`/reactiedorp/beheer/moderatie/comment/${id}`)).statusCode]).toEqual([who, 403]);
      expect([who, (await w.as[who].postForm(`/reactiedorp/beheer/moderatie/comment/${id}/verbergen`, { reason: 'Weg.' })).statusCode]).toEqual([who, 403]);
      expect([who, (await w.as[who].postForm(`/reactiedorp/beheer/moderatie/comment/${id}/afwijzen`, {})).statusCode]).toEqual([who, 403]);
    }
    expect((await w.as.anonymous.postForm(`/reactiedorp/beheer/moderatie/comment/${id}/verbergen`, { reason: 'Weg.' })).statusCode).toBe(401);
    expect([await count(w.tp, 'moderation_decisions'), await count(w.tp, 'audit_log')]).toEqual(before);
    expect((await w.as.moB.get('/anderdorp/beheer/moderatie')).statusCode).toBe(200);
    expect((await w.as.admin.get('/reactiedorp/beheer/moderatie')).statusCode).toBe(200);
    // The menu shows the queue to moderators only.
    expect((await w.as.mo.get('/reactiedorp/reacties/testitem/ok1')).body).toContain('href="/reactiedorp/beheer/moderatie"');
    expect((await w.as.anna.get('/reactiedorp/reacties/testitem/ok1')).body).not.toContain('href="/reactiedorp/beheer/moderatie"');
  });
});
