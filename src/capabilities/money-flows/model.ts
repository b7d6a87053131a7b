/**
 * Money flowing through an area: pure types, amount parsing, totals and the "what if" share
 * (no I/O). Amounts are integer cents throughout; a share is in basis points (1 % = 100), so
 * every figure shown is exact and sums add up to the cent.
 */

export const FUNDING_SOURCES = ['wmo', 'youth', 'participation', 'zvw', 'wlz', 'housing', 'subsidies', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const CERTAINTIES = ['measured', 'estimated', 'rough'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export const MAX_PURPOSE = 160;
export const MAX_METHOD = 1000;
export const MAX_FIGURE_SOURCE = 300;
/** A trillion euros: far above any neighbourhood, far below where integers lose precision. */
export const MAX_CENTS = 100_000_000_000_000;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface MoneyFlow {
  id: string;
  areaCode: string;
  year: number;
  source: FundingSource;
  purpose: string;
  amountCents: number;
  method: string;
  certainty: Certainty;
  figureSource: string | null;
}

// ---- amounts -------------------------------------------------------------------------------------

export type AmountProblem = 'format' | 'ambiguous' | 'decimals' | 'notPositive' | 'tooBig';

/**
 * An amount in euros as people write it, to cents, exactly (string arithmetic, never floats):
 * "1234", "1234,56" and "1234.5" (one decimal separator, at most two decimals), "1.234.567,89" and
 * "1,234,567.89" (thousands grouped by three, the last separator the decimal one), an optional
 * "€" and spaces. "1.234" or "1,234" (one separator followed by exactly three digits) could be a
 * thousand or one and a bit: refused as ambiguous rather than guessed.
 */
export function parseEuros(raw: string): { ok: true; cents: number } | { ok: false; problem: AmountProblem } {
  const text = raw.replace(/[\s\u00a0]/g, '').replace(/^€/, '').replace(/^eur/i, '');
  if (!/^[0-9.,]+$/.test(text) || !/\d/.test(text)) return { ok: false, problem: text.startsWith('-') ? 'notPositive' : 'format' };
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  let integer: string;
  let fraction = '';
  const grouped = (part: string, separator: string) => new RegExp(`^\\d{1,3}(\\${separator}\\d{3})+$`).test(part);
  if (dots && commas) {
    const decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const at = text.lastIndexOf(decimal);
    const [whole, rest] = [text.slice(0, at), text.slice(at + 1)];
    if (rest.includes(thousands) || (text.split(decimal).length - 1) > 1 || !grouped(whole, thousands)) return { ok: false, problem: 'format' };
    integer = whole.split(thousands).join('');
    fraction = rest;
  } else if (dots + commas === 0) {
    integer = text;
  } else {
    const separator = dots ? '.' : ',';
    const parts = text.split(separator);
    if (parts.length > 2) {
      if (!grouped(text, separator)) return { ok: false, problem: 'format' };
      integer = parts.join('');
    } else {
      const [whole, rest] = parts as [string, string];
      if (whole === '' || rest === '') return { ok: false, problem: 'format' };
      if (rest.length === 3) return { ok: false, problem: 'ambiguous' };
      integer = whole;
      fraction = rest;
    }
  }
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return { ok: false, problem: 'format' };
  if (fraction.length > 2) return { ok: false, problem: 'decimals' };
  const digits = integer.replace(/^0+(?=\d)/, '');
  if (digits.length > 13) return { ok: false, problem: 'tooBig' };
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  if (cents <= 0) return { ok: false, problem: 'notPositive' };
  if (cents > MAX_CENTS) return { ok: false, problem: 'tooBig' };
  return { ok: true, cents };
}

/** Cents as the euros a form shows again (parseEuros reads it back): "1234,56" / "1234.56". */
export function eurosInput(cents: number, decimal: ',' | '.'): string {
  const whole = Math.trunc(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole}${decimal}${String(rest).padStart(2, '0')}`;
}

// ---- totals --------------------------------------------------------------------------------------

export interface SourceTotal {
  source: FundingSource;
  cents: number;
}

export function totalCents(flows: readonly Pick<MoneyFlow, 'amountCents'>[]): number {
  return flows.reduce((sum, f) => sum + f.amountCents, 0);
}

/** Per funding source (in the fixed order of FUNDING_SOURCES), only sources with money. */
export function totalsBySource(flows: readonly Pick<MoneyFlow, 'source' | 'amountCents'>[]): SourceTotal[] {
  return FUNDING_SOURCES.map((source) => ({ source, cents: totalCents(flows.filter((f) => f.source === source)) })).filter((t) => t.cents > 0);
}

/** Cents per resident, rounded half up to a whole cent; unknown without a known, positive number of residents (never a division by zero). */
export function perResident(cents: number, residents: number | null): number | null {
  if (residents === null || !Number.isFinite(residents) || residents <= 0) return null;
  return Math.floor((cents + residents / 2) / residents);
}

// ---- what if -------------------------------------------------------------------------------------

/** A share as people type it ("5", "5,5", "12.25", "5 %"): basis points (1 % = 100), more than 0 and at most 100 %. */
export function parseShare(raw: string): number | null {
  const text = raw.replace(/[\s%]/g, '').replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  const basisPoints = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return basisPoints > 0 && basisPoints <= 10_000 ? basisPoints : null;
}

export interface Redirection {
  basisPoints: number;
  /** The share of the total, rounded down to a whole cent. */
  totalCents: number;
  perSource: Array<{ source: FundingSource; fromCents: number; cents: number }>;
}

/**
 * What redirecting a share of every source to the neighbourhood budget would make available.
 * The total is the share of the total, rounded down to a whole cent (never more than there is).
 * Per source the share is rounded down too; the cents that rounding leaves over (fewer than the
 * number of sources) go one each to the sources with the largest remainders (the earlier source on
 * a tie), so the amounts per source add up exactly to the total. BigInt keeps the products exact.
 */
export function redirect(totals: readonly SourceTotal[], basisPoints: number): Redirection {
  const bp = BigInt(basisPoints);
  const sum = totals.reduce((s, t) => s + BigInt(t.cents), 0n);
  const total = (sum * bp) / 10_000n;
  const parts = totals.map((t, index) => {
    const exact = BigInt(t.cents) * bp;
    return { source: t.source, fromCents: t.cents, cents: exact / 10_000n, remainder: exact % 10_000n, index };
  });
  let left = total - parts.reduce((s, p) => s + p.cents, 0n);
  const byRemainder = [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const part of byRemainder) {
    if (left <= 0n) break;
    part.cents += 1n;
    left -= 1n;
  }
  return { basisPoints, totalCents: Number(total), perSource: parts.map((p) => ({ source: p.source, fromCents: p.fromCents, cents: Number(p.cents) })) };
}
