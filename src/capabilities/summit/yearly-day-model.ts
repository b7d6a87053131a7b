/**
 * The yearly BuurtTop day across the municipality: pure rules, no I/O.
 *
 * Every year the municipality may name its BuurtTop day (a date and a short text): the day on
 * which neighbourhoods are invited to hold their BuurtTop, or around which they do. Its page lists
 * every neighbourhood's summits of that year, grouped by district, and shows which neighbourhoods
 * have none yet. A neighbourhood counts as having one when it, or its district, has a summit that
 * year that is not cancelled.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_YEARLY_DAY_NOTE = 300;

/** A year as it stands in an address (four digits, within what we plan for), or null. */
export function yearOf(value: string): number | null {
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

export interface AreaLike {
  code: string;
  kind: string;
  name: string | null;
  parentCode: string | null;
}

export interface SummitLike {
  areaCode: string;
  startsAt: string;
  status: string;
}

export interface NeighbourhoodRow<S> {
  code: string;
  name: string;
  summits: S[];
  /** Its own summit or its district's, not cancelled. */
  covered: boolean;
  /** Covered only by its district's summit. */
  viaDistrict: boolean;
}

export interface DistrictGroup<S> {
  /** Null for neighbourhoods directly under the municipality. */
  code: string | null;
  name: string | null;
  /** Summits of the district as a whole. */
  summits: S[];
  neighbourhoods: Array<NeighbourhoodRow<S>>;
}

export interface YearOverview<S> {
  districts: Array<DistrictGroup<S>>;
  /** Summits of areas not in this division (an older one): listed apart, so none is lost. */
  elsewhere: S[];
  neighbourhoods: number;
  covered: number;
}

const active = (s: SummitLike) => s.status !== 'cancelled';
const byStart = <S extends SummitLike>(a: S, b: S) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0);

/** The summits of a year by district and neighbourhood (`summits` already of that year), districts and neighbourhoods by code. */
export function yearOverview<S extends SummitLike>(areas: readonly AreaLike[], summits: readonly S[]): YearOverview<S> {
  const ofArea = (code: string) => summits.filter((s) => s.areaCode === code).sort(byStart);
  const districts = areas.filter((a) => a.kind === 'district').sort((a, b) => (a.code < b.code ? -1 : 1));
  const neighbourhoods = areas.filter((a) => a.kind === 'neighbourhood').sort((a, b) => (a.code < b.code ? -1 : 1));
  const districtCodes = new Set(districts.map((d) => d.code));
  const row = (n: AreaLike, districtSummits: readonly S[]): NeighbourhoodRow<S> => {
    const own = ofArea(n.code);
    const ownActive = own.some(active);
    const viaDistrict = !ownActive && districtSummits.some(active);
    return { code: n.code, name: n.name ?? n.code, summits: own, covered: ownActive || viaDistrict, viaDistrict };
  };
  const groups: Array<DistrictGroup<S>> = districts.map((d) => {
    const summitsOfDistrict = ofArea(d.code);
    return { code: d.code, name: d.name ?? d.code, summits: summitsOfDistrict, neighbourhoods: neighbourhoods.filter((n) => n.parentCode === d.code).map((n) => row(n, summitsOfDistrict)) };
  });
  const loose = neighbourhoods.filter((n) => !n.parentCode || !districtCodes.has(n.parentCode));
  if (loose.length) groups.push({ code: null, name: null, summits: [], neighbourhoods: loose.map((n) => row(n, [])) });
  const known = new Set([...districts, ...neighbourhoods].map((a) => a.code));
  const rows = groups.flatMap((g) => g.neighbourhoods);
  return { districts: groups, elsewhere: summits.filter((s) => !known.has(s.areaCode)).sort(byStart), neighbourhoods: rows.length, covered: rows.filter((r) => r.covered).length };
}

/**
 * The date a new summit is proposed: the first BuurtTop day from `today` on (the day of this year
 * if it is still to come, else a later year's), or null when none is set.
 */
export function proposedDate(days: ReadonlyArray<{ year: number; date: string }>, today: string): string | null {
  return [...days].sort((a, b) => (a.date < b.date ? -1 : 1)).find((d) => d.date >= today)?.date ?? null;
}
