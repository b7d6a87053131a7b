import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { agent, buildTestApp, signedInAgent, type Agent } from '../../../test/support/http.js';
import { html } from '../../platform/html.js';
import { execute } from '../../platform/service.js';
import { registerPlaceSection } from './sections.js';
import { inside, openPlacesWorld, placeForm, type PlacesWorld } from '../../../test/support/places-world.js';
import { placesMessages } from './messages.js';
import { MAP_WIDTH, frameOfAreas } from './pages/map.js';
import { pickerViewport } from './model.js';
import { addHistoryEntry } from '../history/index.js';
import { addPlace, assessPlace, changePlaceStatus, currentNeighbourhoods } from './service.js';

describe('places messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => expectSameKeysAndPlaceholders(placesMessages));
});

/** The pages and the API of places, through the real server (SQLite). */
describe('places: pages and API', () => {
  let w: PlacesWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let olga: Agent;
  let anonymous: Agent;
  const base = '/pleindorp/plekken';
  const idOf = (location: unknown) => /\/plekken\/([a-z0-9]+)/.exec(String(location))?.[1] ?? '';

  beforeEach(async () => {
    w = await openPlacesWorld('sqlite');
    app = await buildTestApp(w.tp.platform);
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    olga = await signedInAgent(app, w.tp.platform, 'olga@test.example');
    anonymous = agent(app);
  }, 60_000);
  afterEach(async () => { await app.close(); await w.close(); });

  it('adds a place through the form, showing errors that name the field, and tells its story on its page', async () => {
    const form = await anna.get(`${base}/nieuw`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<input type="image" name="kaart" src="${base}/kaart.svg"`);
    const noName = await anna.postForm(`${base}/nieuw`, placeForm({ name: '' }));
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('<a class="utrecht-link" href="#field-name">Naam: Vul dit veld in.</a>');
    const bad = await anna.postForm(`${base}/nieuw`, placeForm({ hours_tue: 'avond', cost: 'weet niet' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-hours_tue">dinsdag: Schrijf de tijden zo: 09:00-12:00, 19:00-22:00.</a>');
    expect(bad.body).toContain('href="#field-cost">Kosten per uur voor een bewonersgroep (euro): Vul een bedrag in euro in');
    expect(bad.body).toContain('value="weet niet"');
    const saved = await anna.postForm(`${base}/nieuw`, placeForm());
    expect(saved.statusCode).toBe(303);
    const id = idOf(saved.headers.location);
    const page = await anonymous.get(`${base}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Buurthuis De Schakel</h1>');
    expect(page.body).toContain(`href="/pleindorp/gebieden/${w.n[1]}">Buurt Een-B</a>`);
    expect(page.body).toContain('09:00–12:00, 19:00–22:30');
    expect(page.body).toContain('gratis');
    expect(page.body).toContain('Ook open ’s avonds en in het weekend.');
    expect(page.body).toContain('Nog niemand beoordeelde deze plek.');
    expect(page.body).toContain('In gebruik</strong> <span class="ba-optional">(vastgelegd door Anna Aalders)</span>');
    expect(page.body).toContain(`<a class="utrecht-link" href="/pleindorp/inloggen?terug=${encodeURIComponent(`${base}/${id}`)}">Log in om deze plek te beoordelen.</a>`);
    // The area's page counts its places.
    expect((await anonymous.get(`/pleindorp/gebieden/${w.n[1]}`)).body).toContain('Plekken om elkaar te ontmoeten: 1 (bedreigd: 0, leeg: 0).');
  });

  it('picks the location by clicking the map (no script): the form comes back with the coordinates and the neighbourhood', async () => {
    const frame = frameOfAreas(await currentNeighbourhoods(w.tp.platform.db, w.a))!;
    const [x, y] = pickerViewport(frame, MAP_WIDTH).at(5.025, 52.005);
    const values = placeForm({ lat: '', lon: '' });
    const picked = await anna.postForm(`${base}/nieuw`, { ...values, 'kaart.x': Math.round(x), 'kaart.y': Math.round(y) });
    expect(picked.statusCode).toBe(200);
    expect(picked.body).toContain('U wees een plek aan in Buurt Twee-A.');
    const lat = Number(/name="lat" type="text"\s+value="([^"]+)"/.exec(picked.body)?.[1]);
    const lon = Number(/name="lon" type="text"\s+value="([^"]+)"/.exec(picked.body)?.[1]);
    expect(lat).toBeCloseTo(52.005, 3);
    expect(lon).toBeCloseTo(5.025, 3);
    expect(picked.body).toContain(`${base}/kaart.svg?lat=`);
    expect(await w.tp.platform.db.selectFrom('places').select('id').execute()).toEqual([]);
    // Enter in a field "clicks" the image button at (0, 0): that sends the form.
    const sent = await anna.postForm(`${base}/nieuw`, { ...placeForm(), 'kaart.x': 0, 'kaart.y': 0 });
    expect(sent.statusCode).toBe(303);
    const svg = await anonymous.get(`${base}/kaart.svg?lat=52.005&lon=5.025`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<circle');
  });

  it('lists and maps places with filters, and finds them in the evening search with reasons', async () => {
    const schakel = await execute(w.ctx.anna, addPlace, placeForm());
    const kerk = await execute(w.ctx.anna, addPlace, placeForm({ name: 'Kerkzaal', type: 'religious', ownerType: 'religious', cost: '', ...inside(2) }));
    await execute(w.ctx.anna, addPlace, placeForm({ name: 'Oude bieb', type: 'vacant_building', status: 'vacant', ...inside(3) }));
    await execute(w.ctx.olga, changePlaceStatus, { id: kerk.id, status: 'threatened', threatKind: 'sale', changedOn: new Date().toISOString().slice(0, 10), note: 'Het bisdom verkoopt.' });
    const list = await anonymous.get(base);
    expect(list.body).toContain('Aantal plekken: 3 (bedreigd: 1, leeg: 1, gesloten: 0)');
    expect(list.body).toContain(`<a href="${base}/${schakel.id}" aria-label="Buurthuis De Schakel (In gebruik)">`);
    expect(list.body).toContain('Bedreigd: verkoop');
    const district = await anonymous.get(`${base}?gebied=WK${w.a.cbsCode.slice(2)}02&soort=religious`);
    expect(district.body).toContain('Aantal plekken: 1 ');
    expect(district.body).toContain('Kerkzaal');
    expect((await anonymous.get(`${base}?gebied=BU00000000`)).statusCode).toBe(404);

    const search = await anonymous.get(`${base}/zoeken?dag=tue&van=19:30&tot=22:00&groep=30&maxkosten=2&stepFree=on&gebied=`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Plekken die passen: 1');
    expect(search.body).toContain('open op dinsdag van 19:30 tot 22:00 · gratis · 40 personen · Drempelvrij');
    expect(search.body).toContain('Misschien, want iets is niet bekend: 1');
    expect(search.body).toContain('kosten onbekend');
    expect(search.body).not.toContain('Oude bieb');
    const wrong = await anonymous.get(`${base}/zoeken?dag=tue&van=22:00&tot=19:00`);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#field-tot">Tot: De eindtijd moet na de begintijd liggen.</a>');

    const api = await anonymous.get(`/api/v1/pleindorp/places?weekday=tue&from=19:30&to=22:00&groupSize=30&maxCostCents=200&needs=stepFree`);
    expect(api.statusCode).toBe(200);
    const json = api.json() as { search: boolean; items: Array<{ name: string; certain: boolean; costCentsPerHour: number | null; reasons: Array<{ kind: string }> }> };
    expect(json.search).toBe(true);
    expect(json.items.map((i) => [i.name, i.certain, i.costCentsPerHour])).toEqual([['Buurthuis De Schakel', true, 0], ['Kerkzaal', false, null]]);
    expect(json.items[0]!.reasons[0]).toEqual({ kind: 'open', weekday: 'tue', from: '19:30', to: '22:00' });
    const paged = (await anonymous.get('/api/v1/pleindorp/places?weekday=tue&limit=1&offset=1')).json() as { total: number; items: Array<{ name: string }> };
    expect([paged.total, paged.items.map((i) => i.name)]).toEqual([2, ['Kerkzaal']]);
    expect((await anonymous.get('/api/v1/pleindorp/places?limit=0')).statusCode).toBe(422);
    const all = (await anonymous.get('/api/v1/pleindorp/places?status=vacant')).json() as { items: Array<{ name: string }> };
    const openapi = (await anonymous.get('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/{municipality}/places', '/api/v1/{municipality}/places/{id}']));
    expect(all.items.map((i) => i.name)).toEqual(['Oude bieb']);
  });

  it('assesses a place and changes its status through the forms; the page shows each quality with its spread and n', async () => {
    const { id } = await execute(w.ctx.anna, addPlace, placeForm());
    await execute(w.ctx.bert, assessPlace, { id, score_host: '5', score_hours: '2' });
    const signIn = await anonymous.get(`${base}/${id}/beoordelen`);
    expect([signIn.statusCode, String(signIn.headers.location)]).toEqual([303, expect.stringContaining('/pleindorp/inloggen')]);
    const empty = await anna.postForm(`${base}/${id}/beoordelen`, { comment: 'Fijn' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#field-score_accessible">Makkelijk binnen te lopen: Geef ten minste één kenmerk een cijfer.</a>');
    const assessed = await anna.postForm(`${base}/${id}/beoordelen`, { score_host: '3', score_hours: '4', score_mood: '', comment: 'Koffie staat altijd klaar.' });
    expect(assessed.statusCode).toBe(303);
    const page = (await anonymous.get(`${base}/${id}`)).body;
    expect(page).toContain('Beoordelingen door bewoners (2)');
    expect(page).toMatch(/Een gastvrije gastheer of gastvrouw<br>.*?<\/td><td class="utrecht-table__cell utrecht-table__cell--numeric">4,0<\/td><td class="utrecht-table__cell">van 3 tot 5<\/td><td class="utrecht-table__cell utrecht-table__cell--numeric">2<\/td>/s);
    expect(page).toContain('Koffie staat altijd klaar.');
    const assessmentId = /id="beoordeling-([a-z0-9]+)"/.exec(page)![1]!;
    expect(page).toContain(`href="/pleindorp/melden/placeAssessment/${assessmentId}"`);
    expect((await anonymous.get(`/pleindorp/melden/placeAssessment/${assessmentId}`)).body).toContain('Koffie staat altijd klaar.');
    // Anna sees her own assessment again, with a notice that a new one replaces it.
    const again = await anna.get(`${base}/${id}/beoordelen`);
    expect(again.body).toContain('Uw nieuwe beoordeling komt in de plaats van de oude.');
    expect(again.body).toMatch(/id="field-score_host-3" name="score_host" value="3" checked/);

    expect((await anna.get(`${base}/${id}/status`)).statusCode).toBe(200);
    const bert = await signedInAgent(app, w.tp.platform, 'bert@test.example');
    expect((await bert.get(`${base}/${id}/status`)).statusCode).toBe(403);
    const noNote = await olga.postForm(`${base}/${id}/status`, { status: 'threatened', threatKind: '', changedOn: new Date().toISOString().slice(0, 10), note: '' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain('href="#field-note">Toelichting: Vul dit veld in.</a>');
    const changed = await olga.postForm(`${base}/${id}/status`, { status: 'threatened', threatKind: 'rent_rise', changedOn: new Date().toISOString().slice(0, 10), note: 'De corporatie verdubbelt de huur.' });
    expect(changed.statusCode).toBe(303);
    const story = (await anonymous.get(`${base}/${id}`)).body;
    expect(story).toContain('Bedreigd: hogere huur</strong> — De corporatie verdubbelt de huur. <span class="ba-optional">(vastgelegd door Olga Oost)</span>');
    const one = (await anonymous.get(`/api/v1/pleindorp/places/${id}`)).json() as { status: string; statusHistory: unknown[]; assessments: { count: number; qualities: Record<string, { n: number; mean: number | null }> } };
    expect(one.status).toBe('threatened');
    expect(one.statusHistory).toHaveLength(2);
    expect(one.assessments.count).toBe(2);
    expect(one.assessments.qualities.host).toMatchObject({ n: 2, mean: 4 });
    expect(one.assessments.qualities.mood).toMatchObject({ n: 0, mean: null });
  });

  it('lists the timeline entries of the neighbourhood that name the place', async () => {
    const { id } = await execute(w.ctx.anna, addPlace, placeForm());
    await execute(w.ctx.anna, addHistoryEntry, {
      areaCode: w.n[1], title: 'Het buurthuis gaat open', kind: 'opening', when: '1975', story: 'Bewoners openden het buurthuis.',
      sources: [{ citation: 'Wijkkrant, mei 1975', url: null }], references: [{ type: 'place', id }],
    });
    const page = (await anonymous.get(`${base}/${id}`)).body;
    expect(page).toContain('In de geschiedenis van de buurt');
    expect(page).toMatch(new RegExp(`href="/pleindorp/gebieden/${w.n[1]}/geschiedenis/[a-z0-9]+">Het buurthuis gaat open</a>`));
    // The history form offers the neighbourhood's places.
    const form = (await anna.get(`/pleindorp/gebieden/${w.n[1]}/geschiedenis/nieuw`)).body;
    expect(form).toContain(`name="place" value="${id}"`);
    expect(form).toContain('Buurthuis De Schakel');
  });

  it('shows what another capability adds to a place\'s page', async () => {
    registerPlaceSection({ name: 'test-users', order: 10, async render(_ctx, place) { return html`<section><h2 class="utrecht-heading-2">Wie komen hier samen</h2><p>${place.name}: de koffieochtend</p></section>`; } });
    const { id } = await execute(w.ctx.anna, addPlace, placeForm());
    expect((await anonymous.get(`${base}/${id}`)).body).toContain('<p>Buurthuis De Schakel: de koffieochtend</p>');
  });

  it('edits a place as its creator, and shows in English', async () => {
    const { id } = await execute(w.ctx.anna, addPlace, placeForm());
    const form = await anna.get(`${base}/${id}/bewerken`);
    expect(form.body).toContain('value="09:00-12:00, 19:00-22:30"');
    const saved = await anna.postForm(`${base}/${id}/bewerken`, placeForm({ name: 'De Schakel', cost: '3,50' }));
    expect(saved.statusCode).toBe(303);
    const english = await anonymous.get(`${base}/${id}?lang=en`);
    expect(english.body).toContain('<h1 class="utrecht-heading-1">De Schakel</h1>');
    expect(english.body).toContain('€ 3.50 per hour');
    expect((await anonymous.get(`${base}/onbekend`)).statusCode).toBe(404);
  });
});
