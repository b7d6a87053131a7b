import { expect, it } from 'vitest';
import { chronological, isWebAddress, parseWhen, sortKey, whenInput, withinEditWindow } from './model.js';

const today = new Date('2026-06-15T10:00:00Z');
const when = (text: string) => {
  const parsed = parseWhen(text, today);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem}`);
  return parsed.when;
};

it('reads a date as a volunteer types it, as precisely as it is known', () => {
  expect(when('12-3-1968')).toEqual({ precision: 'day', year: 1968, month: 3, day: 12, yearTo: null });
  expect(when('1968-03-12')).toEqual(when('12/03/1968'));
  expect(when('3-1968')).toEqual({ precision: 'month', year: 1968, month: 3, day: null, yearTo: null });
  expect(when('1968-3')).toEqual(when('03.1968'));
  expect(when(' 1968 ')).toEqual({ precision: 'year', year: 1968, month: null, day: null, yearTo: null });
  for (const text of ['ca. 1968', 'circa 1968', 'Ca 1968', 'rond 1968', 'about 1968']) expect(when(text)).toEqual({ precision: 'circa', year: 1968, month: null, day: null, yearTo: null });
  for (const text of ['1965-1972', '1965 – 1972', '1965 tot 1972']) expect(when(text)).toEqual({ precision: 'period', year: 1965, month: null, day: null, yearTo: 1972 });
});

it('refuses what is not a date, does not exist, lies ahead or runs backwards', () => {
  expect(parseWhen('vorig jaar', today)).toEqual({ ok: false, problem: 'format' });
  expect(parseWhen('31-2-1968', today)).toEqual({ ok: false, problem: 'date' });
  expect(parseWhen('13-1968', today)).toEqual({ ok: false, problem: 'date' });
  expect(parseWhen('2027', today)).toEqual({ ok: false, problem: 'future' });
  expect(parseWhen('16-6-2026', today)).toEqual({ ok: false, problem: 'future' });
  expect(parseWhen('15-6-2026', today).ok).toBe(true);
  expect(parseWhen('1972-1965', today)).toEqual({ ok: false, problem: 'periodOrder' });
  expect(parseWhen('0999', today)).toEqual({ ok: false, problem: 'tooEarly' });
});

it('writes a date back the way it reads it, and sorts a year before its dated moments', () => {
  for (const text of ['12-03-1968', '03-1968', '1968', 'ca. 1968', '1965-1972']) expect(whenInput(when(text))).toBe(text);
  expect(sortKey(when('1968'))).toBe('1968-00-00');
  expect(sortKey(when('12-3-1968'))).toBe('1968-03-12');
  const items = [
    { id: 'c', createdAt: '2026-01-02', when: when('12-3-1968') },
    { id: 'a', createdAt: '2026-01-03', when: when('ca. 1968') },
    { id: 'b', createdAt: '2026-01-01', when: when('1965-1972') },
  ];
  expect([...items].sort(chronological).map((i) => i.id)).toEqual(['b', 'a', 'c']);
});

it('lets the author change an entry for 48 hours, and links only to web addresses', () => {
  expect(withinEditWindow('2026-06-13T10:00:00Z', today)).toBe(true);
  expect(withinEditWindow('2026-06-13T09:59:00Z', today)).toBe(false);
  expect(isWebAddress('https://archief.example/lindenhof')).toBe(true);
  expect(isWebAddress('javascript:alert(1)')).toBe(false);
  expect(isWebAddress('archief.example')).toBe(false);
});
