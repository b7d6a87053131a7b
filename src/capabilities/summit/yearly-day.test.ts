import ICAL from 'ical.js';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { agent, buildTestApp, inputValue, signedInAgent, type Agent } from '../../../test/support/http.js';
import { openSummitWorld, summitForm, type SummitWorld } from '../../../test/support/summit-world.js';
import { readAudit } from '../../platform/audit.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { execute } from '../../platform/service.js';
import { changeSummitStatus, createSummit } from './service.js';
import { proposedDate, yearOf, yearOverview } from './yearly-day-model.js';
import { yearCalendar, yearInView } from './yearly-day-routes.js';
import { setYearlyDay } from './yearly-day-service.js';
import { findYearlyDay } from './yearly-day-store.js';

const errorOf = (run: Promise<unknown>) => run.then(() => null, (e: unknown) => e);

describe('yearly BuurtTop day: model', () => {
  const areas = [
    { code: 'GM1', kind: 'municipality', name: 'Dorp', parentCode: null },
    { code: 'WK2', kind: 'district', name: 'Zuid', parentCode: 'GM1' },
    { code: 'WK1', kind: 'district', name: 'Noord', parentCode: 'GM1' },
    { code: 'BU12', kind: 'neighbourhood', name: 'Noord-B', parentCode: 'WK1' },
    { code: 'BU11', kind: 'neighbourhood', name: 'Noord-A', parentCode: 'WK1' },
    { code: 'BU21', kind: 'neighbourhood', name: 'Zuid-A', parentCode: 'WK2' },
    { code: 'BU22', kind: 'neighbourhood', name: null, parentCode: 'WK2' },
  ];
  const s = (id: string, areaCode: string, startsAt: string, status = 'preparation') => ({ id, areaCode, startsAt, status });

  it('groups the year\'s summits by district and neighbourhood and marks who has none (a cancelled one does not count; the district\'s does)', () => {
    const overview = yearOverview(areas, [s('b', 'BU11', '2030-09-12'), s('a', 'BU11', '2030-05-01'), s('c', 'BU12', '2030-06-01', 'cancelled'), s('d', 'WK2', '2030-09-12'), s('e', 'BU99', '2030-01-01')]);
    expect(overview.districts.map((d) => [d.code, d.summits.map((x) => x.id), d.neighbourhoods.map((n) => [n.code, n.name, n.summits.map((x) => x.id), n.covered, n.viaDistrict])])).toEqual([
      ['WK1', [], [['BU11', 'Noord-A', ['a', 'b'], true, false], ['BU12', 'Noord-B', ['c'], false, false]]],
      ['WK2', ['d'], [['BU21', 'Zuid-A', [], true, true], ['BU22', 'BU22', [], true, true]]],
    ]);
    expect(overview.elsewhere.map((x) => x.id)).toEqual(['e']);
    expect([overview.covered, overview.neighbourhoods]).toEqual([3, 4]);
  });

  it('reads a year from an address and proposes the next BuurtTop day from today', () => {
    expect([yearOf('2030'), yearOf('1999'), yearOf('20301'), yearOf('abcd')]).toEqual([2030, null, null, null]);
    const days = [{ year: 2031, date: '2031-09-13' }, { year: 2030, date: '2030-09-14' }];
    expect(proposedDate(days, '2030-03-01')).toBe('2030-09-14');
    expect(proposedDate(days, '2030-10-01')).toBe('2031-09-13');
    expect(proposedDate(days, '2031-10-01')).toBeNull();
  });
});

