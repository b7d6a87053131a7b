import { expect, it } from 'vitest';
import { eurosInput, parseEuros, parseShare, perResident, redirect, totalsBySource } from './model.js';

const cents = (text: string) => {
  const parsed = parseEuros(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem}`);
  return parsed.cents;
};

it('reads amounts in euros to exact cents, with a decimal comma or a decimal point', () => {
  expect(cents('1234')).toBe(123_400);
  expect(cents('1234,56')).toBe(123_456);
  expect(cents('1234.56')).toBe(123_456);
  expect(cents('1234,5')).toBe(123_450);
  expect(cents('0,01')).toBe(1);
  expect(cents('€ 1.234.567,89')).toBe(123_456_789);
  expect(cents('1,234,567.89')).toBe(123_456_789);
  expect(cents('1.234.567')).toBe(123_456_700);
  expect(cents('12 345 678,90')).toBe(1_234_567_890);
  // Floats would get this wrong: 0.29 * 100 = 28.999999999999996.
  expect(cents('0,29')).toBe(29);
  expect(cents('1.000.000.000.000')).toBe(100_000_000_000_000);
});

it('refuses what it would have to guess, and what is not an amount', () => {
  expect(parseEuros('1.234')).toEqual({ ok: false, problem: 'ambiguous' });
  expect(parseEuros('1,234')).toEqual({ ok: false, problem: 'ambiguous' });
  expect(parseEuros('12,345')).toEqual({ ok: false, problem: 'ambiguous' });
  expect(parseEuros('1,2345')).toEqual({ ok: false, problem: 'decimals' });
  expect(parseEuros('1.234,567')).toEqual({ ok: false, problem: 'decimals' });
  expect(parseEuros('1.23.4')).toEqual({ ok: false, problem: 'format' });
  expect(parseEuros('1,234.567,8')).toEqual({ ok: false, problem: 'format' });
  expect(parseEuros('12k')).toEqual({ ok: false, problem: 'format' });
  expect(parseEuros('')).toEqual({ ok: false, problem: 'format' });
  expect(parseEuros('-50')).toEqual({ ok: false, problem: 'notPositive' });
  expect(parseEuros('0,00')).toEqual({ ok: false, problem: 'notPositive' });
  expect(parseEuros('100000000000000')).toEqual({ ok: false, problem: 'tooBig' });
  expect(parseEuros('1000000000000,01')).toEqual({ ok: false, problem: 'tooBig' });
  expect(eurosInput(123_456, ',')).toBe('1234,56');
  expect(eurosInput(123_400, '.')).toBe('1234');
  expect(eurosInput(123_405, '.')).toBe('1234.05');
});

it('totals per source and per resident, unknown without residents', () => {
  const flows = [{ source: 'wmo' as const, amountCents: 100 }, { source: 'youth' as const, amountCents: 250 }, { source: 'wmo' as const, amountCents: 50 }];
  expect(totalsBySource(flows)).toEqual([{ source: 'wmo', cents: 150 }, { source: 'youth', cents: 250 }]);
  expect(perResident(1_000_000, 3)).toBe(333_333);
  expect(perResident(5, 2)).toBe(3);
  expect(perResident(1_000, 0)).toBeNull();
  expect(perResident(1_000, null)).toBeNull();
});

it('redirects a share: rounded down in total, and the parts per source add up exactly to it', () => {
  expect(parseShare('5')).toBe(500);
  expect(parseShare('5,5 %')).toBe(550);
  expect(parseShare('12.25')).toBe(1225);
  expect(parseShare('100')).toBe(10_000);
  for (const bad of ['0', '101', '5,555', 'vijf', '-5', '']) expect(parseShare(bad)).toBeNull();
  const totals = [{ source: 'wmo' as const, cents: 333 }, { source: 'youth' as const, cents: 333 }, { source: 'zvw' as const, cents: 334 }];
  const r = redirect(totals, 500);
  expect(r.totalCents).toBe(50);
  expect(r.perSource.map((p) => p.cents)).toEqual([17, 16, 17]);
  expect(r.perSource.reduce((s, p) => s + p.cents, 0)).toBe(r.totalCents);
  // Large amounts stay exact.
  const big = redirect([{ source: 'wlz', cents: 99_999_999_999_999 }, { source: 'zvw', cents: 1 }], 333);
  expect(big.totalCents).toBe(3_330_000_000_000);
  expect(big.perSource.reduce((s, p) => s + p.cents, 0)).toBe(big.totalCents);
  // Many odd amounts: always exact.
  const many = Array.from({ length: 8 }, (_, i) => ({ source: (['wmo', 'youth', 'participation', 'zvw', 'wlz', 'housing', 'subsidies', 'other'] as const)[i]!, cents: 1_234_567 + i * 7_919 }));
  for (const bp of [1, 99, 500, 1234, 9999, 10_000]) {
    const out = redirect(many, bp);
    expect(out.perSource.reduce((s, p) => s + p.cents, 0)).toBe(out.totalCents);
    expect(out.totalCents).toBe(Math.floor((many.reduce((s, m) => s + m.cents, 0) * bp) / 10_000));
  }
});
