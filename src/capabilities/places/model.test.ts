import { describe, expect, it } from 'vitest';
import {
  aggregateAssessments, emptyOpeningHours, findMeetingPlaces, neighbourhoodAt, opensInEvening, opensInWeekend, parseCoordinate, parseDayHours, parseEuros, parseTime,
  pickerViewport, spreadOf, weekdayOf, type OpeningHours, type Scores, type SearchablePlace,
} from './model.js';

const hours = (days: Partial<Record<keyof OpeningHours, string>>): OpeningHours => {
  const out = emptyOpeningHours();
  for (const [day, text] of Object.entries(days)) {
    const parsed = parseDayHours(text);
    if ('problem' in parsed) throw new Error(parsed.problem);
    out[day as keyof OpeningHours] = parsed.intervals;
  }
  return out;
};

const place = (id: string, over: Partial<SearchablePlace> = {}): SearchablePlace => ({
  id, name: id, status: 'active', areaCode: 'BU00010101', hours: hours({ tue: '09:00-22:00' }), costCents: 0, capacity: 40,
  accessibility: { stepFree: true, accessibleToilet: true, hearingLoop: null }, ...over,
});

describe('opening hours', () => {
  it('reads the ways people write a day, sorted, and says what is wrong', () => {
    expect(parseDayHours('19:00-22:00, 09:00 - 12:00')).toEqual({ intervals: [{ from: 540, to: 720 }, { from: 1140, to: 1320 }] });
    expect(parseDayHours('9.30 tot 17.00')).toEqual({ intervals: [{ from: 570, to: 1020 }] });
    expect(parseDayHours('18:00–24:00')).toEqual({ intervals: [{ from: 1080, to: 1440 }] });
    expect(parseDayHours('  ')).toEqual({ intervals: [] });
    expect(parseDayHours('morgens')).toEqual({ problem: 'format' });
    expect(parseDayHours('22:00-02:00')).toEqual({ problem: 'order' });
    expect(parseDayHours('09:00-13:00, 12:00-14:00')).toEqual({ problem: 'overlap' });
    expect(parseDayHours('08:00-09:00, 10:00-11:00, 12:00-13:00, 14:00-15:00')).toEqual({ problem: 'tooMany' });
    expect(parseTime('24:30')).toBeNull();
    expect(parseTime('7:05')).toBe(425);
  });

  it('knows evening and weekend opening', () => {
    expect(opensInEvening(hours({ mon: '09:00-17:00' }))).toBe(false);
    expect(opensInEvening(hours({ mon: '09:00-17:00, 19:00-21:00' }))).toBe(true);
    expect(opensInWeekend(hours({ sun: '12:00-16:00' }))).toBe(true);
    expect(opensInWeekend(hours({ fri: '12:00-16:00' }))).toBe(false);
  });
});

describe('the evening-meeting search', () => {
  const tuesdayEvening = { weekday: 'tue' as const, from: 19 * 60, to: 21 * 60 + 30, groupSize: 30, maxCostCents: 500, needs: ['stepFree' as const] };

  it('answers "where can 30 of us meet on a Tuesday evening, for free or almost, step-free?"', () => {
    const places = [
      place('buurthuis'),
      place('kantine', { costCents: 250, capacity: 60 }),
      place('te-klein', { capacity: 20 }),
      place('te-duur', { costCents: 2500 }),
      place('trap', { accessibility: { stepFree: false, accessibleToilet: true, hearingLoop: true } }),
      place('dicht-om-negen', { hours: hours({ tue: '09:00-21:00' }) }),
      place('maandag', { hours: hours({ mon: '09:00-23:00' }) }),
      place('gesloten', { status: 'closed' }),
      place('leeg', { status: 'vacant' }),
      place('bedreigd', { status: 'threatened', costCents: 100 }),
    ];
    const found = findMeetingPlaces(places, tuesdayEvening);
    expect(found.map((m) => m.place.id)).toEqual(['buurthuis', 'bedreigd', 'kantine']);
    expect(found.every((m) => m.certain)).toBe(true);
    expect(found[0]!.reasons).toEqual([
      { kind: 'open', weekday: 'tue', from: 1140, to: 1290 }, { kind: 'free' }, { kind: 'capacity', capacity: 40 }, { kind: 'need', need: 'stepFree' },
    ]);
    expect(found[1]!.reasons).toContainEqual({ kind: 'threatened' });
  });

  it('keeps unknown apart from free: places with unknown facts come after the certain ones, saying what to ask', () => {
    const places = [
      place('onbekend-kosten', { costCents: null }),
      place('onbekend-grootte', { capacity: null }),
      place('onbekend-drempel', { accessibility: { stepFree: null, accessibleToilet: null, hearingLoop: null } }),
      place('zeker', { costCents: 400 }),
    ];
    const found = findMeetingPlaces(places, tuesdayEvening);
    expect(found.map((m) => [m.place.id, m.certain])).toEqual([['zeker', true], ['onbekend-drempel', false], ['onbekend-grootte', false], ['onbekend-kosten', false]]);
    expect(found.find((m) => m.place.id === 'onbekend-kosten')!.reasons).toContainEqual({ kind: 'costUnknown' });
    expect(found.find((m) => m.place.id === 'onbekend-drempel')!.reasons).toContainEqual({ kind: 'needUnknown', need: 'stepFree' });
    // Free only: 0 cents is a value, unknown is not free.
    expect(findMeetingPlaces([place('gratis'), place('onbekend', { costCents: null })], { maxCostCents: 0 }).map((m) => [m.place.id, m.certain]))
      .toEqual([['gratis', true], ['onbekend', false]]);
  });

  it('prefers the cheapest, then the smallest room that holds the group, then the name', () => {
    const found = findMeetingPlaces([
      place('zaal', { capacity: 400 }), place('b-kamer', { capacity: 35 }), place('a-kamer', { capacity: 35 }), place('duur', { costCents: 100, capacity: 30 }),
    ], { groupSize: 30 });
    expect(found.map((m) => m.place.id)).toEqual(['a-kamer', 'b-kamer', 'zaal', 'duur']);
  });

  it('narrows to areas and to a day without times', () => {
    const places = [place('hier'), place('daar', { areaCode: 'BU00010202' }), place('nergens', { areaCode: null }), place('zondag', { hours: hours({ sun: '10:00-12:00' }) })];
    expect(findMeetingPlaces(places, { areaCodes: ['BU00010101'] }).map((m) => m.place.id)).toEqual(['hier', 'zondag']);
    const sunday = findMeetingPlaces(places, { weekday: 'sun' });
    expect(sunday.map((m) => m.place.id)).toEqual(['zondag']);
    expect(sunday[0]!.reasons[0]).toEqual({ kind: 'openDay', weekday: 'sun', intervals: [{ from: 600, to: 720 }] });
  });
});

