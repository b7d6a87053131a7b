/**
 * Neighbourhood statistics: pure types and rules (no I/O).
 *
 * A value is a real number or unknown, and an unknown value keeps its reason (CBS: "." missing,
 * suppressed for privacy, not applicable): unknown is never zero. Indicators form one catalogue:
 * the CBS key figures shipped in catalogue.ts, derived indicators (shares, per 1,000, change over
 * years) defined as data, and a municipality's own indicators. `evaluateIndicator` is the one
 * function that computes a derived indicator.
 */

export type UnknownReason = 'missing' | 'secret' | 'not-applicable';
export const UNKNOWN_REASONS: readonly UnknownReason[] = ['missing', 'secret', 'not-applicable'];

export type StatValue = { value: number; unknown: null } | { value: null; unknown: UnknownReason };

export const known = (value: number): StatValue => ({ value, unknown: null });
export const unknownValue = (reason: UnknownReason): StatValue => ({ value: null, unknown: reason });

export const MIN_STATISTICS_YEAR = 1990;
export const MAX_STATISTICS_YEAR = 2100;

export function isValidStatisticsYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_STATISTICS_YEAR && year <= MAX_STATISTICS_YEAR;
}

// ---- catalogue types ------------------------------------------------------------------------

export const THEMES = [
  'population', 'households', 'housing', 'income', 'work', 'care-support', 'safety', 'amenities-public-places', 'participation', 'energy', 'area', 'other',
] as const;
export type Theme = (typeof THEMES)[number];

/** What a higher value is a sign of. */
export const POLARITIES = ['strength', 'vulnerability', 'neutral'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const UNITS = [
  'count', 'percent', 'per-1000', 'euro', 'x1000-euro', 'km', 'ha', 'per-km2', 'persons', 'per-household', 'kwh', 'm3', 'class', 'change',
] as const;
export type Unit = (typeof UNITS)[number];

/**
 * How a derived indicator is computed from others (by id, national or the municipality's own):
 *   share:   100 × part / whole            (percent)
 *   per1000: 1000 × count / base           (per 1,000)
 *   change:  value(year) − value(year − years), or the percentage change when `relative`
 */
export type Derivation =
  | { kind: 'share'; part: string; whole: string }
  | { kind: 'per1000'; count: string; base: string }
  | { kind: 'change'; of: string; years: number; relative: boolean };

export interface Indicator {
  id: string;
  labelNl: string;
  labelEn: string;
  definitionNl: string;
  definitionEn: string;
  unit: Unit;
  theme: Theme;
  polarity: Polarity;
  source: string;
  /** Absent for measured variables. */
  derivation?: Derivation;
  /** Null for the national catalogue; the municipality for its own indicators. */
  municipalityId: string | null;
}

export function inputsOf(derivation: Derivation): string[] {
  switch (derivation.kind) {
    case 'share': return [derivation.part, derivation.whole];
    case 'per1000': return [derivation.count, derivation.base];
    case 'change': return [derivation.of];
  }
}

/** The first indicator id that depends on itself through its inputs, or null. */
export function findCycle(indicators: ReadonlyMap<string, Pick<Indicator, 'id' | 'derivation'>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path, id];
    state.set(id, 'visiting');
    const derivation = indicators.get(id)?.derivation;
    for (const input of derivation ? inputsOf(derivation) : []) {
      const cycle = visit(input, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return null;
  };
  for (const id of indicators.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return null;
}

// ---- evaluation ---------------------------------------------------------------------------

/** A measured value of a variable in a year (for one area); unknown 'missing' when there is none. */
export type ValueLookup = (variable: string, year: number) => StatValue;

const MAX_DEPTH = 8;

/** The more telling of two unknown reasons: secret hides a figure that exists; missing says nothing. */
function combine(a: UnknownReason, b: UnknownReason): UnknownReason {
  const rank: Record<UnknownReason, number> = { secret: 2, 'not-applicable': 1, missing: 0 };
  return rank[a] >= rank[b] ? a : b;
}

function ratio(numerator: StatValue, denominator: StatValue, factor: number): StatValue {
  if (numerator.unknown !== null && denominator.unknown !== null) return unknownValue(combine(numerator.unknown, denominator.unknown));
  if (numerator.unknown !== null) return numerator;
  if (denominator.unknown !== null) return denominator;
  if (denominator.value === 0) return unknownValue('not-applicable');
  return known((factor * numerator.value) / denominator.value);
}

/**
 * The value of an indicator for one area in one year: measured indicators are looked up, derived
 * ones computed from their inputs (recursively). Any unknown input makes the result unknown with
 * that input's reason; dividing by zero is "not applicable".
 */
export function evaluateIndicator(
  id: string,
  year: number,
  catalogue: ReadonlyMap<string, Pick<Indicator, 'derivation'>>,
  lookup: ValueLookup,
  depth = 0,
): StatValue {
  const derivation = catalogue.get(id)?.derivation;
  if (!derivation) return lookup(id, year);
  if (depth > MAX_DEPTH) throw new Error(`Indicator ${id} is derived too deeply (a cycle?)`);
  const value = (input: string, y = year) => evaluateIndicator(input, y, catalogue, lookup, depth + 1);
  switch (derivation.kind) {
    case 'share': return ratio(value(derivation.part), value(derivation.whole), 100);
    case 'per1000': return ratio(value(derivation.count), value(derivation.base), 1000);
    case 'change': {
      const now = value(derivation.of);
      const before = value(derivation.of, year - derivation.years);
      if (!derivation.relative) {
        if (now.unknown !== null || before.unknown !== null) return ratio(now, before, 1);
        return known(now.value - before.value);
      }
      const change = ratio(now, before, 100);
      return change.unknown === null ? known(change.value - 100) : change;
    }
  }
}

// ---- parsing values -----------------------------------------------------------------------

export type DecimalSeparator = '.' | ',';

/** CBS markers for values that are not there, as the CBS files write them. */
const UNKNOWN_MARKERS: Readonly<Record<string, UnknownReason>> = {
  '': 'missing',
  '.': 'missing',
  x: 'secret',
  X: 'secret',
  '-99997': 'secret',
  '-99995': 'not-applicable',
};

const NUMBER_DOT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NUMBER_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)$/;

export type ParsedCell = { ok: true; value: StatValue } | { ok: false; reason: string };

/**
 * One cell of a CBS or local file: padding is trimmed ("       ." is "."); "." or empty is
 * missing, "x" and -99997 are suppressed (secret), -99995 is not applicable; anything else must
 * be a number with the file's decimal separator and no thousands separators.
 */
export function parseCell(raw: string, decimal: DecimalSeparator): ParsedCell {
  const text = raw.trim();
  const marker = UNKNOWN_MARKERS[text];
  if (marker) return { ok: true, value: unknownValue(marker) };
  if (decimal === '.' ? NUMBER_DOT.test(text) : NUMBER_COMMA.test(text)) {
    const value = Number(decimal === '.' ? text : text.replace(',', '.'));
    if (Number.isFinite(value)) return { ok: true, value: known(value) };
  }
  if (decimal === '.' && /^[+-]?\d+,\d+$/.test(text)) return { ok: false, reason: 'has a decimal comma, but this file uses a decimal point' };
  if (decimal === ',' && /^[+-]?\d*\.\d+$/.test(text)) return { ok: false, reason: 'has a decimal point, but this file uses a decimal comma' };
  return { ok: false, reason: 'is not a number' };
}

/** A number as it arrives in JSON (or a spreadsheet): numbers as they are, null as missing, text parsed like a cell. */
export function parseJsonCell(raw: unknown): ParsedCell {
  if (raw === null || raw === undefined) return { ok: true, value: unknownValue('missing') };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, reason: 'is not a finite number' };
    if (raw === -99997) return { ok: true, value: unknownValue('secret') };
    if (raw === -99995) return { ok: true, value: unknownValue('not-applicable') };
    return { ok: true, value: known(raw) };
  }
  if (typeof raw === 'string') return parseCell(raw, '.');
  return { ok: false, reason: 'is not a number' };
}

