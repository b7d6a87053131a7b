import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { agent, buildTestApp, inputValue, signedInAgent, type Agent } from '../../../test/support/http.js';
import { openSummitDayWorld, type SummitDayWorld } from '../../../test/support/summit-day-world.js';
import { summitDayMessages } from './day-messages.js';
import { ambitionsOf, detailsOf } from './day-store.js';

describe('summit day messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => expectSameKeysAndPlaceholders(summitDayMessages));
});

/** The pages of the day through the real server (SQLite): a facilitator without an account, the organisers, the public. */
describe('summit day: pages', () => {
  let w: SummitDayWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let bert: Agent;
  let phone: Agent;
  let anonymous: Agent;
  const M = '/pleindorp';
  const summit = () => `${M}/buurttops/${w.summitId}`;
  const fields = (page: string, over: Record<string, string> = {}) => ({
    _formkey: inputValue(page, '_formkey')!, title: 'Een groene binnentuin', body: 'Elk blok een tuin.', why: 'Hitte in de zomer.', horizon: '5', step_1: 'Tuinen inventariseren', carrier_1: 'Werkgroep groen', ...over,
  });

  beforeEach(async () => {
    w = await openSummitDayWorld('sqlite');
    app = await buildTestApp(w.tp.platform);
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    bert = await signedInAgent(app, w.tp.platform, 'bert@test.example');
    phone = agent(app);
    anonymous = agent(app);
  }, 60_000);
  afterEach(async () => { await app.close(); await w.close(); });

  it('lets a facilitator capture on a table\'s link, acknowledges what the server saved, and makes one ambition of a resubmitted form', async () => {
    const form = await phone.get(w.housing.path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1 class="utrecht-heading-1">Tafel Wonen</h1>');
    expect(form.body).toContain('Inclusie en samenleven');
    expect(form.body).toContain('Plek: Buurthuis De Schakel');
    const bad = await phone.postForm(w.housing.path, fields(form.body, { title: '' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-title">Wat willen we (kort): Vul dit veld in.</a>');
    expect(bad.body).toContain('Elk blok een tuin.');
    const bad2 = await phone.postForm(w.housing.path, fields(form.body, { carrier_2: 'Iemand' }));
    expect(bad2.body).toContain('href="#field-step_2">Stap 2: Vul ook de stap in bij wie hem kan oppakken.</a>');
    const sent = fields(form.body, { values: w.valueIds[1]! });
    const saved = await phone.postForm(w.housing.path, sent);
    expect(saved.statusCode).toBe(303);
    const confirmation = String(saved.headers.location);
    expect(confirmation).toMatch(new RegExp(`^${w.housing.path}/ontvangen/[a-z0-9]+#ontvangen$`));
    const page = await phone.get(confirmation.split('#')[0]!);
    expect(page.body).toContain('Ontvangen en bewaard: &quot;Een groene binnentuin&quot;.');
    expect(page.body).toContain('Ambities van deze tafel (1)');
    // The same form again (a reload after the answer was lost): the first one's confirmation, no second ambition.
    const again = await phone.postForm(w.housing.path, sent);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(confirmation);
    const [ambition, ...more] = await ambitionsOf(w.tp.platform.db, w.summitId);
    expect(more).toHaveLength(0);
    expect((await detailsOf(w.tp.platform.db, [ambition!.id])).values.map((v) => v.nameNl)).toEqual(['Leefbaarheid en openbare ruimte']);
    // Correcting it.
    const correct = await phone.get(`${w.housing.path}/ambities/${ambition!.id}`);
    expect(correct.body).toContain('value="Een groene binnentuin"');
    expect((await phone.postForm(`${w.housing.path}/ambities/${ambition!.id}`, fields(correct.body, { title: 'Groene binnentuinen' }))).statusCode).toBe(303);
    expect((await ambitionsOf(w.tp.platform.db, w.summitId))[0]!.title).toBe('Groene binnentuinen');
    // Another table's secret opens nothing (sent to sign in); the care table's link does not reach the housing table's ambitions.
    expect((await anonymous.get(`${M}/buurttops/${w.summitId}/dag/tafels/${w.housing.id}/${w.care.token}`)).statusCode).toBe(303);
    expect((await anonymous.get(`${w.care.path}/ambities/${ambition!.id}`)).statusCode).toBe(404);
  });

  it('shows the organisers the day with each table\'s link, runs the plenary, and publishes the agreed ambitions without objectors\' names', async () => {
    const form = await phone.get(w.housing.path);
    await phone.postForm(w.housing.path, fields(form.body));
    const [ambition] = await ambitionsOf(w.tp.platform.db, w.summitId);
    const day = await anna.get(`${summit()}/dag`);
    expect(day.statusCode).toBe(200);
    expect(day.body).toContain(`http://buurtarena.test${w.housing.path}`);
    expect((await bert.get(`${summit()}/dag`)).statusCode).toBe(403);
    expect((await anna.postForm(`${summit()}/dag/rondes`, { name: '' })).statusCode).toBe(422);
    expect((await anna.postForm(`${summit()}/dag/rondes`, { name: 'Ronde 2' })).statusCode).toBe(303);
    const objection = await anna.postForm(`${summit()}/plenair/ambities/${ambition!.id}/bezwaar`, { reason: 'Ook de binnenplaatsen van de flats.', raisedBy: 'Kees Jansen' });
    expect(objection.statusCode).toBe(303);
    expect((await anna.postForm(`${summit()}/plenair/ambities/${ambition!.id}/instemming`, { consent: 'on' })).statusCode).toBe(303);
    const plenary = await anna.get(`${summit()}/plenair`);
    expect(plenary.body).toContain('Bezwaar open');
    expect(plenary.body).toContain('Kees Jansen');
    expect((await anonymous.get(`${summit()}/ambities`)).body).not.toContain('Een groene binnentuin');
    const { objections } = await detailsOf(w.tp.platform.db, [ambition!.id]);
    expect((await anna.postForm(`${summit()}/plenair/bezwaren/${objections[0]!.id}`, { resolution: 'amended' })).statusCode).toBe(303);
    expect((await anna.get(`${summit()}/plenair`)).body).toContain('<span class="ba-tag">Instemming</span>');
    const outcome = await anonymous.get(`${summit()}/ambities`);
    expect(outcome.statusCode).toBe(200);
    expect(outcome.body).toContain('Een groene binnentuin');
    expect(outcome.body).toContain('Ook de binnenplaatsen van de flats. (ambitie aangepast)');
    expect(outcome.body).not.toContain('Kees Jansen');
    expect((await anonymous.get(summit())).body).toContain(`href="${summit()}/ambities"`);
    expect((await bert.postForm(`${summit()}/plenair/ambities/${ambition!.id}/instemming`, { consent: 'off' })).statusCode).toBe(403);
    expect((await anonymous.get(`${summit()}/plenair`)).statusCode).toBe(303); // to sign in
    // Dots only beside consent: turned on, counted, the view by dots.
    expect((await anna.postForm(`${summit()}/plenair/stippen`, { enabled: 'on' })).statusCode).toBe(303);
    expect((await anna.postForm(`${summit()}/plenair/ambities/${ambition!.id}/stippen`, { dots: '14' })).statusCode).toBe(303);
    const byDots = await anna.get(`${summit()}/plenair?volgorde=stippen`);
    expect(byDots.body).toContain('<span class="ba-tag">Instemming</span> <span class="ba-tag">14 stippen</span>');
    expect((await anna.get(`${summit()}/plenair?lang=en`)).body).toContain('14 dots');
  });
});

/** The day as open data (SQLite). */
describe('summit day: API', () => {
  const M = '/pleindorp';
  let w: SummitDayWorld;
  let app: FastifyInstance;
  beforeEach(async () => {
    w = await openSummitDayWorld('sqlite');
    app = await buildTestApp(w.tp.platform);
  }, 60_000);
  afterEach(async () => { await app.close(); await w.close(); });

  it('captures through the API with the table\'s secret, and shows the public the agreed ambitions without objectors or dots', async () => {
    const anonymous = agent(app);
    const anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    const url = `/api/v1/pleindorp/summits/${w.summitId}`;
    const body = { title: 'Zonnepanelen op elk dak', body: 'Samen inkopen.', horizon: 10, values: [w.valueIds[0]], step_1: 'Een inkoopactie', carrier_1: 'Energiecoöperatie' };
    expect((await anonymous.api('POST', `${url}/tables/${w.care.id}/ambitions`, { ...body, token: w.housing.token })).statusCode).toBe(401);
    const bad = await anonymous.api('POST', `${url}/tables/${w.care.id}/ambitions`, { ...body, horizon: 7, token: w.care.token });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'horizon' }] });
    const created = await anonymous.api('POST', `${url}/tables/${w.care.id}/ambitions`, { ...body, token: w.care.token });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await anonymous.api('GET', `${url}/ambitions`)).json()).toEqual({ items: [] });
    await anna.postForm(`${M}/buurttops/${w.summitId}/plenair/ambities/${id}/bezwaar`, { reason: 'Niet op monumenten.', raisedBy: 'Piet' });
    await anna.postForm(`${M}/buurttops/${w.summitId}/plenair/ambities/${id}/instemming`, { consent: 'on' });
    const objection = (await detailsOf(w.tp.platform.db, [id])).objections[0]!;
    await anna.postForm(`${M}/buurttops/${w.summitId}/plenair/bezwaren/${objection.id}`, { resolution: 'withdrawn' });
    const [item] = ((await anonymous.api('GET', `${url}/ambitions`)).json() as { items: Array<Record<string, unknown>> }).items;
    expect(item).toMatchObject({ id, theme: 'Zorg en zorgzaamheid', state: 'agreed', horizon: 10, publicValues: ['Sustainability'], firstSteps: [{ step: 'Een inkoopactie', carrier: 'Energiecoöperatie' }], objections: [{ reason: 'Niet op monumenten.', resolution: 'withdrawn' }] });
    expect(JSON.stringify(item)).not.toContain('Piet');
    expect(item).not.toHaveProperty('dots');
    expect(((await anna.api('GET', `${url}/ambitions`)).json() as { items: Array<{ objections: unknown[] }> }).items[0]!.objections).toEqual([{ reason: 'Niet op monumenten.', resolution: 'withdrawn', raisedBy: 'Piet' }]);
  });
});
