import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { agent, signInDirectly, type Agent } from '../../../test/support/http.js';
import { count, openModerationWorld, type ModerationWorld } from '../../../test/support/moderation.js';
import { readAudit } from '../../platform/audit.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { system } from '../../platform/policy.js';
import { erasePersonalData, exportPersonalData } from '../../platform/privacy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { renderInterpretations } from './render.js';

/**
 * Interpretations through the pages, on both engines: Reactiedorp's areas are a small municipality
 * of two districts; Anna is a resident, Bert a resident and professional, Olga an official of the
 * first district only; Carl is a resident whose address is not verified.
 */
describeEachEngine('interpretations', (engine) => {
  let w: ModerationWorld;
  let olga: Agent;
  let n1: string; // a neighbourhood in the first district
  let n2: string; // a neighbourhood in the second district
  let base: string;

  const grant = async (personId: string, role: string, scopeType: 'municipality' | 'area', scopeId: string) => {
    await w.tp.platform.db.insertInto('role_grants').values({ id: newId(), person_id: personId, role: role as never, scope_type: scopeType, scope_id: scopeId, municipality_id: w.a.id, granted_at: nowIso() }).execute();
  };
  const post = (a: Agent, fields: Record<string, string>, code = n1) => a.postForm(`/reactiedorp/gebieden/${code}/duiding/nieuw`, { year: '2025', indicator: 'a_inw', kind: 'behind', role: 'resident', ...fields });
  const idOf = (location: unknown) => /#duiding-([a-z0-9]+)$/.exec(String(location))?.[1] ?? '';
  const page = (a: Agent = w.as.anonymous, code = n1) => a.get(`/reactiedorp/gebieden/${code}/duiding?jaar=2025`);

  beforeEach(async () => {
    w = await openModerationWorld(engine);
    const sys = { platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a_2025.geojson', text: smallMunicipality(w.a.cbsCode, { municipality: 'Reactiedorp' }) }], { divisionYear: 2025 });
    await importAreas(sys, [{ name: 'b_2025.geojson', text: smallMunicipality(w.b.cbsCode, { municipality: 'Anderdorp' }, [6, 52]) }], { divisionYear: 2025 });
    const digits = w.a.cbsCode.slice(2);
    n1 = `BU${digits}0101`;
    n2 = `BU${digits}0201`;
    base = `/reactiedorp/gebieden/${n1}`;
    await grant(w.ids.anna, 'resident', 'municipality', w.a.id);
    await grant(w.ids.bert, 'resident', 'municipality', w.a.id);
    await grant(w.ids.bert, 'professional', 'municipality', w.a.id);
    await grant(w.ids.carl, 'resident', 'municipality', w.a.id);
    const olgaId = newId();
    await w.tp.platform.db.insertInto('people').values({ id: olgaId, email: 'olga@test.example', display_name: 'Olga Oost', password_hash: 'x', email_verified_at: nowIso(), locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
    await grant(olgaId, 'official', 'area', `WK${digits}01`);
    olga = agent(w.app);
    await signInDirectly(olga, w.tp.platform, 'olga@test.example');
  }, 60_000);
  afterEach(async () => w.close());

  it('posts a reading with the role and date beside the name, strengths first, escaped, and audited with the text sealed', async () => {
    const first = await post(w.as.anna, { body: 'Veel mensen <b>wonen</b> hier al lang.' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toMatch(new RegExp(`^${base}/duiding\\?jaar=2025#duiding-[a-z0-9]+$`));
    const second = await post(w.as.bert, { kind: 'strength', role: 'professional', body: 'De buurt helpt elkaar.' });
    expect(second.statusCode).toBe(303);
    const html = (await page()).body;
    expect(html).toContain('<h2 class="utrecht-heading-2" id="cijfer-a_inw">Aantal inwoners</h2>');
    expect(html).toContain('<strong>Anna Aalders</strong>, bewoner · <time datetime="');
    expect(html).toContain('<strong>Bert Bos</strong>, professional · <time');
    expect(html).toContain('Veel mensen &lt;b&gt;wonen&lt;/b&gt; hier al lang.');
    expect(html.indexOf('De buurt helpt elkaar.')).toBeLessThan(html.indexOf('Veel mensen'));
    expect(html).toContain('<span class="ba-tag">Wat goed gaat</span>');
    expect(html).toContain(`href="/reactiedorp/melden/interpretation/${idOf(first.headers.location)}"`);
    const [entry] = await readAudit(w.tp.platform.db, { action: 'interpretation.post' });
    expect(entry?.after?.role).toBeDefined();
    const raw = await w.tp.platform.db.selectFrom('audit_log').select('after_json').where('action', '=', 'interpretation.post').execute();
    expect(raw.map((r) => r.after_json).join()).not.toContain('helpt elkaar');
    // The area's own page links to the readings.
    const areaPage = (await w.as.anonymous.get(base)).body;
    expect(areaPage).toContain('2 duidingen van bewoners en professionals, waarvan 1 over wat goed gaat.');
    expect(areaPage).toContain(`href="${base}/duiding"`);
  });

  it('refuses bad input naming the field and changes nothing; the role is chosen only from what the person has', async () => {
    const before = [await count(w.tp, 'audit_log')];
    const empty = await post(w.as.anna, { body: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#field-body">Uw duiding: Vul dit veld in.');
    const long = await post(w.as.anna, { body: 'x'.repeat(2001) });
    expect(long.body).toContain('Uw duiding: Gebruik hoogstens 2000 tekens.');
    const figure = await post(w.as.anna, { indicator: 'bestaat_niet', body: 'Hallo' });
    expect(figure.statusCode).toBe(422);
    expect(figure.body).toContain('Het cijfer bestaat_niet bestaat niet.');
    const kind = await post(w.as.anna, { kind: 'klacht', body: 'Hallo' });
    expect(kind.body).toContain('href="#field-kind">Wat wilt u vertellen?: Kies een van de mogelijkheden.');
    const role = await post(w.as.anna, { role: 'professional', body: 'Hallo' });
    expect(role.statusCode).toBe(422);
    expect(role.body).toContain('href="#field-role">U schrijft als: Kies een rol die u hebt voor dit gebied.');
    expect((await post(w.as.anonymous, { body: 'Hallo' })).statusCode).toBe(401);
    for (const who of ['carl', 'mo', 'admin'] as const) expect((await post(w.as[who], { body: 'Hallo' })).statusCode).toBe(403);
    expect((await post(w.as.anna, { body: 'Hallo' }, 'BU99990101')).statusCode).toBe(404);
    expect(await w.tp.platform.db.selectFrom('interpretations').select('id').execute()).toEqual([]);
    expect([await count(w.tp, 'audit_log')]).toEqual(before);
    // The forms offer only one's own roles.
    const annaForm = (await w.as.anna.get(`${base}/duiding/nieuw?jaar=2025&indicator=a_inw`)).body;
    expect(annaForm).toContain('U schrijft als bewoner.');
    expect(annaForm).toContain('<strong>Aantal inwoners</strong>');
    const bertForm = (await w.as.bert.get(`${base}/duiding/nieuw?jaar=2025`)).body;
    expect(bertForm).toContain('value="resident"');
    expect(bertForm).toContain('value="professional"');
    expect(bertForm).not.toContain('value="official"');
    expect((await w.as.anonymous.get(`${base}/duiding/nieuw`)).body).toContain('Log in om een duiding te geven');
    expect((await w.as.carl.get(`${base}/duiding/nieuw`)).body).toContain('Bevestig eerst uw e-mailadres');
    expect((await w.as.mo.get(`${base}/duiding/nieuw`)).body).toContain('Uw account heeft (nog) geen van die rollen');
  });

  it('lets an official with a district grant write as official in that district only', async () => {
    expect((await post(olga, { role: 'official', body: 'Hier is veel veranderd.' })).statusCode).toBe(303);
    expect((await post(olga, { role: 'official', body: 'Elders.' }, n2)).statusCode).toBe(403);
    expect((await page()).body).toContain('<strong>Olga Oost</strong>, ambtenaar');
  });

  it('hides a reading after moderation: others see a notice, the author the reason, and the API leaves it out', async () => {
    const id = idOf((await post(w.as.anna, { body: 'Buurman Jan van nummer 3 is lastig.' })).headers.location);
    expect((await w.as.anonymous.postForm(`/reactiedorp/melden/interpretation/${id}`, { category: 'personal_data' })).statusCode).toBe(303);
    expect((await w.as.mo.get('/reactiedorp/beheer/moderatie')).body).toContain('Buurman Jan van nummer 3');
    const hidden = await w.as.mo.postForm(`/reactiedorp/beheer/moderatie/interpretation/${id}/verbergen`, { reason: 'Noem geen buren bij naam.' });
    expect(hidden.statusCode).toBe(303);
    const publicPage = (await page()).body;
    expect(publicPage).toContain('Deze duiding is verborgen door de moderatie.');
    expect(publicPage).not.toContain('Buurman Jan');
    const own = (await page(w.as.anna)).body;
    expect(own).toContain('Buurman Jan van nummer 3');
    expect(own).toContain('Noem geen buren bij naam.');
    expect(own).not.toContain(`${base}/duiding/${id}/bewerken`);
    expect((await w.as.anna.postForm(`${base}/duiding/${id}/bewerken`, { kind: 'behind', role: 'resident', body: 'Anders.' })).statusCode).toBe(409);
    const api = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/interpretations`)).json() as { items: unknown[] };
    expect(api.items).toEqual([]);
  });

  it('lets the author change a reading for a short while and delete it, leaving a tombstone', async () => {
    const id = idOf((await post(w.as.anna, { body: 'Eerste versie.' })).headers.location);
    expect((await w.as.bert.get(`${base}/duiding/${id}/bewerken`)).statusCode).toBe(403);
    expect((await w.as.anna.get(`${base}/duiding/${id}/bewerken`)).body).toContain('Eerste versie.');
    const edited = await w.as.anna.postForm(`${base}/duiding/${id}/bewerken`, { kind: 'strength', role: 'resident', body: 'Tweede versie.' });
    expect(edited.statusCode).toBe(303);
    const html = (await page()).body;
    expect(html).toContain('Tweede versie.');
    expect(html).toContain(' · bewerkt');
    await w.tp.platform.db.updateTable('interpretations').set({ created_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('id', '=', id).execute();
    expect((await w.as.anna.postForm(`${base}/duiding/${id}/bewerken`, { kind: 'strength', role: 'resident', body: 'Te laat.' })).statusCode).toBe(409);
    expect((await w.as.bert.postForm(`${base}/duiding/${id}/verwijderen`, {})).statusCode).toBe(403);
    expect((await w.as.anna.postForm(`${base}/duiding/${id}/verwijderen`, {})).statusCode).toBe(303);
    const row = await w.tp.platform.db.selectFrom('interpretations').select(['body', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: '', status: 'deleted' });
    expect((await page()).body).toContain('Deze duiding is verwijderd door de schrijver.');
  });

  it("exports a person's readings and, on erasure, keeps tombstones without text or author", async () => {
    const id = idOf((await post(w.as.anna, { body: 'Mijn kijk op het plein.' })).headers.location);
    const subject = { personId: w.ids.anna, email: 'anna@test.example', name: 'Anna Aalders' };
    expect(JSON.stringify(await exportPersonalData(w.tp.platform.db, subject))).toContain('Mijn kijk op het plein.');
    await w.tp.platform.db.transaction().execute((tx) => erasePersonalData(tx, subject));
    const row = await w.tp.platform.db.selectFrom('interpretations').select(['author_id', 'body', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ author_id: null, body: '', status: 'erased' });
    const html = (await page()).body;
    expect(html).toContain('Deze duiding is verwijderd.');
    expect(html).not.toContain('Anna Aalders');
  });

  it('never shows or touches the readings of one municipality from another', async () => {
    const id = idOf((await post(w.as.anna, { body: 'Alleen voor Reactiedorp.' })).headers.location);
    expect((await w.as.anonymous.get(`/anderdorp/gebieden/${n1}/duiding`)).statusCode).toBe(404);
    expect((await w.as.anna.postForm(`/anderdorp/gebieden/${n1}/duiding/nieuw`, { year: '2025', kind: 'behind', role: 'resident', body: 'Verkeerd.' })).statusCode).toBe(404);
    expect((await w.as.anna.postForm(`/anderdorp/gebieden/${n1}/duiding/${id}/verwijderen`, {})).statusCode).toBe(404);
    expect((await w.as.anonymous.get(`/anderdorp/melden/interpretation/${id}`)).statusCode).toBe(404);
    expect((await w.as.moB.postForm(`/anderdorp/beheer/moderatie/interpretation/${id}/verbergen`, { reason: 'Weg.' })).statusCode).toBe(404);
    expect((await w.as.anonymous.get(`/api/v1/anderdorp/areas/${n1}/interpretations`)).statusCode).toBe(404);
    const digitsB = w.b.cbsCode.slice(2);
    expect((await w.as.anonymous.get(`/anderdorp/gebieden/BU${digitsB}0101/duiding`)).body).not.toContain('Alleen voor Reactiedorp');
    expect((await w.tp.platform.db.selectFrom('interpretations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('published');
  });

  it('renders the readings beside one figure for other pages, strengths first, with a link to the form for that figure', async () => {
    await post(w.as.anna, { kind: 'missing', body: 'Het cijfer mist de jongeren.' });
    await post(w.as.bert, { kind: 'strength', role: 'professional', body: 'Sterke buurt.' });
    await post(w.as.bert, { indicator: '', kind: 'strength', body: 'Over het geheel.' });
    const ctx = { platform: w.tp.platform, actor: { kind: 'anonymous' } as const, tenant: w.a, locale: 'nl' as const };
    const out = (await renderInterpretations(ctx, { areaCode: n1, year: 2025, indicator: 'a_inw', csrf: 'x', back: '/reactiedorp/cijfers', label: 'Aantal inwoners' })).value;
    expect(out.indexOf('Sterke buurt.')).toBeLessThan(out.indexOf('mist de jongeren'));
    expect(out).not.toContain('Over het geheel.');
    expect(out).toContain(`href="${base}/duiding/nieuw?jaar=2025&amp;indicator=a_inw&amp;terug=%2Freactiedorp%2Fcijfers"`);
    expect(out).toContain('<span class="ba-visually-hidden"> bij Aantal inwoners</span>');
    const whole = (await renderInterpretations(ctx, { areaCode: n1, year: 2025, indicator: null, csrf: 'x', back: '/' })).value;
    expect(whole).toContain('Over het geheel.');
    expect(whole).toContain(`href="${base}/duiding/nieuw?jaar=2025&amp;indicator=&amp;terug=%2F"`);
    expect((await w.as.anna.get(`${base}/duiding/nieuw?jaar=2025&indicator=`)).body).toContain('<strong>Het gebied als geheel</strong>');
    // After writing from another page, the writer returns there.
    const back = await post(w.as.anna, { body: 'Vanaf de cijferpagina.', terug: '/reactiedorp/cijfers?jaar=2025' });
    expect(back.headers.location).toMatch(/^\/reactiedorp\/cijfers\?jaar=2025#duiding-/);
    const elsewhere = await post(w.as.anna, { body: 'Niet naar buiten.', terug: '//evil.example/x' });
    expect(elsewhere.headers.location).toMatch(new RegExp(`^${base}/duiding`));
  });
});
