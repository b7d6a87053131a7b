/**
 * Public places (third places): pure types, rules and algorithms (no I/O).
 *
 * A place is where people of a neighbourhood meet or could meet. It has a location (WGS84), which
 * assigns it to the neighbourhood whose boundary holds it; opening times per weekday; a cost per
 * hour for a resident group in cents (0 is free, null is unknown — never the same); a capacity;
 * three accessibility facts (yes, no or unknown); and a status with its history. Residents assess
 * it on Oldenburg's eight qualities of a third place; the evening-meeting search answers "where
 * can 30 of us meet on a Tuesday evening, for free or almost, step-free?".
 */
import { mapViewport, pointInGeometry, type AreaGeometry, type BBox } from '../../platform/ui/geometry.js';

export const PLACE_TYPES = [
  'community_centre', 'library', 'school_yard', 'park_square', 'cafe', 'religious', 'community_garden', 'sports_canteen',
  'shopping_centre', 'common_room', 'vacant_building', 'other',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

export const OWNER_TYPES = ['municipality', 'housing_corporation', 'commercial', 'residents', 'religious', 'other'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

/** Active; under threat (with its kind); closed; vacant and a candidate for community use. */
export const PLACE_STATUSES = ['active', 'threatened', 'closed', 'vacant'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];
export const THREAT_KINDS = ['closure', 'sale', 'rent_rise'] as const;
export type ThreatKind = (typeof THREAT_KINDS)[number];

export const ACCESSIBILITY = ['stepFree', 'accessibleToilet', 'hearingLoop'] as const;
export type AccessibilityNeed = (typeof ACCESSIBILITY)[number];
/** true: yes; false: no; null: not known. */
export type Accessibility = Record<AccessibilityNeed, boolean | null>;

/** Monday first, as Dutch calendars do; `weekdayOf` maps a JavaScript day (Sunday 0) onto it. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Oldenburg's eight qualities of a third place (The Great Good Place, 1989). */
export const QUALITIES = ['accessible', 'host', 'regulars', 'leveller', 'conversation', 'homely', 'mood', 'hours'] as const;
export type Quality = (typeof QUALITIES)[number];
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
/** A score per quality; null where the assessor does not know. */
export type Scores = Record<Quality, number | null>;

/** A span of opening in minutes since midnight, from < to ≤ 1440. */
export interface Interval { from: number; to: number }
export type OpeningHours = Record<Weekday, Interval[]>;

export const MAX_INTERVALS_PER_DAY = 3;
/** From this time on (18:00) opening counts as evening opening. */
export const EVENING_FROM = 18 * 60;

export const MAX_CAPACITY = 100_000;
/** A million euros an hour: anything above is a typo. */
export const MAX_COST_CENTS = 100_000_000;

export function emptyOpeningHours(): OpeningHours {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

/** "19:30" → 1170; "24:00" is the end of the day. Null when it is not a time. */
export function parseTime(text: string): number | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export type HoursProblem = 'format' | 'order' | 'overlap' | 'tooMany';

/**
 * One day's opening as people write it: "09:00-12:00, 19:00-22:00" (en dash, "tot" and "to" are
 * read as well); empty is closed. The spans come back sorted; overlapping spans are an error, as
 * is a span that ends before it starts (opening past midnight is written on both days).
 */
export function parseDayHours(text: string): { intervals: Interval[] } | { problem: HoursProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { intervals: [] };
  const parts = trimmed.split(/[,;]|\s+en\s+|\s+and\s+/i).map((p) => p.trim()).filter(Boolean);
  if (parts.length > MAX_INTERVALS_PER_DAY) return { problem: 'tooMany' };
  const intervals: Interval[] = [];
  for (const part of parts) {
    const times = part.split(/\s*(?:-|–|—|\btot\b|\bto\b)\s*/i).filter(Boolean);
    if (times.length !== 2) return { problem: 'format' };
    const from = parseTime(times[0]!);
    const to = parseTime(times[1]!);
    if (from === null || to === null) return { problem: 'format' };
    if (from >= to) return { problem: 'order' };
    intervals.push({ from, to });
  }
  intervals.sort((a, b) => a.from - b.from);
  for (let i = 1; i < intervals.length; i++) if (intervals[i]!.from < intervals[i - 1]!.to) return { problem: 'overlap' };
  return { intervals };
}

/** The text a form field shows for a day ("09:00-12:00, 19:00-22:00"; empty when closed). */
export function formatDayHours(intervals: readonly Interval[]): string {
  return intervals.map((i) => `${formatTime(i.from)}-${formatTime(i.to)}`).join(', ');
}

export function opensInEvening(hours: OpeningHours): boolean {
  return WEEKDAYS.some((d) => hours[d].some((i) => i.to > EVENING_FROM));
}

export function opensInWeekend(hours: OpeningHours): boolean {
  return hours.sat.length > 0 || hours.sun.length > 0;
}

export function isOpenAt(hours: OpeningHours, day: Weekday, from: number, to: number): boolean {
  return hours[day].some((i) => i.from <= from && i.to >= to);
}

/** A status is current when a group could meet there. */
export function usable(status: PlaceStatus): boolean {
  return status === 'active' || status === 'threatened';
}

// ---- assessments ------------------------------------------------------------------------------

export interface Spread {
  /** How many assessments give this quality a score. */
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Quartiles by linear interpolation between the sorted scores (as spreadsheets' QUARTILE.INC). */
  q1: number | null;
  median: number | null;
  q3: number | null;
}

function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { n: 0, mean: null, min: null, max: null, q1: null, median: null, q3: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { n: sorted.length, mean, min: sorted[0]!, max: sorted[sorted.length - 1]!, q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75) };
}

/** Per quality the spread of the scores given (qualities a person did not score count for nothing). */
export function aggregateAssessments(assessments: ReadonlyArray<{ scores: Scores }>): Record<Quality, Spread> {
  return Object.fromEntries(QUALITIES.map((q) => [q, spreadOf(assessments.flatMap((a) => (a.scores[q] === null ? [] : [a.scores[q]!])))])) as Record<Quality, Spread>;
}

// ---- the neighbourhood of a point -----------------------------------------------------------------

export interface Neighbourhood {
  code: string;
  bbox: BBox | null;
  geometry: AreaGeometry | null;
}

/** The neighbourhood whose boundary holds the point (the first by code when boundaries overlap), or null. */
export function neighbourhoodAt(lon: number, lat: number, neighbourhoods: readonly Neighbourhood[]): string | null {
  const sorted = [...neighbourhoods].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const n of sorted) {
    if (!n.geometry) continue;
    if (n.bbox && (lon < n.bbox[0] || lon > n.bbox[2] || lat < n.bbox[1] || lat > n.bbox[3])) continue;
    if (pointInGeometry(lon, lat, n.geometry)) return n.code;
  }
  return null;
}

/**
 * The map a location is picked on: the frame of the municipality drawn `width` wide, as the
 * platform's maps draw it. `pointAt` turns a click on the drawn map (user units, as an image
 * button sends them) back into a position; `at` draws a position. The projection is linear, so
 * its inverse follows from two projected corners.
 */
export function pickerViewport(frame: BBox, width: number) {
  const viewport = mapViewport(frame, width);
  const [x0, y0] = viewport.projection.project(frame[0], frame[3]);
  const [x1, y1] = viewport.projection.project(frame[2], frame[1]);
  const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
  return {
    ...viewport,
    at: (lon: number, lat: number) => viewport.projection.project(lon, lat),
    pointAt(x: number, y: number): { lon: number; lat: number } {
      return {
        lon: round7(frame[0] + ((x - x0) / (x1 - x0)) * (frame[2] - frame[0])),
        lat: round7(frame[3] - ((y - y0) / (y1 - y0)) * (frame[3] - frame[1])),
      };
    },
  };
}

// ---- the evening-meeting search ---------------------------------------------------------------------

export interface SearchablePlace {
  id: string;
  name: string;
  status: PlaceStatus;
  areaCode: string | null;
  hours: OpeningHours;
  costCents: number | null;
  capacity: number | null;
  accessibility: Accessibility;
}

export interface MeetingQuery {
  weekday?: Weekday;
  /** Minutes since midnight; both or neither. A weekday without them: open at some time that day. */
  from?: number;
  to?: number;
  groupSize?: number;
  maxCostCents?: number;
  needs?: readonly AccessibilityNeed[];
  /** Neighbourhood codes a place must be in (a district's or one neighbourhood). */
  areaCodes?: readonly string[];
}

/** Why a place fits (or what is not known about it), for the short reason beside a result. */
export type Reason =
  | { kind: 'open'; weekday: Weekday; from: number; to: number }
  | { kind: 'openDay'; weekday: Weekday; intervals: Interval[] }
  | { kind: 'free' }
  | { kind: 'cost'; cents: number }
  | { kind: 'costUnknown' }
  | { kind: 'capacity'; capacity: number }
  | { kind: 'capacityUnknown' }
  | { kind: 'need'; need: AccessibilityNeed }
  | { kind: 'needUnknown'; need: AccessibilityNeed }
  | { kind: 'threatened' };

export interface MeetingMatch<P extends SearchablePlace = SearchablePlace> {
  place: P;
  /** Every criterion met on what is known; `false`: nothing known rules it out, but something asked is unknown (ask the place). */
  certain: boolean;
  reasons: Reason[];
}

/**
 * The places where a group can meet, best first. A place takes part when a group could use it now
 * (active or under threat), it is in the chosen area, it is open for the whole time asked, and no
 * known fact rules it out (too small, too expensive, a need it does not meet). A place whose cost,
 * capacity or accessibility asked about is unknown comes after the certain ones, with what to ask.
 *
 * Order: certain first; then cheaper (free first); then the smallest room that holds the group
 * (a group of 30 is better off in a room for 40 than in a hall for 400); then by name.
 */
export function findMeetingPlaces<P extends SearchablePlace>(places: readonly P[], query: MeetingQuery): MeetingMatch<P>[] {
  const areas = query.areaCodes ? new Set(query.areaCodes) : null;
  const needs = query.needs ?? [];
  const day = query.weekday;
  const timed = day !== undefined && query.from !== undefined && query.to !== undefined;
  const out: MeetingMatch<P>[] = [];
  for (const place of places) {
    if (!usable(place.status)) continue;
    if (areas && (place.areaCode === null || !areas.has(place.areaCode))) continue;
    const reasons: Reason[] = [];
    let certain = true;
    if (timed) {
      if (!isOpenAt(place.hours, day, query.from!, query.to!)) continue;
      reasons.push({ kind: 'open', weekday: day, from: query.from!, to: query.to! });
    } else if (day !== undefined) {
      if (place.hours[day].length === 0) continue;
      reasons.push({ kind: 'openDay', weekday: day, intervals: place.hours[day] });
    }
    if (query.maxCostCents !== undefined) {
      if (place.costCents === null) { certain = false; reasons.push({ kind: 'costUnknown' }); }
      else if (place.costCents > query.maxCostCents) continue;
    }
    if (place.costCents !== null) reasons.push(place.costCents === 0 ? { kind: 'free' } : { kind: 'cost', cents: place.costCents });
    if (query.groupSize !== undefined) {
      if (place.capacity === null) { certain = false; reasons.push({ kind: 'capacityUnknown' }); }
      else if (place.capacity < query.groupSize) continue;
    }
    if (place.capacity !== null) reasons.push({ kind: 'capacity', capacity: place.capacity });
    let ruledOut = false;
    for (const need of needs) {
      const fact = place.accessibility[need];
      if (fact === false) { ruledOut = true; break; }
      if (fact === null) { certain = false; reasons.push({ kind: 'needUnknown', need }); } else reasons.push({ kind: 'need', need });
    }
    if (ruledOut) continue;
    if (place.status === 'threatened') reasons.push({ kind: 'threatened' });
    out.push({ place, certain, reasons });
  }
  const cost = (p: SearchablePlace) => (p.costCents === null ? Number.MAX_SAFE_INTEGER : p.costCents);
  const room = (p: SearchablePlace) => (p.capacity === null ? Number.MAX_SAFE_INTEGER : p.capacity);
  return out.sort((a, b) => Number(b.certain) - Number(a.certain) || cost(a.place) - cost(b.place) || room(a.place) - room(b.place)
    || a.place.name.localeCompare(b.place.name, 'nl') || (a.place.id < b.place.id ? -1 : 1));
}

/** The weekday of a date (YYYY-MM-DD) in the Monday-first order. */
export function weekdayOf(date: Date): Weekday {
  return WEEKDAYS[(date.getUTCDay() + 6) % 7]!;
}

/** Cents from what people type: "12,50", "12.50", "€ 12", "0". Null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const cleaned = text.trim().replace(/^€\s*/, '').replace(/\s/g, '');
  if (!/^\d{1,9}([.,]\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split(/[.,]/);
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** A coordinate as people type it (a decimal comma is read as a point). Null when it is not a number. */
export function parseCoordinate(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (!/^-?\d{1,3}(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}
