/**
 * History and tensions of an area: pure types and rules (no I/O).
 *
 * A timeline entry tells one thing that happened in an area — an event, a shift in population or
 * housing, a conflict or tension, a closure or opening — with when it happened, as precisely as
 * it is known: a day, a month, a year, "circa" a year, or a period of years. Every entry names its
 * sources (a citation, an address, or both), and may refer to places and actors of the area by
 * their ids (those capabilities resolve them; this one does not read their tables).
 */

export const HISTORY_KINDS = ['event', 'population', 'housing', 'tension', 'closure', 'opening', 'other'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const DATE_PRECISIONS = ['day', 'month', 'year', 'circa', 'period'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export type HistoryStatus = 'published' | 'deleted' | 'erased';

export const MAX_TITLE = 120;
export const MAX_STORY = 5000;
export const MAX_CITATION = 300;
export const MAX_URL = 500;
export const MAX_SOURCES = 10;
/** How many source rows the form offers (more can be given through the API). */
export const SOURCE_ROWS = 3;
/** How long after writing its author may still change or delete an entry (moderators and officials always may). */
export const EDIT_HOURS = 48;
export const EARLIEST_YEAR = 1000;

/** When something happened, as precisely as it is known. */
export interface When {
  precision: DatePrecision;
  year: number;
  /** 1–12 for a day or month. */
  month: number | null;
  day: number | null;
  /** The last year of a period. */
  yearTo: number | null;
}

export interface Source {
  citation: string | null;
  url: string | null;
}

export type ReferenceType = 'place' | 'actor';
export const REFERENCE_TYPES: readonly ReferenceType[] = ['place', 'actor'];
export interface Reference {
  type: ReferenceType;
  id: string;
}

const SEPARATOR = '[-/. ]';
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function realDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why a "when" text was refused: a message key (`history.when.*`). */
export type WhenProblem = 'format' | 'date' | 'future' | 'tooEarly' | 'periodOrder';

/**
 * Reads what a volunteer types: "12-3-1968" (day first, as in Dutch) or "1968-03-12", "3-1968" or
 * "1968-03", "1968", "ca. 1968" (also "circa", "c.", "rond", "about"), and "1965-1972" or
 * "1965 tot 1972" for a period. Dates in the future (after `today`) are refused.
 */
export function parseWhen(raw: string, today: Date = new Date()): { ok: true; when: When } | { ok: false; problem: WhenProblem } {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[–—]/g, '-');
  let when: When | null = null;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^(\\d{1,2})${SEPARATOR}(\\d{1,2})${SEPARATOR}(\\d{4})$`).exec(text))) {
    when = { precision: 'day', year: Number(m[3]), month: Number(m[2]), day: Number(m[1]), yearTo: null };
  } else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) {
    when = { precision: 'day', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), yearTo: null };
  } else if ((m = /^(\d{4}) ?(?:-|tot|to|until|t\/m) ?(\d{4})$/.exec(text))) {
    when = { precision: 'period', year: Number(m[1]), month: null, day: null, yearTo: Number(m[2]) };
  } else if ((m = new RegExp(`^(\\d{1,2})${SEPARATOR}(\\d{4})$`).exec(text))) {
    when = { precision: 'month', year: Number(m[2]), month: Number(m[1]), day: null, yearTo: null };
  } else if ((m = /^(\d{4})-(\d{1,2})$/.exec(text))) {
    when = { precision: 'month', year: Number(m[1]), month: Number(m[2]), day: null, yearTo: null };
  } else if ((m = /^(\d{4})$/.exec(text))) {
    when = { precision: 'year', year: Number(m[1]), month: null, day: null, yearTo: null };
  } else if ((m = /^(?:ca\.?|circa|c\.|rond|omstreeks|about|around) ?(\d{4})$/.exec(text))) {
    when = { precision: 'circa', year: Number(m[1]), month: null, day: null, yearTo: null };
  }
  if (!when) return { ok: false, problem: 'format' };
  return checkWhen(when, today);
}

/** The same checks for a structured "when" (the API). */
export function checkWhen(when: When, today: Date = new Date()): { ok: true; when: When } | { ok: false; problem: WhenProblem } {
  const thisYear = today.getUTCFullYear();
  if (when.month !== null && (when.month < 1 || when.month > 12)) return { ok: false, problem: 'date' };
  if (when.precision === 'day' && (when.month === null || when.day === null || !realDay(when.year, when.month, when.day))) return { ok: false, problem: 'date' };
  if (when.precision === 'month' && when.month === null) return { ok: false, problem: 'date' };
  if (when.year < EARLIEST_YEAR || (when.yearTo !== null && when.yearTo < EARLIEST_YEAR)) return { ok: false, problem: 'tooEarly' };
  if (when.precision === 'period' && (when.yearTo === null || when.yearTo <= when.year)) return { ok: false, problem: 'periodOrder' };
  const last = when.precision === 'period' ? when.yearTo! : when.year;
  if (last > thisYear || sortKey(when) > today.toISOString().slice(0, 10)) return { ok: false, problem: 'future' };
  return { ok: true, when: normalised(when) };
}

function normalised(when: When): When {
  return {
    precision: when.precision, year: when.year,
    month: when.precision === 'day' || when.precision === 'month' ? when.month : null,
    day: when.precision === 'day' ? when.day : null,
    yearTo: when.precision === 'period' ? when.yearTo : null,
  };
}

/** Sorts chronologically: a year or period counts from its start (unknown month and day as 00, so before the dated ones of that year). */
export function sortKey(when: When): string {
  return `${pad(when.year, 4)}-${pad(when.month ?? 0)}-${pad(when.day ?? 0)}`;
}

/** The text a form shows for it again (parseWhen reads it back to the same). */
export function whenInput(when: When): string {
  switch (when.precision) {
    case 'day': return `${pad(when.day!)}-${pad(when.month!)}-${when.year}`;
    case 'month': return `${pad(when.month!)}-${when.year}`;
    case 'year': return String(when.year);
    case 'circa': return `ca. ${when.year}`;
    case 'period': return `${when.year}-${when.yearTo}`;
  }
}

/** An ISO date for <time datetime>, as precise as known ("1968-03-12", "1968-03", "1968"). */
export function isoOf(when: When): string {
  if (when.precision === 'day') return `${pad(when.year, 4)}-${pad(when.month!)}-${pad(when.day!)}`;
  if (when.precision === 'month') return `${pad(when.year, 4)}-${pad(when.month!)}`;
  return pad(when.year, 4);
}

/** The decade an entry belongs to on the timeline (1960 for 1968). */
export function decadeOf(when: When): number {
  return Math.floor(when.year / 10) * 10;
}

/** Chronological; entries of the same moment in the order they were written. */
export function chronological<T extends { when: When; createdAt: string; id: string }>(a: T, b: T): number {
  return sortKey(a.when).localeCompare(sortKey(b.when)) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Can its author still change it at `now`? */
export function withinEditWindow(createdAt: string, now: Date = new Date()): boolean {
  return now.getTime() - Date.parse(createdAt) <= EDIT_HOURS * 3_600_000;
}

/** An address a source may link to: http or https only, so a link can never run script. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
