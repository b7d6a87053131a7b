import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAccount } from '../../../test/support/accounts.js';
import { agent, buildTestApp, signInDirectly, type Agent } from '../../../test/support/http.js';
import { openPlacesWorld, placeForm, type PlacesWorld } from '../../../test/support/places-world.js';
import { execute } from '../../platform/service.js';
import { addPlace } from '../places/index.js';
import { addActor, addRelation } from './service.js';

/**
 * Through the real server (SQLite; the rules are tested on both engines in service.test.ts):
 * changing a relation by page and API, reporting and hiding actors and relations, and who uses a
 * place on the place's own page. Pleindorp's places world: Anna and Bert are residents, Olga an
 * official; Mo moderates Pleindorp.
 */
describe('ecosystem: changing relations, moderation and who uses a place (pages and API)', () => {
  let w: PlacesWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let bert: Agent;
  let olga: Agent;
  let mo: Agent;
  let base: string;
  let api: string;
  let placeId: string;
  let unusedPlaceId: string;
  const ids = { kook: '', tuin: '', app: '', tie: '', uses: '', ref: '' };
  const anonymous = () => agent(app);
  const actorPage = (id: string) => `${base}/actoren/${id}`;
  const apiJson = async () => (await anonymous().api('GET', api)).json() as {
    actors: Array<{ id: string; name: string }>; relations: Array<{ id: string; kind: string; fromId: string; toId: string | null; note: string | null }>; findings: string[];
  };

  beforeAll(async () => {
    w = await openPlacesWorld('sqlite');
    app = await buildTestApp(w.tp.platform);
    const signedIn = async (who: string) => { const a = agent(app); await signInDirectly(a, w.tp.platform, `${who}@test.example`); return a; };
    [anna, bert, olga] = [await signedIn('anna'), await signedIn('bert'), await signedIn('olga')];
    mo = await signedInAccount(app, w.tp.platform, 'mo@test.example', w.a, 'moderator');
    const area = w.n[1];
    base = `/pleindorp/gebieden/${area}/ecosysteem`;
    api = `/api/v1/pleindorp/areas/${area}/ecosystem`;
    placeId = (await execute(w.ctx.anna, addPlace, placeForm())).id;
    unusedPlaceId = (await execute(w.ctx.anna, addPlace, placeForm({ name: 'Kerkzaal', type: 'religious', ownerType: 'religious' }))).id;
    ids.kook = (await execute(w.ctx.anna, addActor, { areaCode: area, kind: 'initiative', name: 'Kookclub De Pan', description: 'Samen koken op donderdag.' })).id;
    ids.tuin = (await execute(w.ctx.anna, addActor, { areaCode: area, kind: 'association', name: 'Moestuinvereniging' })).id;
    ids.tie = (await execute(w.ctx.anna, addRelation, { areaCode: area, kind: 'collaborates', fromId: ids.kook, toId: ids.tuin, note: 'Samen oogstfeest', since: '2024-05-01' })).id;
    ids.uses = (await execute(w.ctx.anna, addRelation, { areaCode: area, kind: 'uses_place', fromId: ids.kook, placeRef: placeId, note: 'Kookt er elke donderdag' })).id;
    // The app group reaches the garden only through the cooking club: the findings name the club as a connector.
    ids.app = (await execute(w.ctx.anna, addActor, { areaCode: area, kind: 'informal', name: 'Appgroep Plein' })).id;
    ids.ref = (await execute(w.ctx.anna, addRelation, { areaCode: area, kind: 'refers_to', fromId: ids.app, toId: ids.kook })).id;
  }, 60_000);
  afterAll(async () => { await app?.close(); await w?.close(); });

  it('offers whoever added a relation, and the editors, a short form to change it, which names the fields of bad input', async () => {
    const edit = `${base}/relaties/${ids.tie}/bewerken`;
    expect((await anna.get(actorPage(ids.kook))).body).toContain(`href="${edit}"`);
    expect((await olga.get(actorPage(ids.kook))).body).toContain(`href="${edit}"`);
    expect((await bert.get(actorPage(ids.kook))).body).not.toContain(`href="${edit}"`);
    expect((await anonymous().get(actorPage(ids.kook))).body).not.toContain('/bewerken');
    expect((await bert.get(edit)).statusCode).toBe(403);
    expect((await bert.postForm(edit, { kind: 'funds' })).statusCode).toBe(403);
    expect(String((await anonymous().get(edit)).headers.location)).toContain('/pleindorp/inloggen');

    const form = await anna.get(edit);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="collaborates" selected>');
    expect(form.body).not.toContain('<option value="uses_place"');
    expect(form.body).toContain('Samen oogstfeest');
    expect(form.body).toContain('value="2024-05-01"');
    const invalid = await anna.postForm(edit, { kind: 'collaborates', note: 'Samen zaaien', since: '2999-01-01' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('id="error-summary"');
    expect(invalid.body).toContain('href="#field-since">Sinds: Deze datum ligt in de toekomst.</a>');
    expect(invalid.body).toContain('Samen zaaien');
    const saved = await anna.postForm(edit, { kind: 'supports', note: 'Samen zaaien', since: '2024-03-01' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base}#relaties`);
    const page = (await anonymous().get(base)).body;
    expect(page).toContain('Samen zaaien');
    expect(page).not.toContain('Samen oogstfeest');

    // A relation with a place stays one: its form offers places, not kinds.
    const placeForm = (await olga.get(`${base}/relaties/${ids.uses}/bewerken`)).body;
    expect(placeForm).toContain(`<option value="${placeId}" selected>`);
    expect(placeForm).not.toContain('name="kind"');
  });

  it('changes a relation through the JSON API with the same rules', async () => {
    const url = `${api}/relations/${ids.tie}`;
    expect((await anna.api('PUT', url, { kind: 'funds', note: 'Betaalt de zaden', since: '2024-03-01' })).json()).toEqual({ id: ids.tie });
    expect((await apiJson()).relations.find((r) => r.id === ids.tie)).toMatchObject({ kind: 'funds', fromId: ids.kook, toId: ids.tuin, note: 'Betaalt de zaden' });
    expect((await bert.api('PUT', url, { kind: 'collaborates' })).statusCode).toBe(403);
    expect((await anonymous().api('PUT', url, { kind: 'collaborates' })).statusCode).toBe(401);
    const bad = await anna.api('PUT', url, { kind: 'uses_place', since: 'gisteren' });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['kind', 'since']);
    expect((await anna.api('PUT', `${api}/relations/onbekend`, { kind: 'funds' })).statusCode).toBe(404);
    expect((await anna.api('PUT', `/api/v1/pleindorp/areas/${w.n[0]}/ecosystem/relations/${ids.tie}`, { kind: 'funds' })).statusCode).toBe(404);
  });

  it("lists who uses a place on the place's page, and nothing on a place nobody uses", async () => {
    const page = (await anonymous().get(`/pleindorp/plekken/${placeId}`)).body;
    expect(page).toContain('<h2 class="utrecht-heading-2" id="wie-gebruikt-deze-plek">Wie gebruikt deze plek?</h2>');
    expect(page).toMatch(new RegExp(`<li>\\s*<a class="utrecht-link" href="${actorPage(ids.kook)}">Kookclub De Pan</a> <span class="ba-small">\\(bewonersinitiatief\\)</span>: Kookt er elke donderdag\\s*</li>`));
    expect((await anonymous().get(`/pleindorp/plekken/${unusedPlaceId}`)).body).not.toContain('Wie gebruikt deze plek?');
  });

  it('lets anyone report an actor; once a moderator hid it, it is gone from everything public but its own page, until restored', async () => {
    const report = `/pleindorp/melden/ecosystem_actor/${ids.kook}`;
    expect((await apiJson()).findings.join(' ')).toContain('Kookclub De Pan is a connector');
    expect((await anonymous().get(actorPage(ids.kook))).body).toContain(`href="${report}"`);
    expect((await anna.get(actorPage(ids.kook))).body).not.toContain(`href="${report}"`);
    expect((await anonymous().postForm(report, { category: 'abuse', explanation: 'Scheldt in de beschrijving' })).statusCode).toBe(303);
    const queue = (await mo.get('/pleindorp/beheer/moderatie')).body;
    expect(queue).toContain('Kookclub De Pan (sociaal ecosysteem van Buurt Buurt Een-B)');
    const item = `/pleindorp/beheer/moderatie/ecosystem_actor/${ids.kook}`;
    expect(queue).toContain(`href="${item}"`);
    expect((await mo.get(item)).body).toContain(`href="${actorPage(ids.kook)}"`);
    expect((await mo.postForm(`${item}/verbergen`, { reason: 'Beledigende beschrijving.' })).statusCode).toBe(303);

    const visible = async () => {
      const json = await apiJson();
      return {
        area: (await anonymous().get(`/pleindorp/gebieden/${w.n[1]}`)).body.includes('Vastgelegd: 3 actoren en 3 relaties.'),
        page: (await anonymous().get(base)).body.includes('Kookclub De Pan'),
        api: json.actors.some((a) => a.id === ids.kook) || json.relations.some((r) => r.fromId === ids.kook || r.toId === ids.kook),
        findings: json.findings.join(' ').includes('Kookclub'),
        place: (await anonymous().get(`/pleindorp/plekken/${placeId}`)).body.includes('Kookclub De Pan'),
      };
    };
    expect(await visible()).toEqual({ area: false, page: false, api: false, findings: false, place: false });
    expect((await anonymous().get(`/pleindorp/gebieden/${w.n[1]}`)).body).toContain('Vastgelegd: 2 actoren en 0 relaties.');
    expect((await apiJson()).findings.join(' ')).toContain('Still apart from the rest (2): Appgroep Plein and Moestuinvereniging.');
    const hidden = await anonymous().get(actorPage(ids.kook));
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toContain('Deze actor is verborgen door de moderatie.');
    expect(hidden.body).not.toContain('Kookclub');
    // Who added it and the area's editors read why, and an editor may set it right.
    for (const who of [anna, olga]) expect((await who.get(actorPage(ids.kook))).body).toContain('De reden: Beledigende beschrijving.');
    expect((await bert.get(actorPage(ids.kook))).body).not.toContain('Beledigende');
    expect((await olga.postForm(`${actorPage(ids.kook)}/bewerken`, { kind: 'initiative', name: 'Kookclub De Pan', description: 'Samen koken.' })).statusCode).toBe(303);

    expect((await mo.postForm(`${item}/terugzetten`, { restoreNote: 'De beschrijving is aangepast.' })).statusCode).toBe(303);
    expect(await visible()).toEqual({ area: true, page: true, api: true, findings: true, place: true });
  });

  it('lets anyone report a relation from its actor page; hidden, it shows with the reason only to who may change it', async () => {
    const report = `/pleindorp/melden/ecosystem_relation/${ids.tie}`;
    expect((await anonymous().get(actorPage(ids.tuin))).body).toContain(`href="${report}"`);
    expect((await anonymous().postForm(report, { category: 'other' })).statusCode).toBe(303);
    expect((await mo.get('/pleindorp/beheer/moderatie')).body).toContain('Relatie: Kookclub De Pan financiert Moestuinvereniging (Buurt Buurt Een-B)');
    expect((await mo.postForm(`/pleindorp/beheer/moderatie/ecosystem_relation/${ids.tie}/verbergen`, { reason: 'Klopt niet.' })).statusCode).toBe(303);
    expect((await apiJson()).relations.map((r) => r.id)).toEqual([ids.uses, ids.ref]);
    expect((await anonymous().get(actorPage(ids.kook))).body).not.toContain('Betaalt de zaden');
    const own = (await anna.get(actorPage(ids.kook))).body;
    expect(own).toContain('De reden: Klopt niet.');
    expect(own).toContain(`action="${base}/relaties/${ids.tie}/verwijderen"`);
    // Who added it may no longer change it (the editors may), only remove it.
    expect(own).not.toContain(`href="${base}/relaties/${ids.tie}/bewerken"`);
    expect((await anna.get(`${base}/relaties/${ids.tie}/bewerken`)).statusCode).toBe(409);
    expect((await olga.get(actorPage(ids.kook))).body).toContain(`href="${base}/relaties/${ids.tie}/bewerken"`);
    expect((await mo.postForm(`/pleindorp/beheer/moderatie/ecosystem_relation/${ids.tie}/terugzetten`, { restoreNote: 'Toch juist.' })).statusCode).toBe(303);
    expect((await apiJson()).relations.map((r) => r.id)).toEqual([ids.tie, ids.uses, ids.ref]);
  });
});