/**
 * The decimal separator of a file, from its cells: StatLine downloads write a decimal point, the
 * kwb CSV may write a decimal comma. A cell such as "1,5" decides for the comma, "1.5" for the
 * point; a file with both is refused cell by cell by `parseCell`. Without any decimals, the point.
 */
export function detectDecimalSeparator(cells: Iterable<string>): DecimalSeparator {
  for (const raw of cells) {
    const text = raw.trim();
    if (/^[+-]?\d+,\d+$/.test(text)) return ',';
    if (/^[+-]?\d*\.\d+$/.test(text)) return '.';
  }
  return '.';
}

// ---- areas --------------------------------------------------------------------------------

export type RegionKind = 'country' | 'municipality' | 'district' | 'neighbourhood';

/** The Netherlands as a whole, as the CBS files name it. */
export const NETHERLANDS_CODE = 'NL00';

const REGION_KIND_WORDS: Readonly<Record<string, RegionKind>> = {
  land: 'country', gemeente: 'municipality', wijk: 'district', buurt: 'neighbourhood',
};

/** SoortRegio_2 / recs ("Land", "Gemeente", "Wijk", "Buurt", padded) → kind; null when not one of these. */
export function regionKindOf(word: string): RegionKind | null {
  return REGION_KIND_WORDS[word.trim().toLowerCase()] ?? null;
}

/** A year in a file name such as kwb-2023.xlsx (four digits standing alone), or null. */
export function yearFromFileName(name: string): number | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const matches = [...base.matchAll(/(?<!\d)(19\d\d|20\d\d)(?!\d)/g)].map((m) => Number(m[1]));
  return matches.length === 1 ? matches[0]! : null;
}

/** StatLine's Perioden ("2023JJ00", padded) → 2023; null when it is not a yearly period. */
export function yearFromPeriod(raw: string): number | null {
  const match = /^(\d{4})JJ00$/.exec(raw.trim());
  return match ? Number(match[1]) : null;
}
