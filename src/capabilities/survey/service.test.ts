import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from '../../platform/errors.js';
import { retentionRules } from '../../platform/privacy.js';
import { anonymous } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { figuresOf } from '../statistics/index.js';
import { contextOf, letterCodes, official, openTestPeriod, respond, withAreas, withPopulation } from './fixtures.js';
import { publishPeriod } from './publish.js';
import { areaResults, surveyIndicators, surveyOverview } from './results.js';
import {
  LINK_REQUESTS_PER_ADDRESS, WRONG_CODES_PER_ADDRESS, addQuestion, checkGuard, closePeriod, editQuestion, openPeriod, requestLink, requestLinkFrom, setMinimum,
  submitResponse, withLetterCodeLimit,
} from './service.js';
import { questionsOf } from './store.js';

const ADDRESS = 'Anna.de.Vries@example.org';

describeEachEngine('resident survey', (engine) => {
  let t: TestPlatform;
  let home: Tenant;
  let other: Tenant;
  let areas: string[];

  beforeEach(async () => {
    t = await openTestPlatform(engine);
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    other = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
    areas = await withAreas(t, home);
    await withAreas(t, other);
  });
  afterEach(async () => { await t.close(); });

  const linkToken = () => {
    const text = t.mailer.sent.at(-1)?.text ?? '';
    return /sleutel=([\w-]+)/.exec(text)?.[1] ?? null;
  };
  const allAnswers = async (value: string) => Object.fromEntries((await questionsOf(t.platform.db, home.id)).map((q) => [q.id, value]));

  it('takes one response per e-mail address per period, and keeps no address', async () => {
    const period = await openTestPeriod(t, home);
    const visitor = contextOf(t, home, anonymous);
    expect(await execute(visitor, requestLink, { email: ADDRESS, areaCode: areas[0] })).toBe('sent');
    await t.platform.jobs.drain();
    const token = linkToken();
    expect(token).toBeTruthy();
    expect(t.mailer.sent.at(-1)!.to).toBe(ADDRESS.toLowerCase());

    await execute(visitor, submitResponse, { guard: { kind: 'email', token }, ageGroup: 'a_25_44', answers: await allAnswers('4') });
    // The same link again, at once or later: refused kindly.
    await expect(execute(visitor, submitResponse, { guard: { kind: 'email', token }, answers: await allAnswers('2') })).rejects.toMatchObject({ key: 'survey.guard.usedLink' });
    // Asking again with the same address (any case) sends no new link, but a mail saying so.
    expect(await execute(visitor, requestLink, { email: ADDRESS.toUpperCase(), areaCode: areas[1] })).toBe('already');
    await t.platform.jobs.drain();
    expect(linkToken()).toBeNull();
    expect(t.mailer.sent.at(-1)!.subject).toContain('al meegedaan');
    const responses = await t.platform.db.selectFrom('survey_responses').selectAll().execute();
    expect(responses).toEqual([{ id: expect.any(String), municipality_id: home.id, period_id: period.id, area_code: areas[0], age_group: 'a_25_44' }]);

    // The sent mails go by the retention rule; then the address is nowhere in the database.
    await retentionRules().find((r) => r.name === 'survey.mails')!.run(t.platform.db, new Date().toISOString());
    await expectNowhere(t, [ADDRESS.toLowerCase(), ADDRESS, token!]);
  });

  it('a new period takes the same address again', async () => {
    const official1 = contextOf(t, home, official(home.id));
    const first = await openTestPeriod(t, home, { name: 'Voorjaar 2025', startsOn: '2025-01-01', endsOn: '2025-06-30' });
    const visitor = contextOf(t, home, anonymous);
    await execute(visitor, requestLink, { email: ADDRESS, areaCode: areas[0] });
    await t.platform.jobs.drain();
    await execute(visitor, submitResponse, { guard: { kind: 'email', token: linkToken() }, answers: await allAnswers('5') });
    await execute(official1, closePeriod, { id: first.id });
    await expect(execute(visitor, requestLink, { email: ADDRESS, areaCode: areas[0] })).rejects.toBeInstanceOf(ConflictError);
    await openTestPeriod(t, home, { name: 'Najaar 2025', startsOn: '2025-07-01', endsOn: '2025-12-31' });
    expect(await execute(visitor, requestLink, { email: ADDRESS, areaCode: areas[0] })).toBe('sent');
  });

  it('answers once per letter code, and only with its postal code', async () => {
    const period = await openTestPeriod(t, home);
    const [code] = await letterCodes(t, home, period.id, areas[1]!, 1);
    const visitor = contextOf(t, home, anonymous);
    await expect(execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '9999 ZZ', code }, answers: await allAnswers('3') }))
      .rejects.toMatchObject({ issues: [{ field: 'code', key: 'survey.validation.letterCodeUnknown' }] });
    await expect(execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '12345', code: 'abc' }, answers: await allAnswers('3') }))
      .rejects.toMatchObject({ issues: [{ field: 'postalCode' }, { field: 'code' }] });
    await execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '1234ab', code: `${code!.slice(0, 4).toLowerCase()}-${code!.slice(4)}` }, answers: await allAnswers('3') });
    await expect(execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '1234 AB', code }, answers: await allAnswers('3') })).rejects.toMatchObject({ key: 'survey.guard.usedCode' });
    const used = await t.platform.db.selectFrom('survey_letter_codes').select(['used_on', 'area_code']).execute();
    expect(used).toEqual([{ used_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), area_code: areas[1] }]);
    expect((await t.platform.db.selectFrom('survey_responses').select('area_code').execute()).map((r) => r.area_code)).toEqual([areas[1]]);
  });

  it('names the field of bad input and changes nothing', async () => {
    const period = await openTestPeriod(t, home);
    const [code] = await letterCodes(t, home, period.id, areas[0]!, 1);
    const visitor = contextOf(t, home, anonymous);
    const questions = await questionsOf(t.platform.db, home.id);
    const answers = await allAnswers('4');
    delete answers[questions[2]!.id];
    answers[questions[0]!.id] = '7';
    const error = await execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '1234AB', code }, ageGroup: 'a_00_14', answers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['ageGroup']);
    const second = await execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '1234AB', code }, answers }).catch((e: unknown) => e) as ValidationError;
    expect(second.issues).toEqual([
      { field: `answer-${questions[0]!.id}`, key: 'validation.choice' },
      { field: `answer-${questions[2]!.id}`, key: 'survey.validation.answerRequired' },
    ]);
    await expect(execute(visitor, requestLink, { email: 'geen-adres', areaCode: areas[0] })).rejects.toMatchObject({ issues: [{ field: 'email', key: 'validation.email' }] });
    await expect(execute(visitor, requestLink, { email: ADDRESS, areaCode: 'BU00020101' })).rejects.toMatchObject({ issues: [{ field: 'areaCode', key: 'survey.validation.neighbourhood' }] });
    const boss = contextOf(t, home, official(home.id));
    await expect(execute(boss, openPeriod, { name: 'Nog een', startsOn: '2025-02-30', endsOn: '2025-01-01' })).rejects.toMatchObject({ issues: [{ field: 'startsOn', key: 'survey.validation.date' }] });
    await expect(execute(boss, setMinimum, { minResponses: '2' })).rejects.toMatchObject({ issues: [{ field: 'minResponses', key: 'validation.tooSmall' }] });
    await expect(execute(boss, addQuestion, { code: 'Fout Code', textNl: 'Vraag?', theme: 'safety', polarity: 'strength', scale: 'agree', position: 9 })).rejects.toMatchObject({ issues: [{ field: 'code', key: 'survey.validation.code' }] });
    const lines = await execute(boss, (await import('./service.js')).generateLetterCodes, { periodId: period.id, areaCode: areas[0], postalCodes: '1234 AB\nonzin\n2345CD' }).catch((e: unknown) => e) as ValidationError;
    expect(lines.issues).toEqual([{ field: 'postalCodes', key: 'survey.validation.postalCodeLine', params: { line: 2, value: 'onzin' } }]);
    expect(await t.platform.db.selectFrom('survey_responses').selectAll().execute()).toEqual([]);
    expect((await t.platform.db.selectFrom('survey_letter_codes').selectAll().execute()).length).toBe(1);
    expect((await t.platform.db.selectFrom('survey_letter_codes').select('used_on').executeTakeFirstOrThrow()).used_on).toBeNull();
  });

  it('computes scores, hides neighbourhoods below the minimum, and compares responses by age with the residents', async () => {
    await withPopulation(t, 2024, { [areas[0]!]: [100, 300, 300, 300] });
    const period = await openTestPeriod(t, home);
    // Lindenhof: 12 responses; question 1: 6× 5, 3× 4, 2× 2, 1× "weet niet"; the rest 3. Ages: 11 of 25–44, 1 of 65+.
    const q1 = [5, 5, 5, 5, 5, 5, 4, 4, 4, 2, 2, 0];
    await respond(t, home, period.id, areas[0]!, 12, (i, q) => (q === 0 ? q1[i]! : 3), (i) => (i === 11 ? 'a_65_oo' : 'a_25_44'));
    // Molenwijk: 9 responses, below the minimum of 10.
    await respond(t, home, period.id, areas[1]!, 9, () => 1);

    const overview = (await surveyOverview(t.platform.db, home))!;
    expect(overview.neighbourhoods.map((n) => [n.code, n.responses, n.visibility])).toEqual([
      [areas[0], 12, { shown: true }], [areas[1], null, { shown: false, needed: 1 }], [areas[2], null, { shown: false, needed: 10 }],
    ]);
    const hidden = (await areaResults(t.platform.db, home, period, areas[1]!))!;
    expect(hidden).toMatchObject({ responses: null, questions: [], age: null, visibility: { shown: false, needed: 1 } });

    const shown = (await areaResults(t.platform.db, home, period, areas[0]!))!;
    const first = shown.questions[0]!.result;
    expect(first.counts).toEqual([1, 0, 2, 0, 3, 6]);
    expect(first.withOpinion).toBe(11);
    expect(first.positiveShare).toBeCloseTo(900 / 11, 10);
    expect(first.negativeShare).toBeCloseTo(200 / 11, 10);
    expect(first.score10).toBeCloseTo(((46 / 11 - 1) * 10) / 4, 10);
    expect(shown.questions[1]!.result).toMatchObject({ positiveShare: 0, negativeShare: 0, score10: 5 });
    expect(shown.age!.populationYear).toBe(2024);
    const byGroup = Object.fromEntries(shown.age!.rows.map((r) => [r.group, r]));
    expect(byGroup.a_65_oo).toMatchObject({ responses: 1, residentShare: 30, underRepresented: true });
    expect(byGroup.a_65_oo!.responseShare).toBeCloseTo(100 / 12, 10);
    expect(byGroup.a_25_44).toMatchObject({ responses: 11, residentShare: 30, underRepresented: false });
    expect(byGroup.a_15_24).toMatchObject({ responses: 0, residentShare: 10, underRepresented: true });

    // A higher minimum hides Lindenhof as well.
    await execute(contextOf(t, home, official(home.id)), setMinimum, { minResponses: 13 });
    expect((await areaResults(t.platform.db, home, period, areas[0]!))!).toMatchObject({ responses: null, visibility: { shown: false, needed: 1 } });
  });

  it('feeds the catalogue with each question as an indicator for neighbourhoods at the minimum', async () => {
    const period = await openTestPeriod(t, home);
    await respond(t, home, period.id, areas[0]!, 10, (i, q) => (q === 0 ? (i < 7 ? 5 : 1) : 4));
    await respond(t, home, period.id, areas[1]!, 3, () => 5);
    const boss = contextOf(t, home, official(home.id));
    await expect(publishPeriod(boss, period.id)).rejects.toMatchObject({ issues: [{ key: 'survey.publish.notClosed' }] });
    await execute(boss, closePeriod, { id: period.id });
    await expect(publishPeriod(contextOf(t, home, official(home.id, 'resident')), period.id)).rejects.toBeInstanceOf(ForbiddenError);
    const published = await publishPeriod(boss, period.id);
    expect(published).toMatchObject({ year: 2025, areas: 1, indicators: 8 });

    const { values } = await surveyIndicators(t.platform.db, home, 2025);
    expect(values.find((v) => v.indicatorId === 'bm_leefbaarheid')).toMatchObject({ areaCode: areas[0], value: 70 });
    const figures = await figuresOf(t.platform.db, home.id, areas[0]!, 2025);
    const quality = figures.find((f) => f.indicator.id === 'bm_leefbaarheid')!;
    expect(quality).toMatchObject({ scope: 'local', value: { value: 70 }, indicator: { unit: 'percent', polarity: 'strength', source: 'Buurtmonitor Gemeente eerstestad' } });
    expect(figures.find((f) => f.indicator.id === 'bm_veilig_avond')!.value.value).toBe(100);
    // Below the minimum: no figure at all.
    expect((await figuresOf(t.platform.db, home.id, areas[1]!, 2025)).find((f) => f.indicator.id === 'bm_leefbaarheid')!.value).toEqual({ value: null, unknown: 'missing' });
    // Another municipality's catalogue knows nothing of it.
    expect((await figuresOf(t.platform.db, other.id, areas[0]!, 2025)).some((f) => f.indicator.id.startsWith('bm_'))).toBe(false);
    expect((await t.platform.db.selectFrom('survey_periods').select('published_at').executeTakeFirstOrThrow()).published_at).not.toBeNull();
  });

  it('makes a materially edited question a new one and keeps the old answers with the old words', async () => {
    const period = await openTestPeriod(t, home);
    const boss = contextOf(t, home, official(home.id));
    const [safety] = (await questionsOf(t.platform.db, home.id)).filter((q) => q.code === 'veilig_avond');
    // Without answers it is edited in place.
    const inPlace = await execute(boss, editQuestion, { id: safety!.id, textNl: "Ik voel me 's avonds veilig in mijn buurt.", theme: 'safety', polarity: 'strength', scale: 'agree', position: 4 });
    expect(inPlace).toMatchObject({ newVersion: false, question: { id: safety!.id, code: 'veilig_avond' } });
    await respond(t, home, period.id, areas[0]!, 10, () => 4);
    const corrected = await execute(boss, editQuestion, { id: safety!.id, textNl: "Ik voel me 's avonds veilig in mijn buurt!", theme: 'safety', polarity: 'strength', scale: 'agree', position: 4, correction: 'on' });
    expect(corrected.newVersion).toBe(false);
    const changed = await execute(boss, editQuestion, { id: safety!.id, textNl: 'Ik voel me overdag veilig in mijn buurt.', theme: 'safety', polarity: 'strength', scale: 'agree', position: 4 });
    expect(changed).toMatchObject({ newVersion: true, question: { code: 'veilig_avond_2' } });
    const all = await questionsOf(t.platform.db, home.id, { includeRetired: true });
    expect(all.find((q) => q.id === safety!.id)).toMatchObject({ active: false, replacedBy: changed.question.id, textNl: "Ik voel me 's avonds veilig in mijn buurt!" });
    const results = (await areaResults(t.platform.db, home, period, areas[0]!))!;
    expect(results.questions.find((q) => q.question.id === safety!.id)!.result.withOpinion).toBe(10);
    expect(results.questions.find((q) => q.question.id === changed.question.id)!.result.answered).toBe(0);
  });

  it("lets only the municipality's officials manage it, and keeps municipalities apart", async () => {
    const period = await openTestPeriod(t, home);
    const [code] = await letterCodes(t, home, period.id, areas[0]!, 1);
    for (const actor of [anonymous, official(home.id, 'resident'), official(other.id), official(home.id, 'moderator')]) {
      await expect(execute(contextOf(t, home, actor), setMinimum, { minResponses: 20 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await execute(contextOf(t, home, official(home.id, 'administrator')), setMinimum, { minResponses: 20 });
    // A weak administrator (no second factor) may not.
    await expect(execute(contextOf(t, home, official(home.id, 'administrator', false)), setMinimum, { minResponses: 20 })).rejects.toBeInstanceOf(ForbiddenError);
    // Another municipality has no open period, cannot use this one's code nor its neighbourhoods.
    const abroad = contextOf(t, other, anonymous);
    await expect(execute(abroad, submitResponse, { guard: { kind: 'letter', postalCode: '1234AB', code }, answers: {} })).rejects.toMatchObject({ key: 'survey.closed' });
    await openTestPeriod(t, other);
    await expect(execute(abroad, submitResponse, { guard: { kind: 'letter', postalCode: '1234AB', code }, answers: {} })).rejects.toMatchObject({ issues: [{ field: 'code' }] });
    await expect(execute(contextOf(t, other, official(other.id)), closePeriod, { id: period.id })).rejects.toMatchObject({ status: 404 });
    await expect(execute(contextOf(t, other, official(other.id)), (await import('./service.js')).generateLetterCodes, { periodId: period.id, areaCode: areas[0], postalCodes: '1234AB' })).rejects.toMatchObject({ status: 404 });
    expect(await t.platform.db.selectFrom('survey_periods').select('status').where('id', '=', period.id).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
  });
});

describeEachEngine('resident survey: limits per address', (engine) => {
  let t: TestPlatform;
  let home: Tenant;
  let areas: string[];
  beforeEach(async () => {
    t = await openTestPlatform(engine);
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    areas = await withAreas(t, home);
  });
  afterEach(async () => { await t.close(); });
  const count = async (table: 'survey_invitations' | 'survey_responses' | 'outbox') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('takes so many link requests from one address in an hour; the next is refused and sends nothing', async () => {
    await openTestPeriod(t, home);
    const visitor = contextOf(t, home, anonymous);
    for (let i = 0; i < LINK_REQUESTS_PER_ADDRESS.max; i++) {
      expect(await requestLinkFrom(visitor, { email: `buur${i}@example.org`, areaCode: areas[0] }, '198.51.100.20')).toBe('sent');
    }
    // The next one is refused and changes nothing: no invitation, no mail.
    const before = [await count('survey_invitations'), await count('outbox')];
    const refused = await requestLinkFrom(visitor, { email: 'nog-een@example.org', areaCode: areas[0] }, '198.51.100.20').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused).toMatchObject({ status: 429, key: 'survey.tooMany.links', retryAfterSeconds: 3600, params: { minutes: 60 } });
    expect([await count('survey_invitations'), await count('outbox')]).toEqual(before);
    // Another address is not affected; the table holds no address in the clear.
    expect(await requestLinkFrom(visitor, { email: 'nog-een@example.org', areaCode: areas[0] }, '198.51.100.21')).toBe('sent');
    expect(JSON.stringify(await t.platform.db.selectFrom('rate_limit_attempts').selectAll().execute())).not.toContain('198.51.100');
  });

  it('counts bad input of a link request not at all', async () => {
    await openTestPeriod(t, home);
    const visitor = contextOf(t, home, anonymous);
    for (let i = 0; i < LINK_REQUESTS_PER_ADDRESS.max + 2; i++) {
      await expect(requestLinkFrom(visitor, { email: 'geen-adres', areaCode: areas[0] }, '198.51.100.22')).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await requestLinkFrom(visitor, { email: 'wel@example.org', areaCode: areas[0] }, '198.51.100.22')).toBe('sent');
  });

  it('takes so many wrong letter codes from one address; then even the right code waits and nothing changes', async () => {
    const period = await openTestPeriod(t, home);
    const [code, second] = await letterCodes(t, home, period.id, areas[1]!, 2);
    const visitor = contextOf(t, home, anonymous);
    const answers = Object.fromEntries((await questionsOf(t.platform.db, home.id)).map((q) => [q.id, '4']));
    const enter = (guard: { postalCode: string; code: string }, address: string) =>
      withLetterCodeLimit(t.platform, { kind: 'letter', ...guard }, address, () => checkGuard(t.platform.db, home, { kind: 'letter', ...guard }));
    // A right code, and a badly typed one (no code at all), do not count.
    await enter({ postalCode: '1234 AB', code: second! }, '198.51.100.30');
    await expect(enter({ postalCode: '1234 AB', code: 'abc' }, '198.51.100.30')).rejects.toMatchObject({ issues: [{ field: 'code', key: 'survey.validation.letterCode' }] });
    for (let i = 0; i < WRONG_CODES_PER_ADDRESS.max; i++) {
      await expect(enter({ postalCode: '9999 ZZ', code: code! }, '198.51.100.30')).rejects.toMatchObject({ issues: [{ field: 'code', key: 'survey.validation.letterCodeUnknown' }] });
    }
    await expect(enter({ postalCode: '1234 AB', code: code! }, '198.51.100.30')).rejects.toMatchObject({ status: 429, key: 'survey.tooMany.codes', params: { minutes: 15 } });
    const answer = withLetterCodeLimit(t.platform, { kind: 'letter', postalCode: '1234 AB', code: code! }, '198.51.100.30',
      () => execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '1234 AB', code }, answers }));
    await expect(answer).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(await count('survey_responses')).toBe(0);
    expect(await t.platform.db.selectFrom('survey_letter_codes').select('used_on').execute()).toEqual([{ used_on: null }, { used_on: null }]);
    // From another address the right code answers; an e-mail link is not held up by wrong codes.
    await withLetterCodeLimit(t.platform, { kind: 'letter', postalCode: '1234 AB', code: code! }, '198.51.100.31',
      () => execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: '1234 AB', code }, answers }));
    expect(await count('survey_responses')).toBe(1);
    await expect(withLetterCodeLimit(t.platform, { kind: 'email', token: 'x' }, '198.51.100.30', async () => 'ran')).resolves.toBe('ran');
  });
});

/** Every text column of every table, searched for each value. */
async function expectNowhere(t: TestPlatform, values: string[]): Promise<void> {
  const db = t.platform.db;
  const tables = t.platform.engine === 'sqlite'
    ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows.map((r) => r.name)
    : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)).rows.map((r) => r.name);
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    const text = JSON.stringify(rows).toLowerCase();
    for (const value of values) expect([table, text.includes(value.toLowerCase())]).toEqual([table, false]);
  }
}