describe('assessments', () => {
  const scores = (over: Partial<Scores>): { scores: Scores } => ({
    scores: { accessible: null, host: null, regulars: null, leveller: null, conversation: null, homely: null, mood: null, hours: null, ...over },
  });

  it('gives per quality the mean, the range, the quartiles and n, leaving out who did not score it', () => {
    const agg = aggregateAssessments([scores({ host: 5, hours: 2 }), scores({ host: 4 }), scores({ host: 2, hours: 4 }), scores({ host: 5 }), scores({ host: 1 })]);
    expect(agg.host).toEqual({ n: 5, mean: 3.4, min: 1, max: 5, q1: 2, median: 4, q3: 5 });
    expect(agg.hours).toEqual({ n: 2, mean: 3, min: 2, max: 4, q1: 2.5, median: 3, q3: 3.5 });
    expect(agg.mood).toEqual({ n: 0, mean: null, min: null, max: null, q1: null, median: null, q3: null });
    expect(spreadOf([3])).toMatchObject({ n: 1, mean: 3, q1: 3, q3: 3 });
  });
});

describe('the neighbourhood of a point', () => {
  const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]] as Array<[number, number]>;
  const neighbourhoods = [
    { code: 'BU00010102', bbox: [5, 52, 5.1, 52.1] as [number, number, number, number], geometry: { type: 'Polygon' as const, coordinates: [square(5, 52, 5.1, 52.1), square(5.04, 52.04, 5.06, 52.06)] } },
    { code: 'BU00010101', bbox: [5.04, 52.04, 5.06, 52.06] as [number, number, number, number], geometry: { type: 'Polygon' as const, coordinates: [square(5.04, 52.04, 5.06, 52.06)] } },
    { code: 'BU00010103', bbox: null, geometry: { type: 'MultiPolygon' as const, coordinates: [[square(5.2, 52, 5.3, 52.1)], [square(5.4, 52, 5.5, 52.1)]] } },
    { code: 'BU00010104', bbox: null, geometry: null },
  ];

  it('finds the boundary holding the point: a hole belongs to the neighbourhood inside it; outside is null', () => {
    expect(neighbourhoodAt(5.01, 52.01, neighbourhoods)).toBe('BU00010102');
    expect(neighbourhoodAt(5.05, 52.05, neighbourhoods)).toBe('BU00010101');
    expect(neighbourhoodAt(5.45, 52.05, neighbourhoods)).toBe('BU00010103');
    expect(neighbourhoodAt(5.15, 52.05, neighbourhoods)).toBeNull();
    expect(neighbourhoodAt(5.05, 53, neighbourhoods)).toBeNull();
  });
});

describe('reading what people type and where they click', () => {
  it('reads euros into cents and coordinates with a decimal comma', () => {
    expect(parseEuros('12,50')).toBe(1250);
    expect(parseEuros('€ 3')).toBe(300);
    expect(parseEuros('0')).toBe(0);
    expect(parseEuros('2.5')).toBe(250);
    expect(parseEuros('-1')).toBeNull();
    expect(parseEuros('gratis')).toBeNull();
    expect(parseCoordinate('52,0401')).toBe(52.0401);
    expect(parseCoordinate('abc')).toBeNull();
    expect(weekdayOf(new Date('2026-12-01T12:00:00Z'))).toBe('tue');
  });

  it('turns a click on the picker map back into the position drawn there', () => {
    const view = pickerViewport([5, 52, 5.15, 52.08], 640);
    for (const [lon, lat] of [[5.0712, 52.0401], [5, 52], [5.15, 52.08]] as const) {
      const [x, y] = view.at(lon, lat);
      const back = view.pointAt(x, y);
      expect(back.lon).toBeCloseTo(lon, 6);
      expect(back.lat).toBeCloseTo(lat, 6);
    }
  });
});