describeEachEngine('yearly BuurtTop day', (engine) => {
  let w: SummitWorld;
  const db = () => w.tp.platform.db;
  beforeEach(async () => { w = await openSummitWorld(engine); }, 60_000);
  afterEach(async () => w.close());

  it('is set by the municipality\'s officials only, in its year, naming the field; a change raises its revision; audited', async () => {
    for (const who of ['anna', 'carl', 'moB', 'anonymous'] as const) {
      expect(await errorOf(execute(w.ctx[who], setYearlyDay, { year: 2031, date: '2031-09-13' }))).toBeInstanceOf(ForbiddenError);
    }
    const wrongYear = await errorOf(execute(w.ctx.olga, setYearlyDay, { year: 2031, date: '2032-09-13' }));
    expect((wrongYear as ValidationError).issues).toEqual([{ field: 'date', key: 'summit.yearlyDay.error.year', params: { year: 2031 } }]);
    const noDate = await errorOf(execute(w.ctx.olga, setYearlyDay, { year: 2031, date: '13-09-2031', note: 'x'.repeat(301) }));
    expect((noDate as ValidationError).issues.map((i) => i.field)).toEqual(['note']);
    expect((await errorOf(execute(w.ctx.olga, setYearlyDay, { year: 2031, date: '2031-02-30' })) as ValidationError).issues).toEqual([{ field: 'date', key: 'summit.error.date' }]);
    expect(await findYearlyDay(db(), w.a.id, 2031)).toBeNull();

    await execute(w.ctx.olga, setYearlyDay, { year: 2031, date: '2031-09-13', note: 'De gemeente betaalt de koffie.' });
    expect(await findYearlyDay(db(), w.a.id, 2031)).toMatchObject({ date: '2031-09-13', note: 'De gemeente betaalt de koffie.', revision: 0 });
    await execute(w.ctx.olga, setYearlyDay, { year: '2031', date: '2031-09-20', note: '' });
    expect(await findYearlyDay(db(), w.a.id, 2031)).toMatchObject({ date: '2031-09-20', note: null, revision: 1 });
    expect((await readAudit(db(), { action: 'summit.yearlyDay.set' })).map((a) => a.after)).toEqual([
      { year: 2031, day: '2031-09-20', note: null }, { year: 2031, day: '2031-09-13', note: 'De gemeente betaalt de koffie.' },
    ]);
  });

  it('gives the year\'s summits by district and one calendar file with the day and every summit', async () => {
    await execute(w.ctx.olga, setYearlyDay, { year: 2031, date: '2031-03-15', note: 'Koffie van de gemeente.' });
    const one = (await execute(w.ctx.anna, createSummit, summitForm(w))).id;
    const off = (await execute(w.ctx.anna, createSummit, summitForm(w, { date: '2031-10-04' }))).id;
    await execute(w.ctx.anna, changeSummitStatus, { id: off, status: 'cancelled' });
    await execute(w.ctx.anna, createSummit, summitForm(w, { date: '2032-03-13' }));
    const { day, summits, overview } = await yearInView(db(), w.a, 2031);
    expect(summits.map((s) => s.id).sort()).toEqual([one, off].sort());
    expect(overview.districts.flatMap((d) => d.neighbourhoods.map((n) => [n.code, n.covered, n.summits.length]))).toEqual([
      [w.n[0], false, 0], [w.n[1], true, 2], [w.n[2], false, 0], [w.n[3], false, 0],
    ]);
    const file = yearCalendar(w.tp.platform, w.a, 2031, day, summits, translator('nl'))!;
    const events = new ICAL.Component(ICAL.parse(file)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.summary, e.component.getFirstPropertyValue('status')])).toEqual([
      ['BuurtTop-dag 2031', 'CONFIRMED'], ['BuurtTop Buurt Een-B', 'TENTATIVE'], ['BuurtTop Buurt Een-B', 'CANCELLED'],
    ]);
    expect(events[0]!.startDate.toString()).toBe('2031-03-15');
    expect(events[0]!.description).toBe('Koffie van de gemeente.');
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
    // The cancelled summit's file outranks what invitations sent before (its calendar revision was raised).
    expect(events[2]!.sequence).toBe(1);
    expect(yearCalendar(w.tp.platform, w.a, 2040, null, [], translator('nl'))).toBeNull();
  });
});

