import type { Db } from '../../platform/db/connect.js';
import type { FieldIssue } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';
import { areaLabel, areasOfMunicipality } from '../areas/index.js';
import { ACCESSIBILITY, MAX_CAPACITY, WEEKDAYS, parseEuros, parseTime, type AccessibilityNeed, type MeetingQuery, type Weekday } from './model.js';

/**
 * What the search page and the API share: reading a search from text (the page's Dutch field
 * names are mapped onto these), and the areas one can narrow to.
 */
export interface RawSearch {
  weekday?: string;
  from?: string;
  to?: string;
  groupSize?: string;
  /** Euros as typed ("2,50"); the API also takes cents through `maxCostCents`. */
  maxCost?: string;
  maxCostCents?: string;
  needs?: string[];
  area?: string;
}

/** The fields of a search under the names of the form they came from. */
export type SearchFieldNames = Record<'weekday' | 'from' | 'to' | 'groupSize' | 'maxCost' | 'area', string>;

export function readSearch(raw: RawSearch, names: SearchFieldNames, areaCodesOf: (code: string) => string[] | null): { query: MeetingQuery; issues: FieldIssue[]; asked: boolean } {
  const issues: FieldIssue[] = [];
  const query: { -readonly [K in keyof MeetingQuery]: MeetingQuery[K] } = {};
  const given = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
  if (given(raw.weekday)) {
    if ((WEEKDAYS as readonly string[]).includes(raw.weekday)) query.weekday = raw.weekday as Weekday;
    else issues.push({ field: names.weekday, key: 'validation.choice' });
  }
  const from = given(raw.from) ? parseTime(raw.from) : undefined;
  const to = given(raw.to) ? parseTime(raw.to) : undefined;
  if (from === null) issues.push({ field: names.from, key: 'places.error.time' });
  if (to === null) issues.push({ field: names.to, key: 'places.error.time' });
  if (typeof from === 'number' && typeof to === 'number') {
    if (from >= to) issues.push({ field: names.to, key: 'places.error.timeOrder' });
    else if (query.weekday === undefined) issues.push({ field: names.weekday, key: 'places.error.dayForTime' });
    else { query.from = from; query.to = to; }
  } else if ((typeof from === 'number') !== (typeof to === 'number') && from !== null && to !== null) {
    issues.push({ field: typeof from === 'number' ? names.to : names.from, key: 'places.error.bothTimes' });
  }
  if (given(raw.groupSize)) {
    const n = Number(raw.groupSize);
    if (!Number.isInteger(n) || n < 1 || n > MAX_CAPACITY) issues.push({ field: names.groupSize, key: 'places.error.groupSize' });
    else query.groupSize = n;
  }
  if (given(raw.maxCostCents)) {
    const n = Number(raw.maxCostCents);
    if (!Number.isInteger(n) || n < 0) issues.push({ field: 'maxCostCents', key: 'places.error.cost' });
    else query.maxCostCents = n;
  } else if (given(raw.maxCost)) {
    const cents = parseEuros(raw.maxCost);
    if (cents === null) issues.push({ field: names.maxCost, key: 'places.error.cost' });
    else query.maxCostCents = cents;
  }
  const needs = (raw.needs ?? []).filter((n): n is AccessibilityNeed => (ACCESSIBILITY as readonly string[]).includes(n));
  if (needs.length) query.needs = needs;
  if (given(raw.area)) {
    const codes = areaCodesOf(raw.area.trim().toUpperCase());
    if (codes === null) issues.push({ field: names.area, key: 'validation.choice' });
    else query.areaCodes = codes;
  }
  return { query, issues, asked: Object.keys(query).length > 0 || issues.length > 0 };
}

export interface AreaIndex {
  /** Districts then neighbourhoods of the current division, by code. */
  choices: Array<{ code: string; label: string; kind: 'district' | 'neighbourhood' }>;
  names: Map<string, string>;
  /** The neighbourhoods an area code stands for (a district's, or the neighbourhood itself); null when unknown here. */
  codesOf(code: string): string[] | null;
}

export async function areaIndex(db: Db, tenant: Tenant): Promise<AreaIndex> {
  const areas = (await areasOfMunicipality(db, tenant.cbsCode, tenant.divisionYear)).filter((a) => a.kind !== 'municipality' && !a.placeholder);
  const districts = areas.filter((a) => a.kind === 'district');
  const neighbourhoods = areas.filter((a) => a.kind === 'neighbourhood');
  const names = new Map(areas.map((a) => [a.code, areaLabel(a)]));
  return {
    choices: [...districts, ...neighbourhoods].map((a) => ({ code: a.code, label: areaLabel(a), kind: a.kind as 'district' | 'neighbourhood' })),
    names,
    codesOf(code) {
      if (neighbourhoods.some((n) => n.code === code)) return [code];
      if (districts.some((d) => d.code === code)) return neighbourhoods.filter((n) => n.parentCode === code).map((n) => n.code);
      return null;
    },
  };
}
