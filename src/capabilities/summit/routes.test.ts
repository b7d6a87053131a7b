import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { agent, buildTestApp, signedInAgent, type Agent } from '../../../test/support/http.js';
import { openSummitWorld, summitForm, type SummitWorld } from '../../../test/support/summit-world.js';
import { summitMessages } from './messages.js';
import { groupsOf, milestonesOf } from './store.js';

describe('summit messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => expectSameKeysAndPlaceholders(summitMessages));
});

/** The pages and the API of preparing a summit, through the real server (SQLite). */
describe('summit: pages and API', () => {
  let w: SummitWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let bert: Agent;
  let anonymous: Agent;
  const M = '/pleindorp';
  const idOf = (location: unknown) => /\/buurttops\/([a-z0-9]+)/.exec(String(location))?.[1] ?? '';
  const audits = async () => Number((await w.tp.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeEach(async () => {
    w = await openSummitWorld('sqlite');
    app = await buildTestApp(w.tp.platform);
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    bert = await signedInAgent(app, w.tp.platform, 'bert@test.example');
    anonymous = agent(app);
  }, 60_000);
  afterEach(async () => { await app.close(); await w.close(); });

  const createThroughForm = async () => {
    const { areaCode: _code, ...fields } = summitForm(w);
    const saved = await anna.postForm(`${M}/gebieden/${w.n[1]}/buurttop/nieuw`, fields);
    expect(saved.statusCode).toBe(303);
    return idOf(saved.headers.location);
  };

  it('starts a summit through the form, naming the fields it refuses, and shows its plan and groups', async () => {
    const form = await anna.get(`${M}/gebieden/${w.n[1]}/buurttop/nieuw`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${w.association}" selected>Bewonersvereniging Een-B</option>`);
    expect(form.body).toContain(`<option value="${w.placeId}">Buurthuis De Schakel</option>`);
    const { areaCode: _code, ...fields } = summitForm(w);
    const bad = await anna.postForm(`${M}/gebieden/${w.n[1]}/buurttop/nieuw`, { ...fields, endTime: '09:00', date: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-date">Datum: Vul dit veld in.</a>');
    const bad2 = await anna.postForm(`${M}/gebieden/${w.n[1]}/buurttop/nieuw`, { ...fields, endTime: '09:00' });
    expect(bad2.body).toContain('href="#field-endTime">Eindtijd: De eindtijd ligt na de begintijd.</a>');
    expect(bad2.body).toContain('value="09:00"');
    const id = await createThroughForm();
    const page = await anna.get(`${M}/buurttops/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">BuurtTop Buurt Een-B</h1>');
    expect(page.body).toContain('zaterdag 15 maart 2031, 10:00–16:00');
    expect(page.body).toContain('Kernteam vormen');
    expect(page.body).toContain('0 van 9 stappen gedaan');
    expect(page.body).toContain('Zorg en zorgzaamheid');
    // The overview, the area's summits and the area's page name it.
    expect((await anonymous.get(`${M}/buurttops`)).body).toContain(`href="${M}/buurttops/${id}">BuurtTop Buurt Een-B</a>`);
    expect((await anonymous.get(`${M}/gebieden/${w.n[1]}/buurttop`)).body).toContain(`href="${M}/buurttops/${id}"`);
    expect((await anonymous.get(`${M}/gebieden/${w.n[1]}`)).body).toContain(`href="${M}/gebieden/${w.n[1]}/buurttop">Alle BuurtTops van dit gebied</a>`);
    // In English.
    expect((await anonymous.get(`${M}/buurttops/${id}?lang=en`)).body).toContain('Saturday, 15 March 2031, 10:00–16:00');
  });

  it('marks a step done, writes a briefing, and shows the groups\' work to the public only once registration opens', async () => {
    const id = await createThroughForm();
    const [first] = await milestonesOf(w.tp.platform.db, id);
    expect((await anna.postForm(`${M}/buurttops/${id}/mijlpalen/${first!.id}/klaar`, { done: 'on' })).statusCode).toBe(303);
    expect((await anna.get(`${M}/buurttops/${id}`)).body).toContain('1 van 9 stappen gedaan');
    const [housing] = await groupsOf(w.tp.platform.db, id);
    const group = `${M}/buurttops/${id}/werkgroepen/${housing!.id}`;
    expect((await anna.postForm(`${group}/briefing`, { briefing: 'De huren stijgen.\n\nWat doen we eraan?' })).statusCode).toBe(303);
    expect((await anna.postForm(`${group}/leden/nieuw`, { name: 'Kees Jansen', role: 'huurder' })).statusCode).toBe(303);
    const organiserView = (await anna.get(group)).body;
    expect(organiserView).toContain('Kees Jansen — huurder');
    expect(organiserView).toContain('<p class="utrecht-paragraph">Wat doen we eraan?</p>');
    const before = (await anonymous.get(group)).body;
    expect(before).not.toContain('Kees Jansen');
    expect(before).not.toContain('De huren stijgen.');
    expect(before).toContain('Haar vragen en briefing verschijnen hier zodra de aanmelding open is.');
    expect((await anna.postForm(`${M}/buurttops/${id}/status`, { status: 'registration' })).statusCode).toBe(303);
    const after = (await anonymous.get(group)).body;
    expect(after).toContain('De huren stijgen.');
    expect(after).not.toContain('Kees Jansen');
  });

  it('answers 404 for unknown or foreign summits and groups, and a refusal changes nothing', async () => {
    const id = await createThroughForm();
    expect((await anonymous.get(`${M}/buurttops/bestaat-niet`)).statusCode).toBe(404);
    expect((await anonymous.get(`/anderdorp/buurttops/${id}`)).statusCode).toBe(404);
    expect((await anonymous.get(`${M}/buurttops/${id}/werkgroepen/bestaat-niet`)).statusCode).toBe(404);
    expect((await anonymous.get(`${M}/gebieden/BU99999999/buurttop`)).statusCode).toBe(404);
    const count = await audits();
    const { areaCode: _code, ...fields } = summitForm(w);
    expect((await bert.postForm(`${M}/buurttops/${id}/bewerken`, { ...fields, title: 'Van Bert' })).statusCode).toBe(403);
    expect((await bert.get(`${M}/buurttops/${id}/status`)).statusCode).toBe(403);
    expect((await anonymous.postForm(`${M}/buurttops/${id}/werkgroepen/nieuw`, { name: 'Stiekem' })).statusCode).toBe(401);
    expect(await audits()).toBe(count);
    expect((await anonymous.get(`${M}/buurttops/${id}`)).body).not.toContain('Van Bert');
  });

  it('serves the summits as open data, with the organisers\' view for organisers, and takes the same changes', async () => {
    const bad = await anna.api('POST', `/api/v1${M}/summits`, summitForm(w, { startTime: 'tien uur' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'startTime' }] });
    const created = await anna.api('POST', `/api/v1${M}/summits`, summitForm(w));
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const [housing] = await groupsOf(w.tp.platform.db, id);
    expect((await anna.api('POST', `/api/v1${M}/summits/${id}/groups/${housing!.id}/members`, { name: 'Kees' })).statusCode).toBe(201);
    expect((await anna.api('PUT', `/api/v1${M}/summits/${id}/groups/${housing!.id}/briefing`, { briefing: 'Kort.' })).statusCode).toBe(200);
    expect((await bert.api('POST', `/api/v1${M}/summits/${id}/milestones`, { title: 'Iets', dueOn: '2031-01-01' })).statusCode).toBe(403);
    const list = await anonymous.api('GET', `/api/v1${M}/summits?area=${w.n[1]}`);
    expect(list.json()).toMatchObject({ items: [{ id, title: 'BuurtTop Buurt Een-B', venue: { placeId: w.placeId, name: 'Buurthuis De Schakel' }, capacity: 40, status: 'preparation' }] });
    const publicView = (await anonymous.api('GET', `/api/v1${M}/summits/${id}`)).json() as { milestones: Array<Record<string, unknown>>; groups: Array<Record<string, unknown>> };
    expect(publicView.milestones).toHaveLength(9);
    expect(publicView.milestones[0]).not.toHaveProperty('owner');
    expect(publicView.groups[0]).toEqual({ id: housing!.id, name: 'Wonen', theme: 'housing' });
    const organiserView = (await anna.api('GET', `/api/v1${M}/summits/${id}`)).json() as { groups: Array<Record<string, unknown>> };
    expect(organiserView.groups[0]).toMatchObject({ briefing: 'Kort.', members: [{ name: 'Kees', role: null }] });
    expect((await anonymous.api('GET', `/api/v1/anderdorp/summits/${id}`)).statusCode).toBe(404);
    const openapi = (await anonymous.get('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/api/v1/{municipality}/summits/{id}/groups/{item}/briefing');
  });
});
