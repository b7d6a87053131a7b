import type { Db } from '../../platform/db/connect.js';
import type { Tenant } from '../../platform/tenancy.js';
import { classBreaks, classOf, type ClassingMethod } from '../../platform/ui/choropleth.js';
import { areasOfMunicipality, yearsOfMunicipality, type Area } from '../areas/index.js';
import { indicatorAcrossAreas } from './area-statistics.js';
import type { Indicator, StatValue } from './model.js';
import { catalogueFor } from './service.js';

/**
 * What the indicator map shows, for the page and the GeoJSON alike: one indicator of the
 * municipality's neighbourhoods or districts in a year, on the boundaries of that division year
 * when they were imported (otherwise of the municipality's own division year, which the caption
 * names), classed into at most five classes.
 */

export const MAP_LEVELS = ['buurt', 'wijk'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];
export const MAP_CLASSINGS = ['kwantielen', 'natuurlijk'] as const;
export type MapClassing = (typeof MAP_CLASSINGS)[number];
export const CLASSING_METHOD: Record<MapClassing, ClassingMethod> = { kwantielen: 'quantiles', natuurlijk: 'natural-breaks' };
export const MAP_CLASSES = 5;
const KIND_OF_LEVEL = { buurt: 'neighbourhood', wijk: 'district' } as const;

/** Residents: the figure every area has, shown when none is asked for. */
export const DEFAULT_MAP_INDICATOR = 'a_inw';

export interface MapData {
  indicator: Indicator;
  catalogue: Indicator[];
  level: MapLevel;
  /** Null when there are no figures at all. */
  year: number | null;
  years: number[];
  boundaryYear: number | null;
  areas: Array<{ area: Area; value: StatValue }>;
  breaks: number[];
  classes: Array<number | null>;
}

export interface MapRequest {
  indicator?: string;
  year?: number;
  level?: MapLevel;
  classing?: MapClassing;
}

/** Null when the indicator is not in the municipality's catalogue, or the year has no figures. */
export async function mapData(db: Db, tenant: Pick<Tenant, 'id' | 'cbsCode' | 'divisionYear'>, request: MapRequest): Promise<MapData | null> {
  const [catalogue, divisionYears, sets] = await Promise.all([
    catalogueFor(db, tenant.id), yearsOfMunicipality(db, tenant.cbsCode), indicatorAcrossAreas(db, tenant.id, [], DEFAULT_MAP_INDICATOR, undefined),
  ]);
  const indicator = catalogue.find((i) => i.id === (request.indicator ?? DEFAULT_MAP_INDICATOR)) ?? (request.indicator === undefined ? catalogue[0] : undefined);
  if (!indicator) return null;
  const years = sets?.years ?? [];
  const year = request.year ?? years[years.length - 1] ?? null;
  if (request.year !== undefined && !years.includes(request.year)) return null;
  const level = request.level ?? 'buurt';
  const boundaryYear = year !== null && divisionYears.includes(year) ? year
    : divisionYears.includes(tenant.divisionYear) ? tenant.divisionYear : divisionYears[divisionYears.length - 1] ?? null;
  const shapes = boundaryYear === null ? [] : (await areasOfMunicipality(db, tenant.cbsCode, boundaryYear, { geometry: true }))
    .filter((a) => a.kind === KIND_OF_LEVEL[level] && !a.placeholder);
  const values = year === null || shapes.length === 0 ? null : await indicatorAcrossAreas(db, tenant.id, shapes.map((a) => a.code), indicator.id, year);
  const areas = shapes.map((area) => ({ area, value: values?.values.get(area.code) ?? { value: null, unknown: 'missing' as const } }));
  const plain = areas.map((a) => a.value.value);
  const breaks = plain.some((v) => v !== null) ? classBreaks(plain, CLASSING_METHOD[request.classing ?? 'kwantielen'], MAP_CLASSES) : [];
  return { indicator, catalogue, level, year, years, boundaryYear, areas, breaks, classes: plain.map((v) => classOf(breaks, v)) };
}