/** The pages and API of the yearly day through the real server (SQLite). */
describe('yearly BuurtTop day: pages and API', () => {
  let w: SummitWorld;
  let app: FastifyInstance;
  let olga: Agent;
  let anna: Agent;
  let visitor: Agent;
  const M = '/pleindorp';
  beforeEach(async () => {
    w = await openSummitWorld('sqlite');
    app = await buildTestApp(w.tp.platform);
    olga = await signedInAgent(app, w.tp.platform, 'olga@test.example');
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    visitor = agent(app);
  }, 60_000);
  afterEach(async () => { await app.close(); await w.close(); });

  it('lists every neighbourhood by district with its summit or none, offers the calendar file, and lets officials set the day that new summits then propose', async () => {
    const summitId = (await execute(w.ctx.anna, createSummit, summitForm(w, { date: '2031-09-13' }))).id;
    const year = Number(new Date().toISOString().slice(0, 4));
    expect((await visitor.get(`${M}/buurttops`)).body).toContain(`href="${M}/buurttops/dag/${year}"`);
    const page = await visitor.get(`${M}/buurttops/dag/2031`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('De gemeente heeft voor 2031 nog geen BuurtTop-dag vastgesteld.');
    expect(page.body).toContain('1 van de 4 buurten hebben in 2031 een BuurtTop');
    expect(page.body).toContain(`href="${M}/buurttops/${summitId}">BuurtTop Buurt Een-B</a>`);
    expect(page.body).toContain('zaterdag 13 september 2031, 10:00–16:00');
    expect(page.body.match(/Nog geen BuurtTop/g)).toHaveLength(3);
    expect(page.body).not.toContain('/instellen');
    expect((await visitor.get(`${M}/buurttops/dag/12345`)).statusCode).toBe(404);
    const ics = await visitor.get(`${M}/buurttops/dag/2031.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(new ICAL.Component(ICAL.parse(ics.body)).getAllSubcomponents('vevent')).toHaveLength(1);
    expect((await visitor.get(`${M}/buurttops/dag/2040.ics`)).statusCode).toBe(404);

    expect((await anna.get(`${M}/buurttops/dag/2031/instellen`)).statusCode).toBe(403);
    expect((await anna.postForm(`${M}/buurttops/dag/2031/instellen`, { date: '2031-09-13' })).statusCode).toBe(403);
    expect((await olga.get(`${M}/buurttops/dag/2031`)).body).toContain(`href="${M}/buurttops/dag/2031/instellen">BuurtTop-dag vaststellen</a>`);
    const bad = await olga.postForm(`${M}/buurttops/dag/2031/instellen`, { date: '2030-09-13', note: 'Samen' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-date">Datum: Kies een datum in 2031.</a>');
    expect(inputValue(bad.body, 'note')).toBe('Samen');
    const nextYear = year + 1;
    const saved = await olga.postForm(`${M}/buurttops/dag/${nextYear}/instellen`, { date: `${nextYear}-09-12`, note: 'Op deze dag helpt de gemeente.' });
    expect(saved.statusCode).toBe(303);
    const shown = await visitor.get(`${M}/buurttops/dag/${nextYear}`);
    expect(shown.body).toContain('Op deze dag helpt de gemeente.');
    // Starting a summit proposes the next BuurtTop day.
    const form = await anna.get(`${M}/gebieden/${w.n[1]}/buurttop/nieuw`);
    expect(inputValue(form.body, 'date')).toBe(`${nextYear}-09-12`);

    const api = `/api/v1${M}/summits/days/2031`;
    const json = (await visitor.api('GET', api)).json();
    expect(json).toMatchObject({ year: 2031, day: null, neighbourhoods: 4, covered: 1 });
    expect(json.districts[0].neighbourhoods[1]).toMatchObject({ code: w.n[1], covered: true, summits: [{ id: summitId, status: 'preparation', venue: 'Buurthuis De Schakel' }] });
    expect((await anna.api('PUT', api, { date: '2031-09-13' })).statusCode).toBe(403);
    const put = await olga.api('PUT', api, { date: '2031-09-13', note: 'Zaterdag' });
    expect(put.statusCode).toBe(200);
    expect((await visitor.api('GET', api)).json()).toMatchObject({ day: { date: '2031-09-13', note: 'Zaterdag' } });
    expect((await olga.api('PUT', api, { date: 'morgen' })).statusCode).toBe(422);
  });
});
