import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { count, openModerationWorld, type ModerationWorld } from '../../../test/support/moderation.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { system } from '../../platform/policy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';

/**
 * Conversation rounds and the open data of readings, on both engines. Bert is a professional,
 * Anna a resident who chairs an association, Mo only a moderator.
 */
describeEachEngine('conversation rounds and open data', (engine) => {
  let w: ModerationWorld;
  let n1: string;
  let base: string;
  let association: string;

  const round = (who: keyof ModerationWorld['as'], fields: Record<string, string> = {}, code = n1, slug = 'reactiedorp') => w.as[who].postForm(`/${slug}/gebieden/${code}/gespreksrondes/nieuw`, {
    year: '2025', title: 'Buurtavond over de cijfers', heldOn: '2025-03-12', place: 'Buurthuis', residents: '12', professionals: '3', officials: '1', entrepreneurs: '2', others: '',
    outcome: 'We zagen vooral wat goed gaat.\n\nDe koffieochtend groeit.', ...fields,
  });

  beforeEach(async () => {
    w = await openModerationWorld(engine);
    const sys = { platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a_2025.geojson', text: smallMunicipality(w.a.cbsCode, { municipality: 'Reactiedorp' }) }], { divisionYear: 2025 });
    n1 = `BU${w.a.cbsCode.slice(2)}0101`;
    base = `/reactiedorp/gebieden/${n1}`;
    const db = w.tp.platform.db;
    for (const [who, role] of [['anna', 'resident'], ['bert', 'professional']] as const) {
      await db.insertInto('role_grants').values({ id: newId(), person_id: w.ids[who], role, scope_type: 'municipality', scope_id: w.a.id, municipality_id: w.a.id, granted_at: nowIso() }).execute();
    }
    association = newId();
    await db.insertInto('organisations').values({ id: association, municipality_id: w.a.id, kind: 'association', name: 'Buurtvereniging Een', description: null, area_code: n1, parent_id: null, email: null, website: null, created_at: nowIso(), updated_at: nowIso() }).execute();
  }, 60_000);
  afterEach(async () => w.close());

  it('lets officials, professionals and board members record a round; others are refused and nothing changes', async () => {
    const before = await count(w.tp, 'audit_log');
    expect((await round('anonymous')).statusCode).toBe(401);
    for (const who of ['anna', 'mo', 'weakAdmin'] as const) expect((await round(who)).statusCode).toBe(403);
    expect((await w.as.anna.get(`${base}/gespreksrondes/nieuw`)).statusCode).toBe(403);
    expect(await count(w.tp, 'audit_log')).toBe(before);
    expect((await w.as.anonymous.get(`${base}/gespreksrondes`)).body).not.toContain('Een gespreksronde vastleggen');
    expect((await w.as.bert.get(`${base}/gespreksrondes`)).body).toContain('Een gespreksronde vastleggen');
    expect((await round('bert')).statusCode).toBe(303);
    expect((await round('admin')).statusCode).toBe(303);
    // The chair of an association of this municipality is a board member.
    await w.tp.platform.db.insertInto('memberships').values({ id: newId(), organisation_id: association, person_id: w.ids.anna, duty: 'chair', created_at: nowIso() } as never).execute();
    expect((await round('anna', { organisationId: association })).statusCode).toBe(303);
    // …of the rounds her organisation organised: she names it, and not another one.
    const unnamed = await round('anna');
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.body).toContain('href="#field-organisationId">Georganiseerd door: Kies de organisatie die de gespreksronde organiseerde.');
    const other = newId();
    await w.tp.platform.db.insertInto('organisations').values({ id: other, municipality_id: w.a.id, kind: 'association', name: 'Andere vereniging', description: null, area_code: null, parent_id: null, email: null, website: null, created_at: nowIso(), updated_at: nowIso() }).execute();
    expect((await round('anna', { organisationId: other })).statusCode).toBe(403);
    expect(await w.tp.platform.db.selectFrom('conversation_rounds').select('id').execute()).toHaveLength(3);
  });

  it('refuses a round without participants, with a date in the future or an unknown figure, naming the field', async () => {
    const none = await round('bert', { residents: '0', professionals: '0', officials: '0', entrepreneurs: '0' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('href="#field-residents">Bewoners: Vul in hoeveel mensen er waren.');
    const future = await round('bert', { heldOn: '2999-01-01' });
    expect(future.body).toContain('href="#field-heldOn">Datum: Een gespreksronde legt u vast als die geweest is.');
    const date = await round('bert', { heldOn: '2025-02-30' });
    expect(date.statusCode, date.body.slice(date.body.indexOf('error-summary'), date.body.indexOf('error-summary') + 600)).toBe(422);
    expect(date.body).toContain('Datum: Vul een datum in');
    const negative = await round('bert', { residents: '-3' });
    expect(negative.statusCode).toBe(422);
    const figure = await round('bert', { indicators: 'geen_cijfer' });
    expect(figure.body).toContain('href="#field-indicators">Besproken cijfers: Het cijfer geen_cijfer bestaat niet.');
    const organiser = await round('bert', { organisationId: 'elders' });
    expect(organiser.body).toContain('href="#field-organisationId">');
    expect(await w.tp.platform.db.selectFrom('conversation_rounds').select('id').execute()).toEqual([]);
    expect((await round('bert', {}, `BU${w.b.cbsCode.slice(2)}0101`)).statusCode).toBe(404);
  });

  it('shows a round with its numbers per group, figures, outcome and the readings written in it; the API gives both', async () => {
    const posted = await w.as.bert.request({
      method: 'POST', url: `${base}/gespreksrondes/nieuw`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', await w.as.bert.csrfToken()], ['year', '2025'], ['title', 'Buurtavond'], ['heldOn', '2025-03-12'], ['place', 'Buurthuis De Linde'],
        ['organisationId', association], ['residents', '12'], ['professionals', '3'], ['officials', '1'], ['entrepreneurs', '2'], ['others', '0'],
        ['indicators', 's_65_oo'], ['indicators', 'a_inw'], ['outcome', 'Veel ouderen doen mee.']]).toString(),
    });
    expect(posted.statusCode).toBe(303);
    const roundId = /gespreksrondes\/([a-z0-9]+)$/.exec(String(posted.headers.location))![1]!;
    const reading = await w.as.anna.postForm(`${base}/duiding/nieuw`, { year: '2025', indicator: 's_65_oo', kind: 'strength', role: 'resident', body: 'De koffieochtend zit vol.', roundId });
    expect(reading.statusCode).toBe(303);
    const unlinked = await w.as.anna.postForm(`${base}/duiding/nieuw`, { year: '2025', indicator: 'a_inw', kind: 'behind', role: 'resident', body: 'Niet uit de ronde.', roundId: 'bestaat-niet' });
    expect(unlinked.statusCode).toBe(422);

    const page = (await w.as.anonymous.get(`${base}/gespreksrondes/${roundId}`)).body;
    expect(page).toContain('<h1 class="utrecht-heading-1">Buurtavond</h1>');
    expect(page).toContain('12 maart 2025');
    expect(page).toContain(`href="/reactiedorp/organisaties/${association}">Buurtvereniging Een</a>`);
    expect(page).toMatch(/<td[^>]*>Totaal<\/td>\s*<td[^>]*>18<\/td>/);
    expect(page).toContain(`href="${base}/duiding?jaar=2025#cijfer-s_65_oo">Aandeel 65-plussers</a>`);
    expect(page).toContain('Veel ouderen doen mee.');
    expect(page).toContain('Duidingen uit deze ronde (1)');
    expect(page).toContain('De koffieochtend zit vol.');
    expect((await w.as.anonymous.get(`${base}/gespreksrondes`)).body).toContain(`href="${base}/gespreksrondes/${roundId}">Buurtavond</a>`);
    const duiding = (await w.as.anonymous.get(`${base}/duiding?jaar=2025`)).body;
    expect(duiding).toContain('uit de gespreksronde “Buurtavond”');
    expect((await w.as.anonymous.get(`/anderdorp/gebieden/${n1}/gespreksrondes/${roundId}`)).statusCode).toBe(404);

    const json = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/interpretations?year=2025`)).json() as { items: Array<Record<string, unknown>> };
    expect(json.items).toHaveLength(1);
    expect(json.items[0]).toMatchObject({
      areaCode: n1, year: 2025, indicator: 's_65_oo', indicatorLabel: 'Share of residents aged 65 or over', kind: 'strength', text: 'De koffieochtend zit vol.',
      author: { name: 'Anna Aalders', role: 'resident' }, conversationRoundId: roundId, editedAt: null,
    });
    expect(JSON.stringify(json)).not.toContain('anna@test.example');
    expect(JSON.stringify(json)).not.toContain(w.ids.anna);
    expect(((await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/interpretations?year=2024`)).json() as { items: unknown[] }).items).toEqual([]);
    expect((await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/interpretations?year=abc`)).statusCode).toBe(422);

    const csv = await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/interpretations.csv?year=2025&lang=nl`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="duiding-${n1}-2025.csv"`);
    const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id;area_code;year;indicator;indicator_label;kind;text;author_name;author_role;created_at;edited_at;conversation_round_id');
    expect(lines[1]).toContain(`;${n1};2025;s_65_oo;Aandeel 65-plussers;strength;De koffieochtend zit vol.;Anna Aalders;resident;`);

    const rounds = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/conversation-rounds`)).json() as { items: Array<Record<string, unknown>> };
    expect(rounds.items).toEqual([expect.objectContaining({
      id: roundId, title: 'Buurtavond', heldOn: '2025-03-12', place: 'Buurthuis De Linde', organiser: { id: association, name: 'Buurtvereniging Een' },
      participants: { residents: 12, professionals: 3, officials: 1, entrepreneurs: 2, others: 0 }, indicators: ['s_65_oo', 'a_inw'], outcome: 'Veel ouderen doen mee.', interpretations: 1,
    })]);
    const openApi = (await w.as.anonymous.get('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining([
      '/api/v1/{municipality}/areas/{code}/interpretations', '/api/v1/{municipality}/areas/{code}/interpretations.csv', '/api/v1/{municipality}/areas/{code}/conversation-rounds',
    ]));
  });
});
