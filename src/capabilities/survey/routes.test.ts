import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, inputValue } from '../../../test/support/http.js';
import type { Tenant } from '../../platform/tenancy.js';
import { letterCodes, openTestPeriod, respond, withAreas } from './fixtures.js';
import { surveyMessages } from './messages.js';
import { LINK_REQUESTS_PER_ADDRESS, WRONG_CODES_PER_ADDRESS } from './service.js';
import { questionsOf } from './store.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

/** The survey's pages and API over HTTP (policy is engine-independent: SQLite). */
describe('survey pages and API', () => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let home: Tenant;
  let areas: string[];
  let periodId = '';

  beforeAll(async () => {
    t = await openTestPlatform('sqlite');
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    const other = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
    areas = await withAreas(t, home);
    await withAreas(t, other);
    periodId = (await openTestPeriod(t, home)).id;
    await respond(t, home, periodId, areas[0]!, 10, (i) => (i % 5) + 1);
    await respond(t, home, periodId, areas[1]!, 4, () => 5);
    app = await buildTestApp(t.platform);
  }, 60_000);
  afterAll(async () => { await app?.close(); await t?.close(); });

  it('shows the overview, with counts only for neighbourhoods at the minimum', async () => {
    const page = await agent(app).get('/eerstestad/buurtmonitor');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nog 6 reacties nodig');
    expect(page.body).toContain('Nog 10 reacties nodig');
    expect(page.body).toMatch(/Lindenhof<\/a><\/td><td class="utrecht-table__cell">10</);
  });

  it('hides the results below the minimum on the page, in the API and in the CSV', async () => {
    const a = agent(app);
    const hidden = await a.get(`/eerstestad/buurtmonitor/${areas[1]}`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toContain('er zijn er nog 6 nodig');
    expect(hidden.body).not.toContain('Positief');
    const api = await a.api('GET', `/api/v1/eerstestad/survey/areas/${areas[1]}`);
    expect(api.json()).toMatchObject({ shown: false, needed: 6, responses: null, questions: [], age: null });
    const overview = (await a.api('GET', '/api/v1/eerstestad/survey')).json() as { neighbourhoods: Array<{ code: string; responses: number | null }> };
    expect(overview.neighbourhoods.find((n) => n.code === areas[1])).toMatchObject({ responses: null, shown: false, needed: 6 });
    const csv = await a.get('/api/v1/eerstestad/survey/results.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(areas[0]);
    expect(csv.body).not.toContain(areas[1]);
    // Counts, shares and scores are numbers (never guarded as text); the texts around them are guarded by the platform's CSV writer.
    const row = csv.body.split('\r\n').find((l) => l.startsWith(`2025;${areas[0]};`))!.split(';');
    expect(row.slice(7)).toEqual(['2', '2', '2', '2', '2', '0', '40', '40', '5']);

    const shown = (await a.api('GET', `/api/v1/eerstestad/survey/areas/${areas[0]}`)).json() as { questions: Array<{ distribution: Record<string, number>; positiveShare: number; score10: number }> };
    expect(shown.questions[0]).toMatchObject({ distribution: { '1': 2, '2': 2, '3': 2, '4': 2, '5': 2, dontKnow: 0 }, positiveShare: 40, score10: 5 });
    const page = await a.get(`/eerstestad/buurtmonitor/${areas[0]}`);
    expect(page.body).toContain('Aantal reacties: 10.');
    expect(page.body).toContain('40%');
  });

  it('lets a resident answer with a letter code once, and names a wrong field', async () => {
    const [code] = await letterCodes(t, home, periodId, areas[2]!, 1);
    const a = agent(app);
    expect((await a.get('/eerstestad/buurtmonitor/meedoen')).statusCode).toBe(200);
    const wrong = await a.postForm('/eerstestad/buurtmonitor/meedoen/code', { postalCode: '1234 AB', code: 'ZZZZ-ZZZZ' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#field-code"');
    const form = await a.postForm('/eerstestad/buurtmonitor/meedoen/code', { postalCode: '1234 AB', code: code! });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<legend class="utrecht-form-fieldset__legend">1. Hoe beoordeelt u de leefbaarheid van uw buurt?</legend>');
    const questions = await questionsOf(t.platform.db, home.id);
    const fields: Record<string, string> = { guard: 'letter', postalCode: '1234 AB', code: code!, _formkey: inputValue(form.body, '_formkey')! };
    for (const q of questions.slice(1)) fields[`answer-${q.id}`] = '4';
    const missing = await a.postForm('/eerstestad/buurtmonitor/vragenlijst', fields);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain(`href="#field-answer-${questions[0]!.id}"`);
    expect(await t.platform.db.selectFrom('survey_responses').select('id').where('area_code', '=', areas[2]!).execute()).toEqual([]);
    fields[`answer-${questions[0]!.id}`] = '0';
    const done = await a.postForm('/eerstestad/buurtmonitor/vragenlijst', { ...fields, _formkey: inputValue(missing.body, '_formkey')! });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/eerstestad/buurtmonitor/bedankt');
    expect((await a.get('/eerstestad/buurtmonitor/bedankt')).body).toContain('Dank u wel!');
    const again = await a.postForm('/eerstestad/buurtmonitor/meedoen/code', { postalCode: '1234 AB', code: code! });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('U hebt al meegedaan');
  });

  it('sends the e-mail link page without saying whether the address took part', async () => {
    const a = agent(app);
    const first = await a.postForm('/eerstestad/buurtmonitor/meedoen/email', { email: 'iemand@example.org', areaCode: areas[0]! });
    expect(first.headers.location).toBe('/eerstestad/buurtmonitor/meedoen/verstuurd');
    expect((await a.get('/eerstestad/buurtmonitor/meedoen/verstuurd')).body).toContain('Kijk in uw e-mail');
    const bad = await a.postForm('/eerstestad/buurtmonitor/meedoen/email', { email: 'iemand', areaCode: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-email"');
    expect(bad.body).toContain('href="#field-areaCode"');
    const link = await a.get('/eerstestad/buurtmonitor/vragenlijst?sleutel=onbekend');
    expect(link.statusCode).toBe(409);
    expect(link.body).toContain('Deze link werkt niet');
  });

  it('refuses code entry after too many wrong codes from one address with a 429 page that says why, in Dutch and English', async () => {
    const [code] = await letterCodes(t, home, periodId, areas[2]!, 1);
    const a = agent(app, '203.0.113.50');
    for (let i = 0; i < WRONG_CODES_PER_ADDRESS.max; i++) {
      expect((await a.postForm('/eerstestad/buurtmonitor/meedoen/code', { postalCode: '9999 ZZ', code: code! })).statusCode).toBe(422);
    }
    const refused = await a.postForm('/eerstestad/buurtmonitor/meedoen/code', { postalCode: '1234 AB', code: code! });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(WRONG_CODES_PER_ADDRESS.windowMinutes * 60));
    expect(refused.body).toContain('Vanaf dit adres is te vaak een verkeerde code ingevuld. Probeer het over 15 minuten opnieuw.');
    expect(refused.body).toContain('beveiliging tegen misbruik');
    expect(refused.body).not.toContain('utrecht-form-fieldset__legend'); // no questionnaire
    // Answering with the code directly is refused as well, and nothing is stored.
    const fields: Record<string, string> = { guard: 'letter', postalCode: '1234 AB', code: code! };
    for (const q of await questionsOf(t.platform.db, home.id)) fields[`answer-${q.id}`] = '4';
    expect((await a.postForm('/eerstestad/buurtmonitor/vragenlijst', fields)).statusCode).toBe(429);
    expect(await t.platform.db.selectFrom('survey_letter_codes').select('used_on').where('code', '=', code!).executeTakeFirstOrThrow()).toEqual({ used_on: null });
    await a.get('/taal/en');
    expect((await a.postForm('/eerstestad/buurtmonitor/meedoen/code', { postalCode: '1234 AB', code: code! })).body).toContain('A wrong code was entered too often from this address.');
    // Another address gets the questionnaire.
    expect((await agent(app, '203.0.113.51').postForm('/eerstestad/buurtmonitor/meedoen/code', { postalCode: '1234 AB', code: code! })).statusCode).toBe(200);
  });

  it('refuses link requests after the limit from one address with a 429 page', async () => {
    const a = agent(app, '203.0.113.60');
    for (let i = 0; i < LINK_REQUESTS_PER_ADDRESS.max; i++) {
      expect((await a.postForm('/eerstestad/buurtmonitor/meedoen/email', { email: `buur${i}@example.org`, areaCode: areas[0]! })).statusCode).toBe(303);
    }
    const refused = await a.postForm('/eerstestad/buurtmonitor/meedoen/email', { email: 'nog-een@example.org', areaCode: areas[0]! });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('3600');
    expect(refused.body).toContain('Vanaf dit adres zijn te veel links aangevraagd. Probeer het over 60 minuten opnieuw.');
  });

  it('keeps the administration for officials, and another municipality out', async () => {
    const a = agent(app);
    for (const path of ['/eerstestad/beheer/buurtmonitor', '/eerstestad/beheer/buurtmonitor/vragen', '/eerstestad/beheer/buurtmonitor/brieven']) {
      expect((await a.get(path)).statusCode).toBe(303); // to the login page
    }
    expect((await a.postForm('/eerstestad/beheer/buurtmonitor/minimum', { minResponses: '5' })).statusCode).toBe(401);
    expect((await a.get(`/tweedestad/buurtmonitor/${areas[0]}`)).statusCode).toBe(404);
    expect((await a.api('GET', `/api/v1/tweedestad/survey/areas/${areas[0]}`)).statusCode).toBe(404);
    expect((await a.get(`/eerstestad/buurtmonitor?periode=${'x'.repeat(16)}`)).statusCode).toBe(404);
  });

  it('has the same keys and placeholders in Dutch and English', () => {
    expectSameKeysAndPlaceholders(surveyMessages);
  });
});
